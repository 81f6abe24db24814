/**
 * The {@link Store} on an embedded SQLite file (better-sqlite3), for a bot
 * that keeps its state in `DATA_DIR`.
 *
 * Several processes may open the same file (a restart overlapping the old
 * process, a CLI run next to the bot): WAL lets readers run beside a writer,
 * `busy_timeout` makes a writer wait for the lock rather than fail, and every
 * read-then-write runs in an IMMEDIATE transaction, which takes the write lock
 * before reading so two processes cannot both see "no row yet".
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, migrate } from './migrations.ts';
import { StoreError } from './store-error.ts';
import { withNormalSync } from './normal-sync.ts';
import { SqliteFeedbackStore } from './feedback-sqlite.ts';
import type { AnswerRecord, AnswerRecordInput, CastVoteResult, VoteRecord, VoteValue } from './feedback-store.ts';
import { SqliteAnswerLedger } from './sqlite-answer-ledger.ts';
import type { AnswerLedger } from './answer-ledger.ts';
import { SqliteFeedStore } from './sqlite-feed-store.ts';
import type { IngestedArticle } from '../ingest/ingest-ledger.ts';
import type { ArticleRemoval, Feed, FeedPollFailure, FeedPollSuccess, FeedStopReason } from './feed-store.ts';
import { SqliteWatchStore } from './sqlite-watch-store.ts';
import type { Watch, WatchInput } from './watch-store.ts';
import type {
  CompletedDigest,
  DigestOutcome,
  DigestRecord,
  DigestState,
  ReserveOptions,
  SeenArticle,
  Store,
  Subscription,
  SubscriptionInput,
} from './store.ts';

/** How long a write waits for another process's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** SQLite result codes that mean the file is not a usable database. */
const NOT_A_DATABASE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

interface SubscriptionRow {
  channel_id: string;
  time: string;
  time_zone: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  paused_reason: string | null;
  paused_at: number | null;
}

interface DigestRow {
  channel_id: string;
  local_date: string;
  state: DigestState;
  reserved_at: number;
  attempts: number;
  posted_at: number | null;
  message_ts: string | null;
  covered_until: number | null;
  error: string | null;
}

/** Milliseconds since the epoch of a valid Date; an Invalid Date would be stored as NULL or NaN. */
function millis(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new StoreError('INVALID_INPUT', `store: ${what} is not a valid date: ${String(date)}`);
  return ms;
}

function checkLocalDate(localDate: string): void {
  if (!LOCAL_DATE.test(localDate)) {
    throw new StoreError('INVALID_INPUT', `store: local date '${localDate}' is not YYYY-MM-DD`);
  }
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    channelId: row.channel_id,
    time: row.time,
    timeZone: row.time_zone,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    paused:
      row.paused_reason !== null && row.paused_at !== null
        ? { reason: row.paused_reason, at: new Date(row.paused_at) }
        : null,
  };
}

/** Pause between attempts to switch a new file to WAL while another process is doing it. */
const WAL_RETRY_MS = 20;

/**
 * `PRAGMA journal_mode = WAL`, retried for up to BUSY_TIMEOUT_MS: while
 * another process is switching the same new file to WAL, SQLite answers
 * SQLITE_BUSY at once, without calling the busy handler (seen with six bots
 * opening one fresh file together: "database is locked"). Opening is
 * synchronous and happens once at start, so the wait blocks nothing else.
 */
function enableWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if (!isSqliteError(err) || !err.code.startsWith('SQLITE_BUSY') || Date.now() >= deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAL_RETRY_MS);
    }
  }
}

function isSqliteError(err: unknown): err is Error & { code: string } {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
}

/** The SQLite {@link Store}. Open it with {@link openSqliteStore}. */
export class SqliteStore implements Store {
  /** The database file, as given to `openSqliteStore`. */
  readonly file: string;
  readonly #db: Database.Database;
  readonly #sql;
  readonly #reserve;
  readonly #complete;
  readonly #release;
  readonly #markInterrupted;
  readonly #recordSeen;
  /** Feedback on answers (feedback-sqlite.ts). */
  readonly #feedback: SqliteFeedbackStore;
  readonly claimAnswer: AnswerLedger['claimAnswer'];
  readonly recordAnswerAttempt: AnswerLedger['recordAnswerAttempt'];
  readonly completeAnswer: AnswerLedger['completeAnswer'];
  readonly abandonAnswer: AnswerLedger['abandonAnswer'];
  readonly owedAnswers: AnswerLedger['owedAnswers'];
  readonly answerState: AnswerLedger['answerState'];
  readonly pruneAnswersBefore: AnswerLedger['pruneAnswersBefore'];
  /** `@aigov` answers owed and delivered (answer-ledger.ts). */
  readonly #answers: AnswerLedger;
  /** Feeds, the ingestion ledger and removals (sqlite-feed-store.ts). */
  readonly #feeds: SqliteFeedStore;
  readonly #watches: SqliteWatchStore;

  /** @internal Use {@link openSqliteStore}, which prepares and migrates the database first. */
  constructor(db: Database.Database, file: string) {
    this.file = file;
    this.#db = db;
    this.#feedback = new SqliteFeedbackStore(db);
    this.#answers = new SqliteAnswerLedger(db);
    // --- Answer ledger: delegated (see answer-ledger.ts).
    this.claimAnswer = (request, at) => this.#answers.claimAnswer(request, at);
    this.recordAnswerAttempt = (eventId, error, at) => this.#answers.recordAnswerAttempt(eventId, error, at);
    this.completeAnswer = (eventId, messageTs, at) => this.#answers.completeAnswer(eventId, messageTs, at);
    this.abandonAnswer = (eventId, error, at) => this.#answers.abandonAnswer(eventId, error, at);
    this.owedAnswers = (claimedAfter) => this.#answers.owedAnswers(claimedAfter);
    this.answerState = (eventId) => this.#answers.answerState(eventId);
    this.pruneAnswersBefore = (at) => this.#answers.pruneAnswersBefore(at);
    this.#feeds = new SqliteFeedStore(db);
    this.#watches = new SqliteWatchStore(db);
    this.#sql = {
      claimEvent: db.prepare<[string, number]>('INSERT OR IGNORE INTO answered_events (event_id, claimed_at) VALUES (?, ?)'),
      pruneEvents: db.prepare<[number]>('DELETE FROM answered_events WHERE claimed_at < ?'),
      insertSeen: db.prepare<[string, number]>('INSERT OR IGNORE INTO articles_seen (article_id, first_seen_at) VALUES (?, ?)'),
      firstSeen: db.prepare<[string], { first_seen_at: number }>('SELECT first_seen_at FROM articles_seen WHERE article_id = ?'),
      seenAll: db.prepare<[], { article_id: string; first_seen_at: number }>(
        'SELECT article_id, first_seen_at FROM articles_seen ORDER BY first_seen_at DESC, article_id ASC',
      ),
      seenSince: db.prepare<[number], { article_id: string; first_seen_at: number }>(
        'SELECT article_id, first_seen_at FROM articles_seen WHERE first_seen_at > ? ORDER BY first_seen_at DESC, article_id ASC',
      ),
      upsertSubscription: db.prepare<[{ channelId: string; time: string; timeZone: string; createdBy: string | null; at: number }]>(
        `INSERT INTO subscriptions (channel_id, time, time_zone, created_by, created_at, updated_at)
         VALUES (@channelId, @time, @timeZone, @createdBy, @at, @at)
         ON CONFLICT (channel_id) DO UPDATE SET
           time = excluded.time, time_zone = excluded.time_zone, updated_at = excluded.updated_at,
           paused_reason = NULL, paused_at = NULL`,
      ),
      getSubscription: db.prepare<[string], SubscriptionRow>('SELECT * FROM subscriptions WHERE channel_id = ?'),
      listSubscriptions: db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY channel_id'),
      deleteSubscription: db.prepare<[string]>('DELETE FROM subscriptions WHERE channel_id = ?'),
      pauseSubscription: db.prepare<[{ channelId: string; reason: string; at: number }]>(
        'UPDATE subscriptions SET paused_reason = @reason, paused_at = @at, updated_at = @at WHERE channel_id = @channelId',
      ),
      resumeSubscription: db.prepare<[number, string]>(
        'UPDATE subscriptions SET paused_reason = NULL, paused_at = NULL, updated_at = ? WHERE channel_id = ?',
      ),
      digest: db.prepare<[string, string], DigestRow>('SELECT * FROM digests WHERE channel_id = ? AND local_date = ?'),
      digestArticles: db.prepare<[string, string], { article_id: string }>(
        'SELECT article_id FROM digest_articles WHERE channel_id = ? AND local_date = ? ORDER BY position',
      ),
      insertDigest: db.prepare<[string, string, number]>(
        "INSERT INTO digests (channel_id, local_date, state, reserved_at) VALUES (?, ?, 'reserved', ?)",
      ),
      rereserveDigest: db.prepare<[number, string, string]>(
        `UPDATE digests SET state = 'reserved', reserved_at = ?, attempts = attempts + 1, error = NULL,
           posted_at = NULL, message_ts = NULL, covered_until = NULL
         WHERE channel_id = ? AND local_date = ?`,
      ),
      postDigest: db.prepare<[number, string | null, number, string, string]>(
        `UPDATE digests SET state = 'posted', posted_at = ?, message_ts = ?, covered_until = ?, error = NULL
         WHERE channel_id = ? AND local_date = ?`,
      ),
      clearDigestArticles: db.prepare<[string, string]>('DELETE FROM digest_articles WHERE channel_id = ? AND local_date = ?'),
      insertDigestArticle: db.prepare<[string, string, number, string]>(
        'INSERT INTO digest_articles (channel_id, local_date, position, article_id) VALUES (?, ?, ?, ?)',
      ),
      failDigest: db.prepare<[string, string, string]>(
        "UPDATE digests SET state = 'failed', error = ? WHERE channel_id = ? AND local_date = ?",
      ),
      interruptStale: db.prepare<[number], DigestRow>(
        "UPDATE digests SET state = 'interrupted' WHERE state = 'reserved' AND reserved_at < ? RETURNING *",
      ),
      recentDigests: db.prepare<[string, string], DigestRow>(
        'SELECT * FROM digests WHERE channel_id = ? AND local_date >= ? ORDER BY local_date DESC',
      ),
      lastPosted: db.prepare<[string], DigestRow>(
        "SELECT * FROM digests WHERE channel_id = ? AND state = 'posted' ORDER BY local_date DESC LIMIT 1",
      ),
    };
    const sql = this.#sql;

    this.#reserve = db.transaction((channelId: string, localDate: string, at: number, retakeNothingNew: boolean): boolean => {
      const row = sql.digest.get(channelId, localDate);
      if (row === undefined) {
        sql.insertDigest.run(channelId, localDate, at);
        return true;
      }
      const nothingNew = row.state === 'posted' && row.message_ts === null;
      if (row.state === 'failed' || (retakeNothingNew && nothingNew)) {
        sql.rereserveDigest.run(at, channelId, localDate);
        sql.clearDigestArticles.run(channelId, localDate);
        return true;
      }
      return false;
    });

    this.#complete = db.transaction((channelId: string, localDate: string, outcome: DigestOutcome, at: number, coveredUntil: number) => {
      this.#expectState(channelId, localDate, ['reserved', 'interrupted'], 'complete');
      sql.postDigest.run(at, outcome.messageTs, coveredUntil, channelId, localDate);
      sql.clearDigestArticles.run(channelId, localDate);
      outcome.articleIds.forEach((id, position) => sql.insertDigestArticle.run(channelId, localDate, position, id));
    });

    this.#release = db.transaction((channelId: string, localDate: string, error: string) => {
      this.#expectState(channelId, localDate, ['reserved', 'interrupted'], 'release');
      sql.failDigest.run(error, channelId, localDate);
    });

    this.#markInterrupted = db.transaction((reservedBefore: number): DigestRow[] => sql.interruptStale.all(reservedBefore));

    this.#recordSeen = db.transaction((ids: readonly string[], at: number): string[] => {
      const added: string[] = [];
      for (const id of new Set(ids)) {
        if (sql.insertSeen.run(id, at).changes === 1) added.push(id);
      }
      return added;
    });
  }

  #expectState(channelId: string, localDate: string, allowed: readonly DigestState[], action: string): void {
    const row = this.#sql.digest.get(channelId, localDate);
    if (row === undefined) {
      throw new StoreError(
        'DIGEST_LEDGER_STATE',
        `store: cannot ${action} the digest of channel ${channelId} for ${localDate}: it was never reserved`,
      );
    }
    if (!allowed.includes(row.state)) {
      throw new StoreError(
        'DIGEST_LEDGER_STATE',
        `store: cannot ${action} the digest of channel ${channelId} for ${localDate}: it is '${row.state}', ` +
          `expected ${allowed.map((s) => `'${s}'`).join(' or ')}`,
      );
    }
  }

  #toRecord(row: DigestRow): DigestRecord {
    return {
      channelId: row.channel_id,
      localDate: row.local_date,
      state: row.state,
      reservedAt: new Date(row.reserved_at),
      attempts: row.attempts,
      postedAt: row.posted_at === null ? null : new Date(row.posted_at),
      messageTs: row.message_ts,
      articleIds: this.#sql.digestArticles.all(row.channel_id, row.local_date).map((r) => r.article_id),
      coveredUntil: row.covered_until === null ? null : new Date(row.covered_until),
      error: row.error,
    };
  }

  recordAnswer(input: AnswerRecordInput): Promise<AnswerRecord> {
    return this.#feedback.recordAnswer(input);
  }

  getAnswer(id: string): Promise<AnswerRecord | null> {
    return this.#feedback.getAnswer(id);
  }

  async answersInThread(channelId: string, threadTs: string, limit: number): Promise<AnswerRecord[]> {
    return this.#feedback.answersInThread(channelId, threadTs, limit);
  }

  castVote(answerId: string, userId: string, vote: VoteValue, at: Date): Promise<CastVoteResult> {
    return this.#feedback.castVote(answerId, userId, vote, at);
  }

  setVoteComment(answerId: string, userId: string, comment: string, at: Date): Promise<boolean> {
    return this.#feedback.setVoteComment(answerId, userId, comment, at);
  }

  votesSince(since: Date | null, limit: number): Promise<VoteRecord[]> {
    return this.#feedback.votesSince(since, limit);
  }

  async claimEvent(eventId: string, at: Date): Promise<boolean> {
    if (eventId.length === 0) throw new StoreError('INVALID_INPUT', 'store: event id is empty');
    return this.#sql.claimEvent.run(eventId, millis(at, 'event claim time')).changes === 1;
  }

  async pruneEventsBefore(at: Date): Promise<number> {
    return this.#sql.pruneEvents.run(millis(at, 'event prune time')).changes;
  }

  async recordArticlesSeen(ids: readonly string[], at: Date): Promise<string[]> {
    const atMs = millis(at, 'first-seen time');
    if (ids.length === 0) return [];
    // Without waiting for an fsync (normal-sync.ts): one commit per watcher batch, on the thread that acks;
    // a first-seen time lost to a power cut is recorded again, at the next start, by the digest wiring.
    return withNormalSync(this.#db, () => this.#recordSeen.immediate(ids, atMs));
  }

  async firstSeen(id: string): Promise<Date | null> {
    const row = this.#sql.firstSeen.get(id);
    return row === undefined ? null : new Date(row.first_seen_at);
  }

  async articlesFirstSeenSince(since: Date | null): Promise<SeenArticle[]> {
    const rows = since === null ? this.#sql.seenAll.all() : this.#sql.seenSince.all(millis(since, "'since'"));
    return rows.map((r) => ({ id: r.article_id, firstSeen: new Date(r.first_seen_at) }));
  }

  async upsertSubscription(input: SubscriptionInput): Promise<Subscription> {
    const { channelId, time, timeZone, createdBy } = input;
    if (!TIME_OF_DAY.test(time)) {
      throw new StoreError('INVALID_INPUT', `store: subscription time '${time}' for channel ${channelId} is not HH:MM`);
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone });
    } catch {
      throw new StoreError('INVALID_INPUT', `store: subscription time zone '${timeZone}' for channel ${channelId} is not an IANA time zone`);
    }
    this.#sql.upsertSubscription.run({ channelId, time, timeZone, createdBy, at: millis(input.at, 'subscription time') });
    const row = this.#sql.getSubscription.get(channelId);
    if (row === undefined) throw new Error(`store: subscription for channel ${channelId} vanished after it was written`);
    return toSubscription(row);
  }

  async getSubscription(channelId: string): Promise<Subscription | null> {
    const row = this.#sql.getSubscription.get(channelId);
    return row === undefined ? null : toSubscription(row);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return this.#sql.listSubscriptions.all().map(toSubscription);
  }

  async deleteSubscription(channelId: string): Promise<boolean> {
    return this.#sql.deleteSubscription.run(channelId).changes === 1;
  }

  async pauseSubscription(channelId: string, reason: string, at: Date): Promise<boolean> {
    return this.#sql.pauseSubscription.run({ channelId, reason, at: millis(at, 'pause time') }).changes === 1;
  }

  async resumeSubscription(channelId: string, at: Date): Promise<boolean> {
    return this.#sql.resumeSubscription.run(millis(at, 'resume time'), channelId).changes === 1;
  }

  async reserveDigest(channelId: string, localDate: string, at: Date, options: ReserveOptions = {}): Promise<boolean> {
    checkLocalDate(localDate);
    return this.#reserve.immediate(channelId, localDate, millis(at, 'reservation time'), options.retakeNothingNew === true);
  }

  async completeDigest(channelId: string, localDate: string, outcome: DigestOutcome, at: Date): Promise<void> {
    checkLocalDate(localDate);
    const atMs = millis(at, 'posting time');
    const coveredUntil = millis(outcome.coveredUntil, "digest 'coveredUntil'");
    this.#complete.immediate(channelId, localDate, outcome, atMs, coveredUntil);
  }

  async releaseDigest(channelId: string, localDate: string, error: string): Promise<void> {
    checkLocalDate(localDate);
    this.#release.immediate(channelId, localDate, error);
  }

  async markStaleDigestsInterrupted(reservedBefore: Date): Promise<DigestRecord[]> {
    const rows = this.#markInterrupted.immediate(millis(reservedBefore, "'reservedBefore'"));
    return rows.map((row) => this.#toRecord(row));
  }

  async lastCompletedDigest(channelId: string): Promise<CompletedDigest | null> {
    const row = this.#sql.lastPosted.get(channelId);
    if (row === undefined || row.posted_at === null || row.covered_until === null) return null;
    return {
      localDate: row.local_date,
      postedAt: new Date(row.posted_at),
      coveredUntil: new Date(row.covered_until),
      messageTs: row.message_ts,
    };
  }

  async digestFor(channelId: string, localDate: string): Promise<DigestRecord | null> {
    const row = this.#sql.digest.get(channelId, localDate);
    return row === undefined ? null : this.#toRecord(row);
  }

  async recentDigests(channelId: string, sinceLocalDate: string): Promise<DigestRecord[]> {
    checkLocalDate(sinceLocalDate);
    return this.#sql.recentDigests.all(channelId, sinceLocalDate).map((row) => this.#toRecord(row));
  }

  // --- Feeds, ingestion ledger, removals: delegated to SqliteFeedStore.
  addFeed(input: { url: string; addedBy: string | null; at: Date }): Promise<{ feed: Feed; created: boolean }> {
    return this.#feeds.addFeed(input);
  }
  listFeeds(): Promise<Feed[]> {
    return this.#feeds.listFeeds();
  }
  getFeed(id: number): Promise<Feed | null> {
    return this.#feeds.getFeed(id);
  }
  removeFeed(id: number): Promise<boolean> {
    return this.#feeds.removeFeed(id);
  }
  dueFeeds(at: Date): Promise<Feed[]> {
    return this.#feeds.dueFeeds(at);
  }
  recordPollSuccess(id: number, success: FeedPollSuccess): Promise<void> {
    return this.#feeds.recordPollSuccess(id, success);
  }
  recordPollFailure(id: number, failure: FeedPollFailure): Promise<Feed | null> {
    return this.#feeds.recordPollFailure(id, failure);
  }
  stopFeed(id: number, reason: FeedStopReason, message: string, at: Date): Promise<void> {
    return this.#feeds.stopFeed(id, reason, message, at);
  }
  claimFailureReport(id: number, at: Date): Promise<boolean> {
    return this.#feeds.claimFailureReport(id, at);
  }
  makeFeedsDue(at: Date, id?: number): Promise<number> {
    return this.#feeds.makeFeedsDue(at, id);
  }
  recordRemoval(removal: ArticleRemoval): Promise<void> {
    return this.#feeds.recordRemoval(removal);
  }
  findByUrl(canonicalUrl: string): Promise<IngestedArticle | null> {
    return this.#feeds.findByUrl(canonicalUrl);
  }
  findByContentHash(contentHash: string): Promise<IngestedArticle | null> {
    return this.#feeds.findByContentHash(contentHash);
  }
  recordIngested(article: IngestedArticle): Promise<void> {
    return this.#feeds.recordIngested(article);
  }
  isRemoved(canonicalUrl: string): Promise<boolean> {
    return this.#feeds.isRemoved(canonicalUrl);
  }
  hasFeedItem(feedId: number, itemKey: string): Promise<boolean> {
    return this.#feeds.hasFeedItem(feedId, itemKey);
  }
  recordFeedItem(feedId: number, itemKey: string, at: Date): Promise<void> {
    return this.#feeds.recordFeedItem(feedId, itemKey, at);
  }

  // --- Watches (sqlite-watch-store.ts)
  createWatch(input: WatchInput): Promise<Watch> {
    return this.#watches.createWatch(input);
  }
  listWatches(): Promise<Watch[]> {
    return this.#watches.listWatches();
  }
  getWatch(id: number): Promise<Watch | null> {
    return this.#watches.getWatch(id);
  }
  deleteWatch(id: number): Promise<boolean> {
    return this.#watches.deleteWatch(id);
  }
  pauseChannelWatches(channelId: string, reason: string, at: Date): Promise<number> {
    return this.#watches.pauseChannelWatches(channelId, reason, at);
  }
  resumeChannelWatches(channelId: string): Promise<number> {
    return this.#watches.resumeChannelWatches(channelId);
  }
  claimWatchAlert(watchId: number, articleId: string, at: Date): Promise<boolean> {
    return this.#watches.claimWatchAlert(watchId, articleId, at);
  }
  countWatchAlertsSince(watchId: number, since: Date): Promise<number> {
    return this.#watches.countWatchAlertsSince(watchId, since);
  }
  noteWatchOverLimit(watchId: number, day: string): Promise<boolean> {
    return this.#watches.noteWatchOverLimit(watchId, day);
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    try {
      // Answer records written behind (feedback-sqlite.ts) go out before the database closes.
      this.#feedback.flush();
    } finally {
      this.#db.close();
    }
  }
}

/** How `openSqliteStore` opens the file. */
export interface OpenSqliteStoreOptions {
  /**
   * Open an existing database for reading only (the CLI's dry run): nothing
   * is created, migrated or switched to WAL, and every write method throws.
   * The database must already be at {@link LATEST_SCHEMA_VERSION}, since a
   * read-only open cannot migrate it. SQLite may still create the `-wal` and
   * `-shm` side files a WAL reader needs; the database file is not touched.
   * Default false.
   */
  readonly readonly?: boolean;
}

/** Refuses a read-only database whose schema this code cannot read as it is. */
function checkSchemaVersion(db: Database.Database, file: string): void {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      'STORE_TOO_NEW',
      `store: database '${file}' is at schema version ${found}, but this version of the bot knows versions up to ${LATEST_SCHEMA_VERSION}; ` +
        'run a newer bot or point DATA_DIR elsewhere',
    );
  }
  if (found < LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      'STORE_OPEN_FAILED',
      `store: database '${file}' is at schema version ${found}, older than this bot's ${LATEST_SCHEMA_VERSION}, and a read-only open cannot migrate it; ` +
        'start the bot once (npm start) to bring it up to date',
    );
  }
}

/**
 * Opens (creating if needed) the SQLite store at `file` and brings its schema
 * up to date. `:memory:` gives a private in-memory store. With
 * `{ readonly: true }` the file must exist and is only read (see
 * {@link OpenSqliteStoreOptions}).
 *
 * @throws StoreError naming the file: `STORE_OPEN_FAILED` (cannot create or
 *   open; read-only: missing, or at an older schema), `STORE_NOT_A_DATABASE`
 *   (corrupt or another kind of file), `STORE_TOO_NEW`, `STORE_MIGRATION_FAILED`.
 */
export function openSqliteStore(file: string, options: OpenSqliteStoreOptions = {}): SqliteStore {
  const readonly = options.readonly === true;
  const inMemory = file === ':memory:';
  if (!inMemory && !readonly) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    } catch (err) {
      throw new StoreError('STORE_OPEN_FAILED', `store: cannot create the directory of '${file}': ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  let db: Database.Database;
  try {
    db = readonly ? new Database(file, { readonly: true, fileMustExist: true }) : new Database(file);
  } catch (err) {
    throw new StoreError('STORE_OPEN_FAILED', `store: cannot open '${file}': ${(err as Error).message}`, { cause: err });
  }

  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The first statement that reads the file: a file that is not SQLite fails here.
    if (!readonly) enableWal(db);
    // Corruption past the header only shows when a damaged page is read; find it now rather than mid-digest.
    const problems = (db.pragma('quick_check(3)') as { quick_check: string }[]).map((row) => row.quick_check);
    if (problems.join() !== 'ok') {
      throw new StoreError(
        'STORE_NOT_A_DATABASE',
        `store: '${file}' is a corrupt SQLite database: ${problems.join('; ').replace(/\s+/g, ' ')}`,
      );
    }
    db.pragma('foreign_keys = ON');
    if (readonly) {
      checkSchemaVersion(db, file);
    } else {
      // FULL: a claimed event id or a posted digest must survive a power cut, not only a process crash; writes are rare.
      db.pragma('synchronous = FULL');
      migrate(db, file);
    }
    return new SqliteStore(db, file);
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    if (isSqliteError(err) && NOT_A_DATABASE_CODES.has(err.code)) {
      throw new StoreError('STORE_NOT_A_DATABASE', `store: '${file}' is not an SQLite database or is corrupt (${err.message})`, {
        cause: err,
      });
    }
    throw new StoreError('STORE_OPEN_FAILED', `store: cannot open '${file}': ${(err as Error).message}`, { cause: err });
  }
}
