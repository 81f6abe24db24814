/** The {@link ArticlesSeen} port on PostgreSQL. */
import type { ArticlesSeen, SeenArticle } from '../articles-seen.ts';
import { millis } from '../rows.ts';
import type { Sql } from './pg-database.ts';

interface SeenRow {
  article_id: string;
  first_seen_at: number;
}

export class PgArticlesSeen implements ArticlesSeen {
  constructor(readonly sql: Sql) {}

  async recordArticlesSeen(ids: readonly string[], at: Date): Promise<string[]> {
    const atMs = millis(at, 'first-seen time');
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const added = await this.sql.rows<{ article_id: string }>(
      `INSERT INTO articles_seen (article_id, first_seen_at) SELECT id, $2 FROM unnest($1::text[]) AS id
       ON CONFLICT DO NOTHING RETURNING article_id`,
      [unique, atMs],
    );
    const newly = new Set(added.map((row) => row.article_id));
    return unique.filter((id) => newly.has(id));
  }

  async firstSeen(id: string): Promise<Date | null> {
    const row = await this.sql.row<SeenRow>('SELECT first_seen_at FROM articles_seen WHERE article_id = $1', [id]);
    return row === undefined ? null : new Date(row.first_seen_at);
  }

  async articlesFirstSeenSince(since: Date | null): Promise<SeenArticle[]> {
    const rows =
      since === null
        ? await this.sql.rows<SeenRow>('SELECT article_id, first_seen_at FROM articles_seen ORDER BY first_seen_at DESC, article_id ASC')
        : await this.sql.rows<SeenRow>(
            'SELECT article_id, first_seen_at FROM articles_seen WHERE first_seen_at > $1 ORDER BY first_seen_at DESC, article_id ASC',
            [millis(since, "'since'")],
          );
    return rows.map((r) => ({ id: r.article_id, firstSeen: new Date(r.first_seen_at) }));
  }
}
