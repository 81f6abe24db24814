/**
 * Dates as feeds write them, to an instant. RFC 822/1123 (with or without the
 * day name, two-digit years, named and military zones, `+0000`, `+00:00`,
 * `GMT+2`, a trailing `(CET)`), W3C-DTF / ISO 8601 (partial dates, no colon
 * in the offset, a space for the `T`), asctime, and, last, chrono-node in
 * strict mode for the rest. A date with no zone is read as UTC (as the
 * Universal Feed Parser does): a feed's reader cannot know the publisher's
 * clock, and the machine's own zone would make the answer depend on where
 * the bot runs. Null when no date can be read: unknown stays unknown.
 */
import * as chrono from 'chrono-node';

/** Month names by their first three letters (accents dropped): English, then the ones feeds in other languages put in RFC 822 dates. */
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  // Portuguese, Spanish, Italian, French, German, Dutch
  fev: 2, abr: 4, mai: 5, ago: 8, set: 9, out: 10, dez: 12, ene: 1, dic: 12, gen: 1, mag: 5, giu: 6, lug: 7, ott: 10,
  fév: 2, avr: 4, aoû: 8, aou: 8, déc: 12, mär: 3, mrz: 3, okt: 10, mei: 5, maa: 3,
};

/** The month a word names, or undefined. `juin`/`juil` need four letters. */
function monthOf(word: string): number | undefined {
  const name = word.toLowerCase().replace(/\.$/, '');
  if (name.startsWith('juin')) return 6;
  if (name.startsWith('juil')) return 7;
  const plain = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return MONTHS[name.slice(0, 3)] ?? MONTHS[plain.slice(0, 3)];
}

/** Zone names seen in feeds, in minutes east of UTC. Ambiguous ones take their most common meaning on the web. */
const ZONES: Readonly<Record<string, number>> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0,
  et: -300, ct: -360, mt: -420, pt: -480,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  bst: 60, ist: 330, cet: 60, cest: 120, met: 60, mest: 120, west: 60, eet: 120, eest: 180, msk: 180,
  jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, acst: 570, acdt: 630, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};

/** Reads a feed date; null when there is none or it cannot be read. */
export function parseFeedDate(raw: string | null | undefined): Date | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text.length === 0) return null;
  return isoDate(text) ?? rfc822Date(text) ?? asctimeDate(text) ?? chronoDate(text);
}

/** W3C-DTF and the ISO 8601 forms feeds use: `2004`, `2004-01`, `2004-01-01`, `20040101T120000Z`, `2004-01-01 12:00:00+0100`, `2004/01/01`. */
function isoDate(text: string): Date | null {
  const m =
    /^(\d{4})(?:[-/]?(\d{2})(?:[-/]?(\d{2})(?:(?:T| |T )(\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?)?)?)?$/i.exec(
      text,
    );
  if (!m) return null;
  const [, year, month = '1', day = '1', hour = '0', minute = '0', second = '0', fraction, zone] = m;
  const offset = zone === undefined ? 0 : numericOffset(zone);
  if (offset === null) return null;
  const ms = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  return instant(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), ms, offset);
}

/** RFC 822 and its variants: `Sat, 07 Sep 2002 00:00:01 GMT`, `7 Sep 02 0:00 -0500`, `Sept 7, 2002 00:00 EST`, `Seg, 24 Set 2018 19:42:40 -0300`. */
function rfc822Date(text: string): Date | null {
  // Drop a leading day name (any spelling) and a trailing comment such as `(CET)`.
  const body = text
    .replace(/^[\p{L}]+\.?,?\s*/u, (word) => (/^\p{L}{3}/u.test(word) && monthOf(word.replace(/[.,\s]+$/, '')) !== undefined && !/,/.test(word) ? word : ''))
    .replace(/\s*\([^)]*\)\s*$/, '')
    .trim();
  const dayFirst = /^(\d{1,2})\.?[\s-]+(\p{L}{3,})\.?[\s,-]+(\d{2,4})(.*)$/u.exec(body);
  const monthFirst = dayFirst ? null : /^(\p{L}{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2,4})(.*)$/u.exec(body);
  const parts = dayFirst ? { day: dayFirst[1]!, month: dayFirst[2]!, year: dayFirst[3]!, rest: dayFirst[4]! } : monthFirst ? { day: monthFirst[2]!, month: monthFirst[1]!, year: monthFirst[3]!, rest: monthFirst[4]! } : null;
  if (parts === null) return null;
  const month = monthOf(parts.month);
  if (month === undefined) return null;
  const time = /^[\s,T]*(?:(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(.*)$/.exec(parts.rest);
  if (!time) return null;
  const [, hour = '0', minute = '0', second = '0', zoneText = ''] = time;
  const offset = zoneOffset(zoneText);
  if (offset === null) return null;
  return instant(fullYear(parts.year), month, Number(parts.day), Number(hour), Number(minute), Number(second), 0, offset);
}

/** `Sun Jan  4 16:29:06 PST 2004` and `Sun Jan 4 16:29:06 2004`. */
function asctimeDate(text: string): Date | null {
  const m = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:([A-Za-z]+|[+-]\d{4})\s+)?(\d{4})$/.exec(text);
  if (!m) return null;
  const month = monthOf(m[1]!);
  const offset = zoneOffset(m[6] ?? '');
  if (month === undefined || offset === null) return null;
  return instant(Number(m[7]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5] ?? '0'), 0, offset);
}

/** Anything else a person would read as a date (`June 10th, 2025 at 4pm`, other languages' forms chrono knows), strictly, in UTC. */
function chronoDate(text: string): Date | null {
  const results = chrono.strict.parse(text, { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 'UTC' });
  const first = results[0];
  // The whole text must be the date, with a year: a stray word in a title is not a date.
  if (!first || !first.start.isCertain('year') || first.text.length < text.length * 0.8) return null;
  // A day without a time is that day (chrono would put it at noon).
  const start = first.start;
  const date = start.isCertain('hour') ? start.date() : new Date(Date.UTC(start.get('year')!, start.get('month')! - 1, start.get('day')!));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A zone as RFC 822 writers write it, in minutes east of UTC; '' is UTC; null when it is not a zone. */
function zoneOffset(raw: string): number | null {
  const zone = raw.trim().replace(/\.$/, '');
  if (zone === '') return 0;
  const numeric = numericOffset(zone);
  if (numeric !== null) return numeric;
  const named = /^([A-Za-z]{1,5})(?:\s*([+-]\d{1,2}(?::?\d{2})?))?$/.exec(zone);
  if (!named) return null;
  const name = named[1]!.toLowerCase();
  // RFC 822's one-letter military zones had their signs wrong; RFC 2822 says read them as UTC, and so is
  // a zone name we do not know: the day and hour are still the publisher's.
  const base = ZONES[name] ?? 0;
  if (named[2] === undefined) return base;
  const extra = numericOffset(named[2]);
  return extra === null ? null : base + extra;
}

/** `+0100`, `+01:00`, `-5`, `+05:30`, `Z`, `UTC`, `GMT`; null otherwise. */
function numericOffset(zone: string): number | null {
  if (/^(z|utc|gmt|ut)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  if (Number(m[2]) > 14 || Number(m[3] ?? '0') > 59) return null;
  return m[1] === '-' ? -minutes : minutes;
}

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

function instant(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offsetMinutes: number): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const time = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms) - offsetMinutes * 60_000;
  const check = new Date(Date.UTC(year, month - 1, day));
  // 31 February is not a day.
  if (check.getUTCDate() !== day) return null;
  return Number.isNaN(time) ? null : new Date(time);
}
