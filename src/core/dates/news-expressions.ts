/**
 * Date expressions chrono-node does not read, or reads wrongly for news, found
 * with patterns of our own: weeks ("last week": chrono answers a day), a month
 * with `last`/`next`/`this` ("last May": chrono finds nothing), quarters
 * ("the first quarter of 2025"), years after a preposition ("in 2023") and
 * ranges of years ("from 2023 to 2025"). Each answers its dates, or null when
 * it needs the article's date and there is none.
 */
import { type CalendarDay, formatPartial } from './calendar.ts';
import type { PartialIsoDate } from './event-date.ts';
import { type Modifier, modifierOf, weekOf, yearForMonth } from './news-rules.ts';
import { PERIOD_CUE, PERIOD_PATTERNS } from './named-periods.ts';
import type { Tense } from './tense.ts';

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const YEAR = '((?:19|20)\\d{2})';
const HISTORIC_YEAR = '((?:1[6-9]|20)\\d{2})';
/** Four digits followed by a plural noun count something ("2000 delegates"). */
const NOT_A_COUNT = '(?!\\s+[a-z]+s\\b)';

/** A span of the sentence and the dates it names. */
export interface FoundExpression {
  readonly index: number;
  readonly length: number;
  readonly start: PartialIsoDate;
  readonly end: PartialIsoDate | null;
  /** True when the year is written in the expression itself. */
  readonly yearInText: boolean;
}

interface NewsPattern {
  readonly pattern: RegExp;
  /** Which capture group the expression starts at (0: the whole match). */
  readonly group?: number;
  resolve(match: RegExpExecArray, article: CalendarDay | null, tenseAt: (index: number) => Tense): Omit<FoundExpression, 'index' | 'length'> | null;
}

const QUARTER_WORDS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

function quarter(n: number, year: number): { start: string; end: string } {
  const first = (n - 1) * 3 + 1;
  return { start: formatPartial({ year, month: first, day: 1 }, 'month'), end: formatPartial({ year, month: first + 2, day: 1 }, 'month') };
}

function months(modifier: Modifier, month: number, article: CalendarDay): string {
  return formatPartial({ year: yearForMonth(month, article, 'past', modifier), month, day: 1 }, 'month');
}

const PATTERNS: readonly NewsPattern[] = [
  {
    pattern: /\b(last|past|this|next|coming)\s+week\b/gi,
    resolve(match, article) {
      if (article === null) return null;
      const week = weekOf(article, modifierOf(match[1]));
      return { start: formatPartial(week.start, 'day'), end: formatPartial(week.end, 'day'), yearInText: false };
    },
  },
  {
    pattern: new RegExp(`\\b([Ll]ast|[Pp]ast|[Tt]his|[Nn]ext|[Cc]oming)\\s+(${MONTH_NAMES.join('|')})\\b(?!\\s*\\d)`, 'g'),
    resolve(match, article) {
      if (article === null) return null;
      return { start: months(modifierOf(match[1]), MONTH_NAMES.indexOf(match[2]!) + 1, article), end: null, yearInText: false };
    },
  },
  {
    // chrono finds no month after "early", "mid" or "late"; the qualifier itself joins the expression later.
    pattern: new RegExp(`\\b(?:early|mid|late)\\s+(${MONTH_NAMES.join('|')})\\b(?!\\s*\\d)`, 'g'),
    group: 1,
    resolve(match, article, tenseAt) {
      if (article === null) return null;
      const month = MONTH_NAMES.indexOf(match[1]!) + 1;
      const year = yearForMonth(month, article, tenseAt(match.index), null, true);
      return { start: formatPartial({ year, month, day: 1 }, 'month'), end: null, yearInText: false };
    },
  },
  {
    pattern: new RegExp(`\\b(first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter\\s+(?:of\\s+)?${YEAR}\\b`, 'gi'),
    resolve(match) {
      return { ...quarter(QUARTER_WORDS[match[1]!.toLowerCase()]!, Number(match[2])), yearInText: true };
    },
  },
  {
    pattern: new RegExp(`\\bQ([1-4])\\s+(?:of\\s+)?${YEAR}\\b`, 'g'),
    resolve(match) {
      return { ...quarter(Number(match[1]), Number(match[2])), yearInText: true };
    },
  },
  {
    pattern: new RegExp(`\\b(?:from|between)\\s+(${YEAR.slice(1, -1)}\\s*(?:-|to|and|until|till|through)\\s*${YEAR.slice(1, -1)})\\b`, 'gi'),
    group: 1,
    resolve(match) {
      const [first, last] = match[1]!.match(/\d{4}/g)!.map(Number) as [number, number];
      return last > first ? { start: String(first), end: String(last), yearInText: true } : null;
    },
  },
  {
    // "2024-2025", "2024-25" (dashes already folded); not the start of an ISO date ("2024-05-12").
    pattern: new RegExp(`\\b${YEAR}-((?:19|20)?\\d{2})\\b(?![-/.]\\d)`, 'g'),
    resolve(match) {
      const first = Number(match[1]);
      const last = match[2]!.length === 2 ? Math.floor(first / 100) * 100 + Number(match[2]) : Number(match[2]);
      return last > first ? { start: String(first), end: String(last), yearInText: true } : null;
    },
  },
  {
    // "April 24 and 25": chrono reads only the first day.
    pattern: new RegExp(`\\b(${MONTH_NAMES.join('|')})\\s+(\\d{1,2})\\s+and\\s+(\\d{1,2})(?:,?\\s+${YEAR})?\\b(?!\\s*(?:[-/:]|\\d|percent|%))`, 'g'),
    resolve(match, article, tenseAt) {
      const month = MONTH_NAMES.indexOf(match[1]!) + 1;
      const [first, last] = [Number(match[2]), Number(match[3])];
      if (first >= last || last > 31 || (match[4] === undefined && article === null)) return null;
      const year = match[4] === undefined ? yearForMonth(month, article!, tenseAt(match.index), null, true) : Number(match[4]);
      return { start: formatPartial({ year, month, day: first }, 'day'), end: formatPartial({ year, month, day: last }, 'day'), yearInText: match[4] !== undefined };
    },
  },
  {
    // chrono reads only the second day of "between 10 and 12 June".
    pattern: new RegExp(`\\bbetween\\s+((\\d{1,2})\\s+and\\s+(\\d{1,2})\\s+(${MONTH_NAMES.join('|')})(?:,?\\s+${YEAR})?)\\b`, 'g'),
    group: 1,
    resolve(match, article, tenseAt) {
      const month = MONTH_NAMES.indexOf(match[4]!) + 1;
      const [first, last] = [Number(match[2]), Number(match[3])];
      if (match[5] === undefined && article === null) return null;
      const year = match[5] === undefined ? yearForMonth(month, article!, tenseAt(match.index), null, true) : Number(match[5]);
      const start = { year, month, day: first };
      const end = { year, month, day: last };
      if (first >= last || last > 31) return null;
      return { start: formatPartial(start, 'day'), end: formatPartial(end, 'day'), yearInText: match[5] !== undefined };
    },
  },
  {
    // "in 1898" too (history is cited): only after words that lead a year more than an amount ("rose by 1851"); "in 2000 cases" is a count.
    pattern: new RegExp(`\\b(?:in|since|until|till|during|from|(?:back|dating|dates|dated)\\s+to)\\s+${HISTORIC_YEAR}\\b(?![-/.,]\\d)${NOT_A_COUNT}`, 'gi'),
    group: 1,
    resolve(match) {
      return { start: match[1]!, end: null, yearInText: true };
    },
  },
  {
    pattern: new RegExp(`\\b(?:by|before|after|throughout|of|for|early|late|mid)\\s+${YEAR}\\b(?![-/.,]\\d)${NOT_A_COUNT}`, 'gi'),
    group: 1,
    resolve(match) {
      return { start: match[1]!, end: null, yearInText: true };
    },
  },
  {
    // A year naming what follows it: "the 1996 Olympic bombing", "a 1996 law"; "the 2000 delegates" is a count.
    pattern: new RegExp(`\\b(?:the|a|an|its|his|her|their|this|that)\\s+${YEAR}\\b(?![-/.,]\\d)${NOT_A_COUNT}(?=\\s+[A-Za-z])`, 'gi'),
    group: 1,
    resolve(match) {
      return { start: match[1]!, end: null, yearInText: true };
    },
  },
  {
    // "the year 2000"; and a year listed after another ("in 1990 and 1991", "in 1996, 1997 or 1998").
    pattern: new RegExp(`(?:\\bthe\\s+year\\s+|(?<=\\b(?:1[6-9]|20)\\d{2}(?:,\\s*|\\s+(?:and|or)\\s+|,\\s+(?:and|or)\\s+)))${HISTORIC_YEAR}\\b(?![-/.,]\\d)${NOT_A_COUNT}`, 'gi'),
    group: 1,
    resolve(match) {
      return { start: match[1]!, end: null, yearInText: true };
    },
  },
];

/**
 * The expressions of `text` our patterns find, longest first where they
 * overlap. `text` has its dashes already folded to `-`.
 */
export function findNewsExpressions(text: string, article: CalendarDay | null, tenseAt: (index: number) => Tense): FoundExpression[] {
  const candidates: FoundExpression[] = [];
  for (const { pattern, group = 0, resolve } of PERIOD_CUE.test(text) ? [...PATTERNS, ...PERIOD_PATTERNS] : PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const resolved = resolve(match as RegExpExecArray, article, tenseAt);
      if (resolved === null) continue;
      const part = match[group]!;
      const index = match.index + match[0].indexOf(part);
      candidates.push({ index, length: part.length, ...resolved });
    }
  }
  candidates.sort((a, b) => b.length - a.length || a.index - b.index);
  const kept: FoundExpression[] = [];
  for (const candidate of candidates) {
    if (!kept.some((other) => overlaps(other, candidate))) kept.push(candidate);
  }
  return kept;
}

/** True when two spans share a character. */
export function overlaps(a: { index: number; length: number }, b: { index: number; length: number }): boolean {
  return a.index < b.index + b.length && b.index < a.index + a.length;
}
