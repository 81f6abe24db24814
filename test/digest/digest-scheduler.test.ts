import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CorpusService } from '../../src/corpus/corpus-service.ts';
import { applyConfiguredSubscription } from '../../src/digest/configured-subscription.ts';
import { createDigestDelivery, type DigestDelivery } from '../../src/digest/deliver-digest.ts';
import { MAX_ATTEMPTS_PER_DAY, RETRY_FAILED_AFTER_MS, startDigestScheduler, type DigestScheduler } from '../../src/digest/digest-scheduler.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.ts';
import { captureLogger, digestClient, fakeClock, loadCorpus, tempDir } from './support.ts';

const FIXTURE_CORPUS = path.resolve(import.meta.dirname, '../fixtures/corpus');
const CHANNEL = 'CSCHED';

let api: SlackApiStandIn;
let corpus: CorpusService;
let file: string;
let stores: SqliteStore[];
let schedulers: DigestScheduler[];
let clock: ReturnType<typeof fakeClock>;
let log: ReturnType<typeof captureLogger>;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  corpus = await loadCorpus(FIXTURE_CORPUS);
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.reset();
  file = path.join(tempDir('sched'), 'aigov.sqlite');
  stores = [];
  schedulers = [];
  clock = fakeClock('2025-11-23T12:00:00Z');
  log = captureLogger();
});
afterEach(async () => {
  for (const s of schedulers) await s.stop();
  for (const s of stores) await s.close();
});

/** A bot's digest parts on the shared database file, as one process (or a restarted one) would have them. */
async function process(): Promise<{ store: SqliteStore; delivery: DigestDelivery; scheduler: DigestScheduler }> {
  const store = openSqliteStore(file);
  stores.push(store);
  await store.articlesSeen.recordArticlesSeen(corpus.index.all().map((a) => a.id), clock.now());
  const delivery = createDigestDelivery({ client: digestClient(api), store, corpus, logger: log.logger, now: clock.now, sleep: async () => {} });
  const scheduler = startDigestScheduler({ store, delivery, logger: log.logger, now: clock.now, intervalMs: 3_600_000 });
  schedulers.push(scheduler);
  await scheduler.tick(); // waits for the start-up tick too
  return { store, delivery, scheduler };
}

const posted = () => api.messages(CHANNEL);

async function subscribe(store: SqliteStore, time = '09:00', timeZone = 'Europe/Brussels'): Promise<void> {
  await store.digests.upsertSubscription({ channelId: CHANNEL, time, timeZone, createdBy: 'U1', at: clock.now() });
}

describe('digest scheduler', () => {
  it('posts when due, not before, and not twice the same day', async () => {
    const { store, scheduler } = await process();
    await subscribe(store); // 2025-11-23 13:00 Brussels: today's 09:00 is past and before the subscription
    await scheduler.tick();
    expect(posted()).toHaveLength(0);

    clock.set('2025-11-24T07:59:00Z'); // 08:59 Brussels
    await scheduler.tick();
    expect(posted()).toHaveLength(0);

    clock.set('2025-11-24T08:00:00Z'); // 09:00 Brussels
    await scheduler.tick();
    expect(posted()).toHaveLength(1);

    clock.set('2025-11-24T15:00:00Z');
    await scheduler.tick();
    await scheduler.tick();
    expect(posted()).toHaveLength(1);
    expect((await store.digests.lastCompletedDigest(CHANNEL))?.localDate).toBe('2025-11-24');
  });

  it('ticks asked for together run one after the other, never overlapping, and post once', async () => {
    const { store, scheduler } = await process();
    await subscribe(store);
    clock.set('2025-11-24T08:30:00Z');
    await Promise.all([scheduler.tick(), scheduler.tick(), scheduler.tick()]);
    expect(posted()).toHaveLength(1);
  });

  it('on a daylight-saving day posts at the local time (09:00 CEST is 07:00 UTC)', async () => {
    clock.set('2025-03-29T12:00:00Z');
    const { store, scheduler } = await process();
    await subscribe(store);
    clock.set('2025-03-30T06:59:00Z'); // 08:59 CEST, clocks went forward at 02:00
    await scheduler.tick();
    expect(posted()).toHaveLength(0);
    clock.set('2025-03-30T07:00:00Z');
    await scheduler.tick();
    expect(posted()).toHaveLength(1);
  });

  it('a time skipped by the spring-forward gap posts at the first minute after it', async () => {
    clock.set('2025-03-29T12:00:00Z');
    const { store, scheduler } = await process();
    await subscribe(store, '02:30');
    clock.set('2025-03-30T00:59:00Z'); // 01:59 CET
    await scheduler.tick();
    expect(posted()).toHaveLength(0);
    clock.set('2025-03-30T01:00:00Z'); // 03:00 CEST
    await scheduler.tick();
    expect(posted()).toHaveLength(1);
  });

  it('catches up once when the bot comes back the same day, and a restart posts nothing more', async () => {
    const first = await process();
    await subscribe(first.store);
    await first.scheduler.stop();
    await first.store.close();

    clock.set('2025-11-24T10:30:00Z'); // down through 09:00 Brussels, back at 11:30
    await process();
    expect(posted()).toHaveLength(1); // the start-up tick caught up

    clock.set('2025-11-24T10:31:00Z');
    const again = await process(); // a second instance on the same database
    await again.scheduler.tick();
    expect(posted()).toHaveLength(1);
  });

  it('does not back-fill a day spent down; the next digest lists what was missed', async () => {
    const { store, scheduler } = await process();
    await subscribe(store);
    clock.set('2025-11-24T08:00:00Z');
    await scheduler.tick();
    expect(posted()).toHaveLength(1);

    await store.articlesSeen.recordArticlesSeen(['004_83826e1afd84aa67-not-a-real-id'], clock.now());
    clock.set('2025-11-26T09:00:00Z'); // the 25th was missed entirely
    await scheduler.tick();
    expect(await store.digests.digestFor(CHANNEL, '2025-11-25')).toBeNull();
    expect((await store.digests.lastCompletedDigest(CHANNEL))?.localDate).toBe('2025-11-26');
  });

  it('skips a paused subscription', async () => {
    const { store, scheduler } = await process();
    await subscribe(store);
    await store.digests.pauseSubscription(CHANNEL, 'channel_not_found', clock.now());
    clock.set('2025-11-24T09:00:00Z');
    await scheduler.tick();
    expect(posted()).toHaveLength(0);
  });

  it('retries a failed day after a wait, a few times at most', async () => {
    const { store, scheduler } = await process();
    await subscribe(store);
    api.stub('chat.postMessage', { ok: false, error: 'restricted_action' });
    clock.set('2025-11-24T08:00:00Z');
    for (let i = 0; i < 10; i++) {
      await scheduler.tick();
      clock.advance(RETRY_FAILED_AFTER_MS / 2);
    }
    expect(api.calls('chat.postMessage')).toHaveLength(MAX_ATTEMPTS_PER_DAY);
  });

  it('leaves a day whose outcome is unknown alone, and marks it interrupted after an hour', async () => {
    const { store, scheduler } = await process();
    await subscribe(store);
    api.stub('chat.postMessage', [{ ok: true }]); // ok without a ts: the post's fate is unknown
    clock.set('2025-11-24T08:00:00Z');
    await scheduler.tick();
    clock.advance(30 * 60_000);
    await scheduler.tick();
    expect(api.calls('chat.postMessage')).toHaveLength(1);
    expect(await store.digests.digestFor(CHANNEL, '2025-11-24')).toMatchObject({ state: 'reserved' });
    clock.advance(31 * 60_000);
    await scheduler.tick();
    expect(await store.digests.digestFor(CHANNEL, '2025-11-24')).toMatchObject({ state: 'interrupted' });
    expect(api.calls('chat.postMessage')).toHaveLength(1);
    expect(log.lines()).toContain('marked interrupted');
  });

  it('logs a failing channel and still serves the others', async () => {
    const { store, scheduler } = await process();
    await subscribe(store);
    await store.digests.upsertSubscription({ channelId: 'CZONE', time: '09:00', timeZone: 'UTC', createdBy: null, at: clock.now() });
    await store.close(); // every store call now throws
    clock.set('2025-11-24T09:00:00Z');
    await expect(scheduler.tick()).resolves.toBeUndefined();
    expect(log.lines()).toContain('digest scheduler tick failed');
  });
});

describe('applyConfiguredSubscription', () => {
  it('creates the configured subscription with defaults, and leaves it alone when unchanged', async () => {
    const store = openSqliteStore(file);
    stores.push(store);
    const settings = { digestChannel: 'CCONF', digestTime: null, digestTimeZone: null };
    const created = await applyConfiguredSubscription(store, settings, new Date('2025-11-01T00:00:00Z'));
    expect(created).toMatchObject({ channelId: 'CCONF', time: '09:00', timeZone: 'UTC', createdBy: null });
    const again = await applyConfiguredSubscription(store, settings, new Date('2025-11-02T10:00:00Z'));
    expect(again?.updatedAt).toEqual(new Date('2025-11-01T00:00:00Z')); // a restart keeps that day's digest due
    const changed = await applyConfiguredSubscription(store, { ...settings, digestTime: '7:30', digestTimeZone: 'europe/brussels' }, new Date('2025-11-03T00:00:00Z'));
    expect(changed).toMatchObject({ time: '07:30', timeZone: 'Europe/Brussels' });
    expect(await applyConfiguredSubscription(store, { digestChannel: null, digestTime: null, digestTimeZone: null }, new Date())).toBeNull();
  });
});
