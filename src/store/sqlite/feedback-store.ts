/** The {@link FeedbackStore} on the bot's SQLite database (tables from the "feedback" migration). */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { StoreError } from '../store-error.ts';
import { withNormalSync } from './normal-sync.ts';
import type { AnswerRecord, AnswerRecordInput, CastVoteResult, FeedbackStore, VoteRecord, VoteValue } from '../feedback-store.ts';
import { millis, toAnswer, toAnswerRow, type AnswerRow, type VoteRow } from '../rows.ts';
import { ANSWER_ID_PATTERN, checkVote } from '../feedback-rules.ts';


/** Answer records wait at most this long before they are written (see SqliteFeedbackStore.recordAnswer). */
export const RECORD_BATCH_MS = 50;
/** ...or until this many wait. */
export const RECORD_BATCH_MAX = 100;

function prepare(db: Database.Database) {
  const sql = {
    insertAnswer: db.prepare<[AnswerRow]>(
      `INSERT INTO feedback_answers (id, kind, question, article_id, sentence, article_ids, asked_by, channel_id, thread_ts, shown, created_at)
       VALUES (@id, @kind, @question, @article_id, @sentence, @article_ids, @asked_by, @channel_id, @thread_ts, @shown, @created_at)`,
    ),
    inThread: db.prepare<[string, string, number], AnswerRow>(
      `SELECT * FROM feedback_answers WHERE channel_id = ? AND thread_ts = ? AND kind = 'answer'
       ORDER BY created_at DESC LIMIT ?`,
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
  const insertAnswers = db.transaction((rows: readonly AnswerRow[]) => {
    for (const row of rows) sql.insertAnswer.run(row);
  });
  return { ...sql, cast, insertAnswers };
}

/** Feedback on one better-sqlite3 handle; {@link SqliteStore} delegates to it. */
export class SqliteFeedbackStore implements FeedbackStore {
  readonly #db: Database.Database;
  #prepared: ReturnType<typeof prepare> | null = null;
  /** Records shown and not yet written (see recordAnswer). */
  #pending: AnswerRow[] = [];
  #timer: NodeJS.Timeout | null = null;
  /** Why the last batch could not be written; thrown by the next call. */
  #failedFlush: Error | null = null;

  /** Statements are prepared on first use: a database opened read-only before the feedback migration (the digest CLI) still opens. */
  constructor(db: Database.Database) {
    this.#db = db;
  }

  get #sql(): ReturnType<typeof prepare> {
    this.#prepared ??= prepare(this.#db);
    return this.#prepared;
  }

  /**
   * Records an answer or results page as it is shown. Written behind: one of
   * these comes with every answer and results page, on the thread that acks
   * Slack, and an insert each (a WAL commit, with a checkpoint now and then)
   * took a large share of that thread under a burst of searches (BENCHMARKS.md,
   * "Adding news (ingestion while the bot answers)"). Records are
   * written together, in one transaction, at most {@link RECORD_BATCH_MS}
   * after the first of them (or once {@link RECORD_BATCH_MAX} wait), with
   * `synchronous = NORMAL`: a process crash may lose the last 50 ms of them,
   * a power cut a few more; a vote on a lost record is told the answer is no
   * longer known. Every read here writes what waits first, so a vote always
   * finds the record it was shown with; {@link flush} writes them at close.
   * A batch that fails is reported by the next call (the health watch then
   * says the database is failing); its records are not kept.
   */
  async recordAnswer(input: AnswerRecordInput): Promise<AnswerRecord> {
    this.#throwFailedFlush();
    const record: AnswerRecord = { ...input, articleIds: [...input.articleIds], id: randomBytes(16).toString('base64url') };
    const row = toAnswerRow(record);
    this.#pending.push(row);
    if (this.#pending.length >= RECORD_BATCH_MAX) this.#flushOrKeepError();
    else this.#timer ??= setTimeout(() => this.#flushOrKeepError(), RECORD_BATCH_MS);
    return record;
  }

  /** Writes the records waiting (see {@link recordAnswer}); the store calls it before closing the database. */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    withNormalSync(this.#db, () => this.#sql.insertAnswers(batch));
  }

  #flushOrKeepError(): void {
    try {
      this.flush();
    } catch (err) {
      this.#failedFlush = err instanceof Error ? err : new Error(String(err));
    }
  }

  #throwFailedFlush(): void {
    const err = this.#failedFlush;
    this.#failedFlush = null;
    if (err !== null) throw err;
  }

  /** Before any read: what waits is written (and a failed batch reported), so reads see every record shown. */
  #beforeRead(): void {
    this.#throwFailedFlush();
    this.flush();
  }

  async getAnswer(id: string): Promise<AnswerRecord | null> {
    if (!ANSWER_ID_PATTERN.test(id)) return null;
    this.#beforeRead();
    const row = this.#sql.answer.get(id);
    return row === undefined ? null : toAnswer(row);
  }

  async answersInThread(channelId: string, threadTs: string, limit: number): Promise<AnswerRecord[]> {
    this.#beforeRead();
    return this.#sql.inThread.all(channelId, threadTs, Math.max(0, Math.floor(limit))).map(toAnswer);
  }

  async castVote(answerId: string, userId: string, vote: VoteValue, at: Date): Promise<CastVoteResult> {
    checkVote(vote);
    this.#beforeRead();
    return this.#sql.cast.immediate(answerId, userId, vote, millis(at, 'vote time'));
  }

  async setVoteComment(answerId: string, userId: string, comment: string, at: Date): Promise<boolean> {
    this.#beforeRead();
    return this.#sql.comment.run(comment, millis(at, 'comment time'), answerId, userId).changes === 1;
  }

  async votesSince(since: Date | null, limit: number): Promise<VoteRecord[]> {
    this.#beforeRead();
    const rows = this.#sql.votesSince.all(since === null ? Number.NEGATIVE_INFINITY : millis(since, 'since'), Math.max(0, Math.floor(limit)));
    return rows.map((row) => ({ answer: toAnswer(row), userId: row.user_id, vote: row.vote, comment: row.comment, at: new Date(row.voted_at) }));
  }
}
