/**
 * When to poll a feed next: pure arithmetic over what the feed and its server
 * said, so the scheduler decides nothing and tests need no clock. Numbers
 * chosen from what Miniflux (https://github.com/miniflux/v2,
 * `internal/model/feed.go` ScheduleNextCheck), FreshRSS
 * (https://github.com/FreshRSS/FreshRSS, `app/Utils/httpUtil.php`) and Feedbin
 * (https://github.com/feedbin/feedbin, `app/feed_status.rb`) do; README
 * "Adding news" says what the bot does with them.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Never poll a feed more often than this, whatever its ttl says (FreshRSS: 15-20 min). */
export const MIN_POLL_INTERVAL_MS = 15 * MINUTE_MS;
/** Poll every feed at least daily (Miniflux's ceiling). */
export const MAX_POLL_INTERVAL_MS = 24 * HOUR_MS;
/** When the feed states nothing (FreshRSS's default TTL). */
export const DEFAULT_POLL_INTERVAL_MS = 60 * MINUTE_MS;
/** Up to this fraction is added at random, so feeds added together do not stay in step. */
export const POLL_JITTER_FRACTION = 0.1;

/**
 * Backoff after failures, Feedbin's curve (`clamp(failures, 8, 23)^4` seconds:
 * ~68 min … ~3.2 days) shifted so the first failure already starts it:
 * failure n waits `clamp(n + BACKOFF_STEP_OFFSET, BACKOFF_MIN_STEP, BACKOFF_MAX_STEP)^4` s.
 */
export const BACKOFF_STEP_OFFSET = 7;
export const BACKOFF_MIN_STEP = 8;
export const BACKOFF_MAX_STEP = 23;

/** A 429/503 whose Retry-After is missing or unreadable holds its host this long (FreshRSS: ≥ 600 s). */
export const DEFAULT_RETRY_AFTER_MS = 10 * MINUTE_MS;
/** A Retry-After longer than this is capped: a server cannot silence a feed for weeks. */
export const MAX_RETRY_AFTER_MS = 24 * HOUR_MS;

/** Failed polls in a row after which the person who added the feed is told, once. */
export const FAILURES_BEFORE_REPORT = 3;

/** What a poll learnt about how often the feed may be read. */
export interface PollHints {
  readonly ttlMinutes: number | null;
  readonly maxAgeMs: number | null;
  readonly expiresAt: Date | null;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * The delay until the next poll after a success: the longest of the feed's
 * `ttl`, `Cache-Control: max-age` and `Expires` (Miniflux), else the default,
 * plus jitter, within [{@link MIN_POLL_INTERVAL_MS}, {@link MAX_POLL_INTERVAL_MS}].
 *
 * @param random a number in [0, 1) (Math.random; fixed in tests)
 */
export function successDelayMs(hints: PollHints, now: Date, random: () => number): number {
  const candidates: number[] = [];
  if (hints.ttlMinutes !== null && hints.ttlMinutes > 0) candidates.push(hints.ttlMinutes * MINUTE_MS);
  if (hints.maxAgeMs !== null && hints.maxAgeMs > 0) candidates.push(hints.maxAgeMs);
  if (hints.expiresAt !== null && hints.expiresAt.getTime() > now.getTime()) candidates.push(hints.expiresAt.getTime() - now.getTime());
  const base = candidates.length === 0 ? DEFAULT_POLL_INTERVAL_MS : Math.max(...candidates);
  const jittered = base * (1 + POLL_JITTER_FRACTION * random());
  return Math.round(clamp(jittered, MIN_POLL_INTERVAL_MS, MAX_POLL_INTERVAL_MS));
}

/** The delay until the next poll after the `failures`-th failure in a row (1 = first), never shorter than a Retry-After. */
export function failureDelayMs(failures: number, retryAfterMs: number | null): number {
  const step = clamp(failures + BACKOFF_STEP_OFFSET, BACKOFF_MIN_STEP, BACKOFF_MAX_STEP);
  const backoff = step ** 4 * 1000;
  return retryAfterMs === null ? backoff : Math.max(backoff, retryAfterHoldMs(retryAfterMs));
}

/** How long a 429/503 holds every request to its host. */
export function retryAfterHoldMs(retryAfterMs: number | null): number {
  if (retryAfterMs === null || !Number.isFinite(retryAfterMs) || retryAfterMs <= 0) return DEFAULT_RETRY_AFTER_MS;
  return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
}

/** True for the statuses whose Retry-After holds the whole host. */
export function isThrottleStatus(status: number | null): boolean {
  return status === 429 || status === 503;
}
