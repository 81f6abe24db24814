/**
 * The {@link DigestStore} on PostgreSQL: subscriptions and the digest ledger.
 * A day is claimed by inserting its row (the primary key decides between
 * instances); a read that decides a write locks the row (`FOR UPDATE`).
 */
import { checkLedgerState, checkLocalDate, checkSubscriptionInput } from '../digest-rules.ts';
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
import { millis, toDigestRecord, toSubscription, type DigestRow, type SubscriptionRow } from '../rows.ts';
import type { PgDatabase, Sql } from './pg-database.ts';

const REOPENABLE = ['reserved', 'interrupted'] as const satisfies readonly DigestState[];

export class PgDigestStore implements DigestStore {
  constructor(readonly db: PgDatabase) {}

  async #toRecord(row: DigestRow, sql: Sql = this.db): Promise<DigestRecord> {
    const articles = await sql.rows<{ article_id: string }>(
      'SELECT article_id FROM digest_articles WHERE channel_id = $1 AND local_date = $2 ORDER BY position',
      [row.channel_id, row.local_date],
    );
    return toDigestRecord(row, articles.map((r) => r.article_id));
  }

  async #lockedState(sql: Sql, channelId: string, localDate: string): Promise<DigestState | undefined> {
    const row = await sql.row<{ state: DigestState }>('SELECT state FROM digests WHERE channel_id = $1 AND local_date = $2 FOR UPDATE', [channelId, localDate]);
    return row?.state;
  }

  async upsertSubscription(input: SubscriptionInput): Promise<Subscription> {
    const { channelId, time, timeZone, createdBy } = input;
    checkSubscriptionInput(input);
    const row = await this.db.row<SubscriptionRow>(
      `INSERT INTO subscriptions (channel_id, time, time_zone, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (channel_id) DO UPDATE SET
         time = excluded.time, time_zone = excluded.time_zone, updated_at = excluded.updated_at,
         paused_reason = NULL, paused_at = NULL
       RETURNING *`,
      [channelId, time, timeZone, createdBy, millis(input.at, 'subscription time')],
    );
    if (row === undefined) throw new Error(`store: subscription for channel ${channelId} vanished after it was written`);
    return toSubscription(row);
  }

  async getSubscription(channelId: string): Promise<Subscription | null> {
    const row = await this.db.row<SubscriptionRow>('SELECT * FROM subscriptions WHERE channel_id = $1', [channelId]);
    return row === undefined ? null : toSubscription(row);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return (await this.db.rows<SubscriptionRow>('SELECT * FROM subscriptions ORDER BY channel_id')).map(toSubscription);
  }

  async deleteSubscription(channelId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM subscriptions WHERE channel_id = $1', [channelId])) === 1;
  }

  async pauseSubscription(channelId: string, reason: string, at: Date): Promise<boolean> {
    const atMs = millis(at, 'pause time');
    return (await this.db.run('UPDATE subscriptions SET paused_reason = $1, paused_at = $2, updated_at = $2 WHERE channel_id = $3', [reason, atMs, channelId])) === 1;
  }

  async resumeSubscription(channelId: string, at: Date): Promise<boolean> {
    const atMs = millis(at, 'resume time');
    return (await this.db.run('UPDATE subscriptions SET paused_reason = NULL, paused_at = NULL, updated_at = $1 WHERE channel_id = $2', [atMs, channelId])) === 1;
  }

  async reserveDigest(channelId: string, localDate: string, at: Date, options: ReserveOptions = {}): Promise<boolean> {
    checkLocalDate(localDate);
    const atMs = millis(at, 'reservation time');
    return this.db.transaction(async (sql) => {
      const inserted = await sql.run(
        "INSERT INTO digests (channel_id, local_date, state, reserved_at) VALUES ($1, $2, 'reserved', $3) ON CONFLICT DO NOTHING",
        [channelId, localDate, atMs],
      );
      if (inserted === 1) return true;
      const row = await sql.row<DigestRow>('SELECT * FROM digests WHERE channel_id = $1 AND local_date = $2 FOR UPDATE', [channelId, localDate]);
      if (row === undefined) return false;
      const nothingNew = row.state === 'posted' && row.message_ts === null;
      if (row.state !== 'failed' && !(options.retakeNothingNew === true && nothingNew)) return false;
      await sql.run(
        `UPDATE digests SET state = 'reserved', reserved_at = $1, attempts = attempts + 1, error = NULL,
           posted_at = NULL, message_ts = NULL, covered_until = NULL
         WHERE channel_id = $2 AND local_date = $3`,
        [atMs, channelId, localDate],
      );
      await sql.run('DELETE FROM digest_articles WHERE channel_id = $1 AND local_date = $2', [channelId, localDate]);
      return true;
    });
  }

  async completeDigest(channelId: string, localDate: string, outcome: DigestOutcome, at: Date): Promise<void> {
    checkLocalDate(localDate);
    const atMs = millis(at, 'posting time');
    const coveredUntil = millis(outcome.coveredUntil, "digest 'coveredUntil'");
    await this.db.transaction(async (sql) => {
      checkLedgerState(await this.#lockedState(sql, channelId, localDate), { channelId, localDate, allowed: REOPENABLE, action: 'complete' });
      await sql.run(
        `UPDATE digests SET state = 'posted', posted_at = $1, message_ts = $2, covered_until = $3, error = NULL
         WHERE channel_id = $4 AND local_date = $5`,
        [atMs, outcome.messageTs, coveredUntil, channelId, localDate],
      );
      await sql.run('DELETE FROM digest_articles WHERE channel_id = $1 AND local_date = $2', [channelId, localDate]);
      if (outcome.articleIds.length > 0) {
        await sql.run(
          `INSERT INTO digest_articles (channel_id, local_date, position, article_id)
           SELECT $1, $2, ordinality - 1, id FROM unnest($3::text[]) WITH ORDINALITY AS ids (id, ordinality)`,
          [channelId, localDate, [...outcome.articleIds]],
        );
      }
    });
  }

  async releaseDigest(channelId: string, localDate: string, error: string): Promise<void> {
    checkLocalDate(localDate);
    await this.db.transaction(async (sql) => {
      checkLedgerState(await this.#lockedState(sql, channelId, localDate), { channelId, localDate, allowed: REOPENABLE, action: 'release' });
      await sql.run("UPDATE digests SET state = 'failed', error = $1 WHERE channel_id = $2 AND local_date = $3", [error, channelId, localDate]);
    });
  }

  async markStaleDigestsInterrupted(reservedBefore: Date): Promise<DigestRecord[]> {
    const rows = await this.db.rows<DigestRow>(
      "UPDATE digests SET state = 'interrupted' WHERE state = 'reserved' AND reserved_at < $1 RETURNING *",
      [millis(reservedBefore, "'reservedBefore'")],
    );
    return Promise.all(rows.map((row) => this.#toRecord(row)));
  }

  async lastCompletedDigest(channelId: string): Promise<CompletedDigest | null> {
    const row = await this.db.row<DigestRow>(
      "SELECT * FROM digests WHERE channel_id = $1 AND state = 'posted' ORDER BY local_date DESC LIMIT 1",
      [channelId],
    );
    if (row === undefined || row.posted_at === null || row.covered_until === null) return null;
    return { localDate: row.local_date, postedAt: new Date(row.posted_at), coveredUntil: new Date(row.covered_until), messageTs: row.message_ts };
  }

  async digestFor(channelId: string, localDate: string): Promise<DigestRecord | null> {
    const row = await this.db.row<DigestRow>('SELECT * FROM digests WHERE channel_id = $1 AND local_date = $2', [channelId, localDate]);
    return row === undefined ? null : this.#toRecord(row);
  }

  async recentDigests(channelId: string, sinceLocalDate: string): Promise<DigestRecord[]> {
    checkLocalDate(sinceLocalDate);
    const rows = await this.db.rows<DigestRow>('SELECT * FROM digests WHERE channel_id = $1 AND local_date >= $2 ORDER BY local_date DESC', [
      channelId,
      sinceLocalDate,
    ]);
    return Promise.all(rows.map((row) => this.#toRecord(row)));
  }
}
