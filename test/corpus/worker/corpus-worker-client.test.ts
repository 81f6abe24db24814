import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusService, IndexNotReadyError } from '../../../src/corpus/corpus-service.ts';
import { SNAPSHOT_FILE } from '../../../src/corpus/index-snapshot/persisted-index.ts';
import { CorpusRecoveringError, CorpusWorkerGoneError, WorkerCorpus } from '../../../src/corpus/worker/corpus-worker-client.ts';
import { FIXTURE_CORPUS_DIR } from '../../core/search/articles.ts';
import { loadArticleFiles } from '../../../src/corpus/load-corpus.ts';
import { CORPUS_THREAD_NICENESS } from '../../../src/runtime/thread-priority.ts';
import { until } from '../../support/until.ts';
import { threadNiceness } from '../../support/thread-niceness.ts';

function tempCopyOfFixtures(): { corpus: string; snapshots: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-worker-corpus-'));
  const corpus = path.join(root, 'corpus');
  fs.cpSync(FIXTURE_CORPUS_DIR, corpus, { recursive: true });
  return { corpus, snapshots: path.join(root, 'index') };
}

const query = (terms: string) => ({ raw: terms, terms, filters: {}, capped: false });
const page = { offset: 0, limit: 10 };
const QUESTION = 'when was the 2025 World AI Conference held?';

const open: WorkerCorpus[] = [];
function workerCorpus(...args: ConstructorParameters<typeof WorkerCorpus>): WorkerCorpus {
  const corpus = new WorkerCorpus(...args);
  open.push(corpus);
  return corpus;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

const ARTICLE = {
  id: '950_worker-added',
  file: '950_worker-added.md',
  title: 'Quokkaville accord on AI audits',
  date: '2099-01-02',
  dateKind: 'stated' as const,
  source: 'Fixture Wire',
  url: null,
  tags: [],
  body: 'Delegates meeting in Quokkaville agreed a common method for auditing AI systems.',
};

describe('WorkerCorpus', () => {
  it('is not ready, and refuses searches, before the load', async () => {
    const { corpus } = tempCopyOfFixtures();
    const served = workerCorpus(corpus);
    expect(served.ready).toBe(false);
    expect(served.status().ready).toBe(false);
    await expect(served.searchQueued(query('AI'), page)).rejects.toBeInstanceOf(IndexNotReadyError);
    await expect(served.answerQueued(QUESTION)).rejects.toBeInstanceOf(IndexNotReadyError);
    await expect(served.timelineQueued(query('AI'), page)).rejects.toBeInstanceOf(IndexNotReadyError);
    expect(() => served.index.all()).toThrow(IndexNotReadyError);
  });

  it('serves what CorpusService serves in this thread over the same files', async () => {
    const { corpus } = tempCopyOfFixtures();
    const local = new CorpusService(corpus);
    const served = workerCorpus(corpus);
    const [here, there] = [await local.load(), await served.load()];
    expect(there).toEqual(here);
    for (const terms of ['capacity-building', 'sanctons', 'Vucic', 'AI governance']) {
      expect(await served.searchQueued(query(terms), page)).toEqual(local.search(query(terms), page));
    }
    expect(await served.answerQueued(QUESTION)).toEqual(local.answer(QUESTION));
    const timeline = await served.timelineQueued(query('capacity-building'), page);
    expect(timeline.entries.length).toBeGreaterThan(0);
    expect(timeline).toEqual(local.timeline(query('capacity-building'), page));
    const metas = local.index.all();
    expect(served.index.all()).toEqual(metas);
    expect(served.index.get(metas[0]!.id)).toEqual(metas[0]);
    const ids = metas.slice(0, 2).map((m) => m.id);
    expect(await served.articles([...ids, 'no-such-article'])).toEqual(await local.articles([...ids, 'no-such-article']));
    const sentences = await served.sentences([...ids, 'no-such-article']);
    expect(sentences).toEqual(await local.sentences([...ids, 'no-such-article']));
    expect([...sentences.keys()]).toEqual(ids);
    expect({ ...served.status(), indexedAt: null, corpusAgeSeconds: null }).toEqual({
      ...local.status(),
      indexedAt: null,
      corpusAgeSeconds: null,
    });
  });

  it('reads and parses files in the worker exactly as loadArticleFiles does here, before any load', async () => {
    const { corpus } = tempCopyOfFixtures();
    fs.writeFileSync(path.join(corpus, 'zz-broken.md'), '---\ntitle: Broken\ndate: not-a-date\n---\n\nText.\n');
    const files = [...fs.readdirSync(corpus).sort().slice(0, 3), 'zz-broken.md', 'gone.md', '../outside.md'];
    const served = workerCorpus(corpus);
    const there = await served.readArticleFiles(corpus, files);
    expect(there).toEqual(await loadArticleFiles(corpus, files));
    expect(there.map((r) => r.ok)).toEqual([true, true, true, false, false, false]);
    expect(await served.readArticleFiles(corpus, [])).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('serves at a lower CPU priority once loaded, the thread that acks unchanged', async () => {
    const { corpus } = tempCopyOfFixtures();
    const mainBefore = os.getPriority(process.pid);
    const niceBefore = new Set([...threadNiceness()].filter(([, nice]) => nice === CORPUS_THREAD_NICENESS).map(([tid]) => tid));
    const served = workerCorpus(corpus);
    await served.load();
    // Lowered by the worker itself right after its load reply: one new thread at the corpus niceness.
    await until(() => [...threadNiceness()].some(([tid, nice]) => nice === CORPUS_THREAD_NICENESS && !niceBefore.has(tid)));
    expect(os.getPriority(process.pid)).toBe(mainBefore);
    expect(threadNiceness().get(process.pid)).toBe(mainBefore);
  });

  it('adds, replaces and removes articles in the worker and in its catalog', async () => {
    const { corpus } = tempCopyOfFixtures();
    const served = workerCorpus(corpus);
    const { articles } = await served.load();
    const found = async (terms: string) => (await served.searchQueued(query(terms), page)).hits.map((h) => h.article.id);

    await served.upsert(ARTICLE);
    expect(await found('Quokkaville')).toEqual([ARTICLE.id]);
    expect(served.index.get(ARTICLE.id)?.title).toBe(ARTICLE.title);
    expect(served.status()).toMatchObject({ documents: articles + 1, newestArticleDate: ARTICLE.date });

    await served.upsert({ ...ARTICLE, title: 'Wombat accord', date: '2001-01-01', body: 'Wombats agreed.' });
    expect(await found('Quokkaville')).toEqual([]);
    expect(await found('Wombat')).toEqual([ARTICLE.id]);
    expect(served.status().newestArticleDate).not.toBe(ARTICLE.date);

    expect(await served.remove(ARTICLE.id)).toBe(true);
    expect(await served.remove(ARTICLE.id)).toBe(false);
    expect(await found('Wombat')).toEqual([]);
    expect(served.index.get(ARTICLE.id)).toBeUndefined();
    expect(served.status().documents).toBe(articles);
  });

  it('adds a batch of articles in one request, replacing the newest date correctly', async () => {
    const { corpus } = tempCopyOfFixtures();
    const served = workerCorpus(corpus);
    const { articles } = await served.load();
    const found = async (terms: string) => (await served.searchQueued(query(terms), page)).hits.map((h) => h.article.id);
    const batch = ['Quokka', 'Wallaby', 'Numbat'].map((animal, i) => ({
      ...ARTICLE,
      id: `95${i}_batch`,
      file: `95${i}_batch.md`,
      title: `${animal} accord`,
      date: `2099-01-0${i + 1}`,
      body: `Delegates meeting in ${animal}ville agreed a method for auditing AI systems.`,
    }));

    await served.upsertMany(batch);
    for (const [i, animal] of ['Quokka', 'Wallaby', 'Numbat'].entries()) expect(await found(`${animal}ville`)).toEqual([`95${i}_batch`]);
    expect(served.status()).toMatchObject({ documents: articles + 3, newestArticleDate: '2099-01-03' });

    // The newest one replaced by an older version: the newest date comes from what is left.
    await served.upsertMany([{ ...batch[2]!, date: '2001-01-01' }, { ...batch[0]!, title: 'Quokka accord, revised' }]);
    expect(served.status()).toMatchObject({ documents: articles + 3, newestArticleDate: '2099-01-02' });
    expect(served.index.get('950_batch')?.title).toBe('Quokka accord, revised');
    await served.upsertMany([]);
    expect(served.status().documents).toBe(articles + 3);
  });

  it('hands replies over one per event-loop turn, so work waiting meanwhile (an ack) runs between them', async () => {
    const { corpus } = tempCopyOfFixtures();
    const served = workerCorpus(corpus);
    await served.load();
    const order: string[] = [];
    const searches = Array.from({ length: 8 }, () =>
      served.searchQueued(query('AI governance'), page).then(() => {
        order.push('reply');
        setImmediate(() => order.push('turn'));
      }),
    );
    // This thread is held while the worker answers, so the eight replies wait on the port together.
    const until = Date.now() + 500;
    while (Date.now() < until) {
      // busy, as the bot's thread is under load
    }
    await Promise.all(searches);
    await new Promise((resolve) => setImmediate(resolve));
    // Handed over all at once, the eight replies would all come before the first turn.
    expect(order.slice(0, 8)).not.toEqual(Array.from({ length: 8 }, () => 'reply'));
    expect(order.filter((o) => o === 'reply')).toHaveLength(8);
  });

  it('saves the index when closed, and loads it at the next start', async () => {
    const { corpus, snapshots } = tempCopyOfFixtures();
    const first = workerCorpus(corpus, () => new Date(), { snapshotDir: snapshots });
    expect((await first.load()).from).toBe('built');
    await first.upsert(ARTICLE);
    await first.close();
    // Saved on the way out: the snapshot now holds the article added after the cold start's save.
    expect(fs.readFileSync(path.join(snapshots, SNAPSHOT_FILE), 'utf8')).toContain('Quokkaville');

    const second = workerCorpus(corpus, () => new Date(), { snapshotDir: snapshots });
    expect((await second.load()).from).toBe('snapshot');
    const local = new CorpusService(corpus);
    await local.load();
    for (const terms of ['capacity-building', 'Vucic']) {
      expect(await second.searchQueued(query(terms), page)).toEqual(local.search(query(terms), page));
    }
  });

  it('rejects requests once closed, and reports not ready', async () => {
    const { corpus } = tempCopyOfFixtures();
    const served = workerCorpus(corpus);
    await served.load();
    await served.close();
    expect(served.status().ready).toBe(false);
    await expect(served.searchQueued(query('AI'), page)).rejects.toBeInstanceOf(CorpusWorkerGoneError);
  });

  it('rejects the load with the reason when the corpus cannot be read', async () => {
    const served = workerCorpus(path.join(os.tmpdir(), 'aigov-no-such-corpus-dir'));
    await expect(served.load()).rejects.toThrow(/aigov-no-such-corpus-dir/);
  });

  it('after a crash refuses requests as recovering, then serves again from the saved index', async () => {
    const { corpus, snapshots } = tempCopyOfFixtures();
    const events: string[] = [];
    const served = workerCorpus(corpus, () => new Date(), {
      snapshotDir: snapshots,
      faultInjection: true,
      restartBackoff: { initialMs: 300, factor: 2, maxMs: 1_000, stableAfterMs: 60_000 },
    });
    served.listen({
      onWorkerCrash: ({ err }) => events.push(`crash: ${err.message}`),
      onRecovered: ({ report }) => events.push(`recovered from ${report.from}`),
    });
    await served.load();
    served.injectCrash();
    const deadline = Date.now() + 20_000;
    while (!served.recovering && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(served.recovering).toBe(true);
    expect(served.status().ready).toBe(false);
    await expect(served.answerQueued(QUESTION)).rejects.toBeInstanceOf(CorpusRecoveringError);
    while (served.recovering && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual(['crash: injected fault: corpus worker crash', 'recovered from snapshot']);
    expect(served.status().ready).toBe(true);
    expect(await served.answerQueued(QUESTION)).not.toBeNull();
  });
});
