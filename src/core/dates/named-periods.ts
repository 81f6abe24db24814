/**
 * Named periods news dates by, as TimeML annotators place them: seasons
 * ("last fall", "this summer", "the summer of 1998": three months), decades
 * ("the 1990s"), quarters without a year ("the third quarter"), holidays
 * ("Thanksgiving Day", "Christmas"), the parts of the article's day ("this
 * morning", "at midday"), and the current week and year named with "the"
 * ("the past week", "the end of the year"). Pure calendar decisions from the
 * article's date and the tense.
 */
import { addDays, type CalendarDay, formatPartial, toUtc, weekdayOf } from './calendar.ts';
import { type Modifier, modifierOf, weekOf } from './news-rules.ts';
import type { Tense } from './tense.ts';

/** What one pattern reads: its dates, and whether the year is written in it. */
export interface PeriodReading {
  readonly start: string;
  readonly end: string | null;
  readonly yearInText: boolean;
}

export interface PeriodPattern {
  readonly pattern: RegExp;
  /** Which capture group the expression starts at (0: the whole match). */
  readonly group?: number;
  resolve(match: RegExpExecArray, article: CalendarDay | null, tenseAt: (index: number) => Tense): PeriodReading | null;
}

const YEAR = '((?:1[6-9]|20)\\d{2})';

/** First month of each season; winter runs December to February and is named by the year of its January. */
const SEASON_START: Record<string, number> = { spring: 3, summer: 6, fall: 9, autumn: 9, winter: 12 };
const SEASONS = 'spring|summer|fall|autumn|winter';

/** Months counted from year 0: `year * 12 + month - 1`. */
const monthNumber = (year: number, month: number): number => year * 12 + month - 1;

function monthsRange(first: number, length: number): { start: string; end: string } {
  const iso = (n: number) => formatPartial({ year: Math.floor(n / 12), month: (n % 12) + 1, day: 1 }, 'month');
  return { start: iso(first), end: iso(first + length - 1) };
}

/** The first month of the season `name` named by `year`. */
function seasonStart(name: string, year: number): number {
  const month = SEASON_START[name.toLowerCase()]!;
  return month === 12 ? monthNumber(year - 1, 12) : monthNumber(year, month);
}

/**
 * Which season `name` the words mean, as its first month. `last`: the latest
 * that ended before the article's month; `next`: the first that starts after
 * it; `this` (or the present): the one whose middle is nearest the article;
 * bare in the past tense the latest already begun, in the future the first
 * not yet over.
 */
function seasonOf(name: string, article: CalendarDay, modifier: Modifier, tense: Tense): number {
  const now = monthNumber(article.year, article.month);
  const candidates = [-1, 0, 1, 2].map((shift) => seasonStart(name, article.year + shift));
  if (modifier === 'last') return candidates.filter((s) => s + 2 < now).at(-1)!;
  if (modifier === 'next') return candidates.find((s) => s > now)!;
  if (modifier === null && tense === 'past') return candidates.filter((s) => s <= now).at(-1)!;
  if (modifier === null && tense === 'future') return candidates.find((s) => s + 2 >= now)!;
  return candidates.reduce((best, s) => (Math.abs(s + 1 - now) < Math.abs(best + 1 - now) ? s : best));
}

/** Western Easter Sunday (the anonymous Gregorian computus). */
function easter(year: number): CalendarDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - Math.floor(b / 4) - g + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  return { year, month: Math.floor((h + l - 7 * m + 114) / 31), day: ((h + l - 7 * m + 114) % 31) + 1 };
}

/** The `n`th `weekday` (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): CalendarDay {
  const first = { year, month, day: 1 };
  return addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1));
}

/** Holidays whose day is the same wherever the news is from (and Thanksgiving, which news means as the U.S. one). */
const HOLIDAYS: readonly [RegExp, (year: number) => CalendarDay][] = [
  [/^Christmas\s+Eve$/i, (year) => ({ year, month: 12, day: 24 })],
  [/^Christmas(?:\s+Day)?$/i, (year) => ({ year, month: 12, day: 25 })],
  [/^Boxing\s+Day$/i, (year) => ({ year, month: 12, day: 26 })],
  [/^New\s+Year's\s+Eve$/i, (year) => ({ year, month: 12, day: 31 })],
  [/^New\s+Year's(?:\s+Day)?$/i, (year) => ({ year, month: 1, day: 1 })],
  [/^Valentine's\s+Day$/i, (year) => ({ year, month: 2, day: 14 })],
  [/^Halloween$/i, (year) => ({ year, month: 10, day: 31 })],
  [/^Easter(?:\s+Sunday)?$/i, easter],
  [/^Thanksgiving(?:\s+Day)?$/i, (year) => nthWeekday(year, 11, 4, 4)],
];
const HOLIDAY_NAMES = "Christmas\\s+Eve|Christmas(?:\\s+Day)?|Boxing\\s+Day|New\\s+Year's\\s+(?:Eve|Day)|Valentine's\\s+Day|Halloween|Easter(?:\\s+Sunday)?|Thanksgiving(?:\\s+Day)?";

function holiday(name: string, year: number): CalendarDay {
  const folded = name.replace(/[’]/g, "'");
  return HOLIDAYS.find(([pattern]) => pattern.test(folded))![1](year);
}

const QUARTERS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

const articleDay = (article: CalendarDay): PeriodReading => ({ start: formatPartial(article, 'day'), end: null, yearInText: false });

/** The article's own year, month or quarter. */
function articlePeriod(article: CalendarDay, unit: string): PeriodReading {
  if (unit === 'quarter') return { ...monthsRange(monthNumber(article.year, Math.floor((article.month - 1) / 3) * 3 + 1), 3), yearInText: false };
  return { start: formatPartial(article, unit === 'year' ? 'year' : 'month'), end: null, yearInText: false };
}

/** What any of the patterns below needs in a sentence: most sentences have none, and skip them all. */
export const PERIOD_CUE = /spring|summer|fall|autumn|winter|\d0'?s\b|quarter|half|Christmas|Easter|Boxing|New\s+Year|Valentine|Halloween|Thanksgiving|morning|afternoon|evening|midday|noon|week|century|\b(?:year|month|quarter)[-\s]end\b|\b(?:end|beginning|start|middle|rest)\s+of\b/i;

export const PERIOD_PATTERNS: readonly PeriodPattern[] = [
  {
    pattern: new RegExp(`\\b(${SEASONS})\\s+(?:of\\s+)?${YEAR}\\b`, 'gi'),
    resolve(match) {
      return { ...monthsRange(seasonStart(match[1]!, Number(match[2])), 3), yearInText: true };
    },
  },
  {
    pattern: new RegExp(`\\b(?:(last|past|this|next|coming)\\s+|(?:in|during|over|by|until|through|since|before|after)\\s+(?:the\\s+)?(?:early\\s+|late\\s+)?)(${SEASONS})\\b(?!\\s+(?:of\\s+)?\\d)`, 'gi'),
    group: 0,
    resolve(match, article, tenseAt) {
      if (article === null) return null;
      const start = seasonOf(match[2]!, article, modifierOf(match[1]), tenseAt(match.index));
      return { ...monthsRange(start, 3), yearInText: false };
    },
  },
  {
    // "the 1990s", "the mid-1990s", "the '90s" (the latest such decade by the article's date).
    pattern: /\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:((?:1[6-9]|20)\d)0|'(\d)0)'?s\b/gi,
    resolve(match, article) {
      let decade: number;
      if (match[1] !== undefined) decade = Number(match[1]);
      else if (article !== null) {
        decade = Math.floor(article.year / 100) * 10 + Number(match[2]);
        if (decade * 10 > article.year) decade -= 10;
      } else return null;
      return { start: String(decade * 10), end: String(decade * 10 + 9), yearInText: match[1] !== undefined };
    },
  },
  {
    // A quarter without its year: the latest such begun by the article's date, or in the future the first not yet over.
    pattern: /\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b(?!\s+(?:of\s+)?(?:\d|fiscal))/gi,
    resolve(match, article, tenseAt) {
      if (article === null) return null;
      const n = QUARTERS[match[1]!.toLowerCase()]!;
      const current = Math.ceil(article.month / 3);
      const year = tenseAt(match.index) === 'future' ? (n >= current ? article.year : article.year + 1) : n <= current ? article.year : article.year - 1;
      return { ...monthsRange(monthNumber(year, n * 3 - 2), 3), yearInText: false };
    },
  },
  {
    pattern: new RegExp(`\\b(first|second)\\s+half\\s+(?:of\\s+)?${YEAR}\\b`, 'gi'),
    resolve(match) {
      return { ...monthsRange(monthNumber(Number(match[2]), match[1]!.toLowerCase() === 'first' ? 1 : 7), 6), yearInText: true };
    },
  },
  {
    // A half without its year, as a quarter without one.
    pattern: /\bthe\s+(first|second)\s+half\b(?!\s+(?:of\s+)?(?:\d|fiscal|the|this|next|last|[A-Z]))/gi,
    resolve(match, article, tenseAt) {
      if (article === null) return null;
      const n = match[1]!.toLowerCase() === 'first' ? 1 : 2;
      const current = article.month <= 6 ? 1 : 2;
      const year = tenseAt(match.index) === 'future' ? (n >= current ? article.year : article.year + 1) : n <= current ? article.year : article.year - 1;
      return { ...monthsRange(monthNumber(year, n * 6 - 5), 6), yearInText: false };
    },
  },
  {
    pattern: /\b(last|this|next)\s+quarter\b/gi,
    resolve(match, article) {
      if (article === null) return null;
      const shift = { last: -1, this: 0, next: 1 }[match[1]!.toLowerCase() as 'last' | 'this' | 'next'];
      const first = monthNumber(article.year, Math.floor((article.month - 1) / 3) * 3 + 1) + 3 * shift;
      return { ...monthsRange(first, 3), yearInText: false };
    },
  },
  {
    // Not "Easter week", "Christmas season": longer than the day.
    pattern: new RegExp(`\\b(${HOLIDAY_NAMES})(?:\\s+(?:of\\s+)?${YEAR}\\b)?(?!\\s+(?:week|season|holidays?|period|break|recess)\\b)`, 'g'),
    resolve(match, article, tenseAt) {
      if (match[2] !== undefined) return { start: formatPartial(holiday(match[1]!, Number(match[2])), 'day'), end: null, yearInText: true };
      if (article === null) return null;
      const now = toUtc(article);
      const before = [article.year + 1, article.year, article.year - 1].map((y) => holiday(match[1]!, y)).find((d) => toUtc(d) <= now)!;
      const after = [article.year - 1, article.year, article.year + 1].map((y) => holiday(match[1]!, y)).find((d) => toUtc(d) >= now)!;
      const tense = tenseAt(match.index);
      const day = tense === 'past' ? before : tense === 'future' ? after : now - toUtc(before) <= toUtc(after) - now ? before : after;
      return { start: formatPartial(day, 'day'), end: null, yearInText: false };
    },
  },
  {
    // The article's own day, by its parts: "this morning", "at midday" (not "at noon Tuesday": that names its day).
    pattern: /\b(?:this\s+(?:morning|afternoon|evening)|(?:at|by|around|until|before|after)\s+(?:midday|noon))\b(?!\s+(?:on\s+)?(?:[A-Z]|today|tomorrow|yesterday))/g,
    resolve(_match, article) {
      return article === null ? null : articleDay(article);
    },
  },
  {
    // "the past week" is the seven days up to the article: TimeML gives it the article's own week.
    pattern: /\b(?:the|this)\s+(?:last|past)\s+week\b/gi,
    resolve(_match, article) {
      if (article === null) return null;
      const week = weekOf(article, 'this');
      return { start: formatPartial(week.start, 'day'), end: formatPartial(week.end, 'day'), yearInText: false };
    },
  },
  {
    pattern: /\b(?:end|beginning|start|middle|rest)\s+of\s+(?:the|this)\s+(year|month|quarter)\b/gi,
    resolve(match, article) {
      if (article === null) return null;
      return articlePeriod(article, match[1]!.toLowerCase());
    },
  },
  {
    // "by year-end": the article's year (month, quarter).
    pattern: /\b(year|month|quarter)[-\s]end\b/gi,
    resolve(match, article) {
      if (article === null) return null;
      return articlePeriod(article, match[1]!.toLowerCase());
    },
  },
  {
    // "the 19th century": its hundred years.
    pattern: /\bthe\s+(1[5-9]|2[01])(?:st|nd|rd|th)\s+century\b/gi,
    resolve(match) {
      const first = (Number(match[1]) - 1) * 100;
      return { start: String(first), end: String(first + 99), yearInText: true };
    },
  },
];
