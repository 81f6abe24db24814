/**
 * TimeML 1.2.1 documents (TempEval-3) read for scoring the date resolver: the
 * document creation time, the text of `<TEXT>` with its tags removed, and each
 * TIMEX3 inside it with its offsets in that text, type and value; and TIMEX3
 * values turned into day intervals, the common ground with a resolver that
 * answers days, months, years and ranges of them (../shared/fixtures/timeml/README.md).
 */
import { lastDayOf } from '../src/core/dates/calendar.ts';

export interface Timex {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly type: 'DATE' | 'TIME' | 'DURATION' | 'SET';
  readonly value: string;
}

export interface TimemlDocument {
  readonly id: string;
  /** `YYYY-MM-DD`. */
  readonly dct: string;
  readonly text: string;
  readonly timexes: readonly Timex[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function attribute(tag: string, name: string): string | null {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

export function parseTimeml(id: string, xml: string): TimemlDocument {
  const dctTag = /<DCT>\s*(<TIMEX3[^>]*>)/.exec(xml)?.[1];
  const dct = dctTag === undefined ? null : attribute(dctTag, 'value')?.slice(0, 10);
  if (dct == null || !/^\d{4}-\d{2}-\d{2}$/.test(dct)) throw new Error(`timeml: ${id} has no document creation time`);
  const body = /<TEXT>([\s\S]*)<\/TEXT>/.exec(xml)?.[1];
  if (body === undefined) throw new Error(`timeml: ${id} has no <TEXT>`);
  let text = '';
  const timexes: Timex[] = [];
  let open: { start: number; type: string; value: string } | null = null;
  for (const piece of body.split(/(<[^>]+>)/)) {
    if (piece.startsWith('<')) {
      if (piece.startsWith('<TIMEX3')) open = { start: text.length, type: attribute(piece, 'type') ?? '', value: attribute(piece, 'value') ?? '' };
      else if (piece === '</TIMEX3>' && open !== null) {
        timexes.push({ start: open.start, end: text.length, text: text.slice(open.start), type: open.type as Timex['type'], value: open.value });
        open = null;
      }
      continue;
    }
    text += piece.replace(/&(\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole);
  }
  return { id, dct, text, timexes };
}

/** A closed interval of days, `YYYY-MM-DD` each. */
export interface DayInterval {
  readonly first: string;
  readonly last: string;
}

const SEASONS: Record<string, [number, number]> = { SP: [3, 5], SU: [6, 8], FA: [9, 11] };
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Monday of ISO week `week` of `year`. */
function isoWeekMonday(year: number, week: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
  return new Date(monday.getTime() + (week - 1) * 7 * 86_400_000);
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);

function months(year: string, first: number, last: number): DayInterval {
  return { first: `${year}-${pad(first)}-01`, last: lastDayOf(`${year}-${pad(last)}`) };
}

/**
 * The days a TIMEX3 value covers, or null when it is no calendar date
 * (`PRESENT_REF`, `XXXX-…`, a duration or a set). A time of day is its day.
 */
export function timexInterval(value: string): DayInterval | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4}-\d{2}-\d{2})(?:T.*)?$/.exec(value))) return { first: m[1]!, last: m[1]! };
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) return months(m[1]!, Number(m[2]), Number(m[2]));
  if ((m = /^(\d{4})$/.exec(value))) return { first: `${m[1]}-01-01`, last: `${m[1]}-12-31` };
  if ((m = /^(\d{3})$/.exec(value))) return { first: `${m[1]}0-01-01`, last: `${m[1]}9-12-31` };
  if ((m = /^(\d{2})$/.exec(value))) return { first: `${m[1]}00-01-01`, last: `${m[1]}99-12-31` };
  if ((m = /^(\d{4})-W(\d{2})$/.exec(value))) {
    const monday = isoWeekMonday(Number(m[1]), Number(m[2]));
    return { first: iso(monday), last: iso(new Date(monday.getTime() + 6 * 86_400_000)) };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) return months(m[1]!, Number(m[2]) * 3 - 2, Number(m[2]) * 3);
  if ((m = /^(\d{4})-H([12])$/.exec(value))) return months(m[1]!, Number(m[2]) * 6 - 5, Number(m[2]) * 6);
  if ((m = /^(\d{4})-(SP|SU|FA)$/.exec(value))) return months(m[1]!, ...SEASONS[m[2]!]!);
  return null;
}

/** The days a resolver value covers: `2013-03-22`, `2013-03`, `2013`, or `first/last` of those. */
export function valueInterval(value: string): DayInterval {
  const [a, b = a] = value.split('/') as [string, string?];
  const first = a.length === 4 ? `${a}-01-01` : a.length === 7 ? `${a}-01` : a;
  return { first, last: lastDayOf(b!) };
}
