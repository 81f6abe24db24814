/** The {@link WatchStore} on PostgreSQL: an alert is claimed by inserting its (watch, article) row, once across instances. */
import { SELECT_WATCH, toWatch, type WatchRow } from '../rows.ts';
import type { Watch, WatchInput, WatchStore } from '../watch-store.ts';
import type { Sql } from './pg-database.ts';

export class PgWatchStore implements WatchStore {
  constructor(readonly sql: Sql) {}

  async createWatch(input: WatchInput): Promise<Watch> {
    const inserted = await this.sql.row<{ id: number }>('INSERT INTO watches (channel_id, query, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [
      input.channelId,
      input.query,
      input.createdBy,
      input.at.getTime(),
    ]);
    const watch = inserted === undefined ? null : await this.getWatch(inserted.id);
    if (watch === null) throw new Error('store: a watch vanished after insert');
    return watch;
  }

  async listWatches(): Promise<Watch[]> {
    return (await this.sql.rows<WatchRow>(`${SELECT_WATCH} ORDER BY w.id`)).map(toWatch);
  }

  async getWatch(id: number): Promise<Watch | null> {
    const row = await this.sql.row<WatchRow>(`${SELECT_WATCH} WHERE w.id = $1`, [id]);
    return row === undefined ? null : toWatch(row);
  }

  async deleteWatch(id: number): Promise<boolean> {
    return (await this.sql.run('DELETE FROM watches WHERE id = $1', [id])) === 1;
  }

  pauseChannelWatches(channelId: string, reason: string, at: Date): Promise<number> {
    return this.sql.run('UPDATE watches SET paused_reason = $1, paused_at = $2 WHERE channel_id = $3', [reason, at.getTime(), channelId]);
  }

  resumeChannelWatches(channelId: string): Promise<number> {
    return this.sql.run('UPDATE watches SET paused_reason = NULL, paused_at = NULL WHERE channel_id = $1 AND paused_at IS NOT NULL', [channelId]);
  }

  async claimWatchAlert(watchId: number, articleId: string, at: Date): Promise<boolean> {
    return (await this.sql.run('INSERT INTO watch_alerts (watch_id, article_id, alerted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [watchId, articleId, at.getTime()])) === 1;
  }

  async countWatchAlertsSince(watchId: number, since: Date): Promise<number> {
    return (await this.sql.row<{ n: number }>('SELECT COUNT(*) AS n FROM watch_alerts WHERE watch_id = $1 AND alerted_at >= $2', [watchId, since.getTime()]))?.n ?? 0;
  }

  async noteWatchOverLimit(watchId: number, day: string): Promise<boolean> {
    return (await this.sql.run('UPDATE watches SET over_limit_day = $1 WHERE id = $2 AND (over_limit_day IS NULL OR over_limit_day <> $1)', [day, watchId])) === 1;
  }
}
