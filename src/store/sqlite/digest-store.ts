/**
 * The {@link DigestStore} on the bot's SQLite database: subscriptions and the
 * digest ledger. Every read-then-write runs in an IMMEDIATE transaction, which
 * takes the write lock before reading, so two processes cannot both see "no
 * row yet" (see sqlite-store.ts).
 */
import type Database from 'better-sqlite3';
import { StoreError } from '../store-error.ts';
import type {
  CompletedDigest,
  DigestOutcome,
  DigestRecord,
  DigestState,
  DigestStore,
  ReserveOptions,
  Subscription,
  SubscriptionInput,
} from '../digest-store.ts';
import { checkLedgerState, checkLocalDate, checkSubscriptionInput } from '../digest-rules.ts';
import { millis, toDigestRecord, toSubscription, type DigestRow, type SubscriptionRow } from '../rows.ts';


export class SqliteDigestStore implements DigestStore {
  readonly #sql;
  readonly #reserve;
  readonly #complete;
  readonly #release;
  readonly #markInterrupted;

  constructor(db: Database.Database) {
    this.#sql = {
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

  }

  #expectState(channelId: string, localDate: string, allowed: readonly DigestState[], action: string): void {
    checkLedgerState(this.#sql.digest.get(channelId, localDate)?.state, { channelId, localDate, allowed, action });
  }

  #toRecord(row: DigestRow): DigestRecord {
    return toDigestRecord(row, this.#sql.digestArticles.all(row.channel_id, row.local_date).map((r) => r.article_id));
  }

  async upsertSubscription(input: SubscriptionInput): Promise<Subscription> {
    const { channelId, time, timeZone, createdBy } = input;
    checkSubscriptionInput(input);
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
}
