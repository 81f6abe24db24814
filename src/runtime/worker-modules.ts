/**
 * The module a worker thread starts from (`start`), and the worker module itself (`entry`).
 *
 * Why two cases: a worker thread does not inherit the main thread's TypeScript loader. Run from
 * source (this module is `.ts`: vitest, tsx, the CLI), the worker starts from worker-bootstrap.mjs,
 * which registers tsx and then imports the `.ts` entry. Compiled (`npm start` runs dist/, where this
 * module is `.js`), it starts straight from the entry's `.js`: tsx in the worker would only cost
 * memory and start-up time (measured for the corpus worker: BENCHMARKS.md, "Figures behind design choices").
 */

export interface WorkerModules {
  /** Passed to `new Worker()`. */
  readonly start: URL;
  /** Passed to the worker in its `workerData.entry` (the bootstrap imports it; unused compiled). */
  readonly entry: URL;
}

const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
const FROM_SOURCE = new URL(import.meta.url).pathname.endsWith('.ts');

/** `source` is the worker module's `.ts` URL (`new URL('./corpus-worker-thread.ts', import.meta.url)`); compiled, its `.js` twin is used. */
export function workerModules(source: URL): WorkerModules {
  if (FROM_SOURCE) return bootstrapped(source);
  const entry = new URL(source.href.replace(/\.ts$/, '.js'));
  return { start: entry, entry };
}

/** A TypeScript worker module started through the bootstrap whatever the build (tests' stand-in workers). */
export function bootstrapped(source: URL): WorkerModules {
  return { start: BOOTSTRAP, entry: source };
}
