/**
 * The bot's {@link IngestRunner}: the pipeline in a worker thread with a
 * memory cap, restarted when it dies.
 *
 * Why a worker thread and not a child process: the pipeline's work is I/O
 * plus bursts of parsing, which a thread takes off the event loop that acks
 * Slack just as well; a thread starts quickly, shares the
 * process's module cache and native SQLite binding, exchanges plain objects
 * without serialising to JSON, and `resourceLimits` caps its heap, so a page
 * that blows up the parser ends the thread (`ERR_WORKER_OUT_OF_MEMORY`), not
 * the bot. A child process would add a second Node runtime and its memory
 * for no isolation the cap does not already give (BENCHMARKS.md, "Figures
 * behind design choices", for this comment's figures).
 *
 * Started on demand, stopped when idle: the thread (its parser, DOM and
 * HTTP modules, memory a resting bot need not hold: BENCHMARKS.md, "Where the
 * targets stand (2026-11-29, second session, on this machine)") starts with
 * the first request and ends
 * {@link INGEST_IDLE_EXIT_MS} after the last answer. A team's bot polls its
 * feeds every 15 to 60 minutes and is idle in between; the thread no longer
 * sits in memory all day, nor competes with the index load at start-up.
 *
 * Restarting belongs to {@link SupervisedWorker} (the one the corpus worker
 * uses too): a dead worker is replaced after a pause that grows while it
 * keeps dying. What is ingestion's own is what happens to the requests it
 * held: each is sent again once, alone, so the page that killed it cannot
 * take innocent ones down twice; a request that dies twice is rejected with
 * {@link IngestWorkerCrashedError}, which the callers report.
 */
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { FeedPollResult, FeedToPoll } from '../../ingest/pipeline.ts';
import type { IngestOutcome, IngestVia } from '../../ingest/ingest-types.ts';
import type { Logger } from '../../logging/logger.ts';
import type { IngestRunner } from '../ingest-runner.ts';
import type { FeedPreview } from '../../ingest/feed-preview.ts';
import type { IngestReply, IngestRequest, IngestWorkerData } from './ingest-worker-protocol.ts';
import { SupervisedWorker, type RestartBackoff, type WorkerCrash } from '../../runtime/supervised-worker.ts';
import { bootstrapped, workerModules } from '../../runtime/worker-modules.ts';

/**
 * The worker's memory cap. The body cap (15 MiB after decompression) times
 * the DOM's overhead fits well under it; a page that does not is refused by
 * the thread dying, not the bot.
 */
export const INGEST_WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
/**
 * 0.1 s, 0.2 s, 0.4 s… up to 30 s between starts; a minute without dying
 * starts again from 0.1 s. Quicker at first than the corpus worker's default:
 * a new ingestion thread loads no index, and a crash here is usually one
 * hostile page, not a broken start-up.
 */
export const INGEST_RESTART_BACKOFF: RestartBackoff = { initialMs: 100, factor: 2, maxMs: 30_000, stableAfterMs: 60_000 };
/**
 * How long the thread stays after its last answer before it ends (the next
 * request starts a new one, in a fraction of a second). Longer than the gaps inside one feed
 * poll or one `/aigov add` of several links, shorter than a feed's interval.
 */
export const INGEST_IDLE_EXIT_MS = 60_000;
/** A request is sent at most this many times (the first, and once more alone after a crash). */
export const MAX_ATTEMPTS = 2;

/** The worker died twice while handling this request (a page or feed that crashes the fetcher, or memory). */
export class IngestWorkerCrashedError extends Error {
  override readonly name = 'IngestWorkerCrashedError';
  readonly code = 'AIGOV_INGEST_WORKER_CRASHED';
}

/** The runner was closed. */
export class IngestRunnerClosedError extends Error {
  override readonly name = 'IngestRunnerClosedError';
  readonly code = 'AIGOV_INGEST_RUNNER_CLOSED';
}

export interface WorkerIngestRunnerOptions {
  readonly corpusDir: string;
  /** DATA_DIR: the worker opens the store there (store/open-store.ts). */
  readonly dataDir: string;
  /** DATABASE_URL, or null for the SQLite file in dataDir. */
  readonly databaseUrl: string | null;
  /** `FETCH_ALLOW_PRIVATE` entries as text. */
  readonly allowPrivate: readonly string[];
  readonly logger: Logger;
  /** Default {@link INGEST_WORKER_LIMITS}. */
  readonly resourceLimits?: ResourceLimits;
  /** Tests: another worker module (a URL), started through the TypeScript bootstrap. */
  readonly entry?: URL;
  /** Default {@link INGEST_IDLE_EXIT_MS}. */
  readonly idleExitMs?: number;
}

type Op = { op: 'addPage'; url: string; via: IngestVia } | { op: 'pollFeed'; feed: FeedToPoll } | { op: 'previewFeed'; url: string };

interface Job {
  readonly op: Op;
  attempts: number;
  /** Sent only when nothing else is in flight (a retry after a crash). */
  solo: boolean;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export class WorkerIngestRunner implements IngestRunner {
  readonly #log: Logger;
  /** Makes the supervised thread; called on demand (see the module's note). */
  readonly #startWorker: () => SupervisedWorker;
  /** The running thread's supervisor; null until the first request and after an idle exit. */
  #supervisor: SupervisedWorker | null = null;
  readonly #idleExitMs: number;
  #idleTimer: NodeJS.Timeout | null = null;
  #started = 0;
  /** The current worker said `ready` (a new one loads its modules and opens the database first). */
  #ready = false;
  #closed = false;
  #crashes = 0;
  #seq = 0;
  readonly #queue: Job[] = [];
  readonly #inFlight = new Map<number, Job>();

  constructor(options: WorkerIngestRunnerOptions) {
    this.#log = options.logger.child({ component: 'ingest-worker' });
    this.#idleExitMs = options.idleExitMs ?? INGEST_IDLE_EXIT_MS;
    const modules = options.entry === undefined ? workerModules(new URL('./ingest-worker-thread.ts', import.meta.url)) : bootstrapped(options.entry);
    const { corpusDir, allowPrivate } = options;
    const dataDir = path.resolve(options.dataDir);
    const workerData: IngestWorkerData = { entry: modules.entry.href, corpusDir, dataDir, databaseUrl: options.databaseUrl, allowPrivate: [...allowPrivate] };
    this.#startWorker = () => {
      this.#started += 1;
      const supervisor: SupervisedWorker = new SupervisedWorker(
        () => new Worker(modules.start, { workerData, resourceLimits: options.resourceLimits ?? INGEST_WORKER_LIMITS }),
        (worker) => {
          this.#ready = false;
          worker.on('message', (reply: IngestReply) => {
            // A thread ended for idleness may still send a last log line (logged like any other); its `ready`
            // or answers, had it any left, must not be taken for the current thread's.
            if (reply.kind === 'log' || supervisor === this.#supervisor) this.#onReply(reply);
          });
        },
        { onCrash: (crash) => this.#onCrash(crash), onRestarted: () => undefined },
        INGEST_RESTART_BACKOFF,
      );
      return supervisor;
    };
  }

  /** How many threads were started on demand (a restart after a crash is not counted here: see {@link restarts}). */
  get threadsStarted(): number {
    return this.#started;
  }

  /** True while a thread is up (or being restarted after a crash). */
  get running(): boolean {
    return this.#supervisor !== null;
  }

  /** How many times the worker died (each followed by a restart), for health checks and tests. */
  get restarts(): number {
    return this.#crashes;
  }

  addPage(url: string, via: IngestVia): Promise<IngestOutcome> {
    return this.#submit({ op: 'addPage', url, via }) as Promise<IngestOutcome>;
  }

  pollFeed(feed: FeedToPoll): Promise<FeedPollResult> {
    return this.#submit({ op: 'pollFeed', feed }) as Promise<FeedPollResult>;
  }

  previewFeed(url: string): Promise<FeedPreview> {
    return this.#submit({ op: 'previewFeed', url }) as Promise<FeedPreview>;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const gone = new IngestRunnerClosedError('the ingestion runner was closed');
    for (const job of [...this.#queue.splice(0), ...this.#inFlight.values()]) job.reject(gone);
    this.#inFlight.clear();
    this.#cancelIdleExit();
    await this.#supervisor?.close();
    this.#supervisor = null;
  }

  #submit(op: Op): Promise<unknown> {
    if (this.#closed) return Promise.reject(new IngestRunnerClosedError('the ingestion runner was closed'));
    this.#cancelIdleExit();
    this.#supervisor ??= this.#startWorker();
    return new Promise((resolve, reject) => {
      this.#queue.push({ op, attempts: 0, solo: false, resolve, reject });
      this.#pump();
    });
  }

  #cancelIdleExit(): void {
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
  }

  /** With nothing queued or in flight, the thread ends after the idle time (unless a request comes first). */
  #scheduleIdleExit(): void {
    if (this.#closed || this.#supervisor === null || this.#queue.length > 0 || this.#inFlight.size > 0) return;
    this.#cancelIdleExit();
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      const supervisor = this.#supervisor;
      if (supervisor === null || this.#queue.length > 0 || this.#inFlight.size > 0) return;
      this.#supervisor = null;
      this.#ready = false;
      this.#log.debug({ idleMs: this.#idleExitMs }, 'the ingestion worker was idle; stopping it until the next request');
      supervisor.close().catch((err: unknown) => this.#log.warn({ err }, 'could not stop the idle ingestion worker'));
    }, this.#idleExitMs);
    this.#idleTimer.unref();
  }

  #onReply(reply: IngestReply): void {
    if (reply.kind === 'ready') {
      this.#ready = true;
      this.#pump();
      return;
    }
    if (reply.kind === 'log') {
      this.#log[reply.level]({ worker: reply.fields }, reply.message);
      return;
    }
    const job = this.#inFlight.get(reply.seq);
    this.#inFlight.delete(reply.seq);
    if (job !== undefined) {
      if (reply.ok) job.resolve(reply.value);
      else {
        const err = new Error(reply.error.message);
        err.name = reply.error.name;
        job.reject(err);
      }
    }
    this.#pump();
    this.#scheduleIdleExit();
  }

  /** The supervisor restarts the thread; here the requests it held are retried alone, or reported if this was their retry. */
  #onCrash({ err, exitCode, crashesInARow, restartInMs }: WorkerCrash): void {
    this.#ready = false;
    this.#crashes += 1;
    const held = [...this.#inFlight.values()];
    this.#inFlight.clear();
    this.#log.error({ err, code: exitCode, crashesInARow, restartInMs, pending: held.length }, 'the ingestion worker died; starting a new one');
    // Retried ones go first, each alone; a request that already had its retry is reported instead.
    const retry: Job[] = [];
    for (const job of held) {
      if (job.attempts >= MAX_ATTEMPTS) {
        job.reject(new IngestWorkerCrashedError(`the fetcher stopped (exit code ${exitCode}) twice while handling this`));
      } else {
        job.solo = true;
        retry.push(job);
      }
    }
    this.#queue.unshift(...retry);
  }

  #pump(): void {
    if (!this.#ready || this.#supervisor === null || this.#supervisor.state !== 'running') return;
    const worker = this.#supervisor.worker;
    for (;;) {
      const job = this.#queue[0];
      if (job === undefined) return;
      const soloInFlight = [...this.#inFlight.values()].some((j) => j.solo);
      if (soloInFlight || (job.solo && this.#inFlight.size > 0)) return;
      this.#queue.shift();
      job.attempts += 1;
      const seq = ++this.#seq;
      this.#inFlight.set(seq, job);
      worker.postMessage({ seq, ...job.op } satisfies IngestRequest);
    }
  }
}
