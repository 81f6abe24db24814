/**
 * The {@link Store} on PostgreSQL (`DATABASE_URL`), for several instances
 * sharing one database: every port on one connection pool, the schema
 * brought up to date at open (one instance migrates, the others wait).
 */
import type { Store } from '../store.ts';
import { StoreError } from '../store-error.ts';
import { PgAnswerLedger } from './answer-ledger.ts';
import { PgArticleStore } from './article-store.ts';
import { PgArticlesSeen } from './articles-seen.ts';
import { PgDigestStore } from './digest-store.ts';
import { PgEventLedger } from './event-ledger.ts';
import { PgFeedbackStore } from './feedback-store.ts';
import { PgFeedStore } from './feed-store.ts';
import { PgInstallationRecords } from './installation-records.ts';
import { checkSchemaCurrent, migratePostgres } from './migrate.ts';
import { PgDatabase, type PgDatabaseOptions } from './pg-database.ts';
import { PgWatchStore } from './watch-store.ts';

/** The database's address as it may be shown: user, host, port and name, never the password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return `'${parsed.toString().replace(/^(\w+:\/\/[^@/]*):@/, '$1@')}'`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

/**
 * Connects, checks the server answers, and migrates.
 *
 * @throws StoreError naming the database (never its password): `STORE_OPEN_FAILED`
 *   (unreachable, refused, bad credentials), `STORE_TOO_NEW`, `STORE_MIGRATION_FAILED`.
 */
export async function openPostgresStore(url: string, options: PgDatabaseOptions = {}): Promise<Store> {
  const where = describeDatabaseUrl(url);
  const db = new PgDatabase(url, options);
  try {
    await db.run('SELECT 1');
  } catch (err) {
    await db.close().catch(() => undefined);
    throw new StoreError('STORE_OPEN_FAILED', `store: cannot reach the database ${where}: ${(err as Error).message}`, { cause: err });
  }
  try {
    if (options.readonly === true) await checkSchemaCurrent(db, where);
    else await migratePostgres(db, where);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return {
    events: new PgEventLedger(db),
    articlesSeen: new PgArticlesSeen(db),
    digests: new PgDigestStore(db),
    answers: new PgAnswerLedger(db),
    feeds: new PgFeedStore(db),
    watches: new PgWatchStore(db),
    feedback: new PgFeedbackStore(db),
    articles: new PgArticleStore(db),
    installations: new PgInstallationRecords(db),
    close: () => db.close(),
  };
}
