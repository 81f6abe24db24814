/**
 * Bytes to text with the right character set: a byte-order mark first, then
 * the HTTP `charset`, then what the document declares (`<meta charset>`,
 * `<?xml encoding?>`), else UTF-8. An unknown label falls back to UTF-8 with
 * replacement characters rather than failing: a mis-declared page still
 * yields its words.
 */

/** How far into a document a charset declaration is looked for (the HTML spec's prescan reads 1024 bytes). */
const PRESCAN_BYTES = 1024;

export function decodeBody(bytes: Uint8Array, httpCharset: string | null): string {
  const bom = bomCharset(bytes);
  const declared = bom ?? usable(httpCharset) ?? usable(sniffDeclared(bytes)) ?? 'utf-8';
  return new TextDecoder(declared).decode(bytes);
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

function sniffDeclared(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  const match =
    /<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head) ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return match ? match[1]!.toLowerCase() : null;
}

function usable(label: string | null): string | null {
  if (label === null) return null;
  try {
    // A page declaring UTF-16 in ASCII bytes is lying (the HTML spec says read it as UTF-8).
    const encoding = new TextDecoder(label).encoding;
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  } catch {
    return null;
  }
}
