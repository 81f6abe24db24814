import type Database from 'better-sqlite3';

/**
 * Runs `write` with `PRAGMA synchronous = NORMAL`, then puts the store's
 * `FULL` back (openSqliteStore sets it), also when `write` throws.
 *
 * Why: these writes happen on the thread that acks Slack, and with `FULL`
 * every commit waits for an fsync of the WAL (a visible cost during a feed
 * import, more on a busy disk: BENCHMARKS.md, "Acks during an import"). In WAL mode `NORMAL`
 * commits without that wait and stays safe against a crash of the process;
 * only a power cut or an OS crash may lose the last commits. For records
 * that are cheap to lose (a page shown, a first-seen time, which the next
 * start records again) that trade is worth it; a claimed event id or a
 * posted digest keeps `FULL`.
 *
 * @see https://www.sqlite.org/pragma.html#pragma_synchronous
 */
export function withNormalSync<T>(db: Database.Database, write: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
