/**
 * The bot's {@link IngestRunner}: the pipeline in a worker thread with a
 * memory cap, restarted when it dies.
 *
 * Why a worker thread and not a child process: the pipeline's work is I/O
 * plus bursts of parsing, which a thread takes off the event loop that acks
 * Slack just as well; a thread starts in tens of milliseconds, shares the
 * process's module cache and native SQLite binding, exchanges plain objects
 * without serialising to JSON, and `resourceLimits` caps its heap, so a page
 * that blows up the parser ends the thread (`ERR_WORKER_OUT_OF_MEMORY`), not
 * the bot. A child process would add ~40 MB of RSS and a second Node runtime
 * for no isolation the cap does not already give.
 *
 * A minimal supervisor of its own (no generic one is in main yet): when the
 * worker dies, a new one starts (after a growing pause if it keeps dying); the
 * requests it held are sent again once, each alone, so the page that killed
 * it cannot take innocent ones down twice; a request that dies twice is
 * rejected with {@link IngestWorkerCrashedError}, which the callers report.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { FeedPollResult, FeedToPoll } from '../ingest/pipeline.ts';
import type { IngestOutcome, IngestVia } from '../ingest/ingest-types.ts';
import type { Logger } from '../logger.ts';
import type { IngestRunner } from '../news/ingest-runner.ts';
import type { IngestReply, IngestRequest, IngestWorkerData } from './ingest-worker-protocol.ts';

/**
 * The worker's memory cap. The body cap (15 MiB after decompression) times
 * the DOM's overhead fits well under it; a page that does not is refused by
 * the thread dying, not the bot.
 */
export const INGEST_WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
/** A crash within this long of the previous one doubles the pause before the next start. */
export const RESTART_WINDOW_MS = 60_000;
export const RESTART_MIN_DELAY_MS = 100;
export const RESTART_MAX_DELAY_MS = 30_000;
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

function workerModules(moduleUrl: string): { start: URL; entry: URL } {
  if (new URL(moduleUrl).pathname.endsWith('.ts')) {
    return { start: new URL('../core/worker-bootstrap.mjs', moduleUrl), entry: new URL('./ingest-worker.ts', moduleUrl) };
  }
  const entry = new URL('./ingest-worker.js', moduleUrl);
  return { start: entry, entry };
}

export interface WorkerIngestRunnerOptions {
  readonly corpusDir: string;
  readonly databaseFile: string;
  /** `FETCH_ALLOW_PRIVATE` entries as text. */
  readonly allowPrivate: readonly string[];
  readonly logger: Logger;
  /** Default {@link INGEST_WORKER_LIMITS}. */
  readonly resourceLimits?: ResourceLimits;
  /** Tests: another worker module (a URL), started through the TypeScript bootstrap. */
  readonly entry?: URL;
}

type Op = { op: 'addPage'; url: string; via: IngestVia } | { op: 'pollFeed'; feed: FeedToPoll };

interface Job {
  readonly op: Op;
  attempts: number;
  /** Sent only when nothing else is in flight (a retry after a crash). */
  solo: boolean;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export class WorkerIngestRunner implements IngestRunner {
  readonly #options: WorkerIngestRunnerOptions;
  readonly #log: Logger;
  readonly #modules: { start: URL; entry: URL };
  #worker: Worker | null = null;
  #ready = false;
  #closed = false;
  #seq = 0;
  readonly #queue: Job[] = [];
  readonly #inFlight = new Map<number, Job>();
  #lastCrashAt = 0;
  #restartDelayMs = RESTART_MIN_DELAY_MS;
  #restartTimer: NodeJS.Timeout | null = null;
  /** How many times the worker was restarted after dying (reported by /healthz-style checks and tests). */
  restarts = 0;

  constructor(options: WorkerIngestRunnerOptions) {
    this.#options = options;
    this.#log = options.logger.child({ component: 'ingest-worker' });
    const modules = workerModules(import.meta.url);
    this.#modules = options.entry === undefined ? modules : { start: new URL('../core/worker-bootstrap.mjs', import.meta.url), entry: options.entry };
    this.#start();
  }

  addPage(url: string, via: IngestVia): Promise<IngestOutcome> {
    return this.#submit({ op: 'addPage', url, via }) as Promise<IngestOutcome>;
  }

  pollFeed(feed: FeedToPoll): Promise<FeedPollResult> {
    return this.#submit({ op: 'pollFeed', feed }) as Promise<FeedPollResult>;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#restartTimer !== null) clearTimeout(this.#restartTimer);
    const gone = new IngestRunnerClosedError('the ingestion runner was closed');
    for (const job of [...this.#queue.splice(0), ...this.#inFlight.values()]) job.reject(gone);
    this.#inFlight.clear();
    const worker = this.#worker;
    this.#worker = null;
    if (worker !== null) await worker.terminate();
  }

  #submit(op: Op): Promise<unknown> {
    if (this.#closed) return Promise.reject(new IngestRunnerClosedError('the ingestion runner was closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ op, attempts: 0, solo: false, resolve, reject });
      this.#pump();
    });
  }

  #start(): void {
    const { corpusDir, databaseFile, allowPrivate } = this.#options;
    const workerData: IngestWorkerData = { entry: this.#modules.entry.href, corpusDir, databaseFile, allowPrivate: [...allowPrivate] };
    const worker = new Worker(this.#modules.start, { workerData, resourceLimits: this.#options.resourceLimits ?? INGEST_WORKER_LIMITS });
    this.#worker = worker;
    this.#ready = false;
    worker.on('message', (reply: IngestReply) => this.#onReply(reply));
    worker.on('error', (err) => this.#log.error({ err }, 'the ingestion worker failed'));
    worker.on('exit', (code) => this.#onExit(worker, code));
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
  }

  #onExit(worker: Worker, code: number): void {
    if (this.#worker !== worker || this.#closed) return;
    this.#worker = null;
    this.#ready = false;
    const held = [...this.#inFlight.values()];
    this.#inFlight.clear();
    this.#log.error({ code, pending: held.length }, 'the ingestion worker died; starting a new one');
    // Retried ones go first, each alone; a request that already had its retry is reported instead.
    const retry: Job[] = [];
    for (const job of held) {
      if (job.attempts >= MAX_ATTEMPTS) {
        job.reject(new IngestWorkerCrashedError(`the fetcher stopped (exit code ${code}) twice while handling this`));
      } else {
        job.solo = true;
        retry.push(job);
      }
    }
    this.#queue.unshift(...retry);
    const now = Date.now();
    this.#restartDelayMs = now - this.#lastCrashAt < RESTART_WINDOW_MS ? Math.min(this.#restartDelayMs * 2, RESTART_MAX_DELAY_MS) : RESTART_MIN_DELAY_MS;
    this.#lastCrashAt = now;
    this.restarts += 1;
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      if (!this.#closed) this.#start();
    }, this.#restartDelayMs);
    this.#restartTimer.unref();
  }

  #pump(): void {
    const worker = this.#worker;
    if (worker === null || !this.#ready) return;
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
