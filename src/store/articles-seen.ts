/**
 * When each article was first seen, as a port: what decides whether a digest
 * calls an article new and whether a watch fires for it.
 */

/** An article id with the instant the bot first saw it. */
export interface SeenArticle {
  readonly id: string;
  readonly firstSeen: Date;
}

export interface ArticlesSeen {
  /** Records `at` as the first-seen time of each id not seen before; returns those newly seen ids, in input order. */
  recordArticlesSeen(ids: readonly string[], at: Date): Promise<string[]>;
  firstSeen(id: string): Promise<Date | null>;
  /** Articles first seen strictly after `since` (all when null), newest first (ties by id). */
  articlesFirstSeenSince(since: Date | null): Promise<SeenArticle[]>;
}
