/**
 * A PostgreSQL connection pool as the store's ports use it: queries with
 * `$1…` parameters, and transactions on one connection. BIGINT columns (the
 * stored milliseconds, counts) come back as numbers: every value the schema
 * stores is far below 2^53.
 * https://node-postgres.com/apis/pool
 */
import pg from 'pg';

/** What a port needs of a connection: rows, or the number of rows changed. */
export interface Sql {
  rows<R>(text: string, values?: readonly unknown[]): Promise<R[]>;
  /** The first row, or undefined. */
  row<R>(text: string, values?: readonly unknown[]): Promise<R | undefined>;
  /** How many rows the statement changed. */
  run(text: string, values?: readonly unknown[]): Promise<number>;
}

const INT8_OID = 20;

const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** How long a request waits for a free connection before it fails (a pool exhausted is then said, not waited on forever). */
export const CONNECTION_WAIT_MS = 5_000;
/** How long one statement may run before PostgreSQL cancels it. */
export const STATEMENT_TIMEOUT_MS = 10_000;

export interface PgDatabaseOptions {
  /** Most connections this instance opens (default 10). */
  readonly maxConnections?: number;
  /** How long a request waits for a free connection (default {@link CONNECTION_WAIT_MS}). */
  readonly connectionWaitMs?: number;
  /** Every session read-only (the CLI's dry runs): a write fails, nothing is migrated. Default false. */
  readonly readonly?: boolean;
  /** A connection failed while idle (the server went away): told, not thrown, so the process lives on. */
  readonly onIdleError?: (err: Error) => void;
}

function runner(client: pg.Pool | pg.PoolClient): Sql {
  return {
    async rows<R>(text: string, values: readonly unknown[] = []) {
      return (await client.query({ text, values: [...values] })).rows as R[];
    },
    async row<R>(text: string, values: readonly unknown[] = []) {
      return (await client.query({ text, values: [...values] })).rows[0] as R | undefined;
    },
    async run(text: string, values: readonly unknown[] = []) {
      return (await client.query({ text, values: [...values] })).rowCount ?? 0;
    },
  };
}

export class PgDatabase implements Sql {
  readonly #pool: pg.Pool;
  readonly #sql: Sql;
  readonly #connectionString: string;
  readonly #listeners = new Set<() => void>();

  constructor(connectionString: string, options: PgDatabaseOptions = {}) {
    this.#connectionString = connectionString;
    this.#pool = new pg.Pool({
      connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectionWaitMs ?? CONNECTION_WAIT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      types: TYPES,
      ...(options.readonly === true ? { options: '-c default_transaction_read_only=on' } : {}),
    });
    this.#pool.on('error', (err) => options.onIdleError?.(err));
    this.#sql = runner(this.#pool);
  }

  rows<R>(text: string, values?: readonly unknown[]): Promise<R[]> {
    return this.#sql.rows<R>(text, values);
  }

  row<R>(text: string, values?: readonly unknown[]): Promise<R | undefined> {
    return this.#sql.row<R>(text, values);
  }

  run(text: string, values?: readonly unknown[]): Promise<number> {
    return this.#sql.run(text, values);
  }

  /**
   * Runs `work` in one transaction on one connection: committed when it
   * resolves, rolled back when it throws (the error is rethrown). Reads that
   * decide a write lock their rows (`FOR UPDATE`) or rely on a unique key, so
   * two instances cannot both see "no row yet".
   */
  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(runner(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
        // The connection is unusable (the server went away): drop it from the pool.
        broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Calls `onNotify` for each NOTIFY on `channel`, on a connection of its own
   * (LISTEN holds a session). A lost connection is opened again after a
   * pause, and `onNotify` is called once then too, since notifications sent
   * meanwhile are gone. Returns the function that stops listening.
   */
  listen(channel: string, onNotify: () => void): () => void {
    let stopped = false;
    let client: pg.Client | null = null;
    let retryMs = LISTEN_RETRY_MIN_MS;
    const connect = async (): Promise<void> => {
      if (stopped) return;
      const next = new pg.Client({ connectionString: this.#connectionString });
      client = next;
      const retry = (): void => {
        if (stopped || client !== next) return;
        client = null;
        next.removeAllListeners();
        next.on('error', () => undefined);
        void next.end().catch(() => undefined);
        setTimeout(() => void connect().then(onNotify, () => undefined), retryMs).unref();
        retryMs = Math.min(retryMs * 2, LISTEN_RETRY_MAX_MS);
      };
      next.on('error', retry);
      next.on('end', retry);
      next.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        retryMs = LISTEN_RETRY_MIN_MS;
      } catch {
        retry();
      }
    };
    void connect();
    const stop = (): void => {
      stopped = true;
      this.#listeners.delete(stop);
      const current = client;
      client = null;
      void current?.end().catch(() => undefined);
    };
    this.#listeners.add(stop);
    return stop;
  }

  close(): Promise<void> {
    for (const stop of [...this.#listeners]) stop();
    return this.#pool.end();
  }
}

/** Pauses before opening a lost LISTEN connection again, doubling up to the maximum. */
const LISTEN_RETRY_MIN_MS = 500;
const LISTEN_RETRY_MAX_MS = 30_000;

/** PostgreSQL's code for a foreign key that points at nothing. */
export const FOREIGN_KEY_VIOLATION = '23503';

export function pgErrorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
