/**
 * The two entry points the drivers (feed scheduler, `/aigov add`, the message
 * shortcut, the CLI) call. Everything they need is passed in, so the worker
 * that runs them, the tests and the CLI each hand over their own fetcher,
 * ledger, corpus directory and clock.
 *
 * Pipeline: fetch/ → feed/ → extract/ → metadata/ → url/ → dedup/ → corpus-file/.
 */
import type { Logger } from '../logging/logger.ts';
import type { IngestLedger } from './ingest-ledger.ts';
import type { IngestFailureCode, IngestOutcome, IngestVia } from './ingest-types.ts';
import type { Fetcher, FetchResponse } from './fetch/fetcher.ts';
import { FetchError } from './fetch/fetch-errors.ts';
import { decodeBody } from './fetch/decode-body.ts';
import { NotAFeedError, type FeedItem, type ParsedFeed } from './feed/parse-feed.ts';
import { readFeed } from './feed/read-feed.ts';
import { carriesArticle, FULL_CONTENT_MIN_CHARS, itemParagraphs } from './feed/item-text.ts';
import { previewParsedFeed, type FeedPreview } from './feed-preview.ts';
import type { AddressRange } from './fetch/address-guard.ts';
import { assertHtml, extractArticle, NoArticleError, NotHtmlError } from './extract/extract-article.ts';
import { readPageMetadata, type MetaDocument, type PageMetadata } from './metadata/read-page-metadata.ts';
import { resolveMetadata, type FeedFacts } from './metadata/resolve-metadata.ts';
import { canonicalUrl } from './url/canonical-url.ts';
import { contentHash } from './dedup/content-hash.ts';
import { CorpusFileError, writeCorpusFile } from './corpus-file/write-corpus-file.ts';
import { parseHttpUrl } from '../core/http-url.ts';
import { articleIdOf } from '../core/corpus/parse-article.ts';
import { parseHTML } from 'linkedom';

export type { Fetcher } from './fetch/fetcher.ts';
/** Drivers build one fetcher per process: `createFetcher({ allowPrivate: config.fetchAllowPrivate })`. */
export { createFetcher } from './fetch/fetcher.ts';

/** What {@link ingestPage} and {@link pollFeed} need from the outside world. */
export interface IngestDeps {
  /** Made once with `createFetcher({ allowPrivate })` (fetch/fetcher.ts) and shared. */
  readonly fetcher: Fetcher;
  readonly ledger: IngestLedger;
  /** Absolute path of CORPUS_DIR: articles are written there atomically. */
  readonly corpusDir: string;
  /** The current time (retrieval day, `retrieved_at`, future-date clamp). */
  readonly clock: () => Date;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
  /** The fetcher's FETCH_ALLOW_PRIVATE, for the preview to name item links it would refuse (default: none allowed). */
  readonly allowPrivate?: readonly AddressRange[];
}

/** A feed as the store knows it, with the validators of its last successful poll. */
export interface FeedToPoll {
  readonly id: number;
  readonly url: string;
  /** `ETag` of the last 200, echoed exactly as `If-None-Match`; null when none. */
  readonly etag: string | null;
  /** `Last-Modified` of the last 200, echoed exactly as `If-Modified-Since`; null when none. */
  readonly lastModified: string | null;
  /** The title stored for the feed (used as the source when a page states none). */
  readonly title: string | null;
}

/**
 * What one poll of a feed found. The scheduler stores `etag`/`lastModified`,
 * computes the next poll from `ttlMinutes`, `maxAgeMs`, `expiresAt` and
 * `retryAfterMs`, and counts failures; the pipeline decides none of that.
 */
export interface FeedPollResult {
  /**
   * - `ok`: the feed was read; `outcomes` says what happened to each new item.
   * - `not-modified`: 304, nothing to do.
   * - `gone`: 410, stop polling it.
   * - `failed`: see `error`.
   */
  readonly status: 'ok' | 'not-modified' | 'gone' | 'failed';
  /** The final HTTP status, or null when no response came (network, refused address, timeout). */
  readonly httpStatus: number | null;
  /** Validators to store for the next poll (kept from `feed` on 304; null when the server sent none). */
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** `Cache-Control: max-age` in ms, or null. */
  readonly maxAgeMs: number | null;
  /** `Expires` as an absolute time, or null (absent, invalid or in the past). */
  readonly expiresAt: Date | null;
  /** `Retry-After` (seconds or a date) in ms from now, or null. */
  readonly retryAfterMs: number | null;
  /** The feed's `<ttl>` in minutes (RSS), or null. */
  readonly ttlMinutes: number | null;
  /** The feed's own title, or null (not read, or the feed has none). */
  readonly feedTitle: string | null;
  /** When the feed was read (`ok`): why its XML was not well-formed (it was read leniently), or null when it was. Null when not read. */
  readonly malformed: string | null;
  /** One outcome per item not seen before in this feed, in feed order. */
  readonly outcomes: readonly IngestOutcome[];
  /** Why the poll failed, when `status` is 'failed' (same codes as a page). */
  readonly error: { readonly code: IngestFailureCode; readonly message: string } | null;
}

/** An item whose own text (the fuller of content and summary) is at least this long is the article: no page is fetched. */
export { FULL_CONTENT_MIN_CHARS };

/**
 * Failures worth trying again at the next poll (the item is not recorded as
 * handled); any other outcome is final for that item.
 */
const TRANSIENT_FAILURES: ReadonlySet<IngestFailureCode> = new Set(['timed-out', 'network', 'http-error']);

/** Fetches one page, extracts its article and writes it to the corpus (or says why not). Never throws for a bad page. */
export async function ingestPage(url: string, via: IngestVia, deps: IngestDeps): Promise<IngestOutcome> {
  const outcome = await ingestLink(url, via, null, [], deps);
  deps.logger.info({ url, outcome: outcome.kind, ...(outcome.kind === 'failed' ? { code: outcome.code } : {}) }, 'ingest page');
  return outcome;
}

/** One fetch of a feed and its reading, as polling and the preview both do it. */
export type FeedFetch =
  | { readonly kind: 'read'; readonly response: FetchResponse; readonly feed: ParsedFeed }
  | { readonly kind: 'not-modified'; readonly response: FetchResponse }
  | { readonly kind: 'gone'; readonly response: FetchResponse }
  /** No feed: `response` is null when no response came (network, refused address, timeout, too large). */
  | { readonly kind: 'failed'; readonly response: FetchResponse | null; readonly code: IngestFailureCode; readonly message: string };

/** Fetches a feed through the one fetcher (its address guard, limits and headers) and reads it with readFeed. Never throws for a bad feed. */
export async function fetchFeed(request: { readonly url: string; readonly etag?: string | null; readonly lastModified?: string | null }, fetcher: Fetcher): Promise<FeedFetch> {
  let response: FetchResponse;
  try {
    response = await fetcher.fetch({ url: request.url, kind: 'feed', etag: request.etag ?? null, lastModified: request.lastModified ?? null });
  } catch (err) {
    if (err instanceof FetchError) return { kind: 'failed', response: null, code: err.code, message: err.message };
    throw err;
  }
  if (response.status === 304) return { kind: 'not-modified', response };
  if (response.status === 410) return { kind: 'gone', response };
  if (response.status < 200 || response.status >= 300) {
    return { kind: 'failed', response, code: response.status === 404 ? 'not-found' : 'http-error', message: `HTTP ${response.status}` };
  }
  try {
    return { kind: 'read', response, feed: readFeed(response.body, response) };
  } catch (err) {
    if (err instanceof NotAFeedError) return { kind: 'failed', response, code: 'not-a-feed', message: err.message };
    throw err;
  }
}

/** What subscribing to `url` would take (nothing stored, no page fetched): the same fetch and reading as a poll. */
export async function previewFeed(url: string, deps: { readonly fetcher: Fetcher; readonly allowPrivate: readonly AddressRange[] }): Promise<FeedPreview> {
  const parsedUrl = parseHttpUrl(url.trim());
  if (!parsedUrl.ok) return { ok: false, source: url, code: 'invalid-url', error: parsedUrl.problem === 'not-a-url' ? 'not a URL' : 'only http and https feeds are read' };
  const fetched = await fetchFeed({ url: parsedUrl.url.href }, deps.fetcher);
  switch (fetched.kind) {
    case 'read':
      return previewParsedFeed(url, fetched.response.url, fetched.feed, deps.allowPrivate);
    case 'gone':
      return { ok: false, source: url, code: 'not-found', error: 'HTTP 410 Gone' };
    case 'not-modified':
      return { ok: false, source: url, code: 'http-error', error: 'HTTP 304 to a request without validators' };
    case 'failed':
      return { ok: false, source: url, code: fetched.code, error: fetched.message };
  }
}

/** Polls one feed with a conditional GET and ingests every item not seen before. Never throws for a bad feed. */
export async function pollFeed(feed: FeedToPoll, deps: IngestDeps): Promise<FeedPollResult> {
  const none = { httpStatus: null, etag: feed.etag, lastModified: feed.lastModified, maxAgeMs: null, expiresAt: null, retryAfterMs: null, ttlMinutes: null, feedTitle: null, malformed: null, outcomes: [] };
  const fetched = await fetchFeed(feed, deps.fetcher);
  const response = fetched.response;
  if (response === null) return { ...none, status: 'failed', error: fetched.kind === 'failed' ? { code: fetched.code, message: fetched.message } : null };
  const facts = {
    httpStatus: response.status,
    maxAgeMs: response.maxAgeMs,
    expiresAt: response.expiresAt,
    retryAfterMs: response.retryAfterMs,
  };
  if (fetched.kind === 'not-modified') {
    return { ...none, ...facts, status: 'not-modified', etag: response.etag ?? feed.etag, lastModified: response.lastModified ?? feed.lastModified, error: null };
  }
  if (fetched.kind === 'gone') return { ...none, ...facts, status: 'gone', error: { code: 'not-found', message: 'HTTP 410 Gone' } };
  // A 2xx that is not a feed keeps the validators it came with; an error status keeps the stored ones.
  const validators = response.status >= 200 && response.status < 300 ? { etag: response.etag, lastModified: response.lastModified } : {};
  if (fetched.kind === 'failed') return { ...none, ...facts, ...validators, status: 'failed', error: { code: fetched.code, message: fetched.message } };
  const parsed = fetched.feed;
  if (parsed.malformed) deps.logger.info({ feedId: feed.id, problem: parsed.problem }, 'feed is not well-formed XML; read leniently');
  const feedTitle = parsed.title ?? feed.title;
  const via: IngestVia = { kind: 'feed', feedId: feed.id, feedUrl: feed.url, feedTitle };
  const outcomes: IngestOutcome[] = [];
  for (const item of parsed.items) {
    if (item.key === null) {
      deps.logger.warn({ feedId: feed.id, title: item.title }, 'feed item with neither guid/id nor link: skipped');
      continue;
    }
    if (await deps.ledger.hasFeedItem(feed.id, item.key)) continue;
    const outcome = await ingestFeedItem(item, feedTitle, via, deps);
    outcomes.push(outcome);
    if (outcome.kind !== 'failed' || !TRANSIENT_FAILURES.has(outcome.code)) await deps.ledger.recordFeedItem(feed.id, item.key, deps.clock());
  }
  deps.logger.info({ feedId: feed.id, items: parsed.items.length, new: outcomes.length, added: outcomes.filter((o) => o.kind === 'added').length }, 'feed polled');
  return {
    ...facts,
    etag: response.etag,
    lastModified: response.lastModified,
    status: 'ok',
    ttlMinutes: parsed.ttlMinutes,
    feedTitle: parsed.title,
    malformed: parsed.problem,
    outcomes,
    error: null,
  };
}

async function ingestFeedItem(item: FeedItem, feedTitle: string | null, via: IngestVia, deps: IngestDeps): Promise<IngestOutcome> {
  if (item.link === null) return failed(item.key ?? '', 'invalid-url', 'the feed item has no link');
  // No publication date in the feed: its update date, still the feed's word, beats the retrieval day.
  const feedFacts: FeedFacts = {
    title: item.title,
    published: item.published ?? item.updated,
    publishedRaw: item.published === null ? null : item.publishedRaw,
    feedTitle,
  };
  const paragraphs = itemParagraphs(item);
  if (!carriesArticle(paragraphs)) return ingestLink(item.link, via, feedFacts, item.categories, deps);

  // The feed carries the whole article: no page fetch.
  const early = await knownOutcome(item.link, deps);
  if (early) return early;
  return storeArticle({ url: item.link, page: null, extractedTitle: null, feed: feedFacts, paragraphs, tags: item.categories, via }, deps);
}

/** Removed or already ingested under this URL, checked before any traffic. */
async function knownOutcome(url: string, deps: IngestDeps): Promise<IngestOutcome | null> {
  const canonical = canonicalUrl(url);
  if (await deps.ledger.isRemoved(canonical)) return { kind: 'removed', url, canonicalUrl: canonical };
  const known = await deps.ledger.findByUrl(canonical);
  if (known) return { kind: 'duplicate', url, canonicalUrl: canonical, articleId: known.articleId, title: known.title, by: 'url' };
  return null;
}

async function ingestLink(url: string, via: IngestVia, feed: FeedFacts | null, tags: readonly string[], deps: IngestDeps): Promise<IngestOutcome> {
  const parsedUrl = parseHttpUrl(url.trim());
  if (!parsedUrl.ok) return failed(url, 'invalid-url', parsedUrl.problem === 'not-a-url' ? 'not a URL' : 'only http and https links are fetched');
  const early = await knownOutcome(parsedUrl.url.href, deps);
  if (early) return { ...early, url };

  let response: FetchResponse;
  try {
    response = await deps.fetcher.fetch({ url: parsedUrl.url.href, kind: 'page' });
  } catch (err) {
    if (err instanceof FetchError) return failed(url, err.code, err.message);
    throw err;
  }
  if (response.status === 404 || response.status === 410) return failed(url, 'not-found', `HTTP ${response.status}`);
  if (response.status < 200 || response.status >= 300) return failed(url, 'http-error', `HTTP ${response.status}`);
  const html = decodeBody(response.body, response.charset);
  let page: PageMetadata;
  let extracted;
  try {
    assertHtml(response.mediaType, html);
    page = readPageMetadata(parseHTML(html).document as unknown as MetaDocument, response.url);
    extracted = extractArticle(html);
  } catch (err) {
    if (err instanceof NotHtmlError || err instanceof NoArticleError) return failed(url, err.code, err.message);
    throw err;
  }
  return storeArticle({ url, finalUrl: response.url, page, extractedTitle: extracted.title, feed, paragraphs: extracted.paragraphs, tags, via }, deps);
}

async function storeArticle(
  input: {
    readonly url: string;
    /** Where the page was fetched from after redirects (defaults to `url`). */
    readonly finalUrl?: string;
    readonly page: PageMetadata | null;
    readonly extractedTitle: string | null;
    readonly feed: FeedFacts | null;
    readonly paragraphs: readonly string[];
    readonly tags: readonly string[];
    readonly via: IngestVia;
  },
  deps: IngestDeps,
): Promise<IngestOutcome> {
  const { url } = input;
  const retrievedAt = deps.clock();
  const meta = resolveMetadata({ pageUrl: input.finalUrl ?? url, page: input.page, extractedTitle: input.extractedTitle, feed: input.feed, retrievedAt });
  if (meta.dateNote) deps.logger.info({ url, note: meta.dateNote }, 'ingest date');
  // The page may name another canonical URL than the link (redirects, rel=canonical): check it too.
  const known = await knownOutcome(meta.canonicalUrl, deps);
  if (known) return { ...known, url };
  const hash = contentHash(input.paragraphs);
  const sameText = await deps.ledger.findByContentHash(hash);
  if (sameText) return { kind: 'duplicate', url, canonicalUrl: meta.canonicalUrl, articleId: sameText.articleId, title: sameText.title, by: 'content' };

  let article;
  try {
    article = await writeCorpusFile(deps.corpusDir, {
      title: meta.title,
      date: meta.date,
      dateBasis: meta.dateBasis,
      source: meta.source,
      url: meta.canonicalUrl,
      retrievedAt,
      via: input.via,
      tags: input.tags,
      paragraphs: input.paragraphs,
    });
  } catch (err) {
    if (err instanceof CorpusFileError && err.code === 'exists') {
      return { kind: 'duplicate', url, canonicalUrl: meta.canonicalUrl, articleId: articleIdOf(err.file), title: meta.title, by: 'url' };
    }
    if (err instanceof CorpusFileError) return failed(url, 'no-article', err.message);
    throw err;
  }
  await deps.ledger.recordIngested({
    canonicalUrl: meta.canonicalUrl,
    contentHash: hash,
    articleId: article.id,
    file: article.file,
    title: article.title,
    feedId: input.via.kind === 'feed' ? input.via.feedId : null,
    at: retrievedAt,
  });
  return {
    kind: 'added',
    url,
    canonicalUrl: meta.canonicalUrl,
    articleId: article.id,
    file: article.file,
    title: article.title,
    source: article.source,
    date: meta.date,
    dateBasis: meta.dateBasis,
  };
}

function failed(url: string, code: IngestFailureCode, message: string): IngestOutcome {
  return { kind: 'failed', url, code, message };
}
