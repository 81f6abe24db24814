/**
 * Polls the subscribed feeds when they are due, and records what each poll
 * found: validators, the next poll (poll-timing.ts), failures with backoff,
 * Retry-After held per host, 410 Gone as stopped. It tells the person who
 * added a feed once when it keeps failing, and when it stops: nothing stops
 * silently. The pipeline (through the runner) does the fetching; this module
 * decides only when.
 */
import { INSTANCE_ID } from '../runtime/instance-id.ts';
import type { FeedPollResult } from '../ingest/pipeline.ts';
import type { Logger } from '../logging/logger.ts';
import type { Feed, FeedStore } from '../store/feed-store.ts';
import { HostGate } from './host-gate.ts';
import type { IngestRunner } from './ingest-runner.ts';
import { FAILURES_BEFORE_REPORT, failureDelayMs, isThrottleStatus, retryAfterHoldMs, successDelayMs } from './poll-timing.ts';

/** How often the scheduler looks for due feeds. */
export const DEFAULT_FEED_TICK_MS = 30_000;

/**
 * How long an instance holds a feed while it polls it (store: claimFeedPoll).
 * Longer than any poll takes (the feed, then its new pages one at a time, each
 * under the fetcher's deadline), so a live poll is never taken over; short
 * enough that a killed instance's feeds are polled again within minutes.
 */
export const FEED_POLL_LEASE_MS = 10 * 60_000;

/** Who hears about a feed that needs a person. */
export interface FeedNotices {
  /** The feed failed {@link FAILURES_BEFORE_REPORT} polls in a row; called once per run of failures. */
  failing(feed: Feed): Promise<void>;
  /** The feed answered 410 Gone and is no longer polled. */
  stopped(feed: Feed): Promise<void>;
}

/** What one poll did, for `feeds refresh`, `feeds add` and the CLI. */
export interface FeedPollReport {
  readonly feedId: number;
  readonly url: string;
  readonly title: string | null;
  /** `deferred`: its host asked us to wait (Retry-After), or a poll of it was already running. */
  readonly status: FeedPollResult['status'] | 'deferred';
  readonly added: number;
  readonly duplicates: number;
  /** Items whose page could not be taken (each said why in the logs). */
  readonly failedItems: number;
  /** Why the poll failed or was deferred; null otherwise. */
  readonly error: string | null;
}

export interface FeedSchedulerDeps {
  readonly store: FeedStore;
  readonly runner: IngestRunner;
  readonly notices: FeedNotices;
  readonly clock: () => Date;
  /** In [0, 1): jitter of the poll interval. */
  readonly random?: () => number;
  readonly logger: Logger;
  readonly tickMs?: number;
  /** Shared with `/aigov add`, so pages and feeds of one host are never fetched at once. */
  readonly gate?: HostGate;
  /** This instance's name in the feed leases (default {@link INSTANCE_ID}). */
  readonly instanceId?: string;
}

export interface FeedScheduler {
  /** Polls every due feed; resolves when those polls are done (tests drive it with their clock). */
  tick(): Promise<FeedPollReport[]>;
  /** Polls these feeds now, due or not (`feeds add`, `feeds refresh`). */
  pollNow(feeds: readonly Feed[]): Promise<FeedPollReport[]>;
  start(): void;
  stop(): Promise<void>;
}

/** The poll result when the runner itself broke (the worker died on this feed twice). */
function runnerFailure(err: unknown): FeedPollResult {
  const message = err instanceof Error ? err.message : String(err);
  return {
    status: 'failed',
    httpStatus: null,
    etag: null,
    lastModified: null,
    maxAgeMs: null,
    expiresAt: null,
    retryAfterMs: null,
    ttlMinutes: null,
    feedTitle: null,
    malformed: null,
    outcomes: [],
    error: { code: 'network', message: `the fetcher stopped while reading this feed (${message})` },
  };
}

export function createFeedScheduler(deps: FeedSchedulerDeps): FeedScheduler {
  const { store, runner, notices, clock } = deps;
  const random = deps.random ?? Math.random;
  const gate = deps.gate ?? new HostGate(clock);
  const log = deps.logger.child({ component: 'feed-scheduler' });
  const instanceId = deps.instanceId ?? INSTANCE_ID;
  const polling = new Set<number>();
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<unknown> | null = null;

  const tell = (what: string, call: () => Promise<void>): Promise<void> =>
    call().catch((err: unknown) => log.error({ err }, `could not tell who added the feed that it ${what}`));

  async function record(feed: Feed, result: FeedPollResult): Promise<void> {
    const now = clock();
    if (isThrottleStatus(result.httpStatus)) gate.hold(feed.url, retryAfterHoldMs(result.retryAfterMs));
    switch (result.status) {
      case 'ok':
      case 'not-modified': {
        const nextPollAt = new Date(now.getTime() + successDelayMs(result, now, random));
        const read = result.status === 'ok' ? { malformed: result.malformed } : {};
        await store.recordPollSuccess(feed.id, { etag: result.etag, lastModified: result.lastModified, title: result.feedTitle, ...read, at: now, nextPollAt });
        return;
      }
      case 'gone': {
        await store.stopFeed(feed.id, 'gone', result.error?.message ?? 'HTTP 410 Gone: the feed was removed by its publisher', now);
        const stopped = await store.getFeed(feed.id);
        if (stopped !== null) await tell('stopped', () => notices.stopped(stopped));
        return;
      }
      case 'failed': {
        const message = result.error?.message ?? `HTTP ${result.httpStatus ?? 'error'}`;
        const nextPollAt = new Date(now.getTime() + failureDelayMs(feed.consecutiveFailures + 1, result.retryAfterMs));
        const failed = await store.recordPollFailure(feed.id, { message, at: now, nextPollAt });
        if (failed !== null && failed.consecutiveFailures >= FAILURES_BEFORE_REPORT && (await store.claimFailureReport(feed.id, now))) {
          await tell('keeps failing', () => notices.failing(failed));
        }
      }
    }
  }

  async function pollOne(feed: Feed): Promise<FeedPollReport> {
    const base = { feedId: feed.id, url: feed.url, title: feed.title, added: 0, duplicates: 0, failedItems: 0 };
    const heldUntil = gate.heldUntil(feed.url);
    if (heldUntil !== null) return { ...base, status: 'deferred', error: `its server asked us to wait until ${heldUntil.toISOString()}` };
    if (polling.has(feed.id)) return { ...base, status: 'deferred', error: 'a poll of this feed is already running' };
    if (!(await store.claimFeedPoll(feed.id, instanceId, clock(), FEED_POLL_LEASE_MS))) {
      return { ...base, status: 'deferred', error: 'another instance of the bot is polling this feed' };
    }
    polling.add(feed.id);
    try {
      const result = await gate.run(feed.url, () =>
        runner.pollFeed({ id: feed.id, url: feed.url, etag: feed.etag, lastModified: feed.lastModified, title: feed.title }).catch(runnerFailure),
      );
      await record(feed, result);
      const count = (kind: string): number => result.outcomes.filter((o) => o.kind === kind).length;
      log.info(
        { feedId: feed.id, status: result.status, httpStatus: result.httpStatus, added: count('added'), items: result.outcomes.length },
        'feed polled',
      );
      return {
        ...base,
        title: result.feedTitle ?? feed.title,
        status: result.status,
        added: count('added'),
        duplicates: count('duplicate') + count('removed'),
        failedItems: count('failed'),
        error: result.status === 'failed' || result.status === 'gone' ? (result.error?.message ?? `HTTP ${result.httpStatus ?? 'error'}`) : null,
      };
    } finally {
      polling.delete(feed.id);
      await store.releaseFeedPoll(feed.id, instanceId).catch((err: unknown) => log.warn({ err, feedId: feed.id }, 'could not give back the feed poll lease; it expires by itself'));
    }
  }

  const pollNow = (feeds: readonly Feed[]): Promise<FeedPollReport[]> => Promise.all(feeds.map(pollOne));

  async function tick(): Promise<FeedPollReport[]> {
    return pollNow(await store.dueFeeds(clock()));
  }

  return {
    tick,
    pollNow,
    start() {
      if (timer !== null) return;
      timer = setInterval(() => {
        if (ticking !== null) return;
        ticking = tick()
          .catch((err: unknown) => log.error({ err }, 'feed poll round failed'))
          .finally(() => (ticking = null));
      }, deps.tickMs ?? DEFAULT_FEED_TICK_MS);
      timer.unref();
    },
    async stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      await ticking;
    },
  };
}
