import path from 'node:path';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { WorkerCorpus } from './core/worker-corpus.ts';
import { INDEX_SNAPSHOT_DIR, startCorpusWorker } from './bot-corpus.ts';
import { NO_SAVED_INDEX } from './core/search/persisted-index.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';
import { DATABASE_FILE } from './store/database-file.ts';
import { IdleCollector } from './core/idle-collector.ts';
import { createSlackApp } from './slack/app.ts';
import { registerCommands } from './commands/index.ts';
import { registerAppMention } from './events/app-mention.ts';
import { registerSearchButtons } from './actions/search-buttons.ts';
import { registerTimelineButtons } from './actions/timeline-buttons.ts';
import { watchCorpus, type CorpusWatcher } from './core/corpus/watch-corpus.ts';
import { createDigestWiring, type DigestWiring } from './digest/digest-wiring.ts';
import { createAnswerRecorder } from './feedback/answer-recorder.ts';
import { createThreadAnswers } from './feedback/thread-answers.ts';
import { registerFeedbackButtons } from './actions/feedback-buttons.ts';
import { WebClient } from '@slack/web-api';
import { toSlackLogger } from './logger.ts';
import { DIGEST_CLIENT_OPTIONS } from './digest/deliver-digest.ts';
import { AnswerDelivery, type AnswerRetry } from './delivery/answer-delivery.ts';
import { composeMentionReply } from './events/app-mention.ts';
import { watchStoreHealth } from './store/store-health.ts';
import { checkDatabasePresent, markDataDirUsed } from './store/data-dir-guard.ts';
import { createNewsWiring, type NewsWiring } from './news-wiring.ts';
import { registerAddToCorpusShortcut } from './actions/add-to-corpus.ts';
import { createWatchWiring, type WatchWiring } from './watch/watch-wiring.ts';
import { createAdminCheck } from './slack/admin-check.ts';
import { homeFeedbackLines, type HomeSources } from './home/home-data.ts';
import { registerAppHomeOpened } from './events/app-home-opened.ts';
import { registerHomeButtons } from './actions/home-buttons.ts';
import { registerSearchModal } from './views/search-modal.ts';
import { ResponseUrlPoster } from './slack/response-url.ts';

export { DATABASE_FILE } from './store/database-file.ts';

/**
 * How long a shutdown waits for work already received (requests acked and
 * still being answered, answer posts under way) before it saves and exits
 * anyway. Under Slack's 3-second ack window plus an answer's own time; an
 * orchestrator's grace period (Kubernetes: 30 s) leaves room for the save.
 */
export const SHUTDOWN_DRAIN_MS = 10_000;


export interface RunningBot {
  /** The port `/slack/events` (HTTP mode) and `/healthz` listen on. */
  readonly port: number;
  readonly corpus: WorkerCorpus;
  readonly store: Store;
  /** Settles when the corpus is indexed (or rejects when it cannot be read). */
  readonly ready: Promise<void>;
  /** The daily digest: delivery, and the scheduler once the corpus is loaded (tests drive its `tick()`). */
  readonly digest: DigestWiring;
  /** Adding news: the ingestion worker, the feed scheduler (tests drive its `tick()`), the news desk. */
  readonly news: NewsWiring;
  /** Watches: alerts of new articles (tests call `alerts.flush()` rather than wait out the batch window). */
  readonly watches: WatchWiring;
  stop(): Promise<void>;
}

/** Start-up options the environment does not set: a clock and intervals tests control. */
export interface StartBotOptions {
  /** The clock the digest reads (default: the system clock). */
  readonly now?: () => Date;
  /** How often the digest scheduler looks for due digests (default 30 s). */
  readonly digestIntervalMs?: number;
  /**
   * The corpus worker, when the caller started it already (src/index.ts does,
   * before loading Bolt); startBot owns it from then on. Default: started here.
   */
  readonly corpus?: WorkerCorpus;
  /** How long stop() waits for work in flight (default {@link SHUTDOWN_DRAIN_MS}). */
  readonly drainMs?: number;
  /**
   * Opens the database (default openSqliteStore). Tests open the same file
   * read-only here, to see how the bot behaves on a database it cannot write.
   */
  readonly openStore?: (file: string) => Store | Promise<Store>;
  /** How answer posts are retried (default ANSWER_DELIVERY_RETRY in delivery/answer-delivery.ts; tests shorten the waits). */
  readonly answerRetry?: AnswerRetry;
  /** How often the feed scheduler looks for due feeds (default 30 s). */
  readonly feedTickMs?: number;
  /** How long watch alerts are gathered before posting (default ALERT_BATCH_WINDOW_MS). */
  readonly watchBatchWindowMs?: number;
}

/**
 * The composition root: opens the store, starts listening (so `/healthz`
 * answers 503 while loading), then loads and indexes the corpus. Used by
 * `src/index.ts` and by the end-to-end tests, so both run the same wiring.
 */
export async function startBot(config: Config, logger: Logger, options: StartBotOptions = {}): Promise<RunningBot> {
  const now = options.now ?? (() => new Date());
  // The index lives in a worker thread, so searches never delay an ack; started first, so its
  // modules load while the store opens and Bolt starts.
  const corpus = options.corpus ?? startCorpusWorker(config);
  corpus.listen({
    onSaveError: (err) => logger.warn({ err }, 'could not save the corpus index; the next start rebuilds it'),
    onWorkerCrash: ({ err, crashesInARow, restartInMs }) =>
      logger.error({ err, crashesInARow, restartInMs }, 'the corpus worker crashed; restarting it (/healthz says recovering)'),
    onRecovered: ({ ms, restarts, report }) =>
      logger.info({ ms, restarts, from: report.from, articles: report.articles }, 'the corpus worker recovered'),
    onRecoveryFailed: (err) => logger.error({ err }, 'the restarted corpus worker could not load the index'),
  });
  let store: Store;
  let storeProblem: () => string | null;
  try {
    const file = path.join(config.dataDir, DATABASE_FILE);
    const afresh = checkDatabasePresent(config.dataDir, file, config.freshStart, [INDEX_SNAPSHOT_DIR]);
    if (afresh !== null) logger.warn(afresh);
    const watched = watchStoreHealth(await (options.openStore ?? openSqliteStore)(file), (method, err) =>
      logger.error({ err, method }, 'the database failed; /healthz now fails'),
    );
    markDataDirUsed(config.dataDir);
    store = watched.store;
    storeProblem = watched.problem;
  } catch (err) {
    await corpus.close();
    throw err;
  }
  const slack = createSlackApp({
    config,
    logger,
    status: () => corpus.status(),
    problem() {
      if (corpus.recovering) return { status: 'recovering', reason: 'the corpus worker crashed and is restarting' };
      const failing = storeProblem();
      return failing === null ? null : { status: 'store-failing', reason: failing };
    },
  });
  // A burst of requests leaves garbage this thread would otherwise hold while the bot sits idle (idle-collector.ts).
  const collector = new IdleCollector();
  slack.app.use(async ({ next }) => {
    collector.busy();
    await next();
  });

  // --- Daily digest: its own WebClient, delivery, `/aigov digest`; the scheduler starts once the corpus is loaded.
  const digest = createDigestWiring({
    config,
    logger,
    store,
    corpus,
    interactiveClient: slack.app.client,
    now,
    ...(options.digestIntervalMs === undefined ? {} : { intervalMs: options.digestIntervalMs }),
  });
  // --- end of daily digest wiring

  // --- Feedback: answers and result pages are recorded as shown; their 👍 / 👎 buttons carry the record's id.
  const feedback = createAnswerRecorder(store, logger, now);
  registerFeedbackButtons(slack.app, { store, logger, now });
  // --- end of feedback wiring

  // --- Answer delivery: its own client (a 429 holds back one channel, not every answer), retries from the store.
  const answerLog = logger.child({ handler: 'app_mention' });
  const answerClient = new WebClient(config.botToken, {
    ...DIGEST_CLIENT_OPTIONS,
    logger: toSlackLogger(answerLog),
    ...(config.slackApiUrl === null ? {} : { slackApiUrl: config.slackApiUrl }),
  });
  const delivery = new AnswerDelivery({
    ledger: store,
    post: (args) => answerClient.chat.postMessage(args),
    compose: (question) => composeMentionReply(corpus, question, answerLog),
    logger,
    now,
    ...(options.answerRetry === undefined ? {} : { retry: options.answerRetry }),
  });
  // --- end of answer delivery wiring

  // --- Adding news: the pipeline in a worker thread (it writes corpus files; the watcher below indexes them),
  // feeds polled once the corpus is loaded, `/aigov add|feeds|remove` and the Add to aigov shortcut.
  const news = createNewsWiring({
    config,
    logger,
    store,
    client: slack.app.client,
    databaseFile: path.join(config.dataDir, DATABASE_FILE),
    now,
    ...(options.feedTickMs === undefined ? {} : { feedTickMs: options.feedTickMs }),
  });
  registerAddToCorpusShortcut(slack.app, { desk: news.desk, logger });
  // --- end of adding news wiring

  // --- Watches: their own WebClient, alert delivery, `/aigov watch` and `/aigov unwatch`; fed by the corpus watcher.
  const watches = createWatchWiring({
    config,
    logger,
    store,
    corpus,
    now,
    ...(options.watchBatchWindowMs === undefined ? {} : { batchWindowMs: options.watchBatchWindowMs }),
  });
  // --- end of watches wiring

  // --- Command answers: posted to their response_url over kept-alive node:http(s) connections (slack/response-url.ts).
  const responses = new ResponseUrlPoster();
  registerCommands(slack.app, {
    corpus,
    logger,
    feedback,
    respondTo: (responseUrl) => responses.respondTo(responseUrl),
    extra: { digest: digest.command, ...news.commands, ...watches.commands },
  });
  registerAppMention(slack.app, { corpus, store, delivery, logger, now, feedback, threadAnswers: createThreadAnswers(store, logger) });
  registerSearchButtons(slack.app, { corpus, logger, feedback });
  // --- Timeline: `/aigov timeline` is a subcommand (commands/index.ts); its More button is here.
  registerTimelineButtons(slack.app, { corpus, logger });

  // --- App Home: the Home tab, its buttons and the search modal; admins also see the feeds and the feedback summary.
  const home: HomeSources = {
    store,
    corpus,
    isAdmin: createAdminCheck({ adminUserIds: config.adminUserIds, client: slack.app.client, logger }),
    feeds: () => store.listFeeds(),
    feedbackSummary: () => homeFeedbackLines(store, now()),
    now,
  };
  registerAppHomeOpened(slack.app, home, logger);
  registerHomeButtons(slack.app, { store, home, logger });
  registerSearchModal(slack.app, { corpus, logger });
  // --- end of App Home wiring
  slack.app.error(async (err) => {
    logger.error({ err }, 'unhandled error in a Slack listener');
  });

  let port: number;
  try {
    port = await slack.start();
  } catch (err) {
    await news.stop();
    await corpus.close();
    await store.close();
    responses.close();
    throw err;
  }
  logger.info({ mode: config.mode, port }, 'listening');

  // Started before the corpus is read, so a file written during the load is not missed;
  // its events wait for the load to finish (see startCorpusWatcher).
  let indexed: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => (indexed = resolve));
  const watcher = startCorpusWatcher({ config, logger, corpus, store, now, loaded, onEntered: watches.alerts.articleEntered });
  const ready = (async () => {
    const started = performance.now();
    // Released even when the load fails, so the watcher's waiting callbacks end and stop() can close it.
    const { articles, warnings, snapshotRefused } = await corpus.load().finally(indexed);
    // A missing snapshot is a first start; any other refusal (altered, damaged, other options) is worth a warning.
    if (snapshotRefused !== null && snapshotRefused !== NO_SAVED_INDEX) {
      logger.warn({ reason: snapshotRefused }, 'saved index refused; rebuilt from the corpus files');
    }
    for (const warning of warnings) logger.warn({ file: warning.file, reason: warning.reason }, 'corpus file skipped');
    logger.info({ articles, skipped: warnings.length, ms: Math.round(performance.now() - started) }, 'corpus indexed');
    await digest.start();
    news.start();
    await watcher.ready;
    const owed = await delivery.resumeOwed().catch((err: unknown) => {
      logger.error({ err }, 'could not take up the answers owed from before the start');
      return 0;
    });
    if (owed > 0) logger.info({ owed }, 'answers owed from before the start taken up');
  })();
  const pruning = startEventPruning(store, logger, now);

  return {
    port,
    corpus,
    store,
    ready,
    digest,
    news,
    watches,
    /**
     * Graceful: stop taking work (HTTP 503, Socket Mode disconnected), let
     * what was received finish (at most the drain time), then stop the
     * digest, the watcher and the worker (which saves the index), close the
     * server and the database. Nothing acked is dropped by the stop itself;
     * an answer still failing is left owed in the store for the next start.
     */
    async stop() {
      await slack.stopTakingWork();
      const drainMs = options.drainMs ?? SHUTDOWN_DRAIN_MS;
      const started = performance.now();
      const left = (): number => Math.max(0, drainMs - (performance.now() - started));
      const drained = (await slack.drained(left())) && (await delivery.inFlight.idle(left()));
      if (!drained) logger.warn({ drainMs, inFlight: slack.inFlight.size + delivery.inFlight.size }, 'stopping with work still in flight');
      else logger.info({ ms: Math.round(performance.now() - started) }, 'work in flight finished');
      delivery.stop();
      await ready.catch(() => undefined);
      clearInterval(pruning);
      collector.stop();
      await digest.stop();
      await news.stop();
      await watcher.close();
      await watches.alerts.stop();
      await corpus.close();
      await slack.stop();
      responses.close();
      await store.close();
    },
  };
}

interface CorpusWatcherDeps {
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
function startCorpusWatcher({ config, logger, corpus, store, now, loaded, onEntered }: CorpusWatcherDeps): CorpusWatcher {
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
      const firstSeen = new Set(await store.recordArticlesSeen(articles.map((a) => a.id), at));
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

/**
 * How long answered event ids are kept. Slack retries an event for about five
 * minutes (three retries, the last after ~5 minutes); a week is far beyond
 * that and keeps the table small.
 */
export const ANSWERED_EVENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const EVENT_PRUNE_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** Forgets answered event ids older than the retention, at start and every few hours. */
function startEventPruning(store: Store, logger: Logger, now: () => Date): NodeJS.Timeout {
  const prune = (): void => {
    const before = new Date(now().getTime() - ANSWERED_EVENT_RETENTION_MS);
    Promise.all([store.pruneEventsBefore(before), store.pruneAnswersBefore(before)]).then(([removed]) => removed).then(
      (removed) => removed > 0 && logger.info({ removed }, 'old answered event ids pruned'),
      (err: unknown) => logger.warn({ err }, 'could not prune answered event ids'),
    );
  };
  prune();
  return setInterval(prune, EVENT_PRUNE_INTERVAL_MS).unref();
}
