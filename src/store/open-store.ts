/**
 * The one place a {@link Store} is opened from the settings: the bot, its
 * ingestion worker and the CLIs all come through here. PostgreSQL when
 * `DATABASE_URL` is set (several instances on one database), else the
 * embedded SQLite file in `DATA_DIR`.
 */
import path from 'node:path';
import type { Store } from './store.ts';
import { openPostgresStore } from './postgres/postgres-store.ts';
import { DATABASE_FILE } from './sqlite/database-file.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';

/** Where the store lives: the settings that choose and locate the database. */
export interface StoreLocation {
  /** DATA_DIR: the SQLite file is `aigov.sqlite` inside it (when no database URL is set). */
  readonly dataDir: string;
  /** DATABASE_URL (`postgres://…`), or null for the embedded SQLite file. */
  readonly databaseUrl: string | null;
}

export interface OpenStoreOptions {
  /**
   * Only read (the CLI's dry runs): nothing is created or migrated, and
   * writes throw. SQLite opens the file read-only; PostgreSQL runs the
   * session read-only. Default false.
   */
  readonly readonly?: boolean;
  /** PostgreSQL: a pooled connection failed while idle (the server went away). */
  readonly onConnectionError?: (err: Error) => void;
}

/** The database file of the embedded engine in `dataDir`. */
export function databaseFileIn(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/**
 * Opens the store at `location`, its schema brought up to date (unless read-only).
 *
 * @throws StoreError naming the database (never a password).
 */
export async function openStore(location: StoreLocation, options: OpenStoreOptions = {}): Promise<Store> {
  if (location.databaseUrl !== null) {
    return openPostgresStore(location.databaseUrl, {
      ...(options.readonly === true ? { readonly: true } : {}),
      ...(options.onConnectionError === undefined ? {} : { onIdleError: options.onConnectionError }),
    });
  }
  return openSqliteStore(databaseFileIn(location.dataDir), options.readonly === true ? { readonly: true } : {});
}
