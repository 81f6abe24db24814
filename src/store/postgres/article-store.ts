/**
 * The {@link ArticleStore} on PostgreSQL. Writers take one transaction-level
 * advisory lock, so sequence numbers are given and committed in the same
 * order: a follower reading "after seq N" never skips a change that commits
 * later with a smaller number (which a plain sequence allows). Each change
 * sends NOTIFY, delivered at commit, as a wake-up for the other instances.
 */
import type { ArticleChange, ArticleStore, PutArticleResult } from '../article-store.ts';
import { articleContentHash, millis, toArticleChange, type ArticleRow } from '../rows.ts';
import type { PgDatabase, Sql } from './pg-database.ts';

/** The advisory lock key of article writes ("aigova" in ASCII). */
const ARTICLES_LOCK = 0x616967_6f7661;
/** The NOTIFY channel of article changes. */
export const ARTICLES_CHANNEL = 'aigov_articles';

async function nextSeq(sql: Sql): Promise<number> {
  await sql.run('SELECT pg_advisory_xact_lock($1)', [ARTICLES_LOCK]);
  return (await sql.row<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM articles'))?.seq ?? 1;
}

export class PgArticleStore implements ArticleStore {
  constructor(readonly db: PgDatabase) {}

  putArticle(input: { id: string; file: string; content: Uint8Array; at: Date }): Promise<PutArticleResult> {
    const at = millis(input.at, 'article time');
    const hash = articleContentHash(input.content);
    return this.db.transaction(async (sql): Promise<PutArticleResult> => {
      if ((await sql.row('SELECT 1 AS one FROM removed_articles WHERE article_id = $1', [input.id])) !== undefined) return { status: 'removed-by-admin' };
      const current = await sql.row<{ content_hash: string | null }>('SELECT content_hash FROM articles WHERE id = $1', [input.id]);
      if (current?.content_hash === hash) return { status: 'unchanged' };
      const seq = await nextSeq(sql);
      // Read again under the lock: another instance may have stored the same bytes meanwhile.
      const now = await sql.row<{ content_hash: string | null }>('SELECT content_hash FROM articles WHERE id = $1', [input.id]);
      if (now?.content_hash === hash) return { status: 'unchanged' };
      await sql.run(
        `INSERT INTO articles (id, file, content, content_hash, seq, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET file = excluded.file, content = excluded.content, content_hash = excluded.content_hash,
           seq = excluded.seq, updated_at = excluded.updated_at`,
        [input.id, input.file, Buffer.from(input.content), hash, seq, at],
      );
      await sql.run('SELECT pg_notify($1, $2)', [ARTICLES_CHANNEL, String(seq)]);
      return { status: now === undefined || now.content_hash === null ? 'added' : 'replaced', seq };
    });
  }

  deleteArticle(id: string, at: Date): Promise<boolean> {
    const atMs = millis(at, 'removal time');
    return this.db.transaction(async (sql) => {
      const seq = await nextSeq(sql);
      const removed = await sql.run('UPDATE articles SET content = NULL, content_hash = NULL, seq = $2, updated_at = $3 WHERE id = $1 AND content IS NOT NULL', [id, seq, atMs]);
      if (removed === 1) await sql.run('SELECT pg_notify($1, $2)', [ARTICLES_CHANNEL, String(seq)]);
      return removed === 1;
    });
  }

  async changesAfter(seq: number, limit: number): Promise<ArticleChange[]> {
    const rows = await this.db.rows<ArticleRow>('SELECT id, file, content, content_hash, seq FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2', [seq, limit]);
    return rows.map(toArticleChange);
  }

  onChange(wake: () => void): () => void {
    return this.db.listen(ARTICLES_CHANNEL, wake);
  }
}
