/**
 * Counts work under way, so a shutdown can wait for it to finish (with a
 * bound) instead of cutting it off. Knows nothing of what the work is.
 */
export class InFlight {
  #count = 0;
  #waiters = new Set<() => void>();

  /** How many pieces of work are under way. */
  get size(): number {
    return this.#count;
  }

  /** Marks one piece of work begun; call the returned function (once; later calls do nothing) when it ends. */
  begin(): () => void {
    this.#count += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#count -= 1;
      if (this.#count === 0) for (const wake of this.#waiters) wake();
    };
  }

  /** Runs `work`, counted while it runs. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    const end = this.begin();
    try {
      return await work();
    } finally {
      end();
    }
  }

  /** Resolves true once nothing is under way, or false after `timeoutMs` if something still is. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.#count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(wake);
        resolve(false);
      }, timeoutMs);
      this.#waiters.add(wake);
    });
  }
}
