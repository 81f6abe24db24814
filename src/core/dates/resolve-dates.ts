/**
 * Resolves the date expressions of one sentence to the calendar, relative to
 * its article's date, the way news is read (README "Timelines and event
 * dates"; news-rules.ts names the rules' sources): chrono-node finds
 * and reads the expressions, news-rules.ts corrects it where news differs
 * (weekdays and year-less months follow the tense, tense.ts), and
 * news-expressions.ts reads what chrono cannot (weeks, "last May", quarters,
 * "in 2023"). Nothing is invented: an expression that cannot be placed, or a
 * relative one in an article without a date, gives no EventDate.
 */
// The English locale only: the package's main entry loads every locale, at each start of the corpus worker, for
// far more than this one costs (BENCHMARKS.md, "Figures behind design choices").
import { casual as chronoCasual } from 'chrono-node/en';
import type * as chrono from 'chrono-node';
import { addDays, type CalendarDay, formatPartial, parseIsoDay, type Precision, weekdayOf } from './calendar.ts';
import type { EventDate, PartialIsoDate } from './event-date.ts';
import { type FoundExpression, findNewsExpressions, MONTH_NAMES, overlaps } from './news-expressions.ts';
import { findNarrativeExpressions, type NarrativeAnchor } from './narrative-dates.ts';
import { modifierOf, resolveWeekday, yearForMonth } from './news-rules.ts';
import { tenseAt } from './tense.ts';

/**
 * Bump when a change here or in the news rules resolves any sentence
 * differently: saved indexes keep the dates they resolved (persisted-index.ts)
 * and are refused when this differs, so no stale date is served.
 */
export const DATES_VERSION = 3;

/** The article facts a sentence's dates are resolved against. */
export interface DateContext {
  /** The article's date, `YYYY-MM-DD`, or null when unknown (then only dates whose year is written resolve). */
  readonly articleDate: string | null;
  /** True when the article's date is editorial: dates worked out from it are `derived`. */
  readonly articleDateEditorial: boolean;
}

/**
 * chrono's English parsers without the time-of-day ones (news dates are days,
 * and "from 3 May" read as 3 o'clock loses the day: "from 3 May to 5 May") and
 * without "a day after" / "within a week": those count from a date the
 * narrative names, not from the article's, so they cannot be placed.
 */
const TIME_PARSERS = new Set(['ENTimeExpressionParser', 'ENCasualTimeParser', 'ENTimeUnitLaterFormatParser', 'ENTimeUnitWithinFormatParser']);
const newsChrono = (() => {
  const parser = chronoCasual.clone();
  parser.parsers = parser.parsers.filter((p) => !TIME_PARSERS.has(p.constructor.name));
  return parser;
})();

/** Any dash folded to `-`, one character for one, so offsets stay (chrono's range pattern knows only `-`). */
const DASHES = /[\u2010-\u2015\u2212]/g;
/** chrono keeps a following comma or space in its text ("on Monday,"). */
const TRAILING = /[\s,;:.]+$/;
const WRITTEN_YEAR = /\b(?:19|20)\d{2}\b/;
/**
 * Words before an expression that qualify it and stay in it ("early next
 * year", "until 31 July"): the date keeps the precision of what they qualify
 * (a year stays a year), and the words stay visible to whoever quotes it.
 */
const QUALIFIER = /\b(?:early|earlier|late|later|mid|the\s+(?:end|beginning|start|middle)\s+of|end\s+of|until|till|since|by)\s+$/i;
/** Month names that are also common words ("may", "march"): alone they count only after one of these words. */
const AMBIGUOUS_MONTHS = new Set(['May', 'March', 'August']);
const MONTH_LEAD_WORD = /\b(?:in|of|since|by|until|till|before|after|during|from|through|to|and|or|early|late|mid|end|between|last|next|this)\s+$/i;
/**
 * Chrono results that are no date of an event: "24/7", "now", weeks (ours
 * are read by news-expressions.ts), and dates counted from a moment the
 * narrative names ("the day before", "a week later"), not from the article.
 */
const NOT_A_DATE = /^(?:\d{1,2}\/\d{1,2}|now|right now)$|\bweeks?\b|\bweekends?\b|\b(?:before|after|later|earlier)$/i;
/**
 * Durations chrono reads as the day they end on: "the past two months", "the
 * last three years", "after three days", "within a year", "for two weeks".
 */
const DURATION = /^(?:(?:the\s+)?(?:last|past|next|coming|previous|following|first)\s+(?:\d+|a\s+few|few|several|many|couple(?:\s+of)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)|(?:after|within|for|over|in|during)\s+(?:(?:the|a|an|\d+|few|several|many|couple|of|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)+)\s*(?:days?|weeks?|months?|years?|decades?)$/i;
/** Weekday abbreviations in lower case are words ("as they sat"), not days. */
const LOWER_CASE_WEEKDAY = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?$/;
/** "the end of this month" is in that month, not on its last day. */
const END_OF = /^(?:the\s+)?end\s+of\b/i;
/** Years outside these are taken for numbers misread as years. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2099;
/** Reference for an article without a date: only results whose year is written survive, so its value never shows. */
const NO_REFERENCE = new Date(Date.UTC(2000, 0, 1, 12));

/**
 * Every date expression of `sentence`, in order of appearance. `previous` is
 * the last date of the sentences before it in the article, which "the next
 * day" or "later that year" count from when the sentence names no date first.
 */
export function resolveEventDates(sentence: string, context: DateContext, previous: NarrativeAnchor | null = null): EventDate[] {
  const text = sentence.replace(DASHES, '-').replace(/\bmid-(?=[A-Z\d])/g, 'mid ');
  const article = context.articleDate === null ? null : parseIsoDay(context.articleDate);
  const found = findNewsExpressions(text, article, (index) => tenseAt(text, index));
  const reference = article === null ? NO_REFERENCE : new Date(Date.UTC(article.year, article.month - 1, article.day, 12));
  for (const result of newsChrono.parse(text, { instant: reference, timezone: 0 })) {
    const span = { index: result.index, length: result.text.replace(TRAILING, '').length };
    if (found.some((other) => overlaps(other, span))) continue;
    const read = readChronoResult(text, result, article);
    if (read !== null) found.push(read);
  }
  found.sort((a, b) => a.index - b.index);
  const narrative = findNarrativeExpressions(text, found, previous);
  const kept = found.filter((f) => !narrative.some((n) => overlaps(n, f)));
  for (const n of narrative) if (n.placed !== null) kept.push({ index: n.index, length: n.length, ...n.placed });
  return kept
    .sort((a, b) => a.index - b.index)
    .map((expression) => toEventDate(sentence, text, expression, context));
}

function toEventDate(sentence: string, text: string, found: FoundExpression, context: DateContext): EventDate {
  let index = found.index;
  for (let qualifier = QUALIFIER.exec(text.slice(0, index)); qualifier !== null; qualifier = QUALIFIER.exec(text.slice(0, index))) {
    index = qualifier.index;
  }
  const anchor = found.yearInText ? 'text' : 'article-date';
  return {
    expression: sentence.slice(index, found.index + found.length),
    index,
    start: found.start,
    end: found.end,
    anchor,
    derived: anchor === 'article-date' && context.articleDateEditorial,
  };
}

type ChronoComponents = chrono.ParsedResult['start'];

function precisionOf(components: ChronoComponents): Precision | null {
  if (components.isCertain('day')) return 'day';
  if (components.isCertain('month')) return 'month';
  if (components.isCertain('year')) return 'year';
  return null;
}

/** chrono's reading with the news rules applied; null when it is no event date or cannot be placed. */
function readChronoResult(text: string, result: chrono.ParsedResult, article: CalendarDay | null): FoundExpression | null {
  const written = result.text.replace(TRAILING, '');
  // A reading that stops inside a word ("after a w" of "after a weights") is no expression.
  if (/\p{L}/u.test(text.charAt(result.index + written.length))) return null;
  if (NOT_A_DATE.test(written) || DURATION.test(written) || LOWER_CASE_WEEKDAY.test(written)) return null;
  // "over the past year", "in the last month": the span up to the article, a duration; "last year" alone is the year.
  if (/^(?:past|last)\s+(?:year|month|decade|century)$/i.test(written) && /\bthe\s+$/i.test(text.slice(0, result.index))) return null;
  const yearInText = WRITTEN_YEAR.test(result.text);
  if (!yearInText && article === null) return null;
  const tense = tenseAt(text, result.index, result.text.length);
  const base = { index: result.index, length: result.text.replace(TRAILING, '').length, yearInText };
  const { start } = result;
  const precision = precisionOf(start);
  if (precision === null) {
    if (!start.isCertain('weekday') || article === null) return null;
    const modifier = modifierOf(/^\w+/.exec(result.text)?.[0]);
    const day = resolveWeekday(start.get('weekday')!, article, tense, modifier);
    const end = result.end == null ? null : endOf(result.end, day, 'day');
    const startIso = formatPartial(day, 'day');
    return { ...base, start: startIso, end: end === startIso ? null : end };
  }
  if (precision === 'month' && !yearInText && !isMonthNamed(text, result)) return null;
  const precise = precision === 'day' && END_OF.test(result.text) ? 'month' : precision;
  const startDay = placed(start, precise, article, tense);
  const end = result.end == null ? null : endOf(result.end, startDay, precise);
  // A year chrono reads from digits that are no year ("1021 september"); this corpus reports nothing that old or far.
  if (startDay.year < MIN_YEAR || startDay.year > MAX_YEAR) return null;
  const startIso = formatPartial(startDay, precise);
  return { ...base, start: startIso, end: end === startIso ? null : end };
}

/**
 * A month standing alone counts only when written as a month is: a capital
 * and its full name, and for "May", "March" and "August" a word before it that
 * leads a date ("in May", "last March"), so "may" and "the March" stay words.
 */
function isMonthNamed(text: string, result: chrono.ParsedResult): boolean {
  const name = result.text.replace(TRAILING, '').trim();
  if (!/^[A-Za-z]+\.?$/.test(name) || /^(?:this|next|last|past|coming)\b/i.test(name)) return true;
  if (!MONTH_NAMES.includes(name)) return false;
  return !AMBIGUOUS_MONTHS.has(name) || MONTH_LEAD_WORD.test(text.slice(0, result.index));
}

/** The calendar day chrono's components name, the year chosen by the news rule when the text has none. */
function placed(components: ChronoComponents, precision: Precision, article: CalendarDay | null, tense: ReturnType<typeof tenseAt>): CalendarDay {
  const month = components.get('month') ?? 1;
  const year = components.isCertain('year') || article === null ? components.get('year')! : yearForMonth(month, article, tense, null, precision === 'day');
  return { year, month: precision === 'year' ? 1 : month, day: precision === 'day' ? components.get('day')! : 1 };
}

/**
 * The end of a range, in the start's year unless written, the year after when
 * it would come first; a weekday ("Monday to Wednesday") is the first such day
 * from the start on.
 */
function endOf(components: ChronoComponents, start: CalendarDay, startPrecision: Precision): PartialIsoDate | null {
  const precision = precisionOf(components);
  if (precision === null) {
    if (!components.isCertain('weekday') || startPrecision !== 'day') return null;
    const forward = (components.get('weekday')! - weekdayOf(start) + 7) % 7;
    return formatPartial(addDays(start, forward), 'day');
  }
  const month = components.get('month') ?? start.month;
  let year = components.isCertain('year') ? components.get('year')! : start.year;
  const day = precision === 'day' ? components.get('day')! : 1;
  if (!components.isCertain('year') && (month < start.month || (month === start.month && day < start.day))) year += 1;
  return formatPartial({ year, month, day }, precision);
}
