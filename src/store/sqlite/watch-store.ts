/** The {@link WatchStore} on the bot's SQLite database (tables made by the watches migration). */
import type Database from 'better-sqlite3';
import type { Watch, WatchInput, WatchStore } from '../watch-store.ts';
import { SELECT_WATCH, toWatch, type WatchRow } from '../rows.ts';

export class SqliteWatchStore implements WatchStore {
  readonly #sql;

  constructor(db: Database.Database) {
    this.#sql = {
      insert: db.prepare<[string, string, string, number]>('INSERT INTO watches (channel_id, query, created_by, created_at) VALUES (?, ?, ?, ?)'),
      get: db.prepare<[number], WatchRow>(`${SELECT_WATCH} WHERE w.id = ?`),
      list: db.prepare<[], WatchRow>(`${SELECT_WATCH} ORDER BY w.id`),
      delete: db.prepare<[number]>('DELETE FROM watches WHERE id = ?'),
      pause: db.prepare<[string, number, string]>('UPDATE watches SET paused_reason = ?, paused_at = ? WHERE channel_id = ?'),
      resume: db.prepare<[string]>('UPDATE watches SET paused_reason = NULL, paused_at = NULL WHERE channel_id = ? AND paused_at IS NOT NULL'),
      claim: db.prepare<[number, string, number]>('INSERT OR IGNORE INTO watch_alerts (watch_id, article_id, alerted_at) VALUES (?, ?, ?)'),
      countSince: db.prepare<[number, number], { n: number }>('SELECT COUNT(*) AS n FROM watch_alerts WHERE watch_id = ? AND alerted_at >= ?'),
      noteOverLimit: db.prepare<[string, number, string]>(
        'UPDATE watches SET over_limit_day = ? WHERE id = ? AND (over_limit_day IS NULL OR over_limit_day <> ?)',
      ),
    };
  }

  async createWatch(input: WatchInput): Promise<Watch> {
    const { lastInsertRowid } = this.#sql.insert.run(input.channelId, input.query, input.createdBy, input.at.getTime());
    const row = this.#sql.get.get(Number(lastInsertRowid));
    if (row === undefined) throw new Error(`store: watch ${String(lastInsertRowid)} vanished after insert`);
    return toWatch(row);
  }

  async listWatches(): Promise<Watch[]> {
    return this.#sql.list.all().map(toWatch);
  }

  async getWatch(id: number): Promise<Watch | null> {
    const row = this.#sql.get.get(id);
    return row === undefined ? null : toWatch(row);
  }

  async deleteWatch(id: number): Promise<boolean> {
    return this.#sql.delete.run(id).changes === 1;
  }

  async pauseChannelWatches(channelId: string, reason: string, at: Date): Promise<number> {
    return this.#sql.pause.run(reason, at.getTime(), channelId).changes;
  }

  async resumeChannelWatches(channelId: string): Promise<number> {
    return this.#sql.resume.run(channelId).changes;
  }

  async claimWatchAlert(watchId: number, articleId: string, at: Date): Promise<boolean> {
    return this.#sql.claim.run(watchId, articleId, at.getTime()).changes === 1;
  }

  async countWatchAlertsSince(watchId: number, since: Date): Promise<number> {
    return this.#sql.countSince.get(watchId, since.getTime())?.n ?? 0;
  }

  async noteWatchOverLimit(watchId: number, day: string): Promise<boolean> {
    return this.#sql.noteOverLimit.run(day, watchId, day).changes === 1;
  }
}
