/**
 * What people ask of ingestion, whether from Slack or the terminal: add
 * links, remove an article, manage feeds. Plain data in and out; the Slack
 * commands and the CLI render the results. Who may do what is decided by
 * the callers (admins only for feeds and removals).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseHttpUrl } from '../core/http-url.ts';
import type { IngestOutcome, IngestVia } from '../ingest/ingest-types.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { FeedPreview } from '../ingest/feed-preview.ts';
import type { Feed, FeedStore } from '../store/feed-store.ts';
import type { FeedPollReport, FeedScheduler } from './feed-scheduler.ts';
import type { HostGate } from './host-gate.ts';
import type { IngestRunner } from './ingest-runner.ts';

/** At most this many links are taken from one command or message; the rest are named as skipped. */
export const MAX_LINKS_PER_REQUEST = 20;

/** What happened to one link: the pipeline's outcome, or the fetcher died on it (twice). */
export type LinkResult = IngestOutcome | { readonly kind: 'crashed'; readonly url: string; readonly message: string };

export type RemoveResult =
  | { readonly status: 'removed'; readonly canonicalUrl: string; readonly title: string; readonly file: string }
  /** Not an article the bot ingested; the tombstone is recorded anyway, so no feed brings it in later. */
  | { readonly status: 'not-ingested'; readonly canonicalUrl: string }
  | { readonly status: 'invalid-url'; readonly url: string };

export type FeedAddResult =
  | { readonly status: 'invalid-url'; readonly url: string }
  | { readonly status: 'added' | 'already-there'; readonly feed: Feed; readonly poll: FeedPollReport };

export interface NewsDeskDeps {
  readonly store: FeedStore;
  readonly runner: IngestRunner;
  readonly scheduler: FeedScheduler;
  /** Shared with the scheduler: one request per host at a time. */
  readonly gate: HostGate;
  readonly corpusDir: string;
  /** The pipeline's URL canonicalisation (lower-case host, no fragment, no tracking parameters). */
  readonly canonicalUrl: (url: string) => string;
  readonly clock: () => Date;
  /**
   * With a shared database (DATABASE_URL): the articles every instance
   * indexes. A removal is made there too, so it holds on every instance,
   * whichever one's CORPUS_DIR holds the file.
   */
  readonly sharedArticles?: Pick<ArticleStore, 'deleteArticle'>;
}

export interface NewsDesk {
  addLinks(urls: readonly string[], via: IngestVia): Promise<LinkResult[]>;
  removeArticle(url: string, removedBy: string | null): Promise<RemoveResult>;
  addFeed(url: string, addedBy: string | null): Promise<FeedAddResult>;
  listFeeds(): Promise<Feed[]>;
  /** A feed by its URL or by its number in {@link listFeeds} (1-based). */
  findFeed(ref: string): Promise<Feed | null>;
  removeFeed(feed: Feed): Promise<boolean>;
  /** What subscribing to the feed at `url` would take: fetched and read as a poll would, nothing stored. */
  previewFeed(url: string): Promise<FeedPreview>;
  /** Resumes stopped feeds and polls every feed now. */
  refreshFeeds(): Promise<FeedPollReport[]>;
}

/** The http(s) URL, or null. */
function httpUrl(text: string): string | null {
  const parsed = parseHttpUrl(text.trim());
  return parsed.ok ? parsed.url.href : null;
}

export function createNewsDesk(deps: NewsDeskDeps): NewsDesk {
  const { store, runner, scheduler, gate, clock } = deps;

  async function addLink(url: string, via: IngestVia): Promise<LinkResult> {
    const href = httpUrl(url);
    if (href === null) return { kind: 'failed', url, code: 'invalid-url', message: `'${url}' is not an http(s) URL` };
    try {
      return await gate.run(href, () => runner.addPage(href, via));
    } catch (err) {
      return { kind: 'crashed', url: href, message: err instanceof Error ? err.message : String(err) };
    }
  }

  async function findFeed(ref: string): Promise<Feed | null> {
    const feeds = await store.listFeeds();
    const trimmed = ref.trim();
    if (/^\d+$/.test(trimmed)) return feeds[Number(trimmed) - 1] ?? null;
    const href = httpUrl(trimmed);
    return feeds.find((f) => f.url === href || f.url === trimmed) ?? null;
  }

  return {
    async addLinks(urls, via) {
      const unique = [...new Set(urls.map((u) => u.trim()).filter((u) => u.length > 0))];
      return Promise.all(unique.map((url) => addLink(url, via)));
    },

    async removeArticle(url, removedBy) {
      if (httpUrl(url) === null) return { status: 'invalid-url', url };
      const canonicalUrl = deps.canonicalUrl(url.trim());
      const article = await store.findByUrl(canonicalUrl);
      await store.recordRemoval({ canonicalUrl, articleId: article?.articleId ?? null, removedBy, at: clock() });
      if (article === null) return { status: 'not-ingested', canonicalUrl };
      // The ledger holds a bare file name; refuse anything that would leave CORPUS_DIR.
      if (path.basename(article.file) !== article.file) throw new Error(`news: ledger file name '${article.file}' is not a bare file name`);
      await fs.rm(path.join(deps.corpusDir, article.file), { force: true });
      await deps.sharedArticles?.deleteArticle(article.articleId, clock());
      return { status: 'removed', canonicalUrl, title: article.title, file: article.file };
    },

    async addFeed(url, addedBy) {
      const href = httpUrl(url);
      if (href === null) return { status: 'invalid-url', url };
      const { feed, created } = await store.addFeed({ url: href, addedBy, at: clock() });
      const [poll] = await scheduler.pollNow([feed]);
      const after = (await store.getFeed(feed.id)) ?? feed;
      return { status: created ? 'added' : 'already-there', feed: after, poll: poll! };
    },

    async previewFeed(url) {
      const href = httpUrl(url);
      if (href === null) return { ok: false, source: url, code: 'invalid-url', error: `'${url}' is not an http(s) URL` };
      try {
        // Through the host gate like any poll: a preview is one more request to that server.
        return await gate.run(href, () => runner.previewFeed(href));
      } catch (err) {
        return { ok: false, source: url, code: 'network', error: `the fetcher stopped while reading this feed (${err instanceof Error ? err.message : String(err)})` };
      }
    },

    listFeeds: () => store.listFeeds(),
    findFeed,
    removeFeed: (feed) => store.removeFeed(feed.id),

    async refreshFeeds() {
      await store.makeFeedsDue(clock());
      return scheduler.pollNow(await store.listFeeds());
    },
  };
}
