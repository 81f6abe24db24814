/**
 * What the bot remembers about feeds and ingested articles, as a port: the
 * feeds an admin subscribed to with their poll state (validators, failures,
 * next poll, stopped), and the removals an admin made. The de-duplication
 * ledger the pipeline needs is {@link IngestLedger}; the store implements
 * both. Plain data and Promises, so a PostgreSQL store can follow.
 */
import type { IngestLedger } from '../ingest/ingest-ledger.ts';

/** Why a feed is no longer polled on schedule. */
export type FeedStopReason = 'gone'; // 410 Gone: `feeds refresh` or adding it again resumes it

/** A subscribed feed and where its polling stands. */
export interface Feed {
  readonly id: number;
  readonly url: string;
  /** The feed's own title once a poll read it; null before. */
  readonly title: string | null;
  /** Slack user id of the admin who added it; null when added from the CLI. */
  readonly addedBy: string | null;
  readonly addedAt: Date;
  /** Validators of the last 200, echoed exactly on the next poll. */
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** Polls failed in a row since the last success. */
  readonly consecutiveFailures: number;
  readonly lastSuccessAt: Date | null;
  /** The last failure, kept after a success so `feeds list` can show it; null if it never failed. */
  readonly lastError: { readonly message: string; readonly at: Date } | null;
  readonly nextPollAt: Date;
  /** Set when polling stopped (410 Gone); cleared by a refresh or by adding the feed again. */
  readonly stopped: { readonly reason: FeedStopReason; readonly at: Date } | null;
  /** When the person who added it was told it keeps failing; cleared by the next success. */
  readonly failureReportedAt: Date | null;
  /** Articles written to the corpus from this feed. */
  readonly articlesTaken: number;
  /** Why the feed was not well-formed XML at its last read (read leniently all the same); null when it was, or before a read. */
  readonly malformed: string | null;
}

/** What a successful poll (200 or 304) records. */
export interface FeedPollSuccess {
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** The feed's title when the poll read one; null keeps the stored title. */
  readonly title: string | null;
  /** The document was read (a 200): why it was ill-formed, or null when it was well-formed. Absent (a 304) keeps what is stored. */
  readonly malformed?: string | null;
  readonly at: Date;
  readonly nextPollAt: Date;
}

/** What a failed poll records. */
export interface FeedPollFailure {
  readonly message: string;
  readonly at: Date;
  readonly nextPollAt: Date;
}

/** An article an admin removed: the tombstone that keeps every feed from bringing it back. */
export interface ArticleRemoval {
  readonly canonicalUrl: string;
  /** The article's id (its file name without extension) when it was in the corpus; null otherwise. */
  readonly articleId: string | null;
  readonly removedBy: string | null;
  readonly at: Date;
}

export interface FeedStore extends IngestLedger {
  /**
   * Subscribes to a feed, due for a poll at `at`. Adding a feed already
   * there resumes it if it was stopped and makes it due now; `created` says
   * which happened.
   */
  addFeed(input: { readonly url: string; readonly addedBy: string | null; readonly at: Date }): Promise<{ feed: Feed; created: boolean }>;
  /** Every feed, in the order added (ids ascending). */
  listFeeds(): Promise<Feed[]>;
  getFeed(id: number): Promise<Feed | null>;
  /** True when the feed was there. Its item keys go with it; ingested articles and their files stay. */
  removeFeed(id: number): Promise<boolean>;
  /** Feeds not stopped whose next poll is at or before `at`, soonest first. */
  dueFeeds(at: Date): Promise<Feed[]>;
  /** Records a 200 or 304: failures reset, the failure report cleared. */
  recordPollSuccess(id: number, success: FeedPollSuccess): Promise<void>;
  /** Records a failed poll; returns the feed with its failure count raised (null when it was removed meanwhile). */
  recordPollFailure(id: number, failure: FeedPollFailure): Promise<Feed | null>;
  /** Stops polling (410 Gone) until a refresh or a re-add. */
  stopFeed(id: number, reason: FeedStopReason, message: string, at: Date): Promise<void>;
  /**
   * Claims the one failure report owed for the current run of failures: true
   * once, false while it stands (across processes), until a success clears it.
   */
  claimFailureReport(id: number, at: Date): Promise<boolean>;
  /**
   * Takes the lease on polling a feed for `leaseMs` from `at`: true when no
   * other instance holds an unexpired one (or `owner` holds it already).
   * Several instances polling one database poll each feed one at a time; the
   * lease of an instance killed mid-poll expires, and another takes the feed.
   */
  claimFeedPoll(id: number, owner: string, at: Date, leaseMs: number): Promise<boolean>;
  /** Gives the lease back (only `owner`'s), once its poll is recorded. */
  releaseFeedPoll(id: number, owner: string): Promise<void>;
  /** Makes every feed (or the one given) due at `at`, stopped ones resumed. Returns how many. */
  makeFeedsDue(at: Date, id?: number): Promise<number>;

  /** Records a removal; the ingested article row is kept, so the URL and text hash stay known. */
  recordRemoval(removal: ArticleRemoval): Promise<void>;
}
