/**
 * An IngestLedger in memory, for the pipeline's tests (the bot and the CLI use
 * the SQLite store). Same contract: a test that passes here states what any
 * ledger must do.
 */
import type { IngestedArticle, IngestLedger } from '../../../src/ingest/ingest-ledger.ts';

export class MemoryIngestLedger implements IngestLedger {
  readonly articles: IngestedArticle[] = [];
  readonly removed = new Set<string>();
  readonly feedItems = new Map<string, Date>();

  async findByUrl(canonicalUrl: string): Promise<IngestedArticle | null> {
    return this.articles.find((a) => a.canonicalUrl === canonicalUrl) ?? null;
  }
  async findByContentHash(contentHash: string): Promise<IngestedArticle | null> {
    return this.articles.find((a) => a.contentHash === contentHash) ?? null;
  }
  async recordIngested(article: IngestedArticle): Promise<void> {
    this.articles.push(article);
  }
  async isRemoved(canonicalUrl: string): Promise<boolean> {
    return this.removed.has(canonicalUrl);
  }
  async hasFeedItem(feedId: number, itemKey: string): Promise<boolean> {
    return this.feedItems.has(`${feedId}\n${itemKey}`);
  }
  async recordFeedItem(feedId: number, itemKey: string, at: Date): Promise<void> {
    this.feedItems.set(`${feedId}\n${itemKey}`, at);
  }
}
