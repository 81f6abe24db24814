/**
 * Indexing a corpus from scratch on two cores instead of one.
 *
 * Why: a first start (no saved index) read the files, split and dated every
 * sentence, built the MiniSearch index and signed every text for the
 * near-duplicate groups, all on the corpus worker, while the machine's other
 * core sat idle (the main thread only waits for the index). The sentence
 * tables and the near-duplicate groups depend on the articles' texts alone,
 * so a helper thread makes the groups and part of the tables while the corpus
 * worker builds the search index, then the rest of the tables; the results
 * are exactly those made in one thread (same functions, same inputs).
 *
 * The helper lives for one build. If it cannot start, fails or dies, the
 * caller gets null and does the work itself, as before: a first start is
 * slower then, never wrong.
 */
import { Worker } from 'node:worker_threads';
import { NearDuplicateIndex } from '../../core/near-duplicates/near-duplicate-index.ts';
import type { SentenceTable } from '../../core/sentences/sentence-table.ts';
import { workerModules } from '../../runtime/worker-modules.ts';
import type { ColdBuildItem, ColdBuildReply, ColdBuildRequest } from './cold-build-protocol.ts';

const MODULES = workerModules(new URL('./cold-build-thread.ts', import.meta.url));

/** What the helper made: the groups of every article, and the sentence tables of the first ones by id. */
export interface ColdBuildParts {
  readonly groups: NearDuplicateIndex;
  readonly tables: ReadonlyMap<string, SentenceTable>;
}

/**
 * The share of the articles whose sentences the helper analyses, the rest
 * being the corpus worker's once its search index is built. The helper's
 * other work (signing every text and linking near-duplicates) is a little
 * shorter than building the search index, so it takes more than half of the
 * sentences; BENCHMARKS.md (issue 18) has the figures.
 */
export const HELPER_SENTENCE_SHARE = 0.6;

/** A helper thread, started ahead of the work so its modules load while the files are read. */
export class ColdBuildHelper {
  readonly #worker: Worker | null;
  #failed = false;

  constructor() {
    let worker: Worker | null = null;
    try {
      worker = new Worker(MODULES.start, { workerData: { entry: MODULES.entry.href } });
      const gone = (): void => {
        this.#failed = true;
      };
      worker.on('error', gone);
      worker.once('exit', gone);
      // Its event loop must not keep the process alive if the caller never closes it.
      worker.unref();
    } catch {
      this.#failed = true;
    }
    this.#worker = worker;
  }

  /**
   * The groups of `items` and the sentence tables of the first `analyseUpTo`, or null when the helper
   * failed (the caller then makes them itself). The items are copied to the helper as this is called.
   */
  analyse(items: readonly ColdBuildItem[], analyseUpTo: number): Promise<ColdBuildParts | null> {
    const worker = this.#worker;
    if (worker === null || this.#failed) return Promise.resolve(null);
    return new Promise<ColdBuildParts | null>((resolve) => {
      const settle = (parts: ColdBuildParts | null): void => {
        worker.off('message', onMessage);
        worker.off('error', onEnd);
        worker.off('exit', onEnd);
        resolve(parts);
      };
      const onEnd = (): void => settle(null);
      const onMessage = (reply: ColdBuildReply): void => {
        if (!reply.ok || reply.tables.length !== analyseUpTo || reply.groups.ids.length !== items.length) return settle(null);
        let groups: NearDuplicateIndex;
        try {
          groups = NearDuplicateIndex.restore(reply.groups);
        } catch {
          return settle(null);
        }
        const tables = new Map<string, SentenceTable>();
        reply.tables.forEach((table, i) => tables.set(items[i]!.id, table));
        settle({ groups, tables });
      };
      worker.on('message', onMessage);
      worker.once('error', onEnd);
      worker.once('exit', onEnd);
      try {
        worker.postMessage({ items, analyseUpTo } satisfies ColdBuildRequest);
      } catch {
        settle(null);
      }
    });
  }

  /** Ends the thread (its memory goes with it). */
  async close(): Promise<void> {
    this.#failed = true;
    await this.#worker?.terminate();
  }
}
