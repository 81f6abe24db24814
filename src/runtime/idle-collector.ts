/**
 * Returns a thread's garbage to the system once requests stop coming.
 *
 * Searches leave short-lived result maps behind; under a burst of them the
 * corpus worker's heap grows well past the index it holds and V8, which
 * collects when it allocates, keeps that garbage for as long as the bot sits
 * idle — which a team's bot does most of the day. One full collection after a
 * quiet spell gives it back. It runs in both threads: in the corpus worker the
 * pause delays no ack, only a search that arrives in that instant; the main
 * thread's heap is small and quickly collected. Measured at 10k articles, the
 * RSS at rest fell markedly (BENCHMARKS.md, "What each change bought"; the
 * heap and pause figures in "Figures behind design choices").
 */

/** Quiet time after the last request before collecting. */
export const IDLE_COLLECT_MS = 2_000;

export class IdleCollector {
  readonly #idleMs: number;
  readonly #collect: (() => void) | undefined;
  #timer: NodeJS.Timeout | null = null;

  /**
   * @param collect the full collection to run; by default `globalThis.gc`,
   *   which exists only under `node --expose-gc` (as `npm start` runs): without
   *   it the collector does nothing.
   */
  constructor(idleMs: number = IDLE_COLLECT_MS, collect: (() => void) | undefined = (globalThis as { gc?: () => void }).gc) {
    this.#idleMs = idleMs;
    this.#collect = collect;
  }

  /** A request came: collect once `idleMs` pass without another. */
  busy(): void {
    const collect = this.#collect;
    if (collect === undefined) return;
    if (this.#timer === null) {
      this.#timer = setTimeout(collect, this.#idleMs);
      // Never keeps the thread alive.
      this.#timer.unref();
    } else {
      // Re-arms the same timer, whether it is pending or has fired: no allocation per request.
      this.#timer.refresh();
    }
  }

  /** No collection until the next {@link busy}. */
  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
