import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { startBot, type RunningBot, type StartBotOptions } from '../../src/app/start-bot.ts';
import type { WorkerCorpus } from '../../src/corpus/worker/corpus-worker-client.ts';
import { startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.ts';

export const FIXTURE_CORPUS = path.resolve(import.meta.dirname, '../fixtures/corpus');
/** Secrets used by the tests; they must never appear in a log line. */
export const TEST_BOT_TOKEN = 'xoxb-1111-2222-testbottokensecret';
export const TEST_SIGNING_SECRET = 'e2e-signing-secret-do-not-log';
export const TEST_APP_TOKEN = 'xapp-1-A1-3333-testapptokensecret';

/** A running bot over the fixture corpus, with a Slack Web API stand-in and captured JSON logs. */
export interface TestBot {
  readonly bot: RunningBot;
  readonly api: SlackApiStandIn;
  readonly config: Config;
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  readonly eventsUrl: string;
  readonly dataDir: string;
  /** Every log line so far, as raw text. */
  logText(): string;
  /** Stops the bot (not the stand-in) and starts a new one on the same data directory. */
  restart(): Promise<TestBot>;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  readonly api?: SlackApiStandIn;
  readonly dataDir?: string;
  readonly corpusDir?: string;
  readonly env?: Record<string, string>;
  /** The bot's clock (digest scheduling, first-seen times); default the system clock. */
  readonly now?: () => Date;
  /** The digest scheduler's interval; default the bot's own. */
  readonly digestIntervalMs?: number;
  /** The corpus worker to use (e.g. one with fault injection on), made from the bot's config; default the bot's own. */
  readonly corpus?: (config: Config) => WorkerCorpus;
  /** stop()'s drain time; default the bot's own. */
  readonly drainMs?: number;
  /** Opens the database; default the bot's own. */
  readonly openStore?: StartBotOptions['openStore'];
  /** How answer posts are retried; default the bot's own. */
  readonly answerRetry?: StartBotOptions['answerRetry'];
  /** Skip waiting for `bot.ready` (a test that watches the start itself). */
  readonly noWait?: boolean;
  /** The feed scheduler's interval; default the bot's own (tests usually drive `bot.news.scheduler.tick()`). */
  readonly feedTickMs?: number;
  /** How long watch alerts are gathered before posting; default the bot's own. */
  readonly watchBatchWindowMs?: number;
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const api = options.api ?? (await startSlackApiStandIn());
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-e2e-'));
  const config: Config = {
    ...loadConfig({
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: api.url,
      CORPUS_DIR: options.corpusDir ?? FIXTURE_CORPUS,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
      ...options.env,
    }),
    port: 0,
  };
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const startOptions: StartBotOptions = {
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.digestIntervalMs === undefined ? {} : { digestIntervalMs: options.digestIntervalMs }),
    ...(options.corpus === undefined ? {} : { corpus: options.corpus(config) }),
    ...(options.drainMs === undefined ? {} : { drainMs: options.drainMs }),
    ...(options.answerRetry === undefined ? {} : { answerRetry: options.answerRetry }),
    ...(options.openStore === undefined ? {} : { openStore: options.openStore }),
    ...(options.feedTickMs === undefined ? {} : { feedTickMs: options.feedTickMs }),
    ...(options.watchBatchWindowMs === undefined ? {} : { watchBatchWindowMs: options.watchBatchWindowMs }),
  };
  const bot = await startBot(config, createLogger(config.logLevel, sink), startOptions);
  if (options.noWait !== true) await bot.ready;
  const baseUrl = `http://127.0.0.1:${bot.port}`;
  const ownsApi = options.api === undefined;
  return {
    bot,
    api,
    config,
    baseUrl,
    eventsUrl: `${baseUrl}/slack/events`,
    dataDir,
    logText: () => chunks.join(''),
    async restart() {
      await bot.stop();
      return startTestBot({ ...options, api, dataDir });
    },
    async stop() {
      await bot.stop();
      if (ownsApi) await api.close();
    },
  };
}
