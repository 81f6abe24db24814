/**
 * A resolved date in words, never more precise than it is: `12 May 2025`,
 * `May 2025`, `2025`, `12–14 May 2025`, `30 December 2024 – 2 January 2025`.
 * Shared by the Slack renderers and the terminal CLI so both say the same.
 */
import { precisionOf } from './calendar.ts';
import type { PartialIsoDate } from './event-date.ts';
import { MONTH_NAMES } from './news-expressions.ts';

interface Parts {
  readonly year: string;
  readonly month: string | null;
  readonly day: string | null;
}

function partsOf(date: PartialIsoDate): Parts {
  const precision = precisionOf(date);
  return {
    year: date.slice(0, 4),
    month: precision === 'year' ? null : MONTH_NAMES[Number(date.slice(5, 7)) - 1]!,
    day: precision === 'day' ? String(Number(date.slice(8, 10))) : null,
  };
}

function words({ year, month, day }: Parts): string {
  return [day, month, year].filter((part) => part !== null).join(' ');
}

/** `start` alone, or the range `start`–`end` sharing what the two ends share. */
export function describeEventDate(start: PartialIsoDate, end: PartialIsoDate | null = null): string {
  const first = partsOf(start);
  if (end === null || end === start) return words(first);
  const last = partsOf(end);
  if (first.month === null && last.month === null) return `${first.year}–${last.year}`;
  if (precisionOf(start) !== precisionOf(end) || first.year !== last.year) return `${words(first)} – ${words(last)}`;
  if (first.day !== null && first.month === last.month) return `${first.day}–${last.day} ${last.month} ${last.year}`;
  if (first.day !== null) return `${first.day} ${first.month} – ${words(last)}`;
  if (first.month !== null) return `${first.month}–${last.month} ${last.year}`;
  return `${first.year}–${last.year}`;
}
