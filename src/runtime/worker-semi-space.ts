/**
 * A worker thread with larger young-generation semi-spaces than the rest of
 * the process.
 *
 * Why: `npm start` gives every thread 4 MB semi-spaces (`--max-semi-space-size=4`,
 * which keeps the main thread's and the ingestion thread's memory small:
 * BENCHMARKS.md, "Memory: the V8 flags"). A search for common words in the
 * corpus worker keeps several MB of MiniSearch result objects alive until it
 * ends: in 4 MB semi-spaces each scavenge copied them and then promoted them,
 * and the promoted garbage cost full collections of the whole index's heap.
 * Worker's `resourceLimits.maxYoungGenerationSizeMb` cannot raise it (V8's
 * flag overrides it), so the flag is raised while the worker's isolate is
 * made, and put back once the worker is online (its isolate exists by then).
 */
import v8 from 'node:v8';
import type { Worker } from 'node:worker_threads';

const FLAG = '--max-semi-space-size';

/** The semi-space flag's value this process was started with (0: V8's own sizing). */
export function startSemiSpaceMb(execArgv: readonly string[] = process.execArgv): number {
  for (const arg of execArgv) {
    const match = /^--max[-_]semi[-_]space[-_]size=(\d+)$/.exec(arg);
    if (match !== null) return Number(match[1]);
  }
  return 0;
}

/** `start()`'s worker, its isolate made with `semiSpaceMb` semi-spaces; other threads keep the start's setting. */
export function withSemiSpace(semiSpaceMb: number, start: () => Worker): Worker {
  if (!Number.isInteger(semiSpaceMb) || semiSpaceMb < 1) throw new RangeError(`worker semi-space: not a size in MB: ${semiSpaceMb}`);
  const restore = startSemiSpaceMb();
  v8.setFlagsFromString(`${FLAG}=${semiSpaceMb}`);
  let worker: Worker;
  try {
    worker = start();
  } catch (err) {
    v8.setFlagsFromString(`${FLAG}=${restore}`);
    throw err;
  }
  const putBack = (): void => {
    v8.setFlagsFromString(`${FLAG}=${restore}`);
    worker.off('online', putBack);
    worker.off('exit', putBack);
  };
  worker.once('online', putBack);
  worker.once('exit', putBack);
  return worker;
}
