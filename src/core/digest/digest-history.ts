/**
 * What happened to a channel's digest on each recent day, and when the next
 * one will really come, read from the ledger (every state, not only posted
 * days): `/aigov digest status` must not say "next: today 09:00" for a day
 * the scheduler will never post again (interrupted), nor "no digest posted
 * yet" when one may be in the channel.
 */
import { DateTime } from 'luxon';
import { localDateAt, nextRunAfter, scheduledInstant, type DigestSchedule } from './schedule.ts';

/** The ledger fields the history reads (a store `DigestRecord` fits). */
export interface LedgerDay {
  readonly localDate: string;
  readonly state: 'reserved' | 'posted' | 'failed' | 'interrupted';
  readonly postedAt: Date | null;
  readonly messageTs: string | null;
  readonly articleIds: readonly string[];
  readonly error: string | null;
}

/** One day of a channel's digest history, newest first in {@link digestHistory}. */
export type DigestDay =
  | { readonly localDate: string; readonly kind: 'posted'; readonly postedAt: Date; readonly articles: number }
  | { readonly localDate: string; readonly kind: 'nothing-new' }
  /** Claimed and never confirmed (interrupted, or still being posted): the message may be in the channel. */
  | { readonly localDate: string; readonly kind: 'unconfirmed'; readonly interrupted: boolean }
  /** Not posted: the attempt failed (`error`), or the day passed with no attempt (the bot was down, or paused). */
  | { readonly localDate: string; readonly kind: 'skipped'; readonly error: string | null };

/** How many days back `digest status` looks. */
export const DIGEST_HISTORY_DAYS = 7;

function previousLocalDate(localDate: string): string {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).minus({ days: 1 }).toISODate() ?? localDate;
}

function dayOf(record: LedgerDay): DigestDay {
  switch (record.state) {
    case 'posted':
      return record.messageTs === null || record.postedAt === null
        ? { localDate: record.localDate, kind: 'nothing-new' }
        : { localDate: record.localDate, kind: 'posted', postedAt: record.postedAt, articles: record.articleIds.length };
    case 'reserved':
    case 'interrupted':
      return { localDate: record.localDate, kind: 'unconfirmed', interrupted: record.state === 'interrupted' };
    case 'failed':
      return { localDate: record.localDate, kind: 'skipped', error: record.error };
  }
}

/**
 * The last {@link DIGEST_HISTORY_DAYS} days, newest first: each day with a
 * ledger row as the row says, and each past day whose scheduled time came
 * after the subscription began but left no row as skipped. Today with no row
 * yet is left out (it may still be posted).
 */
export function digestHistory(records: readonly LedgerDay[], sub: DigestSchedule & { readonly createdAt: Date }, now: Date): DigestDay[] {
  const byDate = new Map(records.map((r) => [r.localDate, r]));
  const today = localDateAt(now, sub.timeZone);
  const days: DigestDay[] = [];
  let date = today;
  for (let i = 0; i < DIGEST_HISTORY_DAYS; i++, date = previousLocalDate(date)) {
    const record = byDate.get(date);
    if (record !== undefined) {
      days.push(dayOf(record));
      continue;
    }
    const scheduled = scheduledInstant(date, sub.time, sub.timeZone);
    if (date !== today && scheduled.getTime() >= sub.createdAt.getTime() && scheduled.getTime() < now.getTime()) {
      days.push({ localDate: date, kind: 'skipped', error: null });
    }
  }
  return days;
}

/**
 * The next instant the scheduler will post: today's time if still ahead and
 * today has no ledger row that forbids it, else the first scheduled instant
 * after the latest day taken. Every state but `failed` takes a day (posted,
 * being posted, interrupted: none is posted again), as `reserveDigest` decides.
 */
export function nextDigestAt(now: Date, sub: Pick<DigestSchedule, 'time' | 'timeZone'>, records: readonly Pick<LedgerDay, 'localDate' | 'state'>[]): Date {
  let taken: string | null = null;
  for (const r of records) if (r.state !== 'failed' && (taken === null || r.localDate > taken)) taken = r.localDate;
  let next = nextRunAfter(now, sub.time, sub.timeZone);
  while (taken !== null && localDateAt(next, sub.timeZone) <= taken) next = nextRunAfter(next, sub.time, sub.timeZone);
  return next;
}
