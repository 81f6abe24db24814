/**
 * Calendar arithmetic on plain days (proleptic Gregorian, no time of day, no
 * zone) and the partial ISO dates of the EventDate contract.
 */
import type { PartialIsoDate } from './event-date.ts';

export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export type Precision = 'day' | 'month' | 'year';

const DAY_MS = 86_400_000;

/** `2025-05-13` → its parts; null when it is not a real calendar day. */
export function parseIsoDay(iso: string): CalendarDay | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return null;
  const day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = fromUtc(toUtc(day));
  return check.year === day.year && check.month === day.month && check.day === day.day ? day : null;
}

export function toUtc({ year, month, day }: CalendarDay): number {
  return Date.UTC(year, month - 1, day);
}

export function fromUtc(ms: number): CalendarDay {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDays(day: CalendarDay, days: number): CalendarDay {
  return fromUtc(toUtc(day) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as chrono's `weekday`. */
export function weekdayOf(day: CalendarDay): number {
  return new Date(toUtc(day)).getUTCDay();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** The day, month or year of `day` in ISO form, at `precision`. */
export function formatPartial(day: CalendarDay, precision: Precision): PartialIsoDate {
  const year = pad(day.year, 4);
  if (precision === 'year') return year;
  const month = `${year}-${pad(day.month, 2)}`;
  return precision === 'month' ? month : `${month}-${pad(day.day, 2)}`;
}

/** The precision a partial ISO date states. */
export function precisionOf(date: PartialIsoDate): Precision {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

/** The first day a partial date covers (`2025-05` → 2025-05-01). */
export function firstDayOf(date: PartialIsoDate): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** The last day a partial date covers (`2025-02` → 2025-02-28). */
export function lastDayOf(date: PartialIsoDate): string {
  if (date.length === 10) return date;
  if (date.length === 4) return `${date}-12-31`;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return formatPartial(fromUtc(Date.UTC(year, month, 0)), 'day');
}
