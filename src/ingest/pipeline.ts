/**
 * The two entry points the drivers (feed scheduler, `/aigov add`, the message
 * shortcut, the CLI) call. Everything they need is passed in, so the worker
 * that runs them, the tests and the CLI each hand over their own fetcher,
 * ledger, corpus directory and clock.
 *
 * Pipeline: fetch/ → feed/ → extract/ → metadata/ → url/ → dedup/ → corpus-file/.
 */
import type { Logger } from '../logger.ts';
import type { IngestLedger } from './ingest-ledger.ts';
import type { IngestOutcome, IngestVia } from './ingest-types.ts';
import type { Fetcher } from './fetch/fetcher.ts';

export type { Fetcher } from './fetch/fetcher.ts';

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
  /** One outcome per item not seen before in this feed, in feed order. */
  readonly outcomes: readonly IngestOutcome[];
  /** Why the poll failed, when `status` is 'failed' (same codes as a page). */
  readonly error: { readonly code: import('./ingest-types.ts').IngestFailureCode; readonly message: string } | null;
}

/** Fetches one page, extracts its article and writes it to the corpus (or says why not). */
export async function ingestPage(url: string, via: IngestVia, deps: IngestDeps): Promise<IngestOutcome> {
  void url;
  void via;
  void deps;
  throw new Error('ingestPage: not implemented yet (ingest-core branch in progress)');
}

/** Polls one feed with a conditional GET and ingests every item not seen before. */
export async function pollFeed(feed: FeedToPoll, deps: IngestDeps): Promise<FeedPollResult> {
  void feed;
  void deps;
  throw new Error('pollFeed: not implemented yet (ingest-core branch in progress)');
}
