import path from 'node:path';
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { NO_SAVED_INDEX } from '../corpus/index-snapshot/persisted-index.ts';
import { watchCorpus, type CorpusWatcher } from '../corpus/watch-corpus.ts';
import type { Store } from '../store/store.ts';
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

/** Says in the log what the corpus worker went through: a failed save, a crash, a recovery. */
export function logCorpusWorker(corpus: WorkerCorpus, logger: Logger): void {
  corpus.listen({
    onSaveError: (err) => logger.warn({ err }, 'could not save the corpus index; the next start rebuilds it'),
    onWorkerCrash: ({ err, crashesInARow, restartInMs }) =>
      logger.error({ err, crashesInARow, restartInMs }, 'the corpus worker crashed; restarting it (/healthz says recovering)'),
    onRecovered: ({ ms, restarts, report }) =>
      logger.info({ ms, restarts, from: report.from, articles: report.articles }, 'the corpus worker recovered'),
    onRecoveryFailed: (err) => logger.error({ err }, 'the restarted corpus worker could not load the index'),
  });
}

/**
 * Loads and indexes the corpus (from the saved index when it still holds),
 * saying what was skipped and how long it took. `released` runs whether the
 * load succeeds or fails, so what waits for it (the watcher) ends either way.
 */
export async function loadCorpusLogged(corpus: WorkerCorpus, logger: Logger, released: () => void): Promise<void> {
  const started = performance.now();
  const { articles, warnings, snapshotRefused } = await corpus.load().finally(released);
  // A missing snapshot is a first start; any other refusal (altered, damaged, other options) is worth a warning.
  if (snapshotRefused !== null && snapshotRefused !== NO_SAVED_INDEX) {
    logger.warn({ reason: snapshotRefused }, 'saved index refused; rebuilt from the corpus files');
  }
  for (const warning of warnings) logger.warn({ file: warning.file, reason: warning.reason }, 'corpus file skipped');
  logger.info({ articles, skipped: warnings.length, ms: Math.round(performance.now() - started) }, 'corpus indexed');
}

export interface CorpusWatcherDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly corpus: WorkerCorpus;
  readonly store: Store;
  readonly now: () => Date;
  /** Settles once the initial load has built the index; changes seen before then wait for it. */
  readonly loaded: Promise<void>;
  /** An article entered the corpus (first seen now): watches are told. */
  readonly onEntered: (articleId: string, firstSeen: Date) => Promise<void>;
}

/**
 * Keeps the index current while the bot runs: a file added or changed in
 * CORPUS_DIR is re-indexed on its own (no rebuild; files settled together go
 * in one batch) and its first-seen time recorded, which is what decides
 * whether a digest calls it new.
 */
export function startCorpusWatcher({ config, logger, corpus, store, now, loaded, onEntered }: CorpusWatcherDeps): CorpusWatcher {
  const log = logger.child({ component: 'corpus-watcher' });
  return watchCorpus({
    dir: config.corpusDir,
    // Parsed in the corpus worker: the thread that acks Slack only learns which files changed.
    read: (dir, files) => corpus.readArticleFiles(dir, files),
    // A batch (a feed import writes dozens of files a second): one index request and one store write for all of it.
    async onArticles(articles) {
      await loaded;
      await corpus.upsertMany(articles);
      const at = now();
      const firstSeen = new Set(await store.articlesSeen.recordArticlesSeen(articles.map((a) => a.id), at));
      for (const article of articles) log.info({ id: article.id, file: article.file, new: firstSeen.has(article.id) }, 'article indexed');
      for (const id of firstSeen) {
        await onEntered(id, at).catch((err: unknown) => log.error({ err, id }, 'could not match the new article against the watches'));
      }
    },
    async onRemoved(id, file) {
      await loaded;
      if (await corpus.remove(id)) log.info({ id, file }, 'article removed from the index');
    },
    onWarning(warning) {
      log.warn({ file: warning.file, reason: warning.reason }, 'corpus file skipped');
    },
  });
}

