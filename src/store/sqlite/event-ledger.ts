/** The {@link EventLedger} on the bot's SQLite database. */
import type Database from 'better-sqlite3';
import type { EventLedger } from '../event-ledger.ts';
import { StoreError } from '../store-error.ts';
import { millis } from '../rows.ts';

export class SqliteEventLedger implements EventLedger {
  readonly #sql;

  constructor(db: Database.Database) {
    this.#sql = {
      claimEvent: db.prepare<[string, number]>('INSERT OR IGNORE INTO answered_events (event_id, claimed_at) VALUES (?, ?)'),
      pruneEvents: db.prepare<[number]>('DELETE FROM answered_events WHERE claimed_at < ?'),
    };
  }

  async claimEvent(eventId: string, at: Date): Promise<boolean> {
    if (eventId.length === 0) throw new StoreError('INVALID_INPUT', 'store: event id is empty');
    return this.#sql.claimEvent.run(eventId, millis(at, 'event claim time')).changes === 1;
  }

  async pruneEventsBefore(at: Date): Promise<number> {
    return this.#sql.pruneEvents.run(millis(at, 'event prune time')).changes;
  }
}
