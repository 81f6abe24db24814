/**
 * Runs the daily digests: every tick, each subscription that is due (see
 * `isDue`) gets its digest delivered. Starting runs a tick at once, so a
 * digest missed while the bot was down is caught up when it comes back the
 * same day; the ledger makes sure no day is posted twice, across ticks,
 * restarts and processes.
 */
import { isDue } from '../core/digest/schedule.ts';
import type { Logger } from '../logging/logger.ts';
import { type Store } from '../store/store.ts';
import { DIGEST_RESERVATION_STALE_AFTER_MS, type DigestRecord } from '../store/digest-store.ts';
import type { DigestDelivery } from './deliver-digest.ts';

/** How often the scheduler looks for due digests by default. A digest posts at most this late. */
export const DEFAULT_DIGEST_INTERVAL_MS = 30_000;

/** After a failed attempt (nothing posted), wait this long before trying the same day again... */
export const RETRY_FAILED_AFTER_MS = 5 * 60_000;
/** ...and give up on the day after this many attempts; the next day's digest lists its articles. */
export const MAX_ATTEMPTS_PER_DAY = 3;

export interface DigestSchedulerDeps {
  readonly store: Store;
  readonly delivery: DigestDelivery;
  readonly logger: Logger;
  /** The clock; tests pass a fake one and call `tick()` themselves. */
  readonly now: () => Date;
  /** Default {@link DEFAULT_DIGEST_INTERVAL_MS}. */
  readonly intervalMs?: number;
}

export interface DigestScheduler {
  /**
   * One pass over the subscriptions. Never overlaps another pass: a call
   * made while one runs waits for it, then runs its own. Never rejects;
   * errors are logged.
   */
  tick(): Promise<void>;
  /** Stops the timer and waits for a running pass to finish. */
  stop(): Promise<void>;
}

/** Whether a day's ledger row lets the scheduler try (again): none yet, or a failure that has waited long enough. */
function mayAttempt(record: DigestRecord | null, now: Date): boolean {
  if (record === null) return true;
  if (record.state !== 'failed') return false;
  return record.attempts < MAX_ATTEMPTS_PER_DAY && now.getTime() - record.reservedAt.getTime() >= RETRY_FAILED_AFTER_MS;
}

/** Starts the scheduler: a tick now, then one every `intervalMs`. */
export function startDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  const { store, delivery, now } = deps;
  const log = deps.logger.child({ component: 'digest-scheduler' });
  let last: Promise<void> = Promise.resolve();
  let running = false;
  let stopped = false;

  async function pass(): Promise<void> {
    const started = now();
    const stale = await store.digests.markStaleDigestsInterrupted(new Date(started.getTime() - DIGEST_RESERVATION_STALE_AFTER_MS));
    for (const record of stale) {
      log.warn(
        { channelId: record.channelId, localDate: record.localDate },
        'digest reservation marked interrupted: its post may or may not be in the channel; the day is not retried',
      );
    }
    for (const sub of await store.digests.listSubscriptions()) {
      try {
        const lastCompleted = await store.digests.lastCompletedDigest(sub.channelId);
        const check = isDue(now(), sub, lastCompleted?.localDate ?? null);
        if (!check.due) continue;
        if (!mayAttempt(await store.digests.digestFor(sub.channelId, check.localDate), now())) continue;
        const result = await delivery.deliverScheduled(sub, check.localDate);
        log.debug({ channelId: sub.channelId, localDate: check.localDate, status: result.status }, 'scheduled digest handled');
      } catch (err) {
        // One channel's failure must not keep the others from their digest.
        log.error({ err, channelId: sub.channelId }, 'scheduled digest failed');
      }
    }
  }

  function tick(): Promise<void> {
    last = last.then(async () => {
      running = true;
      try {
        await pass();
      } catch (err) {
        log.error({ err }, 'digest scheduler tick failed');
      } finally {
        running = false;
      }
    });
    return last;
  }

  const timer = setInterval(() => {
    // A timer tick while a pass runs is dropped rather than queued: the next one comes soon enough.
    if (!running && !stopped) void tick();
  }, deps.intervalMs ?? DEFAULT_DIGEST_INTERVAL_MS);
  timer.unref();
  void tick();

  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await last;
    },
  };
}
