/**
 * The SQLite side of {@link FeedStore} (feeds, poll state, removals) and of
 * the pipeline's {@link IngestLedger}, on the handle `SqliteStore` opened
 * (WAL, busy timeout, migrations: see sqlite-store.ts). Kept apart so the
 * store's core file does not grow with every capability.
 */
import type Database from 'better-sqlite3';
import type { IngestedArticle } from '../../ingest/ingest-ledger.ts';
import type { ArticleRemoval, Feed, FeedPollFailure, FeedPollSuccess, FeedStopReason, FeedStore } from '../feed-store.ts';
import { StoreError } from '../store-error.ts';
import { FEED_COLUMNS, millis, toFeed, toIngested, type FeedRow, type IngestedRow } from '../rows.ts';

/** Feeds, their poll state, the ingestion ledger and removals on an open better-sqlite3 handle. */
export class SqliteFeedStore implements FeedStore {
  readonly #sql;
  readonly #add;

  constructor(db: Database.Database) {
    this.#sql = {
      insertFeed: db.prepare<[string, string | null, number, number]>(
        'INSERT INTO feeds (url, added_by, added_at, next_poll_at) VALUES (?, ?, ?, ?) ON CONFLICT (url) DO NOTHING',
      ),
      resumeByUrl: db.prepare<[number, string]>(
        'UPDATE feeds SET stopped_reason = NULL, stopped_at = NULL, next_poll_at = ? WHERE url = ?',
      ),
      feedByUrl: db.prepare<[string], FeedRow>(`SELECT ${FEED_COLUMNS} FROM feeds WHERE url = ?`),
      feedById: db.prepare<[number], FeedRow>(`SELECT ${FEED_COLUMNS} FROM feeds WHERE id = ?`),
      allFeeds: db.prepare<[], FeedRow>(`SELECT ${FEED_COLUMNS} FROM feeds ORDER BY id`),
      dueFeeds: db.prepare<[number], FeedRow>(
        `SELECT ${FEED_COLUMNS} FROM feeds WHERE stopped_reason IS NULL AND next_poll_at <= ? ORDER BY next_poll_at, id`,
      ),
      deleteFeed: db.prepare<[number]>('DELETE FROM feeds WHERE id = ?'),
      pollSuccess: db.prepare<[{ id: number; etag: string | null; lastModified: string | null; title: string | null; read: number; malformed: string | null; at: number; next: number }]>(
        `UPDATE feeds SET etag = @etag, last_modified = @lastModified, title = COALESCE(@title, title),
           malformed = CASE WHEN @read = 1 THEN @malformed ELSE malformed END,
           consecutive_failures = 0, last_success_at = @at, next_poll_at = @next, failure_reported_at = NULL
         WHERE id = @id`,
      ),
      pollFailure: db.prepare<[{ id: number; message: string; at: number; next: number }]>(
        `UPDATE feeds SET consecutive_failures = consecutive_failures + 1, last_error = @message, last_error_at = @at,
           next_poll_at = @next
         WHERE id = @id`,
      ),
      stop: db.prepare<[{ id: number; reason: string; message: string; at: number }]>(
        `UPDATE feeds SET stopped_reason = @reason, stopped_at = @at, last_error = @message, last_error_at = @at
         WHERE id = @id`,
      ),
      claimReport: db.prepare<[number, number]>('UPDATE feeds SET failure_reported_at = ? WHERE id = ? AND failure_reported_at IS NULL'),
      claimPoll: db.prepare<[{ id: number; owner: string; at: number; until: number }]>(
        `UPDATE feeds SET poll_owner = @owner, poll_lease_until = @until
         WHERE id = @id AND (poll_lease_until IS NULL OR poll_lease_until <= @at OR poll_owner = @owner)`,
      ),
      releasePoll: db.prepare<[number, string]>('UPDATE feeds SET poll_owner = NULL, poll_lease_until = NULL WHERE id = ? AND poll_owner = ?'),
      dueAll: db.prepare<[number]>('UPDATE feeds SET next_poll_at = ?, stopped_reason = NULL, stopped_at = NULL'),
      dueOne: db.prepare<[number, number]>('UPDATE feeds SET next_poll_at = ?, stopped_reason = NULL, stopped_at = NULL WHERE id = ?'),
      byUrl: db.prepare<[string], IngestedRow>('SELECT * FROM ingested_articles WHERE canonical_url = ?'),
      byHash: db.prepare<[string], IngestedRow>('SELECT * FROM ingested_articles WHERE content_hash = ? ORDER BY ingested_at LIMIT 1'),
      insertIngested: db.prepare<[IngestedRow]>(
        `INSERT INTO ingested_articles (canonical_url, content_hash, article_id, file, title, feed_id, ingested_at)
         VALUES (@canonical_url, @content_hash, @article_id, @file, @title, @feed_id, @ingested_at)
         ON CONFLICT (canonical_url) DO NOTHING`,
      ),
      isRemoved: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM removed_articles WHERE canonical_url = ?'),
      insertRemoval: db.prepare<[string, string | null, string | null, number]>(
        'INSERT OR REPLACE INTO removed_articles (canonical_url, article_id, removed_by, removed_at) VALUES (?, ?, ?, ?)',
      ),
      hasItem: db.prepare<[number, string], { one: number }>('SELECT 1 AS one FROM feed_items WHERE feed_id = ? AND item_key = ?'),
      insertItem: db.prepare<[number, string, number]>('INSERT OR IGNORE INTO feed_items (feed_id, item_key, taken_at) VALUES (?, ?, ?)'),
    };
    const sql = this.#sql;
    this.#add = db.transaction((url: string, addedBy: string | null, at: number): { row: FeedRow; created: boolean } => {
      const created = sql.insertFeed.run(url, addedBy, at, at).changes === 1;
      if (!created) sql.resumeByUrl.run(at, url);
      const row = sql.feedByUrl.get(url);
      if (row === undefined) throw new Error(`store: feed ${url} vanished after it was written`);
      return { row, created };
    });
  }

  async addFeed(input: { url: string; addedBy: string | null; at: Date }): Promise<{ feed: Feed; created: boolean }> {
    const { row, created } = this.#add.immediate(input.url, input.addedBy, millis(input.at, 'feed added time'));
    return { feed: toFeed(row), created };
  }

  async listFeeds(): Promise<Feed[]> {
    return this.#sql.allFeeds.all().map(toFeed);
  }

  async getFeed(id: number): Promise<Feed | null> {
    const row = this.#sql.feedById.get(id);
    return row === undefined ? null : toFeed(row);
  }

  async removeFeed(id: number): Promise<boolean> {
    return this.#sql.deleteFeed.run(id).changes === 1;
  }

  async dueFeeds(at: Date): Promise<Feed[]> {
    return this.#sql.dueFeeds.all(millis(at, "'due at'")).map(toFeed);
  }

  async recordPollSuccess(id: number, success: FeedPollSuccess): Promise<void> {
    this.#sql.pollSuccess.run({
      id,
      etag: success.etag,
      lastModified: success.lastModified,
      title: success.title,
      read: success.malformed === undefined ? 0 : 1,
      malformed: success.malformed ?? null,
      at: millis(success.at, 'poll time'),
      next: millis(success.nextPollAt, 'next poll time'),
    });
  }

  async recordPollFailure(id: number, failure: FeedPollFailure): Promise<Feed | null> {
    this.#sql.pollFailure.run({ id, message: failure.message, at: millis(failure.at, 'poll time'), next: millis(failure.nextPollAt, 'next poll time') });
    return this.getFeed(id);
  }

  async stopFeed(id: number, reason: FeedStopReason, message: string, at: Date): Promise<void> {
    this.#sql.stop.run({ id, reason, message, at: millis(at, 'stop time') });
  }

  async claimFailureReport(id: number, at: Date): Promise<boolean> {
    return this.#sql.claimReport.run(millis(at, 'report time'), id).changes === 1;
  }

  async claimFeedPoll(id: number, owner: string, at: Date, leaseMs: number): Promise<boolean> {
    const atMs = millis(at, 'lease time');
    return this.#sql.claimPoll.run({ id, owner, at: atMs, until: atMs + leaseMs }).changes === 1;
  }

  async releaseFeedPoll(id: number, owner: string): Promise<void> {
    this.#sql.releasePoll.run(id, owner);
  }

  async makeFeedsDue(at: Date, id?: number): Promise<number> {
    const atMs = millis(at, "'due at'");
    return (id === undefined ? this.#sql.dueAll.run(atMs) : this.#sql.dueOne.run(atMs, id)).changes;
  }

  async recordRemoval(removal: ArticleRemoval): Promise<void> {
    this.#sql.insertRemoval.run(removal.canonicalUrl, removal.articleId, removal.removedBy, millis(removal.at, 'removal time'));
  }

  async findByUrl(canonicalUrl: string): Promise<IngestedArticle | null> {
    const row = this.#sql.byUrl.get(canonicalUrl);
    return row === undefined ? null : toIngested(row);
  }

  async findByContentHash(contentHash: string): Promise<IngestedArticle | null> {
    const row = this.#sql.byHash.get(contentHash);
    return row === undefined ? null : toIngested(row);
  }

  async recordIngested(article: IngestedArticle): Promise<void> {
    this.#sql.insertIngested.run({
      canonical_url: article.canonicalUrl,
      content_hash: article.contentHash,
      article_id: article.articleId,
      file: article.file,
      title: article.title,
      feed_id: article.feedId,
      ingested_at: millis(article.at, 'ingestion time'),
    });
  }

  async isRemoved(canonicalUrl: string): Promise<boolean> {
    return this.#sql.isRemoved.get(canonicalUrl) !== undefined;
  }

  async hasFeedItem(feedId: number, itemKey: string): Promise<boolean> {
    return this.#sql.hasItem.get(feedId, itemKey) !== undefined;
  }

  async recordFeedItem(feedId: number, itemKey: string, at: Date): Promise<void> {
    try {
      this.#sql.insertItem.run(feedId, itemKey, millis(at, 'feed item time'));
    } catch (err) {
      // The feed was removed while its poll ran: nothing to remember the item for.
      if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw err;
    }
  }
}
