/**
 * The one place a {@link Store} is opened from the settings: the bot, its
 * ingestion worker and the CLIs all come through here, so a second engine is
 * chosen here and nowhere else.
 */
import path from 'node:path';
import type { Store } from './store.ts';
import { DATABASE_FILE } from './sqlite/database-file.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';

/** Where the store lives: the settings that choose and locate the database. */
export interface StoreLocation {
  /** DATA_DIR: the SQLite file is `aigov.sqlite` inside it. */
  readonly dataDir: string;
}

export interface OpenStoreOptions {
  /** Only read (the CLI's dry runs): nothing is created or migrated, and writes throw. Default false. */
  readonly readonly?: boolean;
}

/** The database file of the embedded engine in `dataDir`. */
export function databaseFileIn(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/**
 * Opens the store at `location`, its schema brought up to date (unless read-only).
 *
 * @throws StoreError naming the database (see openSqliteStore).
 */
export function openStore(location: StoreLocation, options: OpenStoreOptions = {}): Store {
  return openSqliteStore(databaseFileIn(location.dataDir), options);
}
