/** The {@link AnswerLedger} in the bot's SQLite database (table `answer_deliveries`, migration "answer deliveries"). */
import type Database from 'better-sqlite3';
import { ANSWER_CLAIM_HOLD_MS, type AnswerLedger, type AnswerRequest, type AnswerState, type OwedAnswer } from '../answer-ledger.ts';
import { toOwedAnswer, type OwedRow } from '../rows.ts';
import { withNormalSync } from './normal-sync.ts';

export class SqliteAnswerLedger implements AnswerLedger {
  readonly #db: Database.Database;
  readonly #sql;
  readonly #claim;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#sql = {
      claimEvent: db.prepare<[string, number]>('INSERT OR IGNORE INTO answered_events (event_id, claimed_at) VALUES (?, ?)'),
      insert: db.prepare<[string, string, string, string, number, number, number]>(
        `INSERT INTO answer_deliveries (event_id, channel_id, thread_ts, question, state, claimed_at, updated_at, lease_until)
         VALUES (?, ?, ?, ?, 'claimed', ?, ?, ?)`,
      ),
      hold: db.prepare<[{ id: string; owner: string; at: number; until: number }]>(
        `UPDATE answer_deliveries SET owner = @owner, lease_until = @until
         WHERE event_id = @id AND state = 'claimed'
           AND (owner = @owner OR owner IS NULL OR lease_until <= @at)`,
      ),
      adopt: db.prepare<[{ owner: string; at: number; until: number; after: number }], OwedRow>(
        `UPDATE answer_deliveries SET owner = @owner, lease_until = @until
         WHERE state = 'claimed' AND claimed_at > @after AND (lease_until IS NULL OR lease_until <= @at)
         RETURNING event_id, channel_id, thread_ts, question, claimed_at, attempts`,
      ),
      release: db.prepare<[string]>("UPDATE answer_deliveries SET owner = NULL, lease_until = NULL WHERE owner = ? AND state = 'claimed'"),
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
      sql.insert.run(request.eventId, request.channelId, request.threadTs, request.question, at, at, at + ANSWER_CLAIM_HOLD_MS);
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
    return this.#sql.owed.all(claimedAfter.getTime()).map(toOwedAnswer);
  }

  async holdAnswer(eventId: string, owner: string, at: Date, until: Date): Promise<boolean> {
    // On the answer's path, before each post: without waiting for an fsync (normal-sync.ts). A lease
    // lost to a power cut only delays the answer until the claim's own hold runs out.
    return withNormalSync(this.#db, () => this.#sql.hold.run({ id: eventId, owner, at: at.getTime(), until: until.getTime() }).changes === 1);
  }

  async adoptOwedAnswers(owner: string, at: Date, until: Date, claimedAfter: Date): Promise<OwedAnswer[]> {
    const rows = this.#sql.adopt.all({ owner, at: at.getTime(), until: until.getTime(), after: claimedAfter.getTime() });
    return rows.sort((a, b) => a.claimed_at - b.claimed_at || (a.event_id < b.event_id ? -1 : 1)).map(toOwedAnswer);
  }

  async releaseAnswers(owner: string): Promise<number> {
    return this.#sql.release.run(owner).changes;
  }

  async answerState(eventId: string): Promise<AnswerState | null> {
    return this.#sql.state.get(eventId)?.state ?? null;
  }

  async pruneAnswersBefore(at: Date): Promise<number> {
    return this.#sql.prune.run(at.getTime()).changes;
  }
}
