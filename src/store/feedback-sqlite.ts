/** The {@link FeedbackStore} on the bot's SQLite database (tables from the "feedback" migration). */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { StoreError } from './store-error.ts';
import type { AnswerRecord, AnswerRecordInput, CastVoteResult, FeedbackStore, VoteRecord, VoteValue } from './feedback-store.ts';

/** Answer ids: 16 random bytes, base64url (22 characters). Unguessable, so a vote cannot be cast on an answer never shown to anyone. */
export const ANSWER_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

interface AnswerRow {
  id: string;
  kind: 'answer' | 'search';
  question: string;
  article_id: string | null;
  sentence: string | null;
  article_ids: string;
  asked_by: string | null;
  channel_id: string | null;
  created_at: number;
}

type VoteRow = AnswerRow & { user_id: string; vote: VoteValue; comment: string | null; voted_at: number };

function toAnswer(row: AnswerRow): AnswerRecord {
  return {
    id: row.id,
    kind: row.kind,
    question: row.question,
    articleId: row.article_id,
    sentence: row.sentence,
    articleIds: JSON.parse(row.article_ids) as string[],
    askedBy: row.asked_by,
    channelId: row.channel_id,
    at: new Date(row.created_at),
  };
}

function millis(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new StoreError('INVALID_INPUT', `store: ${what} is not a valid date: ${String(date)}`);
  return ms;
}

function prepare(db: Database.Database) {
  const sql = {
    insertAnswer: db.prepare<[AnswerRow]>(
      `INSERT INTO feedback_answers (id, kind, question, article_id, sentence, article_ids, asked_by, channel_id, created_at)
       VALUES (@id, @kind, @question, @article_id, @sentence, @article_ids, @asked_by, @channel_id, @created_at)`,
    ),
    answer: db.prepare<[string], AnswerRow>('SELECT * FROM feedback_answers WHERE id = ?'),
    vote: db.prepare<[string, string], { vote: VoteValue }>('SELECT vote FROM feedback_votes WHERE answer_id = ? AND user_id = ?'),
    upsertVote: db.prepare<[string, string, VoteValue, number]>(
      `INSERT INTO feedback_votes (answer_id, user_id, vote, voted_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (answer_id, user_id) DO UPDATE SET
         vote = excluded.vote, voted_at = excluded.voted_at,
         comment = CASE WHEN excluded.vote = 'up' THEN NULL ELSE feedback_votes.comment END`,
    ),
    comment: db.prepare<[string, number, string, string]>(
      "UPDATE feedback_votes SET comment = ?, voted_at = ? WHERE answer_id = ? AND user_id = ? AND vote = 'down'",
    ),
    votesSince: db.prepare<[number, number], VoteRow>(
      `SELECT a.*, v.user_id, v.vote, v.comment, v.voted_at FROM feedback_votes v JOIN feedback_answers a ON a.id = v.answer_id
       WHERE v.voted_at > ? ORDER BY v.voted_at DESC, v.answer_id, v.user_id LIMIT ?`,
    ),
  };
  // Read then write in one IMMEDIATE transaction: the previous vote reported is the one replaced.
  const cast = db.transaction((answerId: string, userId: string, vote: VoteValue, at: number): CastVoteResult => {
    if (sql.answer.get(answerId) === undefined) throw new StoreError('INVALID_INPUT', `store: no answer '${answerId}' to vote on`);
    const previous = sql.vote.get(answerId, userId)?.vote ?? null;
    sql.upsertVote.run(answerId, userId, vote, at);
    return { previous };
  });
  return { ...sql, cast };
}

/** Feedback on one better-sqlite3 handle; {@link SqliteStore} delegates to it. */
export class SqliteFeedbackStore implements FeedbackStore {
  readonly #db: Database.Database;
  #prepared: ReturnType<typeof prepare> | null = null;

  /** Statements are prepared on first use: a database opened read-only before the feedback migration (the digest CLI) still opens. */
  constructor(db: Database.Database) {
    this.#db = db;
  }

  get #sql(): ReturnType<typeof prepare> {
    this.#prepared ??= prepare(this.#db);
    return this.#prepared;
  }

  async recordAnswer(input: AnswerRecordInput): Promise<AnswerRecord> {
    const record: AnswerRecord = { ...input, articleIds: [...input.articleIds], id: randomBytes(16).toString('base64url') };
    // One of these is written for every answer and results page, on the thread that acks Slack: an
    // fsync each (synchronous = FULL, ~0.8 ms here) held acks up under load. In WAL mode NORMAL
    // still survives a process crash; a power cut may lose the last few records, and a vote on one
    // is then told the answer is no longer known. Every other write keeps FULL.
    this.#db.pragma('synchronous = NORMAL');
    try {
      this.#insertAnswer(record);
    } finally {
      this.#db.pragma('synchronous = FULL');
    }
    return record;
  }

  #insertAnswer(record: AnswerRecord): void {
    this.#sql.insertAnswer.run({
      id: record.id,
      kind: record.kind,
      question: record.question,
      article_id: record.articleId,
      sentence: record.sentence,
      article_ids: JSON.stringify(record.articleIds),
      asked_by: record.askedBy,
      channel_id: record.channelId,
      created_at: millis(record.at, 'answer time'),
    });
  }

  async getAnswer(id: string): Promise<AnswerRecord | null> {
    if (!ANSWER_ID_PATTERN.test(id)) return null;
    const row = this.#sql.answer.get(id);
    return row === undefined ? null : toAnswer(row);
  }

  async castVote(answerId: string, userId: string, vote: VoteValue, at: Date): Promise<CastVoteResult> {
    if (vote !== 'up' && vote !== 'down') throw new StoreError('INVALID_INPUT', `store: vote must be 'up' or 'down', got '${String(vote)}'`);
    return this.#sql.cast.immediate(answerId, userId, vote, millis(at, 'vote time'));
  }

  async setVoteComment(answerId: string, userId: string, comment: string, at: Date): Promise<boolean> {
    return this.#sql.comment.run(comment, millis(at, 'comment time'), answerId, userId).changes === 1;
  }

  async votesSince(since: Date | null, limit: number): Promise<VoteRecord[]> {
    const rows = this.#sql.votesSince.all(since === null ? Number.NEGATIVE_INFINITY : millis(since, 'since'), Math.max(0, Math.floor(limit)));
    return rows.map((row) => ({ answer: toAnswer(row), userId: row.user_id, vote: row.vote, comment: row.comment, at: new Date(row.voted_at) }));
  }
}
