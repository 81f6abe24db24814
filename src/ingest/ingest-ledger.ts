/**
 * What the ingestion pipeline must remember to never take the same story
 * twice and never bring back what an admin removed. A port: the SQLite store
 * implements it (PostgreSQL later), tests may hand the pipeline any
 * implementation. Plain data and Promises only.
 */

/** An article the pipeline wrote to the corpus. */
export interface IngestedArticle {
  /** Canonical URL (see the pipeline's URL canonicalisation). */
  readonly canonicalUrl: string;
  /** Hash of the extracted text (normalised), hex. */
  readonly contentHash: string;
  readonly articleId: string;
  /** File name in CORPUS_DIR. */
  readonly file: string;
  readonly title: string;
  /** The feed it came from, or null (a link added by a user or the CLI). */
  readonly feedId: number | null;
  readonly at: Date;
}

export interface IngestLedger {
  /** The article already ingested under this canonical URL, or null. */
  findByUrl(canonicalUrl: string): Promise<IngestedArticle | null>;
  /** The article already ingested with this text hash (under any URL), or null. */
  findByContentHash(contentHash: string): Promise<IngestedArticle | null>;
  /** Records an article written to the corpus. */
  recordIngested(article: IngestedArticle): Promise<void>;
  /** True when an admin removed the article at this canonical URL: it must not come back. */
  isRemoved(canonicalUrl: string): Promise<boolean>;
  /** True when this feed's item key (guid/id, else link) was taken before: the item is not fetched again. */
  hasFeedItem(feedId: number, itemKey: string): Promise<boolean>;
  /** Records a feed item as handled, whatever its outcome (added, duplicate, removed), so it is not taken again. */
  recordFeedItem(feedId: number, itemKey: string, at: Date): Promise<void>;
}
