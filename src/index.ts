import 'dotenv/config';
import v8 from 'node:v8';
import { loadConfig } from './config.ts';
import { ConfigError } from './config-error.ts';
import { maskTokens } from './mask-tokens.ts';
import { startCorpusWorker } from './bot-corpus.ts';

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

// Heap sizing for the corpus worker, set before it starts (set later, it did not change the worker's
// heap: measured). By default V8 lets a heap grow to several times its live size before a full
// collection; searches for common words make large short-lived result maps, so under load the
// worker's heap, and the bot's RSS, doubled (10k articles: 960 MB). Growing by 20% between full
// collections keeps it near the index's size (460 MB) for a few percent of search time, spent off
// the thread that acks. The first 300 MB of old space are allowed without that rule, or the load,
// which allocates fast, would collect many times over and start ~0.5 s slower (BENCHMARKS.md).
v8.setFlagsFromString('--heap-growing-percent=20 --initial-old-space-size=300');
// Started before Bolt's modules load (the imports below), so that the worker's own start-up overlaps theirs.
const corpus = startCorpusWorker(config);
const { createLogger } = await import('./logger.ts');
const { startBot } = await import('./bot.ts');

const logger = createLogger(config.logLevel);
const bot = await startBot(config, logger, { corpus }).catch((err: unknown) => fail('could not start', err));
await bot.ready.catch(async (err: unknown) => {
  await bot.stop().catch(() => undefined);
  fail('could not load the corpus', err);
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    bot.stop().then(
      () => process.exit(0),
      (err: unknown) => fail('could not stop cleanly', err),
    );
  });
}
