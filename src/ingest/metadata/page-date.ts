/**
 * Dates as pages and feeds write them, turned into the calendar day the
 * corpus stores. The day is taken as written (`2015-07-24T05:36:09+01:00` is
 * the 24th, the publisher's day, even though it is the 23rd in some zones);
 * only a date without a written day (an RFC 822 string) goes through UTC.
 */
import { isCalendarDate } from '../../core/corpus/parse-article.ts';

/** Years before this are not news publication dates (a 1970 epoch default, a typo). */
const EARLIEST_YEAR = 1990;

/** `YYYY-MM-DD` from a date string, or null when it names no real day. */
export function dayOfDateString(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  const written = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/.exec(text);
  if (written) return checkedDay(written[1]!, written[2]!, written[3]!);
  // Compact ISO basic form: 20250610 or 20250610T101500Z.
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T|$)/.exec(text);
  if (compact) return checkedDay(compact[1]!, compact[2]!, compact[3]!);
  const time = Date.parse(text);
  if (Number.isNaN(time)) return null;
  return yearOk(new Date(time).toISOString().slice(0, 10));
}

/** `YYYY-MM-DD` from a date in a URL path (`/2025/06/10/`, `/2025-06-10-`, `/20250610/`), or null. Month-only paths give no day. */
export function dayOfUrlPath(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const patterns = [/\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?=\/|$|[-_.])/, /(?:^|[/_-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?=$|[/_.-])/, /\/((?:19|20)\d{2})(\d{2})(\d{2})(?=\/|$|[-_.])/];
  for (const pattern of patterns) {
    const match = pattern.exec(path);
    if (match) {
      const day = checkedDay(match[1]!, match[2]!, match[3]!);
      if (day) return day;
    }
  }
  return null;
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `day` moved by `days` (calendar arithmetic in UTC). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return utcDay(date);
}

function checkedDay(year: string, month: string, day: string): string | null {
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isCalendarDate(iso) ? yearOk(iso) : null;
}

function yearOk(iso: string): string | null {
  return Number(iso.slice(0, 4)) >= EARLIEST_YEAR ? iso : null;
}
