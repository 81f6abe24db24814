/**
 * When a channel's daily digest is due, in the channel's own time zone.
 *
 * Catch-up rule: a digest is due once `now` has passed today's scheduled time
 * and no digest was posted for today's local date, so a bot that was down at
 * 09:00 and comes back at 11:00 posts that day's digest once, on return. A day
 * spent entirely down is not back-filled: the next digest is today's, and it
 * still lists everything first seen since the last one posted (its `since` is
 * the last digest's `coveredUntil`), so nothing is lost, only merged.
 */
import { DateTime, IANAZone } from 'luxon';

/**
 * The zone a digest's day and times are read in when no other is known: a
 * configured subscription without `DIGEST_TIME_ZONE`, a subscriber whose
 * Slack time zone cannot be read, `/aigov digest now` in a channel without a
 * subscription, and the CLI's dry run.
 */
export const DEFAULT_TIME_ZONE = 'UTC';

/** A time of day `HH:MM` (24-hour), or why the text is not one. */
export type ParsedDigestTime = { readonly ok: true; readonly time: string } | { readonly ok: false; readonly reason: string };

const TIME_INPUT = /^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap]\.?m\.?)?$/i;

/**
 * Reads a time of day as a user types it: `9:30`, `09:30`, `21:05`, and also
 * `9am`, `9:30 pm`, `12am` (midnight). Minutes are required without am/pm, so
 * a bare `9` is refused rather than guessed.
 */
export function parseDigestTime(input: string): ParsedDigestTime {
  const text = input.trim();
  const match = TIME_INPUT.exec(text);
  if (!match) {
    return { ok: false, reason: `'${text}' is not a time of day: write it as HH:MM, e.g. 09:30 or 21:05` };
  }
  const [, hoursText = '', minutesText, meridiem] = match;
  let hours = Number(hoursText);
  const minutes = minutesText === undefined ? 0 : Number(minutesText);
  if (minutesText === undefined && meridiem === undefined) {
    return { ok: false, reason: `'${text}' has no minutes: write it as HH:MM, e.g. ${hoursText.padStart(2, '0')}:00` };
  }
  if (minutes > 59) return { ok: false, reason: `'${text}' is not a time of day: minutes go from 00 to 59` };
  if (meridiem !== undefined) {
    if (hours < 1 || hours > 12) return { ok: false, reason: `'${text}' is not a time of day: with am/pm, hours go from 1 to 12` };
    const pm = meridiem.toLowerCase().startsWith('p');
    hours = (hours % 12) + (pm ? 12 : 0);
  } else if (hours > 23) {
    return { ok: false, reason: `'${text}' is not a time of day: hours go from 0 to 23` };
  }
  return { ok: true, time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

/**
 * The canonical IANA name of a time zone (`europe/brussels` →
 * `Europe/Brussels`, `UTC` → `UTC`), or null when the runtime does not know
 * it. Store the canonical name so every reader sees the same zone.
 */
export function canonicalTimeZone(zone: string): string | null {
  if (zone.trim() !== zone || zone.length === 0) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** True when `zone` is an IANA time zone name this runtime knows (`Europe/Brussels`, `UTC`); offsets like `+01:00` are refused. */
export function isValidTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null && IANAZone.isValidZone(zone);
}

function zoneOf(zone: string): IANAZone {
  if (!isValidTimeZone(zone)) throw new RangeError(`schedule: unknown time zone '${zone}'`);
  return IANAZone.create(zone);
}

/** The calendar date (`YYYY-MM-DD`) in `zone` at the instant `now`. */
export function localDateAt(now: Date, zone: string): string {
  const date = DateTime.fromJSDate(now, { zone: zoneOf(zone) }).toISODate();
  if (date === null) throw new RangeError(`schedule: invalid instant ${String(now)}`);
  return date;
}

const MINUTE_MS = 60_000;
/** Wider than any offset change on record (Samoa skipped a whole day in 2011). */
const TRANSITION_SEARCH_MS = 48 * 60 * MINUTE_MS;

/**
 * The instant at which wall-clock `time` occurs on `localDate` in `zone`.
 *
 * Daylight-saving edges: a time that does not exist that day (clocks jump
 * from 02:00 to 03:00) moves to the first minute that does exist after it
 * (03:00); a time that occurs twice (clocks fall back) is its first
 * occurrence. So the digest comes as close to the asked time as the clock
 * allows, and never twice.
 */
export function scheduledInstant(localDate: string, time: string, zone: string): Date {
  const ianaZone = zoneOf(zone);
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  const timeMatch = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dateMatch) throw new RangeError(`schedule: local date '${localDate}' is not YYYY-MM-DD`);
  if (!timeMatch || Number(timeMatch[1]) > 23 || Number(timeMatch[2]) > 59) {
    throw new RangeError(`schedule: time '${time}' is not HH:MM`);
  }
  const [year, month, day] = [Number(dateMatch[1]), Number(dateMatch[2]), Number(dateMatch[3])];
  // The wall-clock reading as if it were UTC; a real instant is this minus the zone's offset then.
  const wall = Date.UTC(year, month - 1, day, Number(timeMatch[1]), Number(timeMatch[2]));
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`schedule: local date '${localDate}' does not exist`);
  }

  const offsetAt = (instant: number): number => ianaZone.offset(instant) * MINUTE_MS;
  const offsets = new Set([offsetAt(wall - TRANSITION_SEARCH_MS), offsetAt(wall), offsetAt(wall + TRANSITION_SEARCH_MS)]);
  // Every offset that maps back to the same wall-clock reading is an occurrence; two of them means a fall-back.
  const occurrences = [...offsets].map((offset) => wall - offset).filter((instant) => offsetAt(instant) === wall - instant);
  if (occurrences.length > 0) return new Date(Math.min(...occurrences));

  // No occurrence: the reading falls in a spring-forward gap. The first valid
  // minute after it is the transition itself, found by bisection between the
  // readings under the offsets before and after.
  const before = offsetAt(wall - TRANSITION_SEARCH_MS);
  const after = offsetAt(wall + TRANSITION_SEARCH_MS);
  let low = wall - after; // still under the old offset
  let high = wall - before; // already under the new offset
  while (high - low > MINUTE_MS) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetAt(mid) === after) high = mid;
    else low = mid;
  }
  return new Date(Math.ceil(high / MINUTE_MS) * MINUTE_MS);
}

function nextLocalDate(localDate: string): string {
  const next = DateTime.fromISO(localDate, { zone: 'UTC' }).plus({ days: 1 }).toISODate();
  if (next === null) throw new RangeError(`schedule: local date '${localDate}' is not YYYY-MM-DD`);
  return next;
}

/** The first scheduled instant strictly after `now`: today's if still ahead, else tomorrow's. */
export function nextRunAfter(now: Date, time: string, zone: string): Date {
  const today = localDateAt(now, zone);
  const todays = scheduledInstant(today, time, zone);
  return todays.getTime() > now.getTime() ? todays : scheduledInstant(nextLocalDate(today), time, zone);
}

/** The parts of a subscription the schedule reads (a `Subscription` from the store fits). */
export interface DigestSchedule {
  readonly time: string;
  readonly timeZone: string;
  /** A scheduled instant before this is not due: subscribing at 10:00 for 09:00 starts tomorrow. */
  readonly updatedAt: Date;
  readonly paused: { readonly reason: string; readonly at: Date } | null;
}

export interface DueCheck {
  readonly due: boolean;
  /** Today's date in the subscription's zone: the ledger key to reserve when due. */
  readonly localDate: string;
  /** When today's digest is (or was) scheduled. */
  readonly scheduledAt: Date;
}

/**
 * Whether a subscription's digest should be posted now.
 *
 * Due when `now` is at or after today's scheduled instant, that instant is
 * not before the subscription's last change, the subscription is not paused,
 * and no digest has been posted for today or a later local date
 * (`lastCompletedLocalDate`, from the ledger). The later-date clause keeps a
 * channel whose zone was moved west from getting a second digest for a day
 * it already had. Being due only says to try: `reserveDigest` decides who
 * posts.
 */
export function isDue(now: Date, sub: DigestSchedule, lastCompletedLocalDate: string | null): DueCheck {
  const localDate = localDateAt(now, sub.timeZone);
  const scheduledAt = scheduledInstant(localDate, sub.time, sub.timeZone);
  const due =
    sub.paused === null &&
    now.getTime() >= scheduledAt.getTime() &&
    scheduledAt.getTime() >= sub.updatedAt.getTime() &&
    (lastCompletedLocalDate === null || lastCompletedLocalDate < localDate);
  return { due, localDate, scheduledAt };
}
