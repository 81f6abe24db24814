/**
 * A worker thread that is replaced when it dies.
 *
 * Why: a thread that throws once (a bug, a stream without an error listener)
 * would otherwise leave the bot answering nothing until someone restarts it.
 * The supervisor logs the crash with its error when it happens (a Worker emits
 * `error` before `exit`), waits a backoff that grows with each crash in a row
 * (so a worker that dies at start-up is never restarted in a hot loop) and
 * starts a fresh thread. What the new thread must do to serve again (load an
 * index, replay a queue) is the owner's business: it is told through
 * `onRestarted`. Knows nothing of what the worker does.
 */
import type { Worker } from 'node:worker_threads';

/** How restarts are spaced. Every field is a duration in milliseconds except `factor`. */
export interface RestartBackoff {
  /** Wait before the first restart after a crash. */
  readonly initialMs: number;
  /** Each further crash in a row multiplies the wait by this. */
  readonly factor: number;
  /** The wait never grows beyond this: the supervisor keeps trying, slowly. */
  readonly maxMs: number;
  /** A worker that ran this long without crashing resets the count (the next crash waits `initialMs` again). */
  readonly stableAfterMs: number;
}

/**
 * Defaults: 0.5 s, 1 s, 2 s… up to 30 s between attempts; a minute of calm
 * forgets earlier crashes. A worker that dies at every start costs one
 * start-up every 30 s, not a core.
 */
export const DEFAULT_RESTART_BACKOFF: RestartBackoff = { initialMs: 500, factor: 2, maxMs: 30_000, stableAfterMs: 60_000 };

/** One death of the worker, as the owner is told of it. */
export interface WorkerCrash {
  /** The worker's uncaught error, or a {@link WorkerExitedError} when it exited without one. */
  readonly err: Error;
  /** The thread's exit code (1 after an uncaught error or `ERR_WORKER_OUT_OF_MEMORY`): owners quote it in what they report. */
  readonly exitCode: number;
  readonly crashesInARow: number;
  readonly restartInMs: number;
}

/** What the supervisor reports, at the moment it happens. */
export interface SupervisorEvents {
  /** The worker died; `restartInMs` is the wait before the next start; `crashesInARow` counts this one. */
  readonly onCrash: (crash: WorkerCrash) => void;
  /** A new worker was started after a crash; the owner reattaches it (its listeners are already set). */
  readonly onRestarted: (worker: Worker, restarts: number) => void;
}

/** Where a supervised worker stands. */
export type SupervisionState = 'running' | 'recovering' | 'closed';

/** The worker died with no `error` event (e.g. `process.exit` inside it). */
export class WorkerExitedError extends Error {
  override readonly name = 'WorkerExitedError';
  readonly code = 'AIGOV_WORKER_EXITED';
}

/**
 * Runs the worker `start()` makes, and makes another after each crash.
 * `attach` is called on every worker (the first and each replacement) to add
 * the owner's `message` listener; `error` and `exit` belong to the supervisor.
 */
export class SupervisedWorker {
  #worker: Worker;
  #state: SupervisionState = 'running';
  #crashesInARow = 0;
  #restarts = 0;
  #startedAt = Date.now();
  #crash: Error | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly start: () => Worker,
    private readonly attach: (worker: Worker) => void,
    private readonly events: SupervisorEvents,
    private readonly backoff: RestartBackoff = DEFAULT_RESTART_BACKOFF,
  ) {
    this.#worker = this.#spawn();
  }

  /** The current worker. Replaced after a crash: do not keep it. */
  get worker(): Worker {
    return this.#worker;
  }

  get state(): SupervisionState {
    return this.#state;
  }

  /** How many times the worker was replaced since construction. */
  get restarts(): number {
    return this.#restarts;
  }

  #spawn(): Worker {
    const worker = this.start();
    this.#startedAt = Date.now();
    this.#crash = null;
    this.attach(worker);
    // `error` comes first, with the error; `exit` follows. Both go through #died, once.
    worker.on('error', (err) => {
      this.#crash = err;
    });
    worker.on('exit', (code) => this.#died(worker, code));
    return worker;
  }

  #died(worker: Worker, code: number): void {
    if (worker !== this.#worker || this.#state === 'closed') return;
    const err = this.#crash ?? new WorkerExitedError(`worker exited with code ${code}`);
    if (Date.now() - this.#startedAt >= this.backoff.stableAfterMs) this.#crashesInARow = 0;
    this.#crashesInARow += 1;
    const restartInMs = Math.min(this.backoff.maxMs, this.backoff.initialMs * this.backoff.factor ** (this.#crashesInARow - 1));
    this.#state = 'recovering';
    this.events.onCrash({ err, exitCode: code, crashesInARow: this.#crashesInARow, restartInMs });
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#state === 'closed') return;
      this.#restarts += 1;
      this.#worker = this.#spawn();
      this.#state = 'running';
      this.events.onRestarted(this.#worker, this.#restarts);
    }, restartInMs);
  }

  /** Stops the worker for good: no restart follows. */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    if (this.#timer !== null) clearTimeout(this.#timer);
    await this.#worker.terminate();
  }
}
