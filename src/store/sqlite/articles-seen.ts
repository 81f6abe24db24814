/** The {@link ArticlesSeen} port on the bot's SQLite database. */
import type Database from 'better-sqlite3';
import type { ArticlesSeen, SeenArticle } from '../articles-seen.ts';
import { withNormalSync } from './normal-sync.ts';
import { millis } from '../rows.ts';

export class SqliteArticlesSeen implements ArticlesSeen {
  readonly #db: Database.Database;
  readonly #sql;
  readonly #recordSeen;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#sql = {
      insertSeen: db.prepare<[string, number]>('INSERT OR IGNORE INTO articles_seen (article_id, first_seen_at) VALUES (?, ?)'),
      firstSeen: db.prepare<[string], { first_seen_at: number }>('SELECT first_seen_at FROM articles_seen WHERE article_id = ?'),
      seenAll: db.prepare<[], { article_id: string; first_seen_at: number }>(
        'SELECT article_id, first_seen_at FROM articles_seen ORDER BY first_seen_at DESC, article_id ASC',
      ),
      seenSince: db.prepare<[number], { article_id: string; first_seen_at: number }>(
        'SELECT article_id, first_seen_at FROM articles_seen WHERE first_seen_at > ? ORDER BY first_seen_at DESC, article_id ASC',
      ),
    };
    const sql = this.#sql;
    this.#recordSeen = db.transaction((ids: readonly string[], at: number): string[] => {
      const added: string[] = [];
      for (const id of new Set(ids)) {
        if (sql.insertSeen.run(id, at).changes === 1) added.push(id);
      }
      return added;
    });
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
}
