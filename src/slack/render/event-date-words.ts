/**
 * The words for when an answered event happened, shared by the Slack
 * renderers and the terminal CLI so both say the same thing: the date at the
 * precision the text gives ("Monday 12 May 2025", "May 2025", "2025"), the
 * article's date beside it when they differ, and a mark when the date was
 * worked out from an editorial article date.
 */
import type { EventDate, PartialIsoDate } from '../../core/dates/event-date.ts';
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

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Parts {
  readonly year: string;
  readonly month: number | null;
  readonly day: number | null;
}

function parts(date: PartialIsoDate): Parts | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (m === null) return null;
  return { year: m[1] as string, month: m[2] === undefined ? null : Number(m[2]), day: m[3] === undefined ? null : Number(m[3]) };
}

/** `2025-05-12` → `Monday 12 May 2025`; `2025-05` → `May 2025`; `2025` → `2025`; anything else as written. */
export function describePartialDate(date: PartialIsoDate): string {
  const p = parts(date);
  if (p === null) return date;
  if (p.month === null) return p.year;
  const month = MONTHS[p.month - 1] ?? String(p.month);
  if (p.day === null) return `${month} ${p.year}`;
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(p.year), p.month - 1, p.day)).getUTCDay()];
  return `${weekday} ${p.day} ${month} ${p.year}`;
}

/** An event date in words: one date, or a range (`26 July 2025 – 28 July 2025` shortened to `Saturday 26 – Monday 28 July 2025`). */
export function describeEventDate(date: Pick<EventDate, 'start' | 'end'>): string {
  if (date.end === null || date.end === date.start) return describePartialDate(date.start);
  const start = parts(date.start);
  const end = parts(date.end);
  const from = describePartialDate(date.start);
  const to = describePartialDate(date.end);
  if (start !== null && end !== null && start.year === end.year && start.month === end.month && start.day !== null && end.day !== null) {
    // Same month: the month and year once.
    return `${from.replace(/ \S+ \d{4}$/, '')} – ${to}`;
  }
  return `${from} – ${to}`;
}

/**
 * The line stated above a "when" answer's quote (raw text, not escaped): the
 * event's date, with the article's date labelled beside it when they differ,
 * and marked when derived. Null when the answer states no event date.
 */
export function describeAnswerDate(answer: Pick<Answer, 'eventDate' | 'best'>): string | null {
  const date = answer.eventDate;
  if (date === null) return null;
  const event = describeEventDate(date);
  const derived = date.derived ? ` ${DERIVED_DATE_MARK}` : '';
  const article = answer.best.article;
  const sameDay = date.end === null && article.date !== null && date.start === article.date;
  if (sameDay || article.date === null) return `${event}${derived}`;
  return `${HAPPENED_LABEL} ${event}${derived} · ${REPORTED_LABEL} ${describeArticleMeta(article).date}`;
}
