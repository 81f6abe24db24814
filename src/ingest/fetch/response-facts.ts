/**
 * What a feed scheduler needs from a response's headers, parsed once here so
 * the scheduler works with numbers and dates, never header syntax.
 */

/** `Cache-Control: max-age=N` in ms; null when absent or malformed. `no-store`/`no-cache` say nothing about polling. */
export function parseMaxAgeMs(cacheControl: string | null): number | null {
  if (cacheControl === null) return null;
  const match = /(?:^|[,\s])max-age\s*=\s*"?(\d{1,10})"?/i.exec(cacheControl);
  return match ? Number(match[1]) * 1000 : null;
}

/** `Expires` as a time after `now`; null when absent, invalid (`0`, `-1`) or already past. */
export function parseExpires(expires: string | null, now: Date): Date | null {
  if (expires === null) return null;
  const time = Date.parse(expires);
  if (Number.isNaN(time) || time <= now.getTime()) return null;
  return new Date(time);
}

/** `Retry-After` (delta seconds or an HTTP date) in ms from `now`; null when absent or unusable. */
export function parseRetryAfterMs(retryAfter: string | null, now: Date): number | null {
  if (retryAfter === null) return null;
  const text = retryAfter.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return null;
  return Math.max(0, time - now.getTime());
}
