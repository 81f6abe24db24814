import path from 'node:path';
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { NO_SAVED_INDEX } from '../corpus/index-snapshot/persisted-index.ts';
import { watchCorpus, type CorpusWatcher } from '../corpus/watch-corpus.ts';
import type { Store } from '../store/store.ts';
import { ArticleMirror } from '../corpus/shared/article-mirror.ts';
import { importCorpus, type CorpusImport } from '../corpus/shared/corpus-import.ts';
import { WorkerCorpus } from '../corpus/worker/corpus-worker-client.ts';

/** Directory of the saved search index inside DATA_DIR. */
export const INDEX_SNAPSHOT_DIR = 'index';
/** Directory inside DATA_DIR that mirrors the shared database's articles (DATABASE_URL), indexed in place of CORPUS_DIR. */
export const ARTICLE_MIRROR_DIR = 'articles';

/**
 * The directory the corpus worker indexes: CORPUS_DIR on one host; with a
 * shared database, this instance's mirror of the database's articles (which
 * CORPUS_DIR is imported into, with what every other instance added).
 */
export function indexedCorpusDir(config: Pick<Config, 'corpusDir' | 'dataDir' | 'databaseUrl'>): string {
  return config.databaseUrl === null ? config.corpusDir : path.join(config.dataDir, ARTICLE_MIRROR_DIR);
}

/**
 * Starts the bot's corpus worker. Its index is saved in DATA_DIR/index, so a
 * restart loads it instead of rebuilding it (BENCHMARKS.md). Kept apart from
 * start-bot.ts, which loads Bolt: src/main.ts starts the worker first, so the
 * worker's own start-up runs while Bolt's modules load.
 */
export function startCorpusWorker(config: Pick<Config, 'corpusDir' | 'dataDir' | 'databaseUrl'>): WorkerCorpus {
  return new WorkerCorpus(indexedCorpusDir(config), () => new Date(), {
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
  /** The directory indexed ({@link indexedCorpusDir}). */
  readonly dir: string;
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
function startCorpusWatcher({ dir, logger, corpus, store, now, loaded, onEntered }: CorpusWatcherDeps): CorpusWatcher {
  const log = logger.child({ component: 'corpus-watcher' });
  return watchCorpus({
    dir,
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


/** The corpus as the bot takes it in: loaded and indexed, then kept current. */
export interface CorpusFeed {
  /** Settles once the corpus is indexed (rejects when it cannot be read). */
  readonly indexed: Promise<void>;
  /** Settles once changes are being followed. */
  readonly following: Promise<void>;
  close(): Promise<void>;
}

export interface CorpusFeedDeps extends Omit<CorpusWatcherDeps, 'dir' | 'loaded'> {
  readonly config: Config;
}

/**
 * One host (no DATABASE_URL): CORPUS_DIR is watched (from before the load, so
 * a file written during it is not missed) and indexed. Several instances on
 * one database: CORPUS_DIR is imported into the database, this instance's
 * mirror brought up to the database, then watched and indexed; every
 * instance's mirror follows the articles the others add and remove.
 */
export function startCorpusFeed(deps: CorpusFeedDeps): CorpusFeed {
  const { config, logger, corpus, store } = deps;
  if (config.databaseUrl === null) {
    let release: () => void = () => undefined;
    const loaded = new Promise<void>((resolve) => (release = resolve));
    const watcher = startCorpusWatcher({ ...deps, dir: config.corpusDir, loaded });
    const indexed = loadCorpusLogged(corpus, logger, release);
    return { indexed, following: watcher.ready, close: () => watcher.close() };
  }
  const log = logger.child({ component: 'shared-corpus' });
  const mirror = new ArticleMirror({ articles: store.articles, dir: indexedCorpusDir(config), logger });
  let importer: CorpusImport | null = null;
  let watcher: CorpusWatcher | null = null;
  const indexed = (async () => {
    importer = importCorpus({ dir: config.corpusDir, articles: store.articles, logger, now: deps.now, read: (dir, files) => corpus.readArticleFiles(dir, files) });
    const imported = await importer.ready;
    log.info({ from: config.corpusDir, ...imported }, 'CORPUS_DIR imported into the shared database');
    const articles = await mirror.catchUp();
    log.info({ articles, dir: mirror.dir }, "this instance's copy of the shared articles is up to date");
    let release: () => void = () => undefined;
    const loaded = new Promise<void>((resolve) => (release = resolve));
    watcher = startCorpusWatcher({ ...deps, dir: mirror.dir, loaded });
    await watcher.ready;
    mirror.follow();
    await loadCorpusLogged(corpus, logger, release);
  })();
  return {
    indexed,
    following: indexed,
    async close() {
      await mirror.close();
      await (importer as CorpusImport | null)?.close();
      await (watcher as CorpusWatcher | null)?.close();
    },
  };
}
