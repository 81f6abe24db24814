/**
 * Daily digest subscriptions and the ledger of digests posted, as a port.
 */

/** A channel's daily digest subscription. */
export interface Subscription {
  readonly channelId: string;
  /** Local wall-clock time of day, `HH:MM` (24-hour). */
  readonly time: string;
  /** IANA time zone name the time is read in, e.g. `Europe/Brussels`. */
  readonly timeZone: string;
  /** Slack user id of whoever first subscribed the channel, or null when unknown (e.g. set from the CLI). */
  readonly createdBy: string | null;
  readonly createdAt: Date;
  /**
   * When the time, zone or pause last changed (equals `createdAt` for a new
   * subscription). A scheduled time earlier than this is not due, so
   * subscribing at 10:00 for 09:00 first posts the next day.
   */
  readonly updatedAt: Date;
  /** Set when deliveries are suspended (e.g. the bot was removed from the channel); re-subscribing clears it. */
  readonly paused: { readonly reason: string; readonly at: Date } | null;
}

/** What `upsertSubscription` needs. */
export interface SubscriptionInput {
  readonly channelId: string;
  /** `HH:MM`, as returned by `parseDigestTime`. */
  readonly time: string;
  /** A valid IANA name, ideally canonicalised with `canonicalTimeZone`. */
  readonly timeZone: string;
  readonly createdBy: string | null;
  readonly at: Date;
}

/**
 * Where a digest stands for one channel and one local day.
 *
 * - `reserved`: a process claimed the day and is posting (or died while posting).
 * - `posted`: done; never post that day again. The one exception is a day
 *   posted with no message (nothing was new): `/aigov digest now` may take it
 *   again once something is (`ReserveOptions.retakeNothingNew`).
 * - `failed`: the post is known not to have happened (`releaseDigest`); the day
 *   may be reserved again.
 * - `interrupted`: a reservation outlived {@link DIGEST_RESERVATION_STALE_AFTER_MS}
 *   with no outcome (`markStaleDigestsInterrupted`). The message may or may not
 *   be in the channel, so it is NOT reservable: only reconciliation against the
 *   channel history may turn it into `posted` (`completeDigest`) or `failed`
 *   (`releaseDigest`).
 */
export type DigestState = 'reserved' | 'posted' | 'failed' | 'interrupted';

/** One row of the digest ledger. */
export interface DigestRecord {
  readonly channelId: string;
  /** The subscription's local date, `YYYY-MM-DD`. */
  readonly localDate: string;
  readonly state: DigestState;
  /** When the latest reservation was taken. */
  readonly reservedAt: Date;
  /** How many times the day has been reserved (1 + retries after `failed`). */
  readonly attempts: number;
  /** Set when `posted`. */
  readonly postedAt: Date | null;
  /** Slack `ts` of the digest message; null when posted without a message (e.g. nothing new) or not posted. */
  readonly messageTs: string | null;
  /** Article ids the digest delivered to the channel, in the order shown; empty until posted. */
  readonly articleIds: readonly string[];
  /** Articles first seen up to this instant are covered; the next digest starts after it. Null until posted. */
  readonly coveredUntil: Date | null;
  /** Why the last attempt failed (`releaseDigest`), or null. */
  readonly error: string | null;
}

/** The part of the latest posted digest that the next one needs. */
export interface CompletedDigest {
  readonly localDate: string;
  readonly postedAt: Date;
  readonly coveredUntil: Date;
  readonly messageTs: string | null;
}

/** What `completeDigest` records. */
export interface DigestOutcome {
  readonly messageTs: string | null;
  readonly articleIds: readonly string[];
  readonly coveredUntil: Date;
}

/** How `reserveDigest` may take a day. */
export interface ReserveOptions {
  /**
   * Also take a day recorded as posted with no message (nothing was new at
   * the time), for `/aigov digest now` once something new came. The
   * scheduler never asks: for it such a day is done. Default false.
   */
  readonly retakeNothingNew?: boolean;
}

/**
 * How long a reservation may stay without an outcome before it is taken to be
 * interrupted (its process died between reserving and recording).
 *
 * It must be longer than any live attempt can take, or a reconciler could
 * release a reservation whose owner is still posting and cause a second post:
 * @slack/web-api retries for up to about 30 minutes by default (its default
 * `retryConfig`, `tenRetriesInAboutThirtyMinutes`:
 * https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/variables/retryPolicies),
 * so an hour leaves a margin.
 */
export const DIGEST_RESERVATION_STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Subscriptions and the digest ledger.
 *
 * Digest ledger protocol (the rule: never post a digest twice):
 * 1. `reserveDigest(channel, day)`; false means another attempt owns or
 *    finished that day: do nothing.
 * 2. Post. On success `completeDigest`; when Slack definitely refused
 *    (`ok: false`, e.g. `not_in_channel`) `releaseDigest`, which allows a
 *    later retry. When the outcome is unknown (timeout, lost response), do
 *    neither: `chat.postMessage` has no idempotency key, so a blind retry
 *    could post twice.
 * 3. A reservation left without an outcome (crash, unknown outcome) is marked
 *    `interrupted` by `markStaleDigestsInterrupted` after
 *    {@link DIGEST_RESERVATION_STALE_AFTER_MS}. It is never re-posted
 *    automatically; the delivery layer may reconcile by looking for the
 *    digest in the channel history and then call `completeDigest` (found) or
 *    `releaseDigest` (confirmed absent). Missing a day is preferred to posting
 *    it twice.
 */
export interface DigestStore {
  /**
   * Creates or replaces a channel's subscription. Re-subscribing changes the
   * time and zone, clears a pause and sets `updatedAt`; the original
   * `createdBy`/`createdAt` are kept.
   */
  upsertSubscription(input: SubscriptionInput): Promise<Subscription>;
  getSubscription(channelId: string): Promise<Subscription | null>;
  /** All subscriptions, by channel id. */
  listSubscriptions(): Promise<Subscription[]>;
  /** True when a subscription was deleted. The digest ledger is kept, so re-subscribing the same day does not post again. */
  deleteSubscription(channelId: string): Promise<boolean>;
  /** True when the channel had a subscription (it is now paused, the reason replaced if already paused). */
  pauseSubscription(channelId: string, reason: string, at: Date): Promise<boolean>;
  /** True when the channel had a subscription (it is now active). */
  resumeSubscription(channelId: string, at: Date): Promise<boolean>;

  /**
   * Claims the digest for (channel, local day). True when this caller may
   * post: no row existed, the previous attempt was released as `failed`, or
   * (only with `options.retakeNothingNew`) the day was posted with no
   * message. A retaken day is `reserved` again, its outcome cleared, as if
   * newly reserved (one more attempt). Atomic across processes: of callers
   * racing for a day, one gets it.
   */
  reserveDigest(channelId: string, localDate: string, at: Date, options?: ReserveOptions): Promise<boolean>;
  /**
   * Records a posted digest. Allowed from `reserved` or `interrupted`;
   * throws a `StoreError` (`DIGEST_LEDGER_STATE`) otherwise.
   */
  completeDigest(channelId: string, localDate: string, outcome: DigestOutcome, at: Date): Promise<void>;
  /**
   * Records that a reserved or interrupted digest was definitely not posted,
   * so the day may be reserved again. Throws a `StoreError`
   * (`DIGEST_LEDGER_STATE`) for a posted or missing row.
   */
  releaseDigest(channelId: string, localDate: string, error: string): Promise<void>;
  /**
   * Marks reservations taken before `reservedBefore` and never completed as
   * `interrupted`; returns them (now interrupted) for reconciliation.
   */
  markStaleDigestsInterrupted(reservedBefore: Date): Promise<DigestRecord[]>;
  /** The latest posted digest of a channel (by local date), or null. */
  lastCompletedDigest(channelId: string): Promise<CompletedDigest | null>;
  digestFor(channelId: string, localDate: string): Promise<DigestRecord | null>;
  /** Every ledger row of a channel from `sinceLocalDate` on (any state), newest day first: what `digest status` shows. */
  recentDigests(channelId: string, sinceLocalDate: string): Promise<DigestRecord[]>;
}
