/**
 * The words for when an answered event happened, shared by the Slack
 * renderers and the terminal CLI so both say the same thing: the date at the
 * precision the text gives ("Monday 12 May 2025", "May 2025", "2025"), the
 * article's date beside it when they differ, and a mark when the date was
 * worked out from an editorial article date.
 */
import { parseIsoDay, weekdayOf } from '../../core/dates/calendar.ts';
import { describeEventDate } from '../../core/dates/describe-event-date.ts';
import type { EventDate } from '../../core/dates/event-date.ts';
import type { Answer } from '../../core/types.ts';
import { describeArticleMeta } from './article-meta.ts';

/** Labels the event's date when the article's differs. */
export const HAPPENED_LABEL = 'happened:';
/** Labels the article's date beside the event's. */
export const REPORTED_LABEL = 'reported:';
/** Follows an event date worked out from an editorial article date (never stated as fact). */
export const DERIVED_DATE_MARK = '(worked out from the editorial article date)';
/** Heads a weak answer: the best the corpus has, not presented as the answer. */
export const CLOSEST_PASSAGE_TEXT = 'The closest passage I found:';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * An event date in words at its precision (describe-event-date.ts, as the
 * timeline says it), a single day with its weekday: `Monday 12 May 2025`,
 * `May 2025`, `26–28 July 2025`. A value that is not a date is shown as written.
 */
export function describeAnsweredDate(date: Pick<EventDate, 'start' | 'end'>): string {
  if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(date.start) || (date.end !== null && !/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(date.end))) {
    return date.end === null ? date.start : `${date.start} – ${date.end}`;
  }
  const words = describeEventDate(date.start, date.end);
  const day = date.end === null || date.end === date.start ? parseIsoDay(date.start) : null;
  return day === null ? words : `${WEEKDAYS[weekdayOf(day)]} ${words}`;
}

/**
 * The line stated above a "when" answer's quote (raw text, not escaped): the
 * event's date, with the article's date labelled beside it when they differ,
 * and marked when derived. Null when the answer states no event date.
 */
export function describeAnswerDate(answer: Pick<Answer, 'eventDate' | 'best'>): string | null {
  const date = answer.eventDate;
  if (date === null) return null;
  const event = describeAnsweredDate(date);
  const derived = date.derived ? ` ${DERIVED_DATE_MARK}` : '';
  const article = answer.best.article;
  const sameDay = date.end === null && article.date !== null && date.start === article.date;
  if (sameDay || article.date === null) return `${event}${derived}`;
  return `${HAPPENED_LABEL} ${event}${derived} · ${REPORTED_LABEL} ${describeArticleMeta(article).date}`;
}
