/**
 * A feed's bytes to text. The order is the XML one (a byte-order mark, then
 * the HTTP `charset`, then `<?xml encoding?>`, else UTF-8), with the repairs
 * lenient feed readers make for feeds that declare their character set
 * wrongly:
 * - a declared (or assumed) UTF-8 that is not valid UTF-8 is read as
 *   Windows-1252, the usual truth of such feeds;
 * - ISO-8859-1 is read as Windows-1252 (the WHATWG label mapping), so the
 *   curly quotes of feeds written on Windows survive;
 * - a single-byte charset (named by HTTP or the declaration) over bytes that
 *   are valid, non-ASCII UTF-8 gives way to UTF-8: such bytes are almost
 *   never Latin-1 by accident; a UTF-8 byte-order mark over bytes that are
 *   not UTF-8 gives way the same way as a declaration would;
 * - UTF-16 and UTF-32 without a mark are recognised from `<` written in two or four bytes;
 * - a charset the platform's decoder does not know (UTF-32, some legacy
 *   labels) is decoded by iconv-lite when it knows it.
 */
import iconv from 'iconv-lite';

/** How far into a document the XML declaration is looked for. */
const PRESCAN_BYTES = 1024;

export interface DecodedFeed {
  readonly text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `windows-1252`…). */
  readonly encoding: string;
}

export function decodeFeedBytes(bytes: Uint8Array, httpCharset: string | null): DecodedFeed {
  const mark = byteOrderMark(bytes);
  const body = mark === null ? bytes : bytes.subarray(mark.length);
  if (mark !== null && (mark.encoding !== 'utf-8' || isUtf8(body))) return decoded(body, mark.encoding);
  const wide = mark === null ? wideWithoutMark(bytes) : null;
  if (wide !== null) return decoded(bytes, wide);
  const declared = label(xmlDeclaredEncoding(body));
  const http = label(httpCharset);
  let chosen = http ?? declared ?? 'utf-8';
  // Valid, non-ASCII UTF-8 under a single-byte label: the label is wrong (such bytes are almost never Latin-1 by accident).
  if (chosen !== 'utf-8' && singleByte(chosen) && isNonAsciiUtf8(body)) chosen = 'utf-8';
  if (chosen === 'utf-8' && !isUtf8(body)) chosen = declared !== null && declared !== 'utf-8' ? declared : 'windows-1252';
  return decoded(body, chosen);
}

function decoded(bytes: Uint8Array, encoding: string): DecodedFeed {
  if (!isWhatwg(encoding)) return { text: iconv.decode(Buffer.from(bytes), encoding), encoding };
  const text = new TextDecoder(encoding).decode(bytes);
  // Node's decoder reads windows-1252 as Latin-1 (C1 controls where the curly quotes are): map 0x80-0x9F as the standard does.
  return { text: encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c) : text, encoding };
}

/** Windows-1252 bytes 0x80-0x9F (WHATWG index); the five undefined ones stay as they are. */
const WINDOWS_1252_C1: readonly (string | undefined)[] = [
  '€', undefined, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', undefined, 'Ž', undefined,
  undefined, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', undefined, 'ž', 'Ÿ',
];

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0x00 && bytes[3] === 0x00) return { encoding: 'utf-32le', length: 4 };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

function wideWithoutMark(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0x00 && bytes[3] === 0x3c) return 'utf-32be';
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x00 && bytes[3] === 0x00) return 'utf-32le';
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  return null;
}

function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  // Not only at the very start: a comment or stray white space before the declaration is common in the wild.
  const match = /<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return match ? match[1]! : null;
}

/**
 * The WHATWG name for a charset label, else iconv-lite's name for it, or null
 * when neither knows it. UTF-16 or UTF-32 declared over ASCII-compatible
 * bytes (no mark, no wide `<`) is a lie: UTF-8.
 */
function label(text: string | null): string | null {
  if (text === null) return null;
  const name = text.trim().replace(/^["']|["']$/g, '');
  if (/^(utf|ucs)-?(16|32|2|4)/i.test(name)) return 'utf-8';
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return iconv.encodingExists(name) ? name.toLowerCase() : null;
  }
}

function isWhatwg(encoding: string): boolean {
  try {
    new TextDecoder(encoding);
    return true;
  } catch {
    return false;
  }
}

function singleByte(encoding: string): boolean {
  return encoding.startsWith('windows-') || encoding.startsWith('iso-8859-') || encoding.startsWith('koi8') || encoding === 'macintosh' || encoding === 'ibm866';
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isNonAsciiUtf8(bytes: Uint8Array): boolean {
  return bytes.some((b) => b >= 0x80) && isUtf8(bytes);
}
