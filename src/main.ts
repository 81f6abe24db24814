import 'dotenv/config';
import { loadConfig } from './config/config.ts';
import { ConfigError } from './config/config-error.ts';
import { maskTokens } from './logging/mask-tokens.ts';
import { startCorpusWorker } from './app/corpus-wiring.ts';

/** Prints one clear line and exits non-zero: start-up failures must never look like success. */
function fail(what: string, err: unknown): never {
  const reason = err instanceof Error ? err.message : String(err);
  process.stderr.write(`aigov: ${what}: ${maskTokens(reason)}\n`);
  process.exit(1);
}

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) fail('bad setting', err);
  throw err;
}

// Memory: `npm start` runs node with V8 heap flags (package.json's start script; why, in BENCHMARKS.md, Memory).
// Started before Bolt's modules load (the imports below), so that the worker's own start-up overlaps theirs.
const corpus = startCorpusWorker(config);
const { createLogger } = await import('./logging/logger.ts');
const { startBot, SHUTDOWN_DRAIN_MS } = await import('./app/start-bot.ts');

const logger = createLogger(config.logLevel);
const bot = await startBot(config, logger, { corpus }).catch((err: unknown) => fail('could not start', err));
await bot.ready.catch(async (err: unknown) => {
  await bot.stop().catch(() => undefined);
  fail('could not get ready (corpus load, digest start or database)', err);
});

/**
 * Past the drain, how long saving and closing may take before the process
 * exits anyway (code 1, logged): a stop that hangs must not outlive the
 * orchestrator's patience and be killed without a word.
 */
const SHUTDOWN_SAVE_MS = 15_000;

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, drainMs: SHUTDOWN_DRAIN_MS }, 'stopping');
    setTimeout(() => {
      logger.error({ limitMs: SHUTDOWN_DRAIN_MS + SHUTDOWN_SAVE_MS }, 'stop took too long; exiting without finishing it');
      process.exit(1);
    }, SHUTDOWN_DRAIN_MS + SHUTDOWN_SAVE_MS).unref();
    bot.stop().then(
      () => process.exit(0),
      (err: unknown) => fail('could not stop cleanly', err),
    );
  });
}
