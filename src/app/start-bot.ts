/**
 * The composition root: opens the store, starts listening (so `/healthz`
 * answers 503 while loading), then loads and indexes the corpus. One wiring
 * module per capability (app/*-wiring.ts), one list of what to close
 * (resources.ts). Used by `src/main.ts` and by the end-to-end tests, so both
 * run the same wiring.
 */
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import type { WorkerCorpus } from '../corpus/worker/corpus-worker-client.ts';
import type { AnswerRetry } from '../answers/answer-delivery.ts';
import { createAnswerRecorder } from '../feedback/answer-recorder.ts';
import { createThreadAnswers } from '../feedback/thread-answers.ts';
import { IdleCollector } from '../runtime/idle-collector.ts';
import { createAdminCheck } from '../slack/admin-check.ts';
import { createSlackApp } from '../slack/app.ts';
import { registerListeners } from '../slack/listeners/index.ts';
import { ResponseUrlPoster } from '../slack/response-url.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { createAnswerWiring } from './answer-wiring.ts';
import { logCorpusWorker, startCorpusFeed, startCorpusWorker } from './corpus-wiring.ts';
import { createDigestWiring, type DigestWiring } from './digest-wiring.ts';
import { createHomeSources } from './home-wiring.ts';
import { createNewsWiring, type NewsWiring } from './news-wiring.ts';
import { Resources } from './resources.ts';
import { openBotStore, type OpenStore } from './store-wiring.ts';
import { createWatchWiring, type WatchWiring } from './watch-wiring.ts';

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

/** What production passes (the corpus worker it started early), plus a clock and timings tests control. */
export interface StartBotOptions {
  /**
   * The corpus worker, when the caller started it already (src/main.ts does,
   * before loading Bolt); startBot owns it from then on. Default: started here.
   */
  readonly corpus?: WorkerCorpus;
  /** The clock the digest, watches, feeds and answers read (default: the system clock). */
  readonly now?: () => Date;
  /** How often the digest scheduler looks for due digests (default 30 s). */
  readonly digestIntervalMs?: number;
  /** How long stop() waits for work in flight (default {@link SHUTDOWN_DRAIN_MS}). */
  readonly drainMs?: number;
  /** How answer posts are retried (default ANSWER_DELIVERY_RETRY in answers/answer-delivery.ts; tests shorten the waits). */
  readonly answerRetry?: AnswerRetry;
  /** How often the feed scheduler looks for due feeds (default 30 s). */
  readonly feedTickMs?: number;
  /** How long watch alerts are gathered before posting (default ALERT_BATCH_WINDOW_MS). */
  readonly watchBatchWindowMs?: number;
  /**
   * Opens the database (default store/open-store.ts). The one seam for faults:
   * tests switch the same database to read-only under the running bot, to see
   * how it behaves on a database it cannot write.
   */
  readonly openStore?: OpenStore;
}

export async function startBot(config: Config, logger: Logger, options: StartBotOptions = {}): Promise<RunningBot> {
  const now = options.now ?? (() => new Date());
  const resources = new Resources(logger);
  // The index lives in a worker thread, so searches never delay an ack; started first, so its
  // modules load while the store opens and Bolt starts.
  const corpus = options.corpus ?? startCorpusWorker(config);
  resources.add('corpus worker', () => corpus.close());
  try {
    logCorpusWorker(corpus, logger);
    const { store, problem: storeProblem } = await openBotStore(config, logger, options.openStore ?? openStore);
    resources.add('store', () => store.close());

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
    resources.add('Slack app', () => slack.stop());
    // A burst of requests leaves garbage this thread would otherwise hold while the bot sits idle (idle-collector.ts).
    const collector = new IdleCollector();
    resources.add('idle collector', () => collector.stop());
    slack.app.use(async ({ next }) => {
      collector.busy();
      await next();
    });
    // Command answers go to their response_url over kept-alive node:http(s) connections.
    const responses = new ResponseUrlPoster();
    resources.add('response URL connections', () => responses.close());

    const isAdmin = createAdminCheck({ adminUserIds: config.adminUserIds, client: slack.app.client, logger });
    const feedback = createAnswerRecorder(store.feedback, logger, now);
    const digest = createDigestWiring({
      config,
      logger,
      store,
      corpus,
      interactiveClient: slack.app.client,
      now,
      ...(options.digestIntervalMs === undefined ? {} : { intervalMs: options.digestIntervalMs }),
    });
    resources.add('digest scheduler', () => digest.stop());
    const answers = createAnswerWiring({
      config,
      logger,
      store,
      corpus,
      now,
      ...(options.answerRetry === undefined ? {} : { retry: options.answerRetry }),
    });
    resources.add('answer delivery', () => answers.stop());
    const news = createNewsWiring({
      config,
      logger,
      store,
      client: slack.app.client,
      isAdmin,
      now,
      ...(options.feedTickMs === undefined ? {} : { feedTickMs: options.feedTickMs }),
    });
    resources.add('news', () => news.stop());
    const watches = createWatchWiring({
      config,
      logger,
      store,
      corpus,
      now,
      ...(options.watchBatchWindowMs === undefined ? {} : { batchWindowMs: options.watchBatchWindowMs }),
    });
    resources.add('watch alerts', () => watches.alerts.stop());

    registerListeners(slack.app, {
      corpus,
      store,
      logger,
      now,
      feedback,
      threadAnswers: createThreadAnswers(store.feedback, logger),
      delivery: answers.delivery,
      desk: news.desk,
      home: createHomeSources({ store, corpus, isAdmin, now }),
      respondTo: (responseUrl) => responses.respondTo(responseUrl),
      extra: { digest: digest.command, ...news.commands, ...watches.commands },
    });

    const port = await slack.start();
    logger.info({ mode: config.mode, port }, 'listening');

    // The corpus loaded and indexed, then kept current (from CORPUS_DIR, or the shared database's articles).
    const feed = startCorpusFeed({ config, logger, corpus, store, now, onEntered: watches.alerts.articleEntered });
    resources.add('corpus feed', () => feed.close());
    const ready = (async () => {
      await feed.indexed;
      await digest.start();
      news.start();
      await feed.following;
      await answers.resumeOwed();
    })();
    answers.startPruning();

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
       * what was received finish (at most the drain time), then close
       * everything, last opened first (the worker saves the index, the
       * database closes last but one). Nothing acked is dropped by the stop
       * itself; an answer still failing is left owed in the store for the
       * next start.
       */
      async stop() {
        await slack.stopTakingWork();
        const drainMs = options.drainMs ?? SHUTDOWN_DRAIN_MS;
        const started = performance.now();
        const left = (): number => Math.max(0, drainMs - (performance.now() - started));
        const drained = (await slack.drained(left())) && (await answers.delivery.inFlight.idle(left()));
        if (!drained) logger.warn({ drainMs, inFlight: slack.inFlight.size + answers.delivery.inFlight.size }, 'stopping with work still in flight');
        else logger.info({ ms: Math.round(performance.now() - started) }, 'work in flight finished');
        await answers.stop();
        await ready.catch(() => undefined);
        await resources.closeAll();
      },
    };
  } catch (err) {
    await resources.closeAll().catch(() => undefined);
    throw err;
  }
}
