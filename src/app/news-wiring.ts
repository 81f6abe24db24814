/**
 * Adding news, wired: the pipeline in a worker thread, the feed scheduler,
 * the news desk, and the Slack commands that drive them. Kept out of start-bot.ts
 * so the composition root stays a list of capabilities.
 */
import type { WebClient } from '@slack/web-api';
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { canonicalUrl } from '../ingest/url/canonical-url.ts';
import { createFeedScheduler, type FeedScheduler } from '../news/feed-scheduler.ts';
import { HostGate } from '../news/host-gate.ts';
import { createNewsDesk, type NewsDesk } from '../news/news-desk.ts';
import { WorkerIngestRunner } from '../news/ingest-worker/ingest-worker-client.ts';
import type { AdminCheck } from '../slack/admin-check.ts';
import { createSlackFeedNotices } from '../slack/feed-notices.ts';
import type { Store } from '../store/store.ts';
import type { SubcommandHandler } from '../slack/listeners/commands/command-context.ts';
import { createAddCommand, createFeedsCommand, createRemoveCommand } from '../slack/listeners/commands/news.ts';

export interface NewsWiring {
  readonly desk: NewsDesk;
  /** Tests drive its `tick()` with their clock. */
  readonly scheduler: FeedScheduler;
  readonly runner: WorkerIngestRunner;
  /** `/aigov add`, `/aigov feeds`, `/aigov remove`. */
  readonly commands: Readonly<Record<string, SubcommandHandler>>;
  /** Starts polling feeds on schedule (once the corpus is loaded). */
  start(): void;
  stop(): Promise<void>;
}

export interface NewsWiringDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly store: Store;
  /** The interactive client: DMs about failing feeds. */
  readonly client: WebClient;
  /** Who may add feeds and remove articles (the bot's one admin check). */
  readonly isAdmin: AdminCheck;
  readonly now: () => Date;
  readonly feedTickMs?: number;
}

export function createNewsWiring({ config, logger, store, client, isAdmin, now, feedTickMs }: NewsWiringDeps): NewsWiring {
  const runner = new WorkerIngestRunner({
    corpusDir: config.corpusDir,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    allowPrivate: config.fetchAllowPrivate.map((range) => range.text),
    logger,
  });
  const gate = new HostGate(now);
  const scheduler = createFeedScheduler({
    store: store.feeds,
    runner,
    gate,
    clock: now,
    logger,
    notices: createSlackFeedNotices(client, logger),
    ...(feedTickMs === undefined ? {} : { tickMs: feedTickMs }),
  });
  const desk = createNewsDesk({
    store: store.feeds,
    runner,
    scheduler,
    gate,
    corpusDir: config.corpusDir,
    canonicalUrl,
    clock: now,
    ...(config.databaseUrl === null ? {} : { sharedArticles: store.articles }),
  });
  const deps = { desk, isAdmin };
  return {
    desk,
    scheduler,
    runner,
    commands: { add: createAddCommand(deps), feeds: createFeedsCommand(deps), remove: createRemoveCommand(deps) },
    start: () => scheduler.start(),
    async stop() {
      await scheduler.stop();
      await runner.close();
    },
  };
}
