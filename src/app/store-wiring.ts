/**
 * The store as the bot runs on it: refused when DATA_DIR lost its database
 * (store/data-dir-guard.ts), opened through store/open-store.ts, and watched,
 * so a failing database is said on `/healthz` and to users.
 */
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { checkDatabasePresent, markDataDirUsed } from '../store/data-dir-guard.ts';
import { databaseFileIn, type OpenStoreOptions, type StoreLocation } from '../store/open-store.ts';
import { watchStoreHealth, type WatchedStore } from '../store/store-health.ts';
import type { Store } from '../store/store.ts';
import { INDEX_SNAPSHOT_DIR } from './corpus-wiring.ts';

export type OpenStore = (location: StoreLocation, options?: OpenStoreOptions) => Store | Promise<Store>;

export async function openBotStore(config: Config, logger: Logger, open: OpenStore): Promise<WatchedStore> {
  // The data-dir guard is the embedded file's: a PostgreSQL database does not vanish with a volume.
  const embedded = config.databaseUrl === null;
  if (embedded) {
    const afresh = checkDatabasePresent(config.dataDir, databaseFileIn(config.dataDir), config.freshStart, [INDEX_SNAPSHOT_DIR]);
    if (afresh !== null) logger.warn(afresh);
  }
  const store = await open(config, {
    onConnectionError: (err) => logger.warn({ err }, 'a database connection failed while idle; the pool opens a new one when needed'),
  });
  const watched = watchStoreHealth(store, (method, err) => logger.error({ err, method }, 'the database failed; /healthz now fails'));
  if (embedded) markDataDirUsed(config.dataDir);
  return watched;
}
