/**
 * The {@link ArticleStore} on the embedded SQLite file. The bot indexes
 * CORPUS_DIR directly in this mode; the port is here so that every engine
 * implements every port (and the contract tests hold it to PostgreSQL's).
 */
import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import type { ArticleChange, ArticleStore, PutArticleResult } from '../article-store.ts';
import { articleContentHash, millis, toArticleChange, type ArticleRow } from '../rows.ts';

export class SqliteArticleStore implements ArticleStore {
  readonly #sql;
  readonly #put;
  readonly #delete;
  readonly #changes = new EventEmitter();

  constructor(db: Database.Database) {
    this.#sql = {
      removedByAdmin: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM removed_articles WHERE article_id = ?'),
      current: db.prepare<[string], { content_hash: string | null; file: string }>('SELECT content_hash, file FROM articles WHERE id = ?'),
      nextSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM articles'),
      upsert: db.prepare<[string, string, Uint8Array | null, string | null, number, number]>(
        `INSERT INTO articles (id, file, content, content_hash, seq, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET file = excluded.file, content = excluded.content, content_hash = excluded.content_hash,
           seq = excluded.seq, updated_at = excluded.updated_at`,
      ),
      changesAfter: db.prepare<[number, number], ArticleRow>('SELECT id, file, content, content_hash, seq FROM articles WHERE seq > ? ORDER BY seq LIMIT ?'),
    };
    const sql = this.#sql;
    this.#put = db.transaction((id: string, file: string, content: Uint8Array, at: number): PutArticleResult => {
      if (sql.removedByAdmin.get(id) !== undefined) return { status: 'removed-by-admin' };
      const hash = articleContentHash(content);
      const current = sql.current.get(id);
      if (current !== undefined && current.content_hash === hash) return { status: 'unchanged' };
      const seq = sql.nextSeq.get()?.seq ?? 1;
      sql.upsert.run(id, file, content, hash, seq, at);
      return { status: current === undefined || current.content_hash === null ? 'added' : 'replaced', seq };
    });
    this.#delete = db.transaction((id: string, at: number): boolean => {
      const current = sql.current.get(id);
      if (current === undefined || current.content_hash === null) return false;
      sql.upsert.run(id, current.file, null, null, sql.nextSeq.get()?.seq ?? 1, at);
      return true;
    });
  }

  async putArticle(input: { id: string; file: string; content: Uint8Array; at: Date }): Promise<PutArticleResult> {
    const result = this.#put.immediate(input.id, input.file, input.content, millis(input.at, 'article time'));
    if (result.status === 'added' || result.status === 'replaced') this.#changes.emit('change');
    return result;
  }

  async deleteArticle(id: string, at: Date): Promise<boolean> {
    const deleted = this.#delete.immediate(id, millis(at, 'removal time'));
    if (deleted) this.#changes.emit('change');
    return deleted;
  }

  async changesAfter(seq: number, limit: number): Promise<ArticleChange[]> {
    return this.#sql.changesAfter.all(seq, limit).map(toArticleChange);
  }

  onChange(wake: () => void): () => void {
    this.#changes.on('change', wake);
    return () => this.#changes.off('change', wake);
  }
}
