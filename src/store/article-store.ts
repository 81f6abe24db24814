/**
 * The articles every instance indexes, as a port, when several instances
 * share one database (DATABASE_URL): each article file's bytes under its id,
 * every change (an addition, an edit, a removal) numbered in commit order, so
 * an instance follows them by sequence number and misses none. CORPUS_DIR
 * stays the library a person edits: it is imported here (corpus/shared/).
 */

/** One change since a sequence number: the article's file as it now is, or null when it was removed. */
export interface ArticleChange {
  readonly id: string;
  /** The file name (`<id>.md` or `.txt`), as in CORPUS_DIR. */
  readonly file: string;
  readonly seq: number;
  /** The file's bytes; null: removed. */
  readonly content: Uint8Array | null;
}

export type PutArticleResult =
  /** A new sequence number: the article is new or its bytes changed. */
  | { readonly status: 'added' | 'replaced'; readonly seq: number }
  /** The same bytes as stored: nothing changes (imports are idempotent). */
  | { readonly status: 'unchanged' }
  /** An admin removed this article (`/aigov remove`): a copy in some instance's CORPUS_DIR does not bring it back. */
  | { readonly status: 'removed-by-admin' };

export interface ArticleStore {
  putArticle(input: { readonly id: string; readonly file: string; readonly content: Uint8Array; readonly at: Date }): Promise<PutArticleResult>;
  /** Marks the article removed (a new sequence number); false when it was not there or already removed. */
  deleteArticle(id: string, at: Date): Promise<boolean>;
  /** Changes with a sequence number above `seq`, in order, at most `limit`. */
  changesAfter(seq: number, limit: number): Promise<ArticleChange[]>;
  /**
   * Calls `wake` soon after another change is committed (PostgreSQL: NOTIFY;
   * the embedded engine: a change made in this process). A wake-up only: the
   * changes are read with {@link changesAfter}, and a follower polls too, since
   * a wake-up can be missed (a connection lost). Returns the unsubscribe.
   */
  onChange(wake: () => void): () => void;
}
