import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CorpusService } from '../../src/corpus/corpus-service.ts';
import { DEFAULT_MAX_DIGEST_ITEMS } from '../../src/core/digest/build-digest.ts';
import { createDigestDelivery, REPLY_RETRY_BACKOFF_MS, type DigestDelivery } from '../../src/digest/deliver-digest.ts';
import { deferredNote } from '../../src/slack/render/digest.ts';
import { PAUSING_ERRORS } from '../../src/slack/slack-errors.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Subscription } from '../../src/store/digest-store.ts';
import { rateLimited, serverError, startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.ts';
import { captureLogger, digestClient, fakeClock, loadCorpus, tempDir, writeCorpus } from './support.ts';
import type { SqliteStore as Store } from '../../src/store/sqlite/sqlite-store.ts';

const FIXTURE_CORPUS = path.resolve(import.meta.dirname, '../fixtures/corpus');
const CHANNEL = 'CDIGEST';
const DAY = '2025-11-24';

let api: SlackApiStandIn;
let fixtureCorpus: CorpusService;
let store: SqliteStore;
let clock: ReturnType<typeof fakeClock>;
let slept: number[];
let log: ReturnType<typeof captureLogger>;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  fixtureCorpus = await loadCorpus(FIXTURE_CORPUS);
});
afterAll(async () => {
  await api.close();
});
beforeEach(async () => {
  api.reset();
  store = openSqliteStore(path.join(tempDir('deliver'), 'aigov.sqlite'));
  clock = fakeClock('2025-11-24T08:00:00Z');
  slept = [];
  log = captureLogger();
});
afterEach(async () => {
  await store.close();
});

function delivery(corpus: CorpusService = fixtureCorpus, on: Store = store): DigestDelivery {
  return createDigestDelivery({
    client: digestClient(api),
    store: on,
    corpus,
    logger: log.logger,
    now: clock.now,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
}

async function subscribe(channelId = CHANNEL): Promise<Subscription> {
  return store.digests.upsertSubscription({ channelId, time: '09:00', timeZone: 'Europe/Brussels', createdBy: 'U1', at: new Date('2025-11-01T00:00:00Z') });
}

async function seeAll(corpus: CorpusService = fixtureCorpus, at = new Date('2025-11-20T00:00:00Z')): Promise<void> {
  await store.articlesSeen.recordArticlesSeen(corpus.index.all().map((a) => a.id), at);
}

const posts = (channel = CHANNEL) => api.calls('chat.postMessage').filter((c) => c.args.channel === channel);

describe('deliverScheduled', () => {
  it('posts the first digest once and records it; a second attempt the same day does nothing', async () => {
    await seeAll();
    const sub = await subscribe();
    const d = delivery();
    const result = await d.deliverScheduled(sub, DAY);
    expect(result).toMatchObject({ status: 'posted', localDate: DAY, replies: 0 });
    expect(api.messages(CHANNEL)).toHaveLength(1);
    expect(JSON.stringify(api.messages(CHANNEL)[0]!.blocks)).toContain('the latest 5 articles');
    const record = await store.digests.digestFor(CHANNEL, DAY);
    expect(record).toMatchObject({ state: 'posted', messageTs: api.messages(CHANNEL)[0]!.ts });
    expect(record!.articleIds).toHaveLength(5);
    expect(record!.coveredUntil).toEqual(new Date('2025-11-20T00:00:00Z'));

    expect(await d.deliverScheduled(sub, DAY)).toMatchObject({ status: 'already-claimed' });
    expect(api.messages(CHANNEL)).toHaveLength(1);
  });

  it('lists only articles first seen after the last digest, and records a day with nothing new without posting', async () => {
    await seeAll();
    const sub = await subscribe();
    const d = delivery();
    await d.deliverScheduled(sub, '2025-11-23');
    api.reset();

    expect(await d.deliverScheduled(sub, DAY)).toMatchObject({ status: 'nothing-new' });
    expect(posts()).toHaveLength(0);
    expect(await store.digests.digestFor(CHANNEL, DAY)).toMatchObject({ state: 'posted', messageTs: null, articleIds: [] });


    // A new file arrives: only it is listed the next day.
    const corpus = await loadCorpus(writeCorpus(3));
    await store.articlesSeen.recordArticlesSeen(['a00', 'a01'], new Date('2025-11-20T00:00:00Z'));
    const d2 = delivery(corpus);
    await store.articlesSeen.recordArticlesSeen(['a02', 'gone'], new Date('2025-11-25T07:00:00Z')); // 'gone' is not in the corpus: skipped
    const result = await d2.deliverScheduled(sub, '2025-11-25');
    expect(result).toMatchObject({ status: 'posted', articleIds: ['a02'] });
    expect(JSON.stringify(api.messages(CHANNEL)[0]!.blocks)).toContain('1 new article');
  });

  it('not_in_channel: joins the channel and posts once', async () => {
    await seeAll();
    const sub = await subscribe();
    api.stub('chat.postMessage', [{ ok: false, error: 'not_in_channel' }]);
    const result = await delivery().deliverScheduled(sub, DAY);
    expect(result.status).toBe('posted');
    expect(api.calls('conversations.join').map((c) => c.args.channel)).toEqual([CHANNEL]);
    expect(posts()).toHaveLength(2);
    expect(api.messages(CHANNEL)).toHaveLength(1);
  });

  it('not_in_channel and the join fails (a private channel): pauses, says to invite, releases the day', async () => {
    await seeAll();
    const sub = await subscribe();
    api.stub('chat.postMessage', { ok: false, error: 'not_in_channel' });
    api.stub('conversations.join', { ok: false, error: 'method_not_supported_for_channel_type' });
    const result = await delivery().deliverScheduled(sub, DAY);
    expect(result).toMatchObject({ status: 'paused', reason: PAUSING_ERRORS['not_in_channel'] });
    expect(posts()).toHaveLength(1); // no second post without a successful join
    expect((await store.digests.getSubscription(CHANNEL))?.paused?.reason).toMatch(/invite @aigov/);
    expect(await store.digests.digestFor(CHANNEL, DAY)).toMatchObject({ state: 'failed' });
  });

  it.each(['channel_not_found', 'is_archived', 'token_revoked', 'account_inactive', 'invalid_auth'])(
    '%s: pauses the subscription with the reason in words and releases the day',
    async (error) => {
      await seeAll();
      const sub = await subscribe();
      api.stub('chat.postMessage', { ok: false, error });
      const result = await delivery().deliverScheduled(sub, DAY);
      expect(result.status).toBe('paused');
      const paused = (await store.digests.getSubscription(CHANNEL))?.paused;
      expect(paused?.reason).toContain(error);
      expect(paused?.reason.length).toBeGreaterThan(error.length + 20);
      expect(await store.digests.digestFor(CHANNEL, DAY)).toMatchObject({ state: 'failed', error });
      expect(posts()).toHaveLength(1);
    },
  );

  it('another ok:false error releases the day without pausing', async () => {
    await seeAll();
    const sub = await subscribe();
    api.stub('chat.postMessage', [{ ok: false, error: 'restricted_action' }]);
    expect(await delivery().deliverScheduled(sub, DAY)).toMatchObject({ status: 'failed', error: 'restricted_action' });
    expect((await store.digests.getSubscription(CHANNEL))?.paused).toBeNull();
    expect(await store.digests.reserveDigest(CHANNEL, DAY, clock.now())).toBe(true); // the day may be tried again
  });

  it('429: waits out Retry-After, then posts once', async () => {
    await seeAll();
    const sub = await subscribe();
    api.stub('chat.postMessage', [rateLimited(7)]);
    const result = await delivery().deliverScheduled(sub, DAY);
    expect(result.status).toBe('posted');
    expect(slept).toEqual([7000]);
    expect(api.messages(CHANNEL)).toHaveLength(1);
  });

  it('a Retry-After too long to wait releases the day instead of holding the scheduler', async () => {
    await seeAll();
    const sub = await subscribe();
    api.stub('chat.postMessage', [rateLimited(3600)]);
    expect(await delivery().deliverScheduled(sub, DAY)).toMatchObject({ status: 'failed' });
    expect(slept).toEqual([]);
    expect(await store.digests.digestFor(CHANNEL, DAY)).toMatchObject({ state: 'failed' });
  });

  it('an unknown outcome (HTTP 500) is not retried and leaves the reservation', async () => {
    await seeAll();
    const sub = await subscribe();
    api.stub('chat.postMessage', [serverError(500)]);
    const result = await delivery().deliverScheduled(sub, DAY);
    expect(result.status).toBe('outcome-unknown');
    expect(posts()).toHaveLength(1);
    expect(await store.digests.digestFor(CHANNEL, DAY)).toMatchObject({ state: 'reserved' });
    expect(await store.digests.lastCompletedDigest(CHANNEL)).toBeNull();
    expect(log.lines()).toContain('outcome unknown');
  });

  it('a connection refused before sending releases the day (nothing can have been posted)', async () => {
    await seeAll();
    const sub = await subscribe();
    const closed = await startSlackApiStandIn();
    const url = closed.url;
    await closed.close();
    const { WebClient } = await import('@slack/web-api');
    const { DELIVERY_CLIENT_OPTIONS } = await import('../../src/slack/web-client.ts');
    const d = createDigestDelivery({
      client: new WebClient('xoxb-x', { ...DELIVERY_CLIENT_OPTIONS, slackApiUrl: url }),
      store,
      corpus: fixtureCorpus,
      logger: log.logger,
      now: clock.now,
    });
    expect(await d.deliverScheduled(sub, DAY)).toMatchObject({ status: 'failed' });
    expect(await store.digests.digestFor(CHANNEL, DAY)).toMatchObject({ state: 'failed' });
  });

  it('splits a long digest into a channel post and thread replies under it', async () => {
    const corpus = await loadCorpus(writeCorpus(20));
    await seeAll(corpus, new Date('2025-11-20T00:00:00Z'));
    const sub = await subscribe();
    const d = delivery(corpus);
    await store.digests.reserveDigest(CHANNEL, '2025-11-21', clock.now());
    await store.digests.completeDigest(CHANNEL, '2025-11-21', { messageTs: null, articleIds: [], coveredUntil: new Date('2025-11-19T00:00:00Z') }, clock.now());
    const result = await d.deliverScheduled(sub, DAY);
    expect(result).toMatchObject({ status: 'posted', failedReplies: 0 });
    const messages = api.messages(CHANNEL);
    const [post, ...replies] = messages;
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) expect(reply.thread_ts).toBe(post!.ts);
    expect(post!.thread_ts).toBeUndefined();
    const listed = messages.flatMap((m) => JSON.stringify(m.blocks).match(/Article \d+ on/g) ?? []);
    expect(new Set(listed).size).toBe(20);
    expect(listed).toHaveLength(20);
    expect(JSON.stringify(post!.blocks)).toContain('20 new articles');
  });
});

describe('deliverNow', () => {
  it('posts and counts as the day\'s digest in the subscription zone', async () => {
    await seeAll();
    await subscribe();
    const d = delivery();
    clock.set('2025-11-24T06:00:00Z'); // 07:00 in Brussels, before the scheduled 09:00
    expect(await d.deliverNow(CHANNEL)).toMatchObject({ status: 'posted', localDate: DAY });
    expect(await d.deliverNow(CHANNEL)).toMatchObject({ status: 'already-claimed', record: { state: 'posted' } });
    expect(api.messages(CHANNEL)).toHaveLength(1);
  });

  it('with nothing new posts nothing and leaves the day open', async () => {
    await seeAll();
    const sub = await subscribe();
    const d = delivery();
    await d.deliverScheduled(sub, '2025-11-23');
    api.reset();
    const result = await d.deliverNow(CHANNEL);
    expect(result).toMatchObject({ status: 'nothing-new', since: new Date('2025-11-20T00:00:00Z'), timeZone: 'Europe/Brussels' });
    expect(posts()).toHaveLength(0);
    expect(await store.digests.digestFor(CHANNEL, DAY)).toBeNull();
  });

  it('resumes a paused subscription once a post succeeds', async () => {
    await seeAll();
    await subscribe();
    await store.digests.pauseSubscription(CHANNEL, 'was archived', clock.now());
    expect(await delivery().deliverNow(CHANNEL)).toMatchObject({ status: 'posted' });
    expect((await store.digests.getSubscription(CHANNEL))?.paused).toBeNull();
  });

  it('works in a channel without a subscription (its day read in UTC)', async () => {
    await seeAll();
    clock.set('2025-11-24T23:30:00Z');
    expect(await delivery().deliverNow('CNOSUB')).toMatchObject({ status: 'posted', localDate: '2025-11-24' });
  });
});

/** `a07` for "Article 7 on …": the ids of `writeCorpus` articles listed in some messages. */
function listedIds(messages: readonly { blocks?: unknown }[]): string[] {
  return messages.flatMap((m) => [...JSON.stringify(m.blocks).matchAll(/Article (\d+) on/g)].map((match) => `a${match[1]!.padStart(2, '0')}`));
}

/** Records each article of a `writeCorpus` corpus as first seen one minute after the one before, from `start`. */
async function seeOneByOne(corpus: CorpusService, start = new Date('2025-11-20T00:00:00Z')): Promise<Map<string, Date>> {
  const times = new Map<string, Date>();
  const ids = corpus.index.all().map((a) => a.id).sort();
  for (const [i, id] of ids.entries()) {
    const at = new Date(start.getTime() + i * 60_000);
    await store.articlesSeen.recordArticlesSeen([id], at);
    times.set(id, at);
  }
  return times;
}

/** An earlier digest that covered nothing of the test's articles, so today's is not a first digest. */
async function earlierDigest(coveredUntil = new Date('2025-11-19T00:00:00Z')): Promise<void> {
  await store.digests.reserveDigest(CHANNEL, '2025-11-21', clock.now());
  await store.digests.completeDigest(CHANNEL, '2025-11-21', { messageTs: null, articleIds: [], coveredUntil }, clock.now());
}

describe('a long backlog', () => {
  it('lists every new article once across digests: the oldest DEFAULT_MAX_DIGEST_ITEMS today, the rest the next day', async () => {
    const corpus = await loadCorpus(writeCorpus(DEFAULT_MAX_DIGEST_ITEMS + 5));
    const times = await seeOneByOne(corpus);
    await earlierDigest();
    const sub = await subscribe();
    const d = delivery(corpus);

    const today = await d.deliverScheduled(sub, DAY);
    expect(today).toMatchObject({ status: 'posted', failedReplies: 0 });
    const todays = api.messages(CHANNEL);
    expect(JSON.stringify(todays[0]!.blocks)).toContain(deferredNote(5));
    const listedToday = listedIds(todays);
    expect(listedToday).toHaveLength(DEFAULT_MAX_DIGEST_ITEMS);
    const newestListed = Math.max(...listedToday.map((id) => times.get(id)!.getTime()));
    const oldestLeft = Math.min(...[...times].filter(([id]) => !listedToday.includes(id)).map(([, at]) => at.getTime()));
    expect(newestListed).toBeLessThan(oldestLeft); // the oldest ones first
    expect((await store.digests.digestFor(CHANNEL, DAY))?.coveredUntil).toEqual(new Date(newestListed));

    api.reset();
    const tomorrow = await d.deliverScheduled(sub, '2025-11-25');
    expect(tomorrow).toMatchObject({ status: 'posted' });
    const listedTomorrow = listedIds(api.messages(CHANNEL));
    expect([...listedToday, ...listedTomorrow].sort()).toEqual([...times.keys()].sort());
  });
});

describe('thread replies', () => {
  it('retries a reply Slack refused, after a pause, and delivers every article', async () => {
    const corpus = await loadCorpus(writeCorpus(70));
    await seeOneByOne(corpus);
    await earlierDigest();
    const sub = await subscribe();
    let refused = 0;
    api.stub('chat.postMessage', (call) => {
      if (call.args.thread_ts === undefined || refused > 0) return undefined;
      refused += 1;
      return { ok: false, error: 'internal_error' };
    });
    const result = await delivery(corpus).deliverScheduled(sub, DAY);
    expect(result).toMatchObject({ status: 'posted', failedReplies: 0 });
    expect(refused).toBe(1);
    expect(slept).toEqual([REPLY_RETRY_BACKOFF_MS[0]]);
    const listed = listedIds(api.messages(CHANNEL));
    expect(listed).toHaveLength(70);
    expect(new Set(listed).size).toBe(70);
  });

  it('a reply that cannot be delivered leaves its articles for the next digest; the channel post is not repeated', async () => {
    const corpus = await loadCorpus(writeCorpus(70));
    const times = await seeOneByOne(corpus);
    await earlierDigest();
    const sub = await subscribe();
    let delivered = 0;
    api.stub('chat.postMessage', (call) => {
      if (call.args.thread_ts === undefined) return undefined;
      if (delivered === 0) {
        delivered += 1;
        return undefined;
      }
      return { ok: false, error: 'internal_error' };
    });
    const d = delivery(corpus);
    const result = await d.deliverScheduled(sub, DAY);
    expect(result).toMatchObject({ status: 'posted' });
    if (result.status !== 'posted') return;
    expect(result.failedReplies).toBeGreaterThan(0);
    const [post, ...replies] = api.messages(CHANNEL);
    expect(replies).toHaveLength(1);
    const listedToday = listedIds(api.messages(CHANNEL));
    const missing = [...times.keys()].filter((id) => !listedToday.includes(id));
    expect(missing.length).toBeGreaterThan(0);
    expect(result.articleIds).toEqual(listedToday);

    const record = await store.digests.digestFor(CHANNEL, DAY);
    expect(record).toMatchObject({ state: 'posted', messageTs: post!.ts, articleIds: listedToday });
    const oldestMissing = Math.min(...missing.map((id) => times.get(id)!.getTime()));
    expect(record!.coveredUntil!.getTime()).toBeLessThan(oldestMissing);
    expect(await d.deliverScheduled(sub, DAY)).toMatchObject({ status: 'already-claimed' });

    api.unstub('chat.postMessage');
    api.reset();
    const next = await d.deliverScheduled(sub, '2025-11-25');
    expect(next).toMatchObject({ status: 'posted', failedReplies: 0 });
    const listedNext = listedIds(api.messages(CHANNEL));
    for (const id of missing) expect(listedNext).toContain(id);
  });

  it('does not retry a reply whose outcome is unknown, and lists its articles again next time', async () => {
    const corpus = await loadCorpus(writeCorpus(30));
    await seeOneByOne(corpus);
    await earlierDigest();
    const sub = await subscribe();
    api.stub('chat.postMessage', (call) => (call.args.thread_ts === undefined ? undefined : serverError(500)));
    const d = delivery(corpus);
    expect(await d.deliverScheduled(sub, DAY)).toMatchObject({ status: 'posted', replies: 0, failedReplies: 1 });
    expect(posts().filter((c) => c.args.thread_ts !== undefined)).toHaveLength(1);
    expect(slept).toEqual([]);
    const inPost = listedIds(api.messages(CHANNEL));
    api.unstub('chat.postMessage');
    api.reset();
    await d.deliverScheduled(sub, '2025-11-25');
    const next = listedIds(api.messages(CHANNEL));
    expect([...new Set([...inPost, ...next])].sort()).toEqual(corpus.index.all().map((a) => a.id).sort());
  });

  it('keeps the day reserved while the replies go out, so a crash then never posts the day again', async () => {
    const corpus = await loadCorpus(writeCorpus(30));
    await seeOneByOne(corpus);
    await earlierDigest();
    const sub = await subscribe();
    const otherStore = openSqliteStore(store.file);
    const other = delivery(corpus, otherStore);
    let during: { state: string | undefined; now: string } | null = null;
    api.stub('chat.postMessage', async (call) => {
      if (call.args.thread_ts !== undefined && during === null) {
        during = { state: (await store.digests.digestFor(CHANNEL, DAY))?.state, now: (await other.deliverNow(CHANNEL)).status };
      }
      return undefined;
    });
    expect(await delivery(corpus).deliverScheduled(sub, DAY)).toMatchObject({ status: 'posted', failedReplies: 0 });
    expect(during).toEqual({ state: 'reserved', now: 'already-claimed' });
    expect(api.messages(CHANNEL).filter((m) => m.thread_ts === undefined)).toHaveLength(1);
    await otherStore.close();
  });
});

describe('digest now after a scheduled day with nothing new', () => {
  async function nothingNewToday(): Promise<{ corpus: CorpusService; sub: Subscription }> {
    const corpus = await loadCorpus(writeCorpus(3));
    await store.articlesSeen.recordArticlesSeen(['a00', 'a01'], new Date('2025-11-20T00:00:00Z'));
    const sub = await subscribe();
    const d = delivery(corpus);
    await d.deliverScheduled(sub, '2025-11-23');
    expect(await d.deliverScheduled(sub, DAY)).toMatchObject({ status: 'nothing-new' }); // 09:00 Brussels
    expect(await store.digests.digestFor(CHANNEL, DAY)).toMatchObject({ state: 'posted', messageTs: null });
    api.reset();
    clock.set('2025-11-24T09:00:00Z');
    await store.articlesSeen.recordArticlesSeen(['a02'], clock.now());
    return { corpus, sub };
  }

  it('posts what came since, once, and the day stays done for the scheduler', async () => {
    const { corpus, sub } = await nothingNewToday();
    const d = delivery(corpus);
    const result = await d.deliverNow(CHANNEL);
    expect(result).toMatchObject({ status: 'posted', localDate: DAY, articleIds: ['a02'] });
    expect(api.messages(CHANNEL)).toHaveLength(1);
    expect(await store.digests.digestFor(CHANNEL, DAY)).toMatchObject({ state: 'posted', messageTs: api.messages(CHANNEL)[0]!.ts, articleIds: ['a02'] });
    expect(await d.deliverNow(CHANNEL)).toMatchObject({ status: 'already-claimed', record: { state: 'posted' } });
    expect(await d.deliverScheduled(sub, DAY)).toMatchObject({ status: 'already-claimed' });
    expect(api.messages(CHANNEL)).toHaveLength(1);
  });

  it('two at once (two processes) post once', async () => {
    const { corpus } = await nothingNewToday();
    const second = openSqliteStore(store.file);
    try {
      const results = await Promise.all([delivery(corpus).deliverNow(CHANNEL), delivery(corpus, second).deliverNow(CHANNEL)]);
      expect(results.map((r) => r.status).sort()).toEqual(['already-claimed', 'posted']);
      expect(api.messages(CHANNEL)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
