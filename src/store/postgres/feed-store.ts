/** The {@link FeedStore} (feeds, poll state, removals) and the pipeline's ingestion ledger on PostgreSQL. */
import type { IngestedArticle } from '../../ingest/ingest-ledger.ts';
import type { ArticleRemoval, Feed, FeedPollFailure, FeedPollSuccess, FeedStopReason, FeedStore } from '../feed-store.ts';
import { FEED_COLUMNS, millis, toFeed, toIngested, type FeedRow, type IngestedRow } from '../rows.ts';
import { FOREIGN_KEY_VIOLATION, pgErrorCode, type PgDatabase } from './pg-database.ts';

export class PgFeedStore implements FeedStore {
  constructor(readonly db: PgDatabase) {}

  async addFeed(input: { url: string; addedBy: string | null; at: Date }): Promise<{ feed: Feed; created: boolean }> {
    const at = millis(input.at, 'feed added time');
    return this.db.transaction(async (sql) => {
      const created =
        (await sql.run('INSERT INTO feeds (url, added_by, added_at, next_poll_at) VALUES ($1, $2, $3, $3) ON CONFLICT (url) DO NOTHING', [
          input.url,
          input.addedBy,
          at,
        ])) === 1;
      if (!created) await sql.run('UPDATE feeds SET stopped_reason = NULL, stopped_at = NULL, next_poll_at = $1 WHERE url = $2', [at, input.url]);
      const row = await sql.row<FeedRow>(`SELECT ${FEED_COLUMNS} FROM feeds WHERE url = $1`, [input.url]);
      if (row === undefined) throw new Error(`store: feed ${input.url} vanished after it was written`);
      return { feed: toFeed(row), created };
    });
  }

  async listFeeds(): Promise<Feed[]> {
    return (await this.db.rows<FeedRow>(`SELECT ${FEED_COLUMNS} FROM feeds ORDER BY id`)).map(toFeed);
  }

  async getFeed(id: number): Promise<Feed | null> {
    const row = await this.db.row<FeedRow>(`SELECT ${FEED_COLUMNS} FROM feeds WHERE id = $1`, [id]);
    return row === undefined ? null : toFeed(row);
  }

  async removeFeed(id: number): Promise<boolean> {
    return (await this.db.run('DELETE FROM feeds WHERE id = $1', [id])) === 1;
  }

  async dueFeeds(at: Date): Promise<Feed[]> {
    const rows = await this.db.rows<FeedRow>(
      `SELECT ${FEED_COLUMNS} FROM feeds WHERE stopped_reason IS NULL AND next_poll_at <= $1 ORDER BY next_poll_at, id`,
      [millis(at, "'due at'")],
    );
    return rows.map(toFeed);
  }

  async recordPollSuccess(id: number, success: FeedPollSuccess): Promise<void> {
    await this.db.run(
      `UPDATE feeds SET etag = $2, last_modified = $3, title = COALESCE($4, title),
         consecutive_failures = 0, last_success_at = $5, next_poll_at = $6, failure_reported_at = NULL,
         malformed = CASE WHEN $7 THEN $8 ELSE malformed END
       WHERE id = $1`,
      [
        id,
        success.etag,
        success.lastModified,
        success.title,
        millis(success.at, 'poll time'),
        millis(success.nextPollAt, 'next poll time'),
        success.malformed !== undefined,
        success.malformed ?? null,
      ],
    );
  }

  async recordPollFailure(id: number, failure: FeedPollFailure): Promise<Feed | null> {
    await this.db.run(
      `UPDATE feeds SET consecutive_failures = consecutive_failures + 1, last_error = $2, last_error_at = $3, next_poll_at = $4
       WHERE id = $1`,
      [id, failure.message, millis(failure.at, 'poll time'), millis(failure.nextPollAt, 'next poll time')],
    );
    return this.getFeed(id);
  }

  async stopFeed(id: number, reason: FeedStopReason, message: string, at: Date): Promise<void> {
    const atMs = millis(at, 'stop time');
    await this.db.run('UPDATE feeds SET stopped_reason = $2, stopped_at = $4, last_error = $3, last_error_at = $4 WHERE id = $1', [id, reason, message, atMs]);
  }

  async claimFailureReport(id: number, at: Date): Promise<boolean> {
    return (await this.db.run('UPDATE feeds SET failure_reported_at = $1 WHERE id = $2 AND failure_reported_at IS NULL', [millis(at, 'report time'), id])) === 1;
  }

  async claimFeedPoll(id: number, owner: string, at: Date, leaseMs: number): Promise<boolean> {
    const atMs = millis(at, 'lease time');
    const claimed = await this.db.run(
      `UPDATE feeds SET poll_owner = $2, poll_lease_until = $4
       WHERE id = $1 AND (poll_lease_until IS NULL OR poll_lease_until <= $3 OR poll_owner = $2)`,
      [id, owner, atMs, atMs + leaseMs],
    );
    return claimed === 1;
  }

  async releaseFeedPoll(id: number, owner: string): Promise<void> {
    await this.db.run('UPDATE feeds SET poll_owner = NULL, poll_lease_until = NULL WHERE id = $1 AND poll_owner = $2', [id, owner]);
  }

  makeFeedsDue(at: Date, id?: number): Promise<number> {
    const atMs = millis(at, "'due at'");
    return id === undefined
      ? this.db.run('UPDATE feeds SET next_poll_at = $1, stopped_reason = NULL, stopped_at = NULL', [atMs])
      : this.db.run('UPDATE feeds SET next_poll_at = $1, stopped_reason = NULL, stopped_at = NULL WHERE id = $2', [atMs, id]);
  }

  async recordRemoval(removal: ArticleRemoval): Promise<void> {
    await this.db.run(
      `INSERT INTO removed_articles (canonical_url, article_id, removed_by, removed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (canonical_url) DO UPDATE SET article_id = excluded.article_id, removed_by = excluded.removed_by, removed_at = excluded.removed_at`,
      [removal.canonicalUrl, removal.articleId, removal.removedBy, millis(removal.at, 'removal time')],
    );
  }

  async findByUrl(canonicalUrl: string): Promise<IngestedArticle | null> {
    const row = await this.db.row<IngestedRow>('SELECT * FROM ingested_articles WHERE canonical_url = $1', [canonicalUrl]);
    return row === undefined ? null : toIngested(row);
  }

  async findByContentHash(contentHash: string): Promise<IngestedArticle | null> {
    const row = await this.db.row<IngestedRow>('SELECT * FROM ingested_articles WHERE content_hash = $1 ORDER BY ingested_at LIMIT 1', [contentHash]);
    return row === undefined ? null : toIngested(row);
  }

  async recordIngested(article: IngestedArticle): Promise<void> {
    await this.db.run(
      `INSERT INTO ingested_articles (canonical_url, content_hash, article_id, file, title, feed_id, ingested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (canonical_url) DO NOTHING`,
      [article.canonicalUrl, article.contentHash, article.articleId, article.file, article.title, article.feedId, millis(article.at, 'ingestion time')],
    );
  }

  async isRemoved(canonicalUrl: string): Promise<boolean> {
    return (await this.db.row('SELECT 1 AS one FROM removed_articles WHERE canonical_url = $1', [canonicalUrl])) !== undefined;
  }

  async hasFeedItem(feedId: number, itemKey: string): Promise<boolean> {
    return (await this.db.row('SELECT 1 AS one FROM feed_items WHERE feed_id = $1 AND item_key = $2', [feedId, itemKey])) !== undefined;
  }

  async recordFeedItem(feedId: number, itemKey: string, at: Date): Promise<void> {
    try {
      await this.db.run('INSERT INTO feed_items (feed_id, item_key, taken_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [feedId, itemKey, millis(at, 'feed item time')]);
    } catch (err) {
      // The feed was removed while its poll ran: nothing to remember the item for.
      if (pgErrorCode(err) !== FOREIGN_KEY_VIOLATION) throw err;
    }
  }
}
