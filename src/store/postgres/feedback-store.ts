/**
 * The {@link FeedbackStore} on PostgreSQL. Each record is written when it is
 * shown (the SQLite engine writes behind, in batches, to spare the thread
 * that acks a local commit each; here the write is a network round trip on
 * the pool, off that thread's critical path, and a batch held in one
 * instance's memory would be a vote another instance cannot find).
 */
import { randomBytes } from 'node:crypto';
import type { AnswerRecord, AnswerRecordInput, CastVoteResult, FeedbackStore, VoteRecord, VoteValue } from '../feedback-store.ts';
import { ANSWER_ID_PATTERN, checkVote } from '../feedback-rules.ts';
import { millis, toAnswer, toAnswerRow, type AnswerRow, type VoteRow } from '../rows.ts';
import { StoreError } from '../store-error.ts';
import type { PgDatabase } from './pg-database.ts';

export class PgFeedbackStore implements FeedbackStore {
  constructor(readonly db: PgDatabase) {}

  async recordAnswer(input: AnswerRecordInput): Promise<AnswerRecord> {
    const record: AnswerRecord = { ...input, articleIds: [...input.articleIds], id: randomBytes(16).toString('base64url') };
    const row = toAnswerRow(record);
    await this.db.run(
      `INSERT INTO feedback_answers (id, kind, question, article_id, sentence, article_ids, asked_by, channel_id, thread_ts, shown, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [row.id, row.kind, row.question, row.article_id, row.sentence, row.article_ids, row.asked_by, row.channel_id, row.thread_ts, row.shown, row.created_at],
    );
    return record;
  }

  async getAnswer(id: string): Promise<AnswerRecord | null> {
    if (!ANSWER_ID_PATTERN.test(id)) return null;
    const row = await this.db.row<AnswerRow>('SELECT * FROM feedback_answers WHERE id = $1', [id]);
    return row === undefined ? null : toAnswer(row);
  }

  async castVote(answerId: string, userId: string, vote: VoteValue, at: Date): Promise<CastVoteResult> {
    checkVote(vote);
    const atMs = millis(at, 'vote time');
    return this.db.transaction(async (sql) => {
      if ((await sql.row('SELECT 1 AS one FROM feedback_answers WHERE id = $1 FOR SHARE', [answerId])) === undefined) {
        throw new StoreError('INVALID_INPUT', `store: no answer '${answerId}' to vote on`);
      }
      // Read then write with the voter's row locked: the previous vote reported is the one replaced.
      const previous = (await sql.row<{ vote: VoteValue }>('SELECT vote FROM feedback_votes WHERE answer_id = $1 AND user_id = $2 FOR UPDATE', [answerId, userId]))?.vote ?? null;
      await sql.run(
        `INSERT INTO feedback_votes (answer_id, user_id, vote, voted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (answer_id, user_id) DO UPDATE SET
           vote = excluded.vote, voted_at = excluded.voted_at,
           comment = CASE WHEN excluded.vote = 'up' THEN NULL ELSE feedback_votes.comment END`,
        [answerId, userId, vote, atMs],
      );
      return { previous };
    });
  }

  async setVoteComment(answerId: string, userId: string, comment: string, at: Date): Promise<boolean> {
    const changed = await this.db.run("UPDATE feedback_votes SET comment = $1, voted_at = $2 WHERE answer_id = $3 AND user_id = $4 AND vote = 'down'", [
      comment,
      millis(at, 'comment time'),
      answerId,
      userId,
    ]);
    return changed === 1;
  }

  async answersInThread(channelId: string, threadTs: string, limit: number): Promise<AnswerRecord[]> {
    const rows = await this.db.rows<AnswerRow>(
      `SELECT * FROM feedback_answers WHERE channel_id = $1 AND thread_ts = $2 AND kind = 'answer'
       ORDER BY created_at DESC LIMIT $3`,
      [channelId, threadTs, Math.max(0, Math.floor(limit))],
    );
    return rows.map(toAnswer);
  }

  async votesSince(since: Date | null, limit: number): Promise<VoteRecord[]> {
    const rows = await this.db.rows<VoteRow>(
      `SELECT a.*, v.user_id, v.vote, v.comment, v.voted_at FROM feedback_votes v JOIN feedback_answers a ON a.id = v.answer_id
       WHERE ($1::bigint IS NULL OR v.voted_at > $1) ORDER BY v.voted_at DESC, v.answer_id, v.user_id LIMIT $2`,
      [since === null ? null : millis(since, 'since'), Math.max(0, Math.floor(limit))],
    );
    return rows.map((row) => ({ answer: toAnswer(row), userId: row.user_id, vote: row.vote, comment: row.comment, at: new Date(row.voted_at) }));
  }
}
