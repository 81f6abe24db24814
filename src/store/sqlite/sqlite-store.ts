/**
 * The {@link Store} on an embedded SQLite file (better-sqlite3), for a bot
 * that keeps its state in `DATA_DIR`.
 *
 * Several processes may open the same file (a restart overlapping the old
 * process, a CLI run next to the bot): WAL lets readers run beside a writer,
 * `busy_timeout` makes a writer wait for the lock rather than fail, and every
 * read-then-write runs in an IMMEDIATE transaction, which takes the write lock
 * before reading so two processes cannot both see "no row yet".
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../migrations.ts';
import { migrate } from './migrate.ts';
import { StoreError } from '../store-error.ts';
import type { Store } from '../store.ts';
import { SqliteAnswerLedger } from './answer-ledger.ts';
import { SqliteArticleStore } from './article-store.ts';
import { SqliteArticlesSeen } from './articles-seen.ts';
import { SqliteDigestStore } from './digest-store.ts';
import { SqliteEventLedger } from './event-ledger.ts';
import { SqliteFeedbackStore } from './feedback-store.ts';
import { SqliteFeedStore } from './feed-store.ts';
import { SqliteInstallationRecords } from './installation-records.ts';
import { SqliteWatchStore } from './watch-store.ts';

/** How long a write waits for another process's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/** SQLite result codes that mean the file is not a usable database. */
const NOT_A_DATABASE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** Pause between attempts to switch a new file to WAL while another process is doing it. */
const WAL_RETRY_MS = 20;

/**
 * `PRAGMA journal_mode = WAL`, retried for up to BUSY_TIMEOUT_MS: while
 * another process is switching the same new file to WAL, SQLite answers
 * SQLITE_BUSY at once, without calling the busy handler (seen with six bots
 * opening one fresh file together: "database is locked"). Opening is
 * synchronous and happens once at start, so the wait blocks nothing else.
 */
function enableWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if (!isSqliteError(err) || !err.code.startsWith('SQLITE_BUSY') || Date.now() >= deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAL_RETRY_MS);
    }
  }
}

function isSqliteError(err: unknown): err is Error & { code: string } {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
}

/** The SQLite {@link Store}: each port on the one database handle. Open it with {@link openSqliteStore}. */
export interface SqliteStore extends Store {
  /** The database file, as given to `openSqliteStore`. */
  readonly file: string;
}

function sqliteStore(db: Database.Database, file: string): SqliteStore {
  const feedback = new SqliteFeedbackStore(db);
  return {
    file,
    events: new SqliteEventLedger(db),
    articlesSeen: new SqliteArticlesSeen(db),
    digests: new SqliteDigestStore(db),
    answers: new SqliteAnswerLedger(db),
    feeds: new SqliteFeedStore(db),
    watches: new SqliteWatchStore(db),
    feedback,
    articles: new SqliteArticleStore(db),
    installations: new SqliteInstallationRecords(db),
    async close() {
      if (!db.open) return;
      try {
        // Answer records written behind (feedback-store.ts) go out before the database closes.
        feedback.flush();
      } finally {
        db.close();
      }
    },
  };
}

/** How `openSqliteStore` opens the file. */
export interface OpenSqliteStoreOptions {
  /**
   * Open an existing database for reading only (the CLI's dry run): nothing
   * is created, migrated or switched to WAL, and every write method throws.
   * The database must already be at {@link LATEST_SCHEMA_VERSION}, since a
   * read-only open cannot migrate it. SQLite may still create the `-wal` and
   * `-shm` side files a WAL reader needs; the database file is not touched.
   * Default false.
   */
  readonly readonly?: boolean;
}

/** Refuses a read-only database whose schema this code cannot read as it is. */
function checkSchemaVersion(db: Database.Database, file: string): void {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      'STORE_TOO_NEW',
      `store: database '${file}' is at schema version ${found}, but this version of the bot knows versions up to ${LATEST_SCHEMA_VERSION}; ` +
        'run a newer bot or point DATA_DIR elsewhere',
    );
  }
  if (found < LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      'STORE_OPEN_FAILED',
      `store: database '${file}' is at schema version ${found}, older than this bot's ${LATEST_SCHEMA_VERSION}, and a read-only open cannot migrate it; ` +
        'start the bot once (npm start) to bring it up to date',
    );
  }
}

/**
 * Opens (creating if needed) the SQLite store at `file` and brings its schema
 * up to date. `:memory:` gives a private in-memory store. With
 * `{ readonly: true }` the file must exist and is only read (see
 * {@link OpenSqliteStoreOptions}).
 *
 * @throws StoreError naming the file: `STORE_OPEN_FAILED` (cannot create or
 *   open; read-only: missing, or at an older schema), `STORE_NOT_A_DATABASE`
 *   (corrupt or another kind of file), `STORE_TOO_NEW`, `STORE_MIGRATION_FAILED`.
 */
export function openSqliteStore(file: string, options: OpenSqliteStoreOptions = {}): SqliteStore {
  const readonly = options.readonly === true;
  const inMemory = file === ':memory:';
  if (!inMemory && !readonly) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    } catch (err) {
      throw new StoreError('STORE_OPEN_FAILED', `store: cannot create the directory of '${file}': ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  let db: Database.Database;
  try {
    db = readonly ? new Database(file, { readonly: true, fileMustExist: true }) : new Database(file);
  } catch (err) {
    throw new StoreError('STORE_OPEN_FAILED', `store: cannot open '${file}': ${(err as Error).message}`, { cause: err });
  }

  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The first statement that reads the file: a file that is not SQLite fails here.
    if (!readonly) enableWal(db);
    // Corruption past the header only shows when a damaged page is read; find it now rather than mid-digest.
    const problems = (db.pragma('quick_check(3)') as { quick_check: string }[]).map((row) => row.quick_check);
    if (problems.join() !== 'ok') {
      throw new StoreError(
        'STORE_NOT_A_DATABASE',
        `store: '${file}' is a corrupt SQLite database: ${problems.join('; ').replace(/\s+/g, ' ')}`,
      );
    }
    db.pragma('foreign_keys = ON');
    if (readonly) {
      checkSchemaVersion(db, file);
    } else {
      // FULL: a claimed event id or a posted digest must survive a power cut, not only a process crash; writes are rare.
      db.pragma('synchronous = FULL');
      migrate(db, file);
    }
    return sqliteStore(db, file);
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    if (isSqliteError(err) && NOT_A_DATABASE_CODES.has(err.code)) {
      throw new StoreError('STORE_NOT_A_DATABASE', `store: '${file}' is not an SQLite database or is corrupt (${err.message})`, {
        cause: err,
      });
    }
    throw new StoreError('STORE_OPEN_FAILED', `store: cannot open '${file}': ${(err as Error).message}`, { cause: err });
  }
}
