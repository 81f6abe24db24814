import path from 'node:path';
import type { Config } from '../config/config.ts';
import { WorkerCorpus } from '../corpus/worker/corpus-worker-client.ts';

/** Directory of the saved search index inside DATA_DIR. */
export const INDEX_SNAPSHOT_DIR = 'index';

/**
 * Starts the bot's corpus worker. Its index is saved in DATA_DIR/index, so a
 * restart loads it instead of rebuilding it (BENCHMARKS.md). Kept apart from
 * start-bot.ts, which loads Bolt: src/main.ts starts the worker first, so the
 * worker's own start-up runs while Bolt's modules load.
 */
export function startCorpusWorker(config: Pick<Config, 'corpusDir' | 'dataDir'>): WorkerCorpus {
  return new WorkerCorpus(config.corpusDir, () => new Date(), {
    snapshotDir: path.join(config.dataDir, INDEX_SNAPSHOT_DIR),
  });
}
