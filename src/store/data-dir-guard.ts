/**
 * Refuses to start on a data directory whose database vanished.
 *
 * Why: SQLite creates a missing file without a word, so a database deleted
 * (or truncated to 0 bytes) by a bad deploy, a wrong volume or a cleanup
 * script would come back empty: subscriptions gone, answered events answered
 * again. A directory that shows earlier use (the marker this module writes
 * once a database is open, or a saved search index) but has no database is
 * therefore reported, and the start stops, unless the operator says to begin
 * afresh (`AIGOV_FRESH_START=1`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from './store-error.ts';

/** Written in DATA_DIR once a database is open there: "this directory has been used". */
export const DATA_DIR_MARKER = '.aigov-data';

/** What in the directory shows it was used before, or null for a new directory. */
function earlierUse(dataDir: string, otherTraces: readonly string[]): string | null {
  for (const name of [DATA_DIR_MARKER, ...otherTraces]) {
    if (fs.existsSync(path.join(dataDir, name))) return name;
  }
  return null;
}

function sizeOf(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}

/**
 * Checks `databaseFile` before it is opened. Returns a warning to log when
 * the operator asked to begin afresh over a directory that was used (null
 * otherwise); throws a StoreError (`STORE_MISSING`) when the database is
 * missing or empty in a used directory and `freshStart` is off.
 *
 * @param otherTraces file or folder names in DATA_DIR that only a running bot writes (the saved index)
 */
export function checkDatabasePresent(dataDir: string, databaseFile: string, freshStart: boolean, otherTraces: readonly string[] = []): string | null {
  const size = sizeOf(databaseFile);
  if (size !== null && size > 0) return null;
  const problem = size === null ? 'is missing' : 'is empty (0 bytes)';
  const trace = earlierUse(dataDir, otherTraces);
  if (size === null && trace === null) return null;
  const why = trace === null ? '' : ` although DATA_DIR shows earlier use ('${trace}')`;
  if (freshStart) {
    return `database '${databaseFile}' ${problem}${why}; starting afresh because AIGOV_FRESH_START is set: subscriptions and answered events from before are gone`;
  }
  throw new StoreError(
    'STORE_MISSING',
    `database '${databaseFile}' ${problem}${why}; subscriptions and answered events would be lost. ` +
      'Restore the file, or set AIGOV_FRESH_START=1 for one start to begin afresh',
  );
}

/** Records that DATA_DIR holds the bot's data (see {@link checkDatabasePresent}). */
export function markDataDirUsed(dataDir: string): void {
  const marker = path.join(dataDir, DATA_DIR_MARKER);
  if (!fs.existsSync(marker)) fs.writeFileSync(marker, `aigov data directory, first used ${new Date().toISOString()}\n`);
}
