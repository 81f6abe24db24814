/**
 * What the bot must close, in one list: `stop()` and a start that fails
 * half-way both close it, so nothing opened is left behind by either.
 */
import type { Logger } from '../logging/logger.ts';

interface Resource {
  readonly name: string;
  readonly close: () => void | Promise<void>;
}

export class Resources {
  readonly #logger: Logger;
  readonly #open: Resource[] = [];

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Adds a resource, to be closed before everything added earlier (what uses a thing closes before it). */
  add(name: string, close: () => void | Promise<void>): void {
    this.#open.push({ name, close });
  }

  /**
   * Closes everything, last added first. A close that fails is logged and the
   * others still run (a database left open is worse than a late error); the
   * first failure is thrown once all have run.
   */
  async closeAll(): Promise<void> {
    let first: unknown = null;
    for (const resource of this.#open.splice(0).reverse()) {
      try {
        await resource.close();
      } catch (err) {
        this.#logger.error({ err, resource: resource.name }, 'could not close cleanly');
        first ??= err;
      }
    }
    if (first !== null) throw first;
  }
}
