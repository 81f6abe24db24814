/** The {@link AnswerLedger} in the bot's SQLite database (table `answer_deliveries`, migration "answer deliveries"). */
import type Database from 'better-sqlite3';
import type { AnswerLedger, AnswerRequest, AnswerState, OwedAnswer } from '../answer-ledger.ts';

interface OwedRow {
  event_id: string;
  channel_id: string;
  thread_ts: string;
  question: string;
  claimed_at: number;
  attempts: number;
}

export class SqliteAnswerLedger implements AnswerLedger {
  readonly #sql;
  readonly #claim;

  constructor(db: Database.Database) {
    this.#sql = {
      claimEvent: db.prepare<[string, number]>('INSERT OR IGNORE INTO answered_events (event_id, claimed_at) VALUES (?, ?)'),
      insert: db.prepare<[string, string, string, string, number, number]>(
        `INSERT INTO answer_deliveries (event_id, channel_id, thread_ts, question, state, claimed_at, updated_at)
         VALUES (?, ?, ?, ?, 'claimed', ?, ?)`,
      ),
      attempt: db.prepare<[string, number, string], { attempts: number }>(
        "UPDATE answer_deliveries SET attempts = attempts + 1, error = ?, updated_at = ? WHERE event_id = ? AND state = 'claimed' RETURNING attempts",
      ),
      complete: db.prepare<[string | null, number, string]>(
        "UPDATE answer_deliveries SET state = 'answered', message_ts = ?, error = NULL, updated_at = ? WHERE event_id = ?",
      ),
      abandon: db.prepare<[string, number, string]>(
        "UPDATE answer_deliveries SET state = 'abandoned', error = ?, updated_at = ? WHERE event_id = ? AND state = 'claimed'",
      ),
      owed: db.prepare<[number], OwedRow>(
        `SELECT event_id, channel_id, thread_ts, question, claimed_at, attempts FROM answer_deliveries
         WHERE state = 'claimed' AND claimed_at > ? ORDER BY claimed_at, event_id`,
      ),
      state: db.prepare<[string], { state: AnswerState }>('SELECT state FROM answer_deliveries WHERE event_id = ?'),
      prune: db.prepare<[number]>('DELETE FROM answer_deliveries WHERE claimed_at < ?'),
    };
    const sql = this.#sql;
    this.#claim = db.transaction((request: AnswerRequest, at: number): boolean => {
      if (sql.claimEvent.run(request.eventId, at).changes !== 1) return false;
      sql.insert.run(request.eventId, request.channelId, request.threadTs, request.question, at, at);
      return true;
    });
  }

  async claimAnswer(request: AnswerRequest, at: Date): Promise<boolean> {
    return this.#claim.immediate(request, at.getTime());
  }

  async recordAnswerAttempt(eventId: string, error: string, at: Date): Promise<number> {
    return this.#sql.attempt.get(error, at.getTime(), eventId)?.attempts ?? 0;
  }

  async completeAnswer(eventId: string, messageTs: string | null, at: Date): Promise<void> {
    this.#sql.complete.run(messageTs, at.getTime(), eventId);
  }

  async abandonAnswer(eventId: string, error: string, at: Date): Promise<void> {
    this.#sql.abandon.run(error, at.getTime(), eventId);
  }

  async owedAnswers(claimedAfter: Date): Promise<OwedAnswer[]> {
    return this.#sql.owed.all(claimedAfter.getTime()).map((row) => ({
      eventId: row.event_id,
      channelId: row.channel_id,
      threadTs: row.thread_ts,
      question: row.question,
      claimedAt: new Date(row.claimed_at),
      attempts: row.attempts,
    }));
  }

  async answerState(eventId: string): Promise<AnswerState | null> {
    return this.#sql.state.get(eventId)?.state ?? null;
  }

  async pruneAnswersBefore(at: Date): Promise<number> {
    return this.#sql.prune.run(at.getTime()).changes;
  }
}
