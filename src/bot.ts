import path from 'node:path';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { CorpusService } from './core/corpus-service.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';
import { createSlackApp } from './slack/app.ts';
import { registerCommands } from './commands/index.ts';
import { registerAppMention } from './events/app-mention.ts';
import { registerSearchButtons } from './actions/search-buttons.ts';

/** File name of the bot's database inside DATA_DIR. */
export const DATABASE_FILE = 'aigov.sqlite';

export interface RunningBot {
  /** The port `/slack/events` (HTTP mode) and `/healthz` listen on. */
  readonly port: number;
  readonly corpus: CorpusService;
  readonly store: Store;
  /** Settles when the corpus is indexed (or rejects when it cannot be read). */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root: opens the store, starts listening (so `/healthz`
 * answers 503 while loading), then loads and indexes the corpus. Used by
 * `src/index.ts` and by the end-to-end tests, so both run the same wiring.
 */
export async function startBot(config: Config, logger: Logger): Promise<RunningBot> {
  const store = await openSqliteStore(path.join(config.dataDir, DATABASE_FILE));
  const corpus = new CorpusService(config.corpusDir);
  const slack = createSlackApp({ config, logger, status: () => corpus.status() });

  registerCommands(slack.app, { corpus, logger });
  registerAppMention(slack.app, { corpus, store, logger });
  registerSearchButtons(slack.app, { corpus, logger });
  slack.app.error(async (err) => {
    logger.error({ err }, 'unhandled error in a Slack listener');
  });

  let port: number;
  try {
    port = await slack.start();
  } catch (err) {
    await store.close();
    throw err;
  }
  logger.info({ mode: config.mode, port }, 'listening');

  const ready = (async () => {
    const started = performance.now();
    const { articles, warnings } = await corpus.load();
    for (const warning of warnings) logger.warn({ file: warning.file, reason: warning.reason }, 'corpus file skipped');
    logger.info({ articles, skipped: warnings.length, ms: Math.round(performance.now() - started) }, 'corpus indexed');
  })();

  return {
    port,
    corpus,
    store,
    ready,
    async stop() {
      await ready.catch(() => undefined);
      await slack.stop();
      await store.close();
    },
  };
}
