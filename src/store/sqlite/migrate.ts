/**
 * Applies the schema's migrations (store/migrations.ts) to an SQLite file:
 * `PRAGMA user_version` is the number of the last one applied.
 */
import type Database from 'better-sqlite3';
import { checkMigrationOrder, MIGRATIONS, type Migration } from '../migrations.ts';
import { StoreError } from '../store-error.ts';

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to {@link LATEST_SCHEMA_VERSION}. Safe to call on
 * every open and from several processes at once: each migration re-reads the
 * version inside its IMMEDIATE transaction, so only one process applies it.
 *
 * @param file named in errors.
 * @returns the versions applied by this call (empty when already current).
 */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const latest = migrations.at(-1)?.version ?? 0;
  const checkNotNewer = (found: number): void => {
    if (found > latest) {
      throw new StoreError(
        'STORE_TOO_NEW',
        `store: database '${file}' is at schema version ${found}, but this version of the bot knows versions up to ${latest}; ` +
          'run a newer bot or point DATA_DIR elsewhere',
      );
    }
  };
  checkNotNewer(userVersion(db));

  checkMigrationOrder(migrations);
  const applied: number[] = [];
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      const current = userVersion(db);
      checkNotNewer(current);
      if (current >= migration.version) return false;
      db.exec(migration.sql);
      // user_version is written in the database header inside the transaction, so it rolls back with the SQL.
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    try {
      if (apply.immediate()) applied.push(migration.version);
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(
        'STORE_MIGRATION_FAILED',
        `store: migration ${migration.version} ('${migration.name}') failed on '${file}': ${(err as Error).message}`,
        { cause: err },
      );
    }
  }
  return applied;
}
