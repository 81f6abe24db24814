/** The {@link EventLedger} on PostgreSQL: an event id claimed by one instance is refused by every other. */
import type { EventLedger } from '../event-ledger.ts';
import { millis } from '../rows.ts';
import { StoreError } from '../store-error.ts';
import type { Sql } from './pg-database.ts';

export class PgEventLedger implements EventLedger {
  constructor(readonly sql: Sql) {}

  async claimEvent(eventId: string, at: Date): Promise<boolean> {
    if (eventId.length === 0) throw new StoreError('INVALID_INPUT', 'store: event id is empty');
    const claimed = await this.sql.run('INSERT INTO answered_events (event_id, claimed_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      eventId,
      millis(at, 'event claim time'),
    ]);
    return claimed === 1;
  }

  pruneEventsBefore(at: Date): Promise<number> {
    return this.sql.run('DELETE FROM answered_events WHERE claimed_at < $1', [millis(at, 'event prune time')]);
  }
}
