/**
 * The bot's corpus: the index lives in a worker thread (corpus-worker-thread.ts),
 * this thread keeps only the articles' metadata.
 *
 * Why: searches are synchronous and a search for common words is long beside
 * an ack; on the main thread, twenty in flight delayed acks far past their
 * target (BENCHMARKS.md, "What the figures say"), and collecting the index's
 * garbage paused everything. In the worker they run beside the event loop that acks, and the
 * saved index loads there while Bolt starts.
 */
import { Worker } from 'node:worker_threads';
import type { Continuing } from '../../core/answer/follow-up.ts';
import { SupervisedWorker, type RestartBackoff } from '../../runtime/supervised-worker.ts';
import { workerModules } from '../../runtime/worker-modules.ts';
import { withSemiSpace } from '../../runtime/worker-semi-space.ts';
import { IndexNotReadyError, corpusStatus, type CorpusStatus, type LoadReport } from '../corpus-service.ts';
import type { CorpusOp, CorpusOps, CorpusReply, CorpusRequest, CorpusWorkerData, WireError } from './corpus-worker-protocol.ts';
import { byDateDescending, metaOf } from '../../core/search/corpus-index.ts';
import type { ArticleCatalog, ServedCorpus } from '../served-corpus.ts';
import type { TimelinePage } from '../../core/timeline/timeline.ts';
import { TurnQueue } from '../../runtime/turn-queue.ts';
import type { DatedSentence } from '../../core/dates/event-date.ts';
import type { Answer, Article, ArticleMeta, SearchPage, SearchQuery } from '../../core/types.ts';
import type { WatchMatch, WatchQuery } from '../../core/watch/match-watches.ts';
import type { DuplicateGroup } from '../../core/near-duplicates/near-duplicate-index.ts';
import type { ParseResult } from '../../core/corpus/parse-article.ts';

const WORKER_MODULES = workerModules(new URL('./corpus-worker-thread.ts', import.meta.url));

/** The corpus worker's semi-spaces (MB): its searches' result objects die young there (runtime/worker-semi-space.ts). */
export const CORPUS_WORKER_SEMI_SPACE_MB = 16;

export interface WorkerCorpusOptions {
  /** Where the index is saved between runs; null keeps it in memory only (see CorpusServiceOptions). */
  readonly snapshotDir?: string | null;
  /** How restarts after a crash are spaced (default DEFAULT_RESTART_BACKOFF). */
  readonly restartBackoff?: RestartBackoff;
  /**
   * Test builds only: lets {@link WorkerCorpus.injectCrash} make the worker throw. Nothing in the
   * bot's configuration sets it (corpus-wiring.ts never passes it), so production cannot turn it on.
   */
  readonly faultInjection?: boolean;
}

/** What the worker reports unasked (see {@link WorkerCorpus.listen}). */
export interface WorkerCorpusListeners {
  /** A snapshot save failed; the worker keeps serving and the next start rebuilds the index. */
  readonly onSaveError?: (err: Error) => void;
  /** The worker crashed; it is restarted after `restartInMs` and requests meanwhile are told to try again. */
  readonly onWorkerCrash?: (crash: { readonly err: Error; readonly crashesInARow: number; readonly restartInMs: number }) => void;
  /** A restarted worker has its index again; `ms` since the crash. */
  readonly onRecovered?: (recovery: { readonly ms: number; readonly restarts: number; readonly report: LoadReport }) => void;
  /** A restarted worker could not load the index (it stays `recovering` until the next crash and restart). */
  readonly onRecoveryFailed?: (err: Error) => void;
}

/** A request came after {@link WorkerCorpus.close}. */
export class CorpusWorkerGoneError extends Error {
  override readonly name = 'CorpusWorkerGoneError';
  readonly code = 'AIGOV_CORPUS_WORKER_GONE';
}

/** The worker crashed and is being restarted: the request was not (or will not be) answered; try again shortly. */
export class CorpusRecoveringError extends Error {
  override readonly name = 'CorpusRecoveringError';
  readonly code = 'AIGOV_CORPUS_RECOVERING';
  constructor() {
    super('the corpus worker is restarting after a crash');
  }
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
 * {@link load} then loads or builds the index there. The thread is supervised
 * (runtime/supervised-worker.ts): after a crash a new one loads the saved
 * index again (or rebuilds it), and meanwhile every request is refused with
 * {@link CorpusRecoveringError}.
 */
export class WorkerCorpus implements ServedCorpus {
  readonly #supervisor: SupervisedWorker;
  readonly #pending = new Map<number, Pending>();
  /** Replies are handed over one per event-loop turn (see {@link WorkerCorpus.#onReply}). */
  readonly #replies = new TurnQueue();
  #seq = 0;
  #closed = false;
  /** Set from a crash until the restarted worker has its index again. */
  #recoveringSince: number | null = null;
  /** Settles when the worker serves again after a crash. */
  #recovered: Promise<void> = Promise.resolve();
  #markRecovered: () => void = () => undefined;
  /** Metadata of every indexed article, by id; null before the load. */
  #catalog: Map<string, ArticleMeta> | null = null;
  #indexedAt: Date | null = null;
  #newestDate: string | null = null;
  #listeners: WorkerCorpusListeners = {};
  readonly #faultInjection: boolean;

  constructor(
    readonly corpusDir: string,
    private readonly now: () => Date = () => new Date(),
    options: WorkerCorpusOptions = {},
  ) {
    this.#faultInjection = options.faultInjection === true;
    const workerData: CorpusWorkerData = {
      entry: WORKER_MODULES.entry.href,
      corpusDir,
      snapshotDir: options.snapshotDir ?? null,
      faultInjection: this.#faultInjection,
    };
    this.#supervisor = new SupervisedWorker(
      () => withSemiSpace(CORPUS_WORKER_SEMI_SPACE_MB, () => new Worker(WORKER_MODULES.start, { workerData })),
      (worker) => worker.on('message', (reply: CorpusReply) => this.#onReply(reply)),
      {
        onCrash: (crash) => {
          if (this.#recoveringSince === null) {
            this.#recoveringSince = performance.now();
            this.#recovered = new Promise((resolve) => (this.#markRecovered = resolve));
          }
          this.#rejectPending(new CorpusRecoveringError());
          this.#listeners.onWorkerCrash?.(crash);
        },
        onRestarted: (_worker, restarts) => void this.#reload(restarts),
      },
      options.restartBackoff,
    );
  }

  #onReply(reply: CorpusReply): void {
    if (reply.seq === null) {
      this.#listeners.onSaveError?.(fromWire(reply.saveError));
      return;
    }
    const pending = this.#pending.get(reply.seq);
    this.#pending.delete(reply.seq);
    if (pending === undefined) return;
    // One reply per event-loop turn (see TurnQueue): what follows a reply (a results page recorded,
    // rendered and sent) runs at once on this thread, and Node delivers every message waiting on
    // the port in one go. Twenty search replies arriving together then held every request that came
    // in meanwhile, acks included, behind twenty renders; one per turn, at most one stands before an ack.
    void this.#replies.run(() => {
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(fromWire(reply.error));
    });
  }

  /** A restarted worker loads the index (the saved one, brought up to date with the files); then requests flow again. */
  async #reload(restarts: number): Promise<void> {
    // Before the first load nothing is owed: load() itself waits for the restart and loads.
    if (this.#catalog === null) {
      this.#endRecovery();
      return;
    }
    try {
      const { report, articles } = await this.#call('load', {});
      this.#install(articles);
      const ms = this.#recoveringSince === null ? 0 : Math.round(performance.now() - this.#recoveringSince);
      this.#endRecovery();
      this.#listeners.onRecovered?.({ ms, restarts, report });
    } catch (err) {
      // A crash during the reload starts another restart (and another reload); anything else is reported.
      if (!(err instanceof CorpusRecoveringError)) this.#listeners.onRecoveryFailed?.(err as Error);
    }
  }

  #endRecovery(): void {
    this.#recoveringSince = null;
    this.#markRecovered();
  }

  /**
   * Sets who hears of failed saves and crashes. Separate from the constructor
   * because the bot starts the worker before its logger exists (src/main.ts).
   */
  listen(listeners: WorkerCorpusListeners): void {
    this.#listeners = listeners;
  }

  /** True from a crash until the restarted worker serves again (`/healthz` says `recovering`). */
  get recovering(): boolean {
    return this.#recoveringSince !== null;
  }

  #rejectPending(err: Error): void {
    for (const pending of this.#pending.values()) pending.reject(err);
    this.#pending.clear();
  }

  #call<K extends CorpusOp>(op: K, args: CorpusOps[K]['args']): Promise<CorpusOps[K]['value']> {
    if (this.#closed) return Promise.reject(new CorpusWorkerGoneError('corpus worker closed'));
    if (this.#supervisor.state !== 'running') return Promise.reject(new CorpusRecoveringError());
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve: resolve as (value: unknown) => void, reject });
      this.#supervisor.worker.postMessage({ seq, op, args } satisfies CorpusRequest<K>);
    });
  }

  /** Refuses a request while the worker recovers, so the user is told to try again rather than kept waiting. */
  #serving(): Map<string, ArticleMeta> {
    if (this.#recoveringSince !== null) throw new CorpusRecoveringError();
    return this.#ready();
  }

  /** Waits out a recovery (for work that must happen, such as indexing a changed file, rather than be refused). */
  async #whenServing(): Promise<Map<string, ArticleMeta>> {
    while (this.#recoveringSince !== null && !this.#closed) await this.#recovered;
    return this.#ready();
  }

  #install(articles: readonly ArticleMeta[]): void {
    this.#catalog = new Map(articles.map((meta) => [meta.id, meta]));
    this.#indexedAt = this.now();
    this.#recomputeNewest();
  }

  /**
   * Loads the index in the worker (from the saved snapshot, or by reading every file); see CorpusService.load.
   * A crash during the load is waited out: the restarted worker loads again.
   */
  async load(): Promise<LoadReport> {
    for (;;) {
      try {
        const { report, articles } = await this.#call('load', {});
        this.#install(articles);
        return report;
      } catch (err) {
        if (!(err instanceof CorpusRecoveringError) || this.#closed) throw err;
        await this.#recovered;
      }
    }
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
    this.#serving();
    return this.#call('search', { query, page });
  }

  async answerQueued(question: string, continuing?: Continuing): Promise<Answer | null> {
    this.#serving();
    return this.#call('answer', continuing === undefined ? { question } : { question, continuing });
  }

  async timelineQueued(query: SearchQuery, page: { offset: number; limit: number }): Promise<TimelinePage> {
    this.#ready();
    return this.#call('timeline', { query, page });
  }

  async articles(ids: readonly string[]): Promise<Map<string, Article>> {
    this.#serving();
    const found = await this.#call('articles', { ids });
    return new Map(found.map((article) => [article.id, article]));
  }

  async duplicateGroups(ids: readonly string[]): Promise<Map<string, DuplicateGroup>> {
    this.#ready();
    return new Map(await this.#call('duplicateGroups', { ids }));
  }

  async sentences(ids: readonly string[]): Promise<Map<string, DatedSentence[]>> {
    this.#ready();
    return new Map(await this.#call('sentences', { ids }));
  }

  async matchWatches(articleId: string, watches: readonly WatchQuery[]): Promise<WatchMatch[]> {
    this.#ready();
    return watches.length === 0 ? [] : this.#call('matchWatches', { articleId, watches });
  }

  /**
   * Reads and parses files of `dir` in the worker (load-corpus.ts `loadArticleFilesSync`, same results), so
   * the corpus watcher's batches (a feed import writes dozens of files a second) are parsed off the
   * thread that acks Slack: YAML front matter and Markdown were a visible share of that thread during an
   * import (BENCHMARKS.md, "Acks during an import").
   * Needs no loaded index; a crash is waited out, as for {@link upsertMany}.
   */
  async readArticleFiles(dir: string, files: readonly string[]): Promise<ParseResult[]> {
    if (files.length === 0) return [];
    while (this.#recoveringSince !== null && !this.#closed) await this.#recovered;
    return this.#call('readArticleFiles', { dir, files });
  }

  /** Adds or replaces one article (see CorpusService.upsert). */
  upsert(article: Article): Promise<void> {
    return this.upsertMany([article]);
  }

  /**
   * Adds or replaces several articles in one round trip (the watcher's batch
   * during a feed import), so the batch waits once behind the searches queued
   * in the worker, not once per article.
   */
  async upsertMany(articles: readonly Article[]): Promise<void> {
    if (articles.length === 0) return;
    const catalog = await this.#whenServing();
    await this.#call('upsert', { articles });
    let newestReplaced = false;
    for (const article of articles) {
      const previous = catalog.get(article.id);
      catalog.set(article.id, metaOf(article));
      if (previous?.date != null && previous.date === this.#newestDate) newestReplaced = true;
      else this.#noteDate(article.date);
    }
    this.#indexedAt = this.now();
    if (newestReplaced) this.#recomputeNewest();
  }

  /** Removes one article; false when it was not indexed. */
  async remove(id: string): Promise<boolean> {
    const catalog = await this.#whenServing();
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

  /** Not ready while the worker recovers or once it is closed, so `/healthz` fails meanwhile. */
  status(): CorpusStatus {
    const catalog = this.#closed || this.#recoveringSince !== null ? null : this.#catalog;
    const known = catalog === null ? null : { documents: catalog.size, indexedAt: this.#indexedAt, newestDate: this.#newestDate };
    return corpusStatus(known, this.now());
  }

  /** Saves the index if it changed since it was last saved (see CorpusService.flush); nothing to save while recovering. */
  async flush(): Promise<void> {
    if (!this.#closed && this.#supervisor.state === 'running' && this.#recoveringSince === null) await this.#call('flush', {});
  }

  /**
   * Test builds only (see {@link WorkerCorpusOptions.faultInjection}): makes the worker throw an uncaught
   * error, as a bug would. Refused unless the corpus was built with fault injection on.
   */
  injectCrash(): void {
    if (!this.#faultInjection) throw new Error('worker-corpus: fault injection is off');
    this.#supervisor.worker.postMessage({ seq: 0, op: 'crash', args: {} });
  }

  /** Saves what changed, then stops the worker; later requests reject with CorpusWorkerGoneError. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.flush();
    } finally {
      this.#closed = true;
      this.#rejectPending(new CorpusWorkerGoneError('corpus worker closed'));
      this.#markRecovered();
      await this.#supervisor.close();
    }
  }
}
