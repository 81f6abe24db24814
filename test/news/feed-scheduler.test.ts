import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedPollResult, FeedToPoll } from '../../src/ingest/pipeline.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createFeedScheduler } from '../../src/news/feed-scheduler.ts';
import type { IngestRunner } from '../../src/news/ingest-runner.ts';
import { DEFAULT_RETRY_AFTER_MS, MAX_POLL_INTERVAL_MS, MIN_POLL_INTERVAL_MS, failureDelayMs } from '../../src/news/poll-timing.ts';
import type { Feed } from '../../src/store/feed-store.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

// The pipeline is another branch's; here a runner answers each poll from a script, so the
// scheduler's decisions (what it records, when it polls next, whom it tells) are tested alone.
const RESULT: FeedPollResult = {
  status: 'ok',
  httpStatus: 200,
  etag: '"e1"',
  lastModified: 'Wed, 18 Nov 2026 10:00:00 GMT',
  maxAgeMs: null,
  expiresAt: null,
  retryAfterMs: null,
  ttlMinutes: null,
  feedTitle: 'Fixture feed',
  malformed: null,
  outcomes: [],
  error: null,
};

let dir: string;
let store: SqliteStore;
let now: Date;
let script: Array<Partial<FeedPollResult>>;
let polled: FeedToPoll[];
let told: string[];
const quiet = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));

const runner: IngestRunner = {
  addPage: () => Promise.reject(new Error('not used')),
  async pollFeed(feed) {
    polled.push(feed);
    return { ...RESULT, ...(script.shift() ?? {}) };
  },
  previewFeed: () => Promise.reject(new Error('not used')),
  close: async () => undefined,
};

function scheduler(instanceId?: string) {
  return createFeedScheduler({
    ...(instanceId === undefined ? {} : { instanceId }),
    store: store.feeds,
    runner,
    clock: () => now,
    random: () => 0,
    logger: quiet,
    notices: {
      failing: async (feed: Feed) => void told.push(`failing ${feed.id} after ${feed.consecutiveFailures}`),
      stopped: async (feed: Feed) => void told.push(`stopped ${feed.id}`),
    },
  });
}

const advance = (ms: number): void => {
  now = new Date(now.getTime() + ms);
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-sched-'));
  store = openSqliteStore(path.join(dir, 'aigov.sqlite'));
  now = new Date('2026-11-20T10:00:00Z');
  script = [];
  polled = [];
  told = [];
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('feed scheduler', () => {
  it('polls a feed once when two instances tick together, and the other takes it once the first is done', async () => {
    await store.feeds.addFeed({ url: 'http://127.0.0.1:1/shared-feed', addedBy: 'U1', at: now });
    const reports = await Promise.all([scheduler('instance-a').tick(), scheduler('instance-b').tick()]);
    expect(polled).toHaveLength(1);
    expect(reports.flat().map((r) => r.status).sort()).toEqual(['deferred', 'ok']);
    expect(reports.flat().find((r) => r.status === 'deferred')?.error).toMatch(/another instance/);
    await store.feeds.makeFeedsDue(now);
    await scheduler('instance-b').tick();
    expect(polled).toHaveLength(2);
  });

  it('polls a due feed, stores its validators and echoes them next time, at the default interval', async () => {
    const { feed } = await store.feeds.addFeed({ url: 'http://127.0.0.1:1/feed', addedBy: 'U1', at: now });
    const s = scheduler();
    expect((await s.tick()).map((r) => r.status)).toEqual(['ok']);
    const after = await store.feeds.getFeed(feed.id);
    expect(after).toMatchObject({ etag: '"e1"', title: 'Fixture feed', lastSuccessAt: now });
    expect(after!.nextPollAt.getTime() - now.getTime()).toBe(60 * 60_000);
    expect(await s.tick()).toEqual([]);
    advance(60 * 60_000);
    script = [{ status: 'not-modified', httpStatus: 304 }];
    await s.tick();
    expect(polled[1]).toMatchObject({ etag: '"e1"', lastModified: 'Wed, 18 Nov 2026 10:00:00 GMT' });
  });

  it('records whether the feed read was malformed, and keeps it through a 304', async () => {
    const { feed } = await store.feeds.addFeed({ url: 'http://127.0.0.1:1/feed', addedBy: 'U1', at: now });
    const s = scheduler();
    script = [{ malformed: 'Unexpected closing tag (line 2)' }];
    await s.tick();
    expect((await store.feeds.getFeed(feed.id))!.malformed).toBe('Unexpected closing tag (line 2)');
    advance(60 * 60_000);
    script = [{ status: 'not-modified', httpStatus: 304 }];
    await s.tick();
    expect((await store.feeds.getFeed(feed.id))!.malformed).toBe('Unexpected closing tag (line 2)');
    advance(60 * 60_000);
    await s.tick();
    expect((await store.feeds.getFeed(feed.id))!.malformed).toBeNull();
  });

  it('clamps the ttl and max-age a feed asks for to 15 min … 24 h', async () => {
    const { feed } = await store.feeds.addFeed({ url: 'http://127.0.0.1:1/feed', addedBy: 'U1', at: now });
    const s = scheduler();
    script = [{ ttlMinutes: 1 }];
    await s.tick();
    expect((await store.feeds.getFeed(feed.id))!.nextPollAt.getTime() - now.getTime()).toBe(MIN_POLL_INTERVAL_MS);
    advance(MIN_POLL_INTERVAL_MS);
    script = [{ maxAgeMs: 7 * 24 * 3600_000 }];
    await s.tick();
    expect((await store.feeds.getFeed(feed.id))!.nextPollAt.getTime() - now.getTime()).toBe(MAX_POLL_INTERVAL_MS);
  });

  it('backs off on failures and tells whoever added the feed once, after the third failure in a row', async () => {
    const { feed } = await store.feeds.addFeed({ url: 'http://127.0.0.1:1/feed', addedBy: 'U1', at: now });
    const s = scheduler();
    const failure = { status: 'failed' as const, httpStatus: 500, error: { code: 'http-error' as const, message: 'HTTP 500' } };
    for (let n = 1; n <= 5; n += 1) {
      script = [failure];
      await s.tick();
      const after = await store.feeds.getFeed(feed.id);
      expect(after!.consecutiveFailures).toBe(n);
      expect(after!.nextPollAt.getTime() - now.getTime()).toBe(failureDelayMs(n, null));
      expect(after!.lastError).toEqual({ message: 'HTTP 500', at: now });
      now = after!.nextPollAt;
    }
    expect(told).toEqual([`failing ${feed.id} after 3`]);
    // A success clears the run; three more failures are told again.
    await s.tick();
    for (let n = 1; n <= 3; n += 1) {
      now = (await store.feeds.getFeed(feed.id))!.nextPollAt;
      script = [failure];
      await s.tick();
    }
    expect(told).toEqual([`failing ${feed.id} after 3`, `failing ${feed.id} after 3`]);
  });

  it('stops polling a feed that answered 410 Gone and says so', async () => {
    const { feed } = await store.feeds.addFeed({ url: 'http://127.0.0.1:1/feed', addedBy: 'U1', at: now });
    const s = scheduler();
    script = [{ status: 'gone', httpStatus: 410, error: { code: 'not-found', message: 'HTTP 410 Gone' } }];
    await s.tick();
    expect(told).toEqual([`stopped ${feed.id}`]);
    advance(10 * MAX_POLL_INTERVAL_MS);
    expect(await s.tick()).toEqual([]);
    expect((await store.feeds.getFeed(feed.id))!.stopped?.reason).toBe('gone');
  });

  it('holds a host that answered 429 for its Retry-After, without polling its other feeds', async () => {
    await store.feeds.addFeed({ url: 'http://127.0.0.1:1/a', addedBy: 'U1', at: now });
    const s = scheduler();
    script = [{ status: 'failed', httpStatus: 429, retryAfterMs: null, error: { code: 'http-error', message: 'HTTP 429' } }];
    await s.tick();
    await store.feeds.addFeed({ url: 'http://127.0.0.1:1/b', addedBy: 'U1', at: now });
    const reports = await s.tick();
    expect(reports.map((r) => r.status)).toEqual(['deferred']);
    expect(polled).toHaveLength(1);
    advance(DEFAULT_RETRY_AFTER_MS);
    expect((await s.tick()).map((r) => r.status)).toEqual(['ok']);
  });
});
