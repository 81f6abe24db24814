/**
 * The period a question names ("in December 2023", "last year", "in May
 * 2025"), and whether a date falls in it, so that answers prefer sentences
 * and articles of that period. Dates compare at the precision they have: a
 * month overlaps each of its days, a year each of its months.
 */
import { firstDayOf, lastDayOf } from '../dates/calendar.ts';
import type { EventDate, PartialIsoDate } from '../dates/event-date.ts';

/** An inclusive span of days, `YYYY-MM-DD` at both ends (comparable as strings). */
export interface DaySpan {
  readonly first: string;
  readonly last: string;
}

/** The first and last day a partial date covers: `2025` → 2025-01-01…2025-12-31. */
function span(start: PartialIsoDate, end: PartialIsoDate | null): DaySpan {
  return { first: firstDayOf(start), last: lastDayOf(end ?? start) };
}

/** The days an event date covers. */
export function daySpanOf(date: Pick<EventDate, 'start' | 'end'>): DaySpan {
  return span(date.start, date.end);
}

/** Whether two spans share a day. */
export function overlaps(a: DaySpan, b: DaySpan): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Whether `date` (an article date, `YYYY-MM-DD`, or an event date) falls in any of `periods`. */
export function inPeriod(date: string | Pick<EventDate, 'start' | 'end'> | null, periods: readonly DaySpan[]): boolean {
  if (date === null || periods.length === 0) return false;
  const days = typeof date === 'string' ? span(date, null) : daySpanOf(date);
  return periods.some((p) => overlaps(days, p));
}
