/**
 * How news is read where chrono-node reads otherwise (chrono-node takes the
 * nearest weekday either way, `src/calculation/weekdays.ts`
 * `getDaysToWeekdayClosest`, and the year closest to the reference,
 * `findYearClosestToRef`: https://github.com/wanasit/chrono), after
 * HeidelTime's news rules (`HeidelTime.java`, `ContextAnalyzer.getLastTense`:
 * https://github.com/HeidelTime/heideltime). README "Timelines and event
 * dates" states them. Pure calendar decisions: the caller says what the
 * text holds (a weekday, a month, a modifier) and the tense it is read in.
 */
import { addDays, type CalendarDay, weekdayOf } from './calendar.ts';
import type { Tense } from './tense.ts';

/** What the words before a weekday or month say: `last`, `next`, `this`, or nothing. */
export type Modifier = 'last' | 'next' | 'this' | null;

/** `last`/`past` → last, `next`/`coming` → next, `this` → this. */
export function modifierOf(word: string | undefined): Modifier {
  switch (word?.toLowerCase()) {
    case 'last':
    case 'past':
      return 'last';
    case 'next':
    case 'coming':
      return 'next';
    case 'this':
      return 'this';
    default:
      return null;
  }
}

/**
 * The day a weekday names. Bare (or `this`): in the past or present tense the
 * most recent such day on or before the article date (the article's own weekday is that
 * day), in the future tense the first such day after it. `last`: strictly
 * before; `next`: strictly after.
 */
export function resolveWeekday(weekday: number, article: CalendarDay, tense: Tense, modifier: Modifier): CalendarDay {
  const back = (weekdayOf(article) - weekday + 7) % 7;
  const forward = (weekday - weekdayOf(article) + 7) % 7;
  if (modifier === 'last') return addDays(article, -(back === 0 ? 7 : back));
  if (modifier === 'next' || tense === 'future') return addDays(article, forward === 0 ? 7 : forward);
  return addDays(article, -back);
}

/**
 * The year of a month written without one. Bare: HeidelTime's rule, the
 * article's year unless the past tense names a later month (then the year
 * before; for an `appointment`, a day or "early March", a month later than
 * the next) or the future tense an earlier one (then the year
 * after); in the present, the nearest such month ("runs until 31 July").
 * `last`:
 * the most recent such month before the article's; `next`: the first after it;
 * `this`: the article's year.
 */
export function yearForMonth(month: number, article: CalendarDay, tense: Tense, modifier: Modifier = null, appointment = false): number {
  if (modifier === 'last') return month < article.month ? article.year : article.year - 1;
  if (modifier === 'next') return month > article.month ? article.year : article.year + 1;
  if (modifier === 'this') return article.year;
  // An appointment in the month just after the article's (a day, or "early March"), even in a past-tense sentence, is nearly always ahead ("invited them to a ceremony on March 12" in February); a bare month is not ("was elected in November").
  if (tense === 'past' && month > article.month + (appointment ? 1 : 0)) return article.year - 1;
  if (tense === 'future' && month < article.month) return article.year + 1;
  if (tense === 'present') return closestYear(month, article);
  return article.year;
}

/** The year whose `month` is nearest the article's month (the article's year on a tie): no tense to go by. */
function closestYear(month: number, article: CalendarDay): number {
  const shift = month - article.month;
  if (shift > 6) return article.year - 1;
  if (shift < -6) return article.year + 1;
  return article.year;
}

/**
 * A week, as the contract has no week precision: the range of its days, Monday
 * to Sunday (ISO 8601 weeks). `last`/`next` are the weeks before and after the
 * article's; `this` (or none) is the article's own week.
 */
export function weekOf(article: CalendarDay, modifier: Modifier): { start: CalendarDay; end: CalendarDay } {
  const shift = modifier === 'last' ? -7 : modifier === 'next' ? 7 : 0;
  const monday = addDays(article, -((weekdayOf(article) + 6) % 7) + shift);
  return { start: monday, end: addDays(monday, 6) };
}
