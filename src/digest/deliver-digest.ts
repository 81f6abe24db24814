/**
 * Posting a channel's daily digest, exactly once per channel and local day.
 *
 * The ledger protocol (see `Store`): reserve the day, post, then record the
 * outcome. What happens after each kind of failure:
 * - Slack answered `ok: false` (nothing was posted): `not_in_channel` → join
 *   the channel with `conversations.join` and post again, once;
 *   `channel_not_found`, `is_archived`, `not_in_channel` after a failed join,
 *   `token_revoked`, `account_inactive`, `invalid_auth` → pause the
 *   subscription with the reason in words and release the day; any other
 *   error → release the day (the scheduler may try again later).
 * - HTTP 429: nothing was posted; wait out `Retry-After` and post again (a
 *   few times, each wait capped), then release.
 * - Unknown outcome (timeout, connection lost after the request left, an HTTP
 *   error status): the message may be in the channel, and `chat.postMessage`
 *   has no idempotency key, so it is NEVER retried. The reservation is left
 *   as it is; `markStaleDigestsInterrupted` turns it `interrupted` after an
 *   hour, and the day is not posted again. Its articles are not lost: the
 *   ledger's `coveredUntil` only advances when a digest is completed, so the
 *   next digest lists them. Missing a day beats posting it twice.
 *
 * Thread replies (a long digest) go out after the channel post, with the same
 * 429 handling; a reply Slack refuses (`ok: false`) is tried again after
 * {@link REPLY_RETRY_BACKOFF_MS}, unless the refusal needs a person (the
 * pausing errors) or the outcome is unknown (a retry could post it twice).
 * The day is completed only after the replies, so until then it stays
 * `reserved`: a crash between the channel post and completion leaves it to
 * turn `interrupted`, and the channel post is never made twice. See
 * {@link coveredAfterDelivery} for what a reply that could not be delivered
 * does to the ledger.
 *
 * The `WebClient` given here must be the digest's own (see
 * {@link DELIVERY_CLIENT_OPTIONS} in slack/web-client.ts): a rate-limited digest then never stalls the
 * interactive client's queue, and the client itself retries nothing.
 */
import type { WebClient } from '@slack/web-api';
import { buildDigest, groupReReports, withKeySentences, type Digest, type DigestItem, type SeenEntry } from '../core/digest/build-digest.ts';
import { DEFAULT_TIME_ZONE, localDateAt } from '../core/digest/schedule.ts';
import type { ServedCorpus } from '../corpus/served-corpus.ts';
import type { Article } from '../core/types.ts';
import type { Logger } from '../logging/logger.ts';
import { renderDigestParts } from '../slack/render/digest.ts';
import type { SlackMessage } from '../slack/render/types.ts';
import type { Store } from '../store/store.ts';
import type { DigestRecord, ReserveOptions, Subscription } from '../store/digest-store.ts';
import { createMessagePoster, PostRefused } from '../slack/post-message.ts';


// A 429 is waited out MAX_RATE_LIMIT_WAITS times, each at most MAX_RATE_LIMIT_WAIT_MS, then the day is released (post-message.ts).
/**
 * Pauses before each new try of a thread reply Slack refused with `ok: false`
 * (nothing was posted, so trying again is safe): one pause per retry.
 */
export const REPLY_RETRY_BACKOFF_MS: readonly number[] = [1_000, 4_000];

/** What one delivery did. */
export type DigestDeliveryResult =
  | {
      readonly status: 'posted';
      readonly localDate: string;
      readonly messageTs: string;
      /** The articles delivered (channel post and replies), in the order shown. */
      readonly articleIds: readonly string[];
      /**
       * Thread replies posted, and those not delivered: the one that failed
       * and the ones after it (logged; the digest still counts as posted, and
       * their articles come again in the next digest).
       */
      readonly replies: number;
      readonly failedReplies: number;
    }
  /** Nothing was added since the last digest. Scheduled: the day is recorded as done with no message. `deliverNow`: the ledger is untouched. */
  | { readonly status: 'nothing-new'; readonly localDate: string; readonly since: Date | null; readonly timeZone: string }
  /** The day was already posted, or another attempt holds it (or was interrupted); nothing was done. */
  | { readonly status: 'already-claimed'; readonly localDate: string; readonly record: DigestRecord | null }
  /** Slack refused in a way that needs a person; the subscription (if any) is paused with `reason`, the day released. */
  | { readonly status: 'paused'; readonly localDate: string; readonly reason: string }
  /** Nothing was posted (`error` says why); the day was released and may be tried again. */
  | { readonly status: 'failed'; readonly localDate: string; readonly error: string }
  /** The post may or may not be in the channel; the reservation is left and the day is not retried. */
  | { readonly status: 'outcome-unknown'; readonly localDate: string; readonly error: string };

export interface DigestDelivery {
  /** Posts `sub`'s digest for `localDate` (the scheduler's due day), unless that day is already claimed. */
  deliverScheduled(sub: Subscription, localDate: string): Promise<DigestDeliveryResult>;
  /**
   * `/aigov digest now`: posts the channel's digest at once, and it counts as
   * the channel's digest for today (in the subscription's zone, else
   * {@link DEFAULT_TIME_ZONE}), so the scheduled one does not follow. When
   * nothing is new, nothing is posted and the ledger is untouched. A day the
   * scheduler recorded with nothing new (no message) is taken again when
   * something new came since; a day with a message, or one being posted, is
   * not. A paused subscription is resumed when the post succeeds (whatever
   * paused it is fixed).
   */
  deliverNow(channelId: string): Promise<DigestDeliveryResult>;
  /** The digest that would be posted now, without posting or recording anything. */
  preview(channelId: string, localDate: string): Promise<Digest>;
}

export interface DigestDeliveryDeps {
  /** The digest's own WebClient, from createDeliveryClient (slack/web-client.ts). */
  readonly client: WebClient;
  readonly store: Store;
  readonly corpus: ServedCorpus;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Waits out a 429; a test may shorten it. Default: a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A day the scheduler recorded with nothing new: done, but with no message in the channel. */
function postedNothingNew(record: DigestRecord): boolean {
  return record.state === 'posted' && record.messageTs === null;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Where a digest's articles come from: the store's first-seen times and ledger, and the corpus. */
export interface DigestSources {
  /** Null when there is no database yet (the CLI before the bot's first start): nothing recorded, no digest posted. */
  readonly store: Pick<Store, 'articlesSeen' | 'digests'> | null;
  readonly corpus: Pick<ServedCorpus, 'index' | 'sentences'> & Partial<Pick<ServedCorpus, 'duplicateGroups'>>;
}

export interface DraftDigestOptions {
  /**
   * Count the corpus articles the store has not recorded yet as first seen
   * at this instant, as the bot will when it next starts (`DigestWiring.start`
   * records them). For the CLI's dry run, which records nothing.
   */
  readonly unrecordedSeenAt?: Date;
}

/**
 * The digest `channelId` would get now for `localDate`: the articles first
 * seen since its last completed digest, joined with the corpus, through
 * `buildDigest`. Reads only; both the bot (`preview`, then posting) and the
 * CLI's dry run build their digest here.
 */
export async function draftDigest(
  sources: DigestSources,
  channelId: string,
  localDate: string,
  options: DraftDigestOptions = {},
): Promise<Digest> {
  const { store, corpus } = sources;
  const since = store === null ? null : ((await store.digests.lastCompletedDigest(channelId))?.coveredUntil ?? null);
  const { unrecordedSeenAt } = options;
  // Which ids are unrecorded is only known against every recorded one, not only those since `since`.
  const seen: SeenEntry[] = store === null ? [] : [...(await store.articlesSeen.articlesFirstSeenSince(unrecordedSeenAt === undefined ? since : null))];
  if (unrecordedSeenAt !== undefined) {
    const recorded = new Set(seen.map((entry) => entry.id));
    for (const meta of corpus.index.all()) {
      if (!recorded.has(meta.id)) seen.push({ id: meta.id, firstSeen: unrecordedSeenAt });
    }
  }
  // Chosen from metadata; then the sentences of just the articles shown are fetched, in one request
  // (in the bot they live with the index, in another thread: a first digest at 100k articles
  // would otherwise copy every body across), as the index split them when it indexed the articles.
  const metas = new Map(seen.flatMap((entry) => {
    const meta = corpus.index.get(entry.id);
    return meta === undefined ? [] : [[entry.id, meta] as const];
  }));
  const built = buildDigest({ channelId, localDate, since, seen, articles: metas });
  // A story carried by several outlets is listed once, "also reported by" the others.
  const digest = corpus.duplicateGroups === undefined ? built : groupReReports(built, await corpus.duplicateGroups(built.items.map((item) => item.article.id)));
  return withKeySentences(digest, await corpus.sentences(digest.items.map((item) => item.article.id)));
}

/**
 * What a digest whose thread replies were not all delivered may record as
 * `coveredUntil`: the next digest starts strictly after it.
 *
 * Rule: just before (1 ms) the earliest first-seen time among the articles
 * not delivered (a reply whose outcome is unknown counts as not delivered),
 * so every one of them is listed again by the next digest;
 * when all were delivered, the digest's own `coveredUntil`. Items are newest
 * first and the replies carry the later part of the list, but a long digest
 * is grouped by article month, so the undelivered articles need not be the
 * ones first seen earliest: delivered articles first seen at or after that
 * instant are listed again too. Repeating a few beats losing any.
 */
export function coveredAfterDelivery(digest: Digest, undelivered: readonly DigestItem[], fallback: Date): Date {
  if (undelivered.length === 0) return digest.coveredUntil ?? fallback;
  const earliest = Math.min(...undelivered.map((item) => item.firstSeen.getTime()));
  return new Date(earliest - 1);
}

export function createDigestDelivery(deps: DigestDeliveryDeps): DigestDelivery {
  const { client, store, corpus, now } = deps;
  const sleep = deps.sleep ?? defaultSleep;
  const log = deps.logger.child({ component: 'digest-delivery' });

  function preview(channelId: string, localDate: string): Promise<Digest> {
    return draftDigest({ store, corpus }, channelId, localDate);
  }

  /** One `chat.postMessage`, waiting out 429s; throws `PostRefused` or `PostOutcomeUnknown`. */
  const post = createMessagePoster({ client, logger: log, sleep });

  /**
   * One thread reply, retrying a refusal after {@link REPLY_RETRY_BACKOFF_MS};
   * true when it is in the thread. Not retried: an unknown outcome (it may be
   * there already) and a refusal that needs a person.
   */
  async function postReply(channelId: string, localDate: string, message: SlackMessage, threadTs: string): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await post(channelId, message, threadTs);
        return true;
      } catch (err) {
        const backoff = REPLY_RETRY_BACKOFF_MS[attempt];
        if (err instanceof PostRefused && err.pauseReason === null && backoff !== undefined) {
          log.warn({ channelId, localDate, error: err.error, retryInMs: backoff }, 'digest thread reply refused; trying again');
          await sleep(backoff);
          continue;
        }
        log.error({ channelId, localDate, err }, 'digest thread reply not delivered');
        return false;
      }
    }
  }

  /** Posts a digest for a day this process has reserved, and records the outcome. */
  async function postReserved(digest: Digest, timeZone: string): Promise<DigestDeliveryResult> {
    const { channelId, localDate } = digest;
    if (digest.items.length === 0) {
      const coveredUntil = digest.coveredUntil ?? now();
      await store.digests.completeDigest(channelId, localDate, { messageTs: null, articleIds: [], coveredUntil }, now());
      log.info({ channelId, localDate }, 'nothing new for the digest; day recorded without a post');
      return { status: 'nothing-new', localDate, since: digest.since, timeZone };
    }

    const [channelPart, ...replyParts] = renderDigestParts(digest);
    if (channelPart === undefined) throw new Error(`renderDigestParts returned no message for channel ${channelId}`);
    let messageTs: string;
    try {
      messageTs = await post(channelId, channelPart.message);
    } catch (err) {
      if (err instanceof PostRefused) {
        await store.digests.releaseDigest(channelId, localDate, err.error);
        if (err.pauseReason !== null) {
          await store.digests.pauseSubscription(channelId, err.pauseReason, now());
          log.warn({ channelId, localDate, error: err.error }, 'digest subscription paused: Slack refused the post');
          return { status: 'paused', localDate, reason: err.pauseReason };
        }
        log.warn({ channelId, localDate, error: err.error }, 'digest not posted; the day was released');
        return { status: 'failed', localDate, error: err.error };
      }
      const error = err instanceof Error ? err.message : String(err);
      // Deliberately no release and no retry: see the module comment.
      log.error({ channelId, localDate, err }, 'digest post outcome unknown; leaving the reservation, not retrying');
      return { status: 'outcome-unknown', localDate, error };
    }

    // The day stays `reserved` until the replies are out: a crash in between must not let anyone post it again.
    const articleIds = [...channelPart.articleIds];
    let posted = 0;
    for (const part of replyParts) {
      // A reply that could not be delivered ends the thread: the rest would read out of order without it.
      if (!(await postReply(channelId, localDate, part.message, messageTs))) break;
      posted += 1;
      articleIds.push(...part.articleIds);
    }
    const failed = replyParts.length - posted;
    const delivered = new Set(articleIds);
    const undelivered = digest.items.filter((item) => !delivered.has(item.article.id));
    const coveredUntil = coveredAfterDelivery(digest, undelivered, now());
    await store.digests.completeDigest(channelId, localDate, { messageTs, articleIds, coveredUntil }, now());
    if (failed > 0) {
      log.warn({ channelId, localDate, undelivered: undelivered.length, coveredUntil }, 'digest thread incomplete; its undelivered articles go to the next digest');
    }
    log.info({ channelId, localDate, articles: articleIds.length, replies: posted, failedReplies: failed }, 'digest posted');
    return { status: 'posted', localDate, messageTs, articleIds, replies: posted, failedReplies: failed };
  }

  /** Reserves the day, then builds and posts; a failure before posting releases the day. */
  async function reserveAndPost(
    channelId: string,
    localDate: string,
    timeZone: string,
    options: ReserveOptions = {},
  ): Promise<DigestDeliveryResult> {
    if (!(await store.digests.reserveDigest(channelId, localDate, now(), options))) {
      return { status: 'already-claimed', localDate, record: await store.digests.digestFor(channelId, localDate) };
    }
    let digest: Digest;
    try {
      digest = await preview(channelId, localDate);
    } catch (err) {
      await store.digests.releaseDigest(channelId, localDate, `could not build the digest: ${(err as Error).message}`);
      throw err;
    }
    return postReserved(digest, timeZone);
  }

  return {
    preview,

    async deliverScheduled(sub, localDate) {
      return reserveAndPost(sub.channelId, localDate, sub.timeZone);
    },

    async deliverNow(channelId) {
      const sub = await store.digests.getSubscription(channelId);
      const timeZone = sub?.timeZone ?? DEFAULT_TIME_ZONE;
      const localDate = localDateAt(now(), timeZone);
      const existing = await store.digests.digestFor(channelId, localDate);
      if (existing !== null && existing.state !== 'failed' && !postedNothingNew(existing)) {
        return { status: 'already-claimed', localDate, record: existing };
      }
      // Looked at before reserving, so that "nothing new" leaves the ledger as it was.
      const draft = await preview(channelId, localDate);
      if (draft.items.length === 0) return { status: 'nothing-new', localDate, since: draft.since, timeZone };
      // The store decides atomically: of two `digest now` racing for a nothing-new day, one gets it.
      const result = await reserveAndPost(channelId, localDate, timeZone, { retakeNothingNew: true });
      if (result.status === 'posted' && sub?.paused) await store.digests.resumeSubscription(channelId, now());
      return result;
    },
  };
}
