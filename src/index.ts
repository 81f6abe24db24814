import 'dotenv/config';
import { loadConfig } from './config.ts';
import { ConfigError } from './config-error.ts';
import { createLogger, maskTokens } from './logger.ts';
import { startBot } from './bot.ts';

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

const logger = createLogger(config.logLevel);
const bot = await startBot(config, logger).catch((err: unknown) => fail('could not start', err));
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
