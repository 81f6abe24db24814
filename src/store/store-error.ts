/**
 * What went wrong with the store, as a stable code:
 * - `STORE_OPEN_FAILED`: the file or its directory cannot be opened or created.
 * - `STORE_MISSING`: the database is missing or empty in a DATA_DIR that was used before (data-dir-guard.ts).
 * - `STORE_NOT_A_DATABASE`: the file exists but is not an SQLite database (or is corrupt).
 * - `STORE_TOO_NEW`: the database was migrated by a newer version of the bot.
 * - `STORE_MIGRATION_FAILED`: a migration's SQL failed; it was rolled back.
 * - `DIGEST_LEDGER_STATE`: a digest ledger call does not fit the row's state
 *   (completing a posted digest, releasing one that was never reserved).
 * - `INVALID_INPUT`: a value the store refuses to record (e.g. a time that is not `HH:MM`).
 */
export type StoreErrorCode =
  | 'STORE_OPEN_FAILED'
  | 'STORE_MISSING'
  | 'STORE_NOT_A_DATABASE'
  | 'STORE_TOO_NEW'
  | 'STORE_MIGRATION_FAILED'
  | 'DIGEST_LEDGER_STATE'
  | 'INVALID_INPUT';

/** An error from the persistent store; the message names the file or the value involved. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
