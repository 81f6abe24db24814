/** The {@link AnswerLedger} on PostgreSQL: the event id and the answer owed are claimed in one transaction. */
import { ANSWER_CLAIM_HOLD_MS, type AnswerLedger, type AnswerRequest, type AnswerState, type OwedAnswer } from '../answer-ledger.ts';
import { toOwedAnswer, type OwedRow } from '../rows.ts';
import type { PgDatabase } from './pg-database.ts';

export class PgAnswerLedger implements AnswerLedger {
  constructor(readonly db: PgDatabase) {}

  claimAnswer(request: AnswerRequest, at: Date): Promise<boolean> {
    const atMs = at.getTime();
    return this.db.transaction(async (sql) => {
      const claimed = await sql.run('INSERT INTO answered_events (event_id, claimed_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [request.eventId, atMs]);
      if (claimed !== 1) return false;
      await sql.run(
        `INSERT INTO answer_deliveries (event_id, channel_id, thread_ts, question, state, claimed_at, updated_at, lease_until)
         VALUES ($1, $2, $3, $4, 'claimed', $5, $5, $6)`,
        [request.eventId, request.channelId, request.threadTs, request.question, atMs, atMs + ANSWER_CLAIM_HOLD_MS],
      );
      return true;
    });
  }

  async recordAnswerAttempt(eventId: string, error: string, at: Date): Promise<number> {
    const row = await this.db.row<{ attempts: number }>(
      "UPDATE answer_deliveries SET attempts = attempts + 1, error = $1, updated_at = $2 WHERE event_id = $3 AND state = 'claimed' RETURNING attempts",
      [error, at.getTime(), eventId],
    );
    return row?.attempts ?? 0;
  }

  async completeAnswer(eventId: string, messageTs: string | null, at: Date): Promise<void> {
    await this.db.run("UPDATE answer_deliveries SET state = 'answered', message_ts = $1, error = NULL, updated_at = $2 WHERE event_id = $3", [
      messageTs,
      at.getTime(),
      eventId,
    ]);
  }

  async abandonAnswer(eventId: string, error: string, at: Date): Promise<void> {
    await this.db.run("UPDATE answer_deliveries SET state = 'abandoned', error = $1, updated_at = $2 WHERE event_id = $3 AND state = 'claimed'", [
      error,
      at.getTime(),
      eventId,
    ]);
  }

  async owedAnswers(claimedAfter: Date): Promise<OwedAnswer[]> {
    const rows = await this.db.rows<OwedRow>(
      `SELECT event_id, channel_id, thread_ts, question, claimed_at, attempts FROM answer_deliveries
       WHERE state = 'claimed' AND claimed_at > $1 ORDER BY claimed_at, event_id`,
      [claimedAfter.getTime()],
    );
    return rows.map(toOwedAnswer);
  }

  async holdAnswer(eventId: string, owner: string, at: Date, until: Date): Promise<boolean> {
    const held = await this.db.run(
      `UPDATE answer_deliveries SET owner = $2, lease_until = $4
       WHERE event_id = $1 AND state = 'claimed' AND (owner = $2 OR owner IS NULL OR lease_until <= $3)`,
      [eventId, owner, at.getTime(), until.getTime()],
    );
    return held === 1;
  }

  async adoptOwedAnswers(owner: string, at: Date, until: Date, claimedAfter: Date): Promise<OwedAnswer[]> {
    const rows = await this.db.rows<OwedRow>(
      `UPDATE answer_deliveries SET owner = $1, lease_until = $3
       WHERE state = 'claimed' AND claimed_at > $4 AND (lease_until IS NULL OR lease_until <= $2)
       RETURNING event_id, channel_id, thread_ts, question, claimed_at, attempts`,
      [owner, at.getTime(), until.getTime(), claimedAfter.getTime()],
    );
    return rows.sort((a, b) => a.claimed_at - b.claimed_at || (a.event_id < b.event_id ? -1 : 1)).map(toOwedAnswer);
  }

  releaseAnswers(owner: string): Promise<number> {
    return this.db.run("UPDATE answer_deliveries SET owner = NULL, lease_until = NULL WHERE owner = $1 AND state = 'claimed'", [owner]);
  }

  async answerState(eventId: string): Promise<AnswerState | null> {
    return (await this.db.row<{ state: AnswerState }>('SELECT state FROM answer_deliveries WHERE event_id = $1', [eventId]))?.state ?? null;
  }

  pruneAnswersBefore(at: Date): Promise<number> {
    return this.db.run('DELETE FROM answer_deliveries WHERE claimed_at < $1', [at.getTime()]);
  }
}
