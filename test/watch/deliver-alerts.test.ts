/** Watch alert delivery over a real corpus, a real SQLite store and the Slack stand-in: the daily bound and rate limits. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { createWatchAlerts, MAX_ALERTS_PER_WATCH_PER_DAY } from '../../src/watch/deliver-alerts.ts';
import { rateLimited, startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.ts';
import { captureLogger, digestClient, loadCorpus, tempDir, writeArticle } from '../digest/support.ts';

const COUNT = MAX_ALERTS_PER_WATCH_PER_DAY + 3;
let api: SlackApiStandIn;
let store: SqliteStore;
let dir: string;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  dir = tempDir('watch-alerts');
  for (let i = 0; i < COUNT; i++) writeArticle(dir, { id: `w${String(i).padStart(3, '0')}`, title: `Numbat treaty report ${i}`, body: `Report ${i} on the numbat treaty.` });
  store = openSqliteStore(path.join(tempDir('watch-store'), 'aigov.sqlite'));
});
afterAll(async () => {
  await store?.close();
  await api?.close();
});

describe('watch alert delivery', () => {
  it(`posts at most ${MAX_ALERTS_PER_WATCH_PER_DAY} alerts a day per watch, then says so once`, async () => {
    const corpus = await loadCorpus(dir);
    const now = () => new Date('2026-01-10T12:00:00Z');
    const watch = await store.watches.createWatch({ channelId: 'CBOUND', query: 'numbat', createdBy: 'U1', at: new Date('2026-01-10T11:00:00Z') });
    const alerts = createWatchAlerts({ client: digestClient(api), store, corpus, logger: captureLogger().logger, now, batchWindowMs: 60_000 });
    for (const meta of corpus.index.all()) await alerts.articleEntered(meta.id, now());
    await alerts.flush();
    const posts = api.calls('chat.postMessage').filter((c) => c.args.channel === 'CBOUND');
    const text = posts.map((c) => JSON.stringify(c.args.blocks)).join('\n');
    expect((text.match(/Numbat treaty report/g) ?? []).length).toBe(MAX_ALERTS_PER_WATCH_PER_DAY);
    expect((text.match(/matched more than/g) ?? []).length).toBe(1);
    expect(await store.watches.countWatchAlertsSince(watch.id, new Date('2026-01-10T00:00:00Z'))).toBe(MAX_ALERTS_PER_WATCH_PER_DAY);
    // Articles first seen before the watch was made never alert it.
    const before = api.calls('chat.postMessage').length;
    await alerts.articleEntered(corpus.index.all()[0]!.id, new Date('2026-01-10T10:00:00Z'));
    await alerts.flush();
    expect(api.calls('chat.postMessage')).toHaveLength(before);
    await alerts.stop();
  });

  it('waits out a 429 on its own client and then posts', async () => {
    const corpus = await loadCorpus(dir);
    const now = () => new Date('2026-01-11T12:00:00Z');
    await store.watches.createWatch({ channelId: 'CLIMIT', query: 'report 1', createdBy: 'U1', at: new Date('2026-01-11T11:00:00Z') });
    const waits: number[] = [];
    const alerts = createWatchAlerts({
      client: digestClient(api), store, corpus, logger: captureLogger().logger, now, batchWindowMs: 60_000,
      sleep: async (ms) => { waits.push(ms); },
    });
    api.stub('chat.postMessage', [rateLimited(2)]);
    await alerts.articleEntered('w001', now());
    await alerts.flush();
    expect(waits).toEqual([2000]);
    expect(api.messages('CLIMIT')).toHaveLength(1);
    await alerts.stop();
  });
});
