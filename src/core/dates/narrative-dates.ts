/**
 * Dates the narrative counts from a date it has just named, not from the
 * article's: "later that year", "the same day", "the next day", "a day
 * earlier", "two years later". Each is placed from the last date before it in
 * the sentence, or else the last date of the sentences before (the
 * narrative's time, as TimeML annotators read it); with none, or one too
 * coarse ("that day" after "in 1998"), it is not placed. "a day after his
 * death" counts from an event, not a date, and stays out.
 */
import { addDays, type CalendarDay, firstDayOf, formatPartial, parseIsoDay, precisionOf } from './calendar.ts';
import type { PartialIsoDate } from './event-date.ts';
import { weekOf } from './news-rules.ts';

/** A date the narrative has named: its dates and whether its year is written. */
export interface NarrativeAnchor {
  readonly start: PartialIsoDate;
  readonly end: PartialIsoDate | null;
  readonly yearInText: boolean;
}

/** A narrative expression's span and, when it could be placed, its dates. */
export interface NarrativeExpression {
  readonly index: number;
  readonly length: number;
  readonly placed: NarrativeAnchor | null;
}

type Unit = 'day' | 'week' | 'month' | 'year';

const NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

function unitOf(word: string): Unit {
  const w = word.toLowerCase().replace(/s$/, '');
  return w === 'morning' || w === 'afternoon' || w === 'evening' || w === 'night' ? 'day' : (w as Unit);
}

/** The anchor's date shifted by `count` units, at the unit's precision; null when the anchor is coarser than the unit. */
function shifted(anchor: NarrativeAnchor, unit: Unit, count: number): { start: string; end: string | null } | null {
  if (anchor.end !== null && anchor.end !== anchor.start) return null;
  const precision = precisionOf(anchor.start);
  const rank = { year: 0, month: 1, day: 2 };
  const needed = unit === 'week' ? 'day' : unit;
  if (rank[precision] < rank[needed]) return null;
  const day: CalendarDay = parseIsoDay(firstDayOf(anchor.start))!;
  if (unit === 'day') return { start: formatPartial(addDays(day, count), 'day'), end: null };
  if (unit === 'week') {
    const week = weekOf(addDays(day, 7 * count), 'this');
    return { start: formatPartial(week.start, 'day'), end: formatPartial(week.end, 'day') };
  }
  if (unit === 'month') {
    const months = day.year * 12 + day.month - 1 + count;
    return { start: formatPartial({ year: Math.floor(months / 12), month: (months % 12) + 1, day: 1 }, 'month'), end: null };
  }
  return { start: formatPartial({ year: day.year + count, month: 1, day: 1 }, 'year'), end: null };
}

/** A word every pattern below needs: most sentences have none. */
const NARRATIVE_CUE = /\b(?:that|same|next|following|previous|preceding|earlier|later|before|after)\b/i;

interface NarrativePattern {
  readonly pattern: RegExp;
  shift(match: RegExpExecArray): { unit: Unit; count: number };
}

const PATTERNS: readonly NarrativePattern[] = [
  {
    pattern: /\b(?:(?:earlier|later)\s+)?(?:that|the\s+same|that\s+same)\s+(day|morning|afternoon|evening|night|week|month|year)\b/gi,
    shift: (m) => ({ unit: unitOf(m[1]!), count: 0 }),
  },
  {
    pattern: /\bthe\s+(next|following|previous|preceding)\s+(day|morning|afternoon|evening|night|week|month|year)\b/gi,
    shift: (m) => ({ unit: unitOf(m[2]!), count: /^(?:next|following)$/i.test(m[1]!) ? 1 : -1 }),
  },
  {
    // Only when nothing follows that it could count from ("a day after his death").
    pattern: /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(days?|weeks?|months?|years?)\s+(?:(earlier|later)\b|(before|after)(?=\s*(?:[,.;:!?)'"]|$)))/gi,
    shift: (m) => ({ unit: unitOf(m[2]!), count: (NUMBERS[m[1]!.toLowerCase()] ?? Number(m[1])) * (/^(?:earlier|before)$/i.test(m[3] ?? m[4]!) ? -1 : 1) }),
  },
  {
    pattern: /\bthe\s+(day|week|month|year)\s+(before|after)(?=\s*(?:[,.;:!?)'"]|$))/gi,
    shift: (m) => ({ unit: unitOf(m[1]!), count: /^before$/i.test(m[2]!) ? -1 : 1 }),
  },
];

/**
 * The narrative expressions of `text`, each placed from the last of `dated`
 * (the sentence's other dates) that ends before it, else from `previous`.
 * Those that cannot be placed are returned too: what other readers make of
 * them ("the next day" as the article's tomorrow) is wrong.
 */
export function findNarrativeExpressions(
  text: string,
  dated: readonly (NarrativeAnchor & { index: number; length: number })[],
  previous: NarrativeAnchor | null,
): NarrativeExpression[] {
  const found: NarrativeExpression[] = [];
  if (!NARRATIVE_CUE.test(text)) return found;
  for (const { pattern, shift } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const span = { index: match.index, length: match[0].length };
      if (found.some((f) => f.index < span.index + span.length && span.index < f.index + f.length)) continue;
      const anchor = dated.filter((d) => d.index + d.length <= span.index).at(-1) ?? previous;
      const { unit, count } = shift(match as RegExpExecArray);
      const dates = anchor === null ? null : shifted(anchor, unit, count);
      found.push({ ...span, placed: dates === null ? null : { ...dates, yearInText: anchor!.yearInText } });
    }
  }
  return found;
}
