/**
 * Lets a thread's heap grow at V8's own pace while a warm start loads, then
 * puts back the `--heap-growing-percent` node was started with.
 *
 * Why: `npm start` runs node with `--heap-growing-percent=20`, which keeps
 * the memory at rest near the live heap (BENCHMARKS.md, Memory). While the
 * saved index loads, the heap grows from nothing to its full size, and
 * growing by a fifth at a time means a full collection of an ever larger heap
 * at every step: a large part of a 100k load (BENCHMARKS.md, "Where the
 * targets stand now" and "Figures behind design choices"). V8 reads the flag
 * each time it sets the next limit, so it can be lifted for the load and put
 * back after (the corpus worker then collects once, corpus-worker-thread.ts). The
 * flag is process-wide: the main thread, starting meanwhile, grows freely too.
 * A thread that dies before putting it back leaves it lifted until the next
 * load puts it back: more memory for a while, never a wrong answer.
 */
import v8 from 'node:v8';

const GROWTH_FLAG = /^--heap[-_]growing[-_]percent=(\d+)$/;

/** The `--heap-growing-percent` among `execArgv`, or null when node runs with V8's own growth. */
export function startedHeapGrowthPercent(execArgv: readonly string[] = process.execArgv): number | null {
  for (const arg of execArgv) {
    const match = GROWTH_FLAG.exec(arg);
    if (match !== null) return Number(match[1]);
  }
  return null;
}

/**
 * Lifts the heap-growth flag (0: V8's own growth) when node was started with
 * one; returns what puts it back (idempotent). Without the flag, nothing to do.
 */
export function liftHeapGrowth(execArgv: readonly string[] = process.execArgv): () => void {
  const percent = startedHeapGrowthPercent(execArgv);
  if (percent === null || percent === 0) return () => {};
  v8.setFlagsFromString('--heap-growing-percent=0');
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  };
}
