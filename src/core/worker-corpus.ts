/**
 * The bot's corpus: the index lives in a worker thread (corpus-worker.ts),
 * this thread keeps only the articles' metadata.
 *
 * Why: searches are synchronous and a search for common words costs tens of
 * milliseconds at 10k articles; on the main thread, twenty in flight delayed
 * acks by hundreds of milliseconds, and collecting the index's garbage paused
 * everything. In the worker they run beside the event loop that acks, and the
 * saved index loads there while Bolt starts.
 */
import { Worker } from 'node:worker_threads';
import { IndexNotReadyError, corpusStatus, type CorpusStatus, type LoadReport } from './corpus-service.ts';
import type { CorpusOp, CorpusOps, CorpusReply, CorpusRequest, CorpusWorkerData, WireError } from './corpus-worker-protocol.ts';
import { byDateDescending, metaOf } from './search/corpus-index.ts';
import type { ArticleCatalog, ServedCorpus } from './served-corpus.ts';
import type { Answer, Article, ArticleMeta, SearchPage, SearchQuery } from './types.ts';
import type { DuplicateGroup } from './near-duplicates/near-duplicate-index.ts';

/**
 * The module a corpus worker thread starts from (`start`), and the worker module itself (`entry`).
 *
 * Why two cases: a worker thread does not inherit the main thread's TypeScript loader. Run from
 * source (this module is `.ts`: vitest, tsx, the CLI), the worker starts from worker-bootstrap.mjs,
 * which registers tsx and then imports corpus-worker.ts. Compiled (`npm start` runs dist/, where this
 * module is `.js`), it starts straight from corpus-worker.js: tsx in the worker would only cost
 * memory and start-up time (measured: ~25 MB of RSS and ~0.1 s to healthy).
 */
function corpusWorkerModules(moduleUrl: string): { start: URL; entry: URL } {
  if (new URL(moduleUrl).pathname.endsWith('.ts')) {
    return { start: new URL('./worker-bootstrap.mjs', moduleUrl), entry: new URL('./corpus-worker.ts', moduleUrl) };
  }
  const entry = new URL('./corpus-worker.js', moduleUrl);
  return { start: entry, entry };
}

const WORKER_MODULES = corpusWorkerModules(import.meta.url);

export interface WorkerCorpusOptions {
  /** Where the index is saved between runs; null keeps it in memory only (see CorpusServiceOptions). */
  readonly snapshotDir?: string | null;
}

/** What the worker reports unasked (see {@link WorkerCorpus.listen}). */
export interface WorkerCorpusListeners {
  /** A snapshot save failed; the worker keeps serving and the next start rebuilds the index. */
  readonly onSaveError?: (err: Error) => void;
  /** The worker stopped unasked (a crash); every pending request was rejected. */
  readonly onWorkerExit?: (err: Error) => void;
}

/** The worker stopped while requests were pending, or a request came after {@link WorkerCorpus.close}. */
export class CorpusWorkerGoneError extends Error {
  override readonly name = 'CorpusWorkerGoneError';
  readonly code = 'AIGOV_CORPUS_WORKER_GONE';
}

/** An error the worker reported, under the name it had there. */
function fromWire(wire: WireError): Error {
  if (wire.name === 'IndexNotReadyError') return new IndexNotReadyError();
  const err = new Error(wire.message);
  err.name = wire.name;
  return err;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/**
 * A {@link ServedCorpus} whose index is in a worker thread. The worker starts
 * at construction (loading its modules while the caller starts other things);
 * {@link load} then loads or builds the index there.
 */
export class WorkerCorpus implements ServedCorpus {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #seq = 0;
  #gone: Error | null = null;
  /** Metadata of every indexed article, by id; null before the load. */
  #catalog: Map<string, ArticleMeta> | null = null;
  #indexedAt: Date | null = null;
  #newestDate: string | null = null;
  #listeners: WorkerCorpusListeners = {};

  constructor(
    readonly corpusDir: string,
    private readonly now: () => Date = () => new Date(),
    options: WorkerCorpusOptions = {},
  ) {
    const workerData: CorpusWorkerData = { entry: WORKER_MODULES.entry.href, corpusDir, snapshotDir: options.snapshotDir ?? null };
    this.#worker = new Worker(WORKER_MODULES.start, { workerData });
    this.#worker.on('message', (reply: CorpusReply) => {
      if (reply.seq === null) {
        this.#listeners.onSaveError?.(fromWire(reply.saveError));
        return;
      }
      const pending = this.#pending.get(reply.seq);
      this.#pending.delete(reply.seq);
      if (reply.ok) pending?.resolve(reply.value);
      else pending?.reject(fromWire(reply.error));
    });
    this.#worker.on('error', (err) => this.#fail(err));
    this.#worker.on('exit', (code) => {
      const err = new CorpusWorkerGoneError(`corpus worker exited with code ${code}`);
      if (this.#gone === null) this.#listeners.onWorkerExit?.(err);
      this.#fail(err);
    });
  }

  /**
   * Sets who hears of failed saves and crashes. Separate from the constructor
   * because the bot starts the worker before its logger exists (src/index.ts).
   */
  listen(listeners: WorkerCorpusListeners): void {
    this.#listeners = listeners;
  }

  #fail(err: Error): void {
    this.#gone ??= err;
    for (const pending of this.#pending.values()) pending.reject(err);
    this.#pending.clear();
  }

  #call<K extends CorpusOp>(op: K, args: CorpusOps[K]['args']): Promise<CorpusOps[K]['value']> {
    if (this.#gone !== null) return Promise.reject(this.#gone);
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ seq, op, args } satisfies CorpusRequest<K>);
    });
  }

  /** Loads the index in the worker (from the saved snapshot, or by reading every file); see CorpusService.load. */
  async load(): Promise<LoadReport> {
    const { report, articles } = await this.#call('load', {});
    this.#catalog = new Map(articles.map((meta) => [meta.id, meta]));
    this.#indexedAt = this.now();
    this.#recomputeNewest();
    return report;
  }

  get ready(): boolean {
    return this.#catalog !== null;
  }

  #ready(): Map<string, ArticleMeta> {
    if (this.#catalog === null) throw new IndexNotReadyError();
    return this.#catalog;
  }

  /** Article metadata, kept in this thread so listings and `/healthz` need no round trip. */
  readonly index: ArticleCatalog = {
    get: (id) => this.#ready().get(id),
    all: () => [...this.#ready().values()].sort(byDateDescending),
  };

  async searchQueued(query: SearchQuery, page: { offset: number; limit: number }): Promise<SearchPage> {
    this.#ready();
    return this.#call('search', { query, page });
  }

  async answerQueued(question: string): Promise<Answer | null> {
    this.#ready();
    return this.#call('answer', { question });
  }

  async articles(ids: readonly string[]): Promise<Map<string, Article>> {
    this.#ready();
    const found = await this.#call('articles', { ids });
    return new Map(found.map((article) => [article.id, article]));
  }

  async duplicateGroups(ids: readonly string[]): Promise<Map<string, DuplicateGroup>> {
    this.#ready();
    return new Map(await this.#call('duplicateGroups', { ids }));
  }

  /** Adds or replaces one article (see CorpusService.upsert). */
  async upsert(article: Article): Promise<void> {
    const catalog = this.#ready();
    await this.#call('upsert', { article });
    const previous = catalog.get(article.id);
    catalog.set(article.id, metaOf(article));
    this.#indexedAt = this.now();
    if (previous?.date != null && previous.date === this.#newestDate) this.#recomputeNewest();
    else this.#noteDate(article.date);
  }

  /** Removes one article; false when it was not indexed. */
  async remove(id: string): Promise<boolean> {
    const catalog = this.#ready();
    const removed = await this.#call('remove', { id });
    const previous = catalog.get(id);
    if (removed) {
      catalog.delete(id);
      this.#indexedAt = this.now();
      if (previous?.date != null && previous.date === this.#newestDate) this.#recomputeNewest();
    }
    return removed;
  }

  #noteDate(date: string | null): void {
    if (date !== null && (this.#newestDate === null || date > this.#newestDate)) this.#newestDate = date;
  }

  #recomputeNewest(): void {
    this.#newestDate = null;
    for (const meta of this.#catalog?.values() ?? []) this.#noteDate(meta.date);
  }

  /** Not ready once the worker is gone, so `/healthz` fails and the bot gets restarted. */
  status(): CorpusStatus {
    const catalog = this.#gone === null ? this.#catalog : null;
    const known = catalog === null ? null : { documents: catalog.size, indexedAt: this.#indexedAt, newestDate: this.#newestDate };
    return corpusStatus(known, this.now());
  }

  /** Saves the index if it changed since it was last saved (see CorpusService.flush). */
  async flush(): Promise<void> {
    if (this.#gone === null) await this.#call('flush', {});
  }

  /** Saves what changed, then stops the worker; later requests reject with CorpusWorkerGoneError. */
  async close(): Promise<void> {
    if (this.#gone !== null) return;
    try {
      await this.flush();
    } finally {
      this.#gone = new CorpusWorkerGoneError('corpus worker closed');
      await this.#worker.terminate();
    }
  }
}
