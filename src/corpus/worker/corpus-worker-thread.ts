/**
 * The corpus worker: runs a {@link CorpusService} in a worker thread and
 * answers {@link WorkerCorpus}'s requests one at a time. Compiled (`npm
 * start`), the thread starts from this module; run from source, through
 * worker-bootstrap.mjs, which lets the worker import TypeScript. Never
 * imported by other modules.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CorpusService } from '../corpus-service.ts';
import { IdleCollector } from '../../runtime/idle-collector.ts';
import { liftHeapGrowth } from '../../runtime/start-up-heap.ts';
import { prepareConcepts } from '../../core/answer/concepts.ts';
import { sentenceSegmenter } from '../../core/text.ts';
import { loadArticleFilesSync } from '../load-corpus.ts';
import { CORPUS_THREAD_NICENESS, lowerThreadPriority } from '../../runtime/thread-priority.ts';
import type { CorpusOp, CorpusOps, CorpusReply, CorpusRequest, CorpusWorkerData, WireError } from './corpus-worker-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('corpus-worker: must run in a worker thread');
const data = workerData as CorpusWorkerData;

const toWire = (err: unknown): WireError =>
  err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };

const corpus = new CorpusService(data.corpusDir, () => new Date(), {
  snapshotDir: data.snapshotDir,
  // Nothing waits on this thread's event loop while it loads: the main thread answers /healthz.
  blockingLoad: true,
  // A first start indexes on both cores: the main thread has nothing to do until the index is ready.
  coldBuildHelper: true,
  onSaveError: (err) => port.postMessage({ seq: null, saveError: toWire(err) } satisfies CorpusReply),
});
// The heap grows freely while the saved index loads (start-up-heap.ts); `load` puts the start's growth back.
const restoreHeapGrowth = liftHeapGrowth();
// The saved index is read as the thread starts, while the main thread loads Bolt; `load` then stamps the files.
corpus.preload();

type Handlers = { [K in CorpusOp]: (args: CorpusOps[K]['args']) => CorpusOps[K]['value'] | Promise<CorpusOps[K]['value']> };

const handlers: Handlers = {
  async load() {
    const report = await corpus.load().finally(restoreHeapGrowth);
    // Once the reply is sent: what a warm start did not need is made before the first question can use it
    // (a request that comes meanwhile waits behind it, as behind a search), and the load's garbage (the parsed
    // snapshot) is returned with --expose-gc (npm start) rather than held at the load-time peak.
    // The near-duplicate bands are filed one band per turn, so a search that comes meanwhile waits for one band at most.
    const finishRestore = (): void => {
      if (corpus.finishRestoreStep()) setImmediate(finishRestore);
      else (globalThis as { gc?: () => void }).gc?.();
    };
    setImmediate(() => {
      prepareConcepts();
      sentenceSegmenter();
      // Serving from now on: the thread that acks goes first when the cores are contended (thread-priority.ts).
      lowerThreadPriority(CORPUS_THREAD_NICENESS);
      finishRestore();
    });
    return { report, articles: corpus.index.all() };
  },
  search: ({ query, page }) => corpus.search(query, page),
  answer: ({ question, continuing }) => corpus.answer(question, continuing),
  timeline: ({ query, page }) => corpus.timeline(query, page),
  // Synchronous: as one task, not an await per file behind the searches queued here (load-corpus.ts).
  readArticleFiles: ({ dir, files }) => loadArticleFilesSync(dir, files),
  upsert({ articles }) {
    for (const article of articles) corpus.upsert(article);
    return null;
  },
  remove: ({ id }) => corpus.remove(id),
  articles: async ({ ids }) => [...(await corpus.articles(ids)).values()],
  duplicateGroups: async ({ ids }) => [...(await corpus.duplicateGroups(ids)).entries()],
  sentences: async ({ ids }) => [...(await corpus.sentences(ids)).entries()],
  matchWatches: ({ articleId, watches }) => corpus.matchWatches(articleId, watches),
  async flush() {
    await corpus.flush();
    return null;
  },
  crash() {
    if (data.faultInjection) {
      // Thrown outside any promise chain, so it is uncaught: the thread dies as it would from a bug.
      setImmediate(() => {
        throw new Error('injected fault: corpus worker crash');
      });
    }
    return null;
  },
};

const collector = new IdleCollector();

port.on('message', (request: CorpusRequest) => {
  collector.busy();
  const { seq, op, args } = request;
  // Searches and answers are synchronous, so they are served one at a time in arrival order;
  // load and flush wait on I/O, as they do in one thread (WorkerCorpus sends no search before the load ends).
  Promise.resolve()
    .then(() => (handlers[op] as (a: typeof args) => unknown)(args))
    .then(
      (value) => port.postMessage({ seq, ok: true, value } satisfies CorpusReply),
      (err: unknown) => port.postMessage({ seq, ok: false, error: toWire(err) } satisfies CorpusReply),
    )
    // A reply that cannot be sent (a value structured clone refuses) is an error answer, not an unhandled rejection.
    .catch((err: unknown) => port.postMessage({ seq, ok: false, error: toWire(err) } satisfies CorpusReply));
});
