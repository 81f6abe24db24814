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
 * The `WebClient` given here must be the digest's own (see
 * {@link DIGEST_CLIENT_OPTIONS}): a rate-limited digest then never stalls the
 * interactive client's queue, and the client itself retries nothing.
 */
import type { WebClient } from '@slack/web-api';
import { buildDigest, type Digest } from '../core/digest/build-digest.ts';
import { localDateAt } from '../core/digest/schedule.ts';
import type { CorpusService } from '../core/corpus-service.ts';
import type { Article } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import { renderDigest } from '../slack/render/digest.ts';
import type { SlackMessage } from '../slack/render/types.ts';
import type { DigestRecord, Store, Subscription } from '../store/store.ts';
import { classifyPostFailure, PAUSING_ERRORS } from './slack-errors.ts';

/**
 * Options for the digest's own `WebClient` (besides token and `slackApiUrl`).
 * - `retries: 0`: @slack/web-api would otherwise retry network errors and
 *   5xx answers too, and a retried `chat.postMessage` whose first answer was
 *   lost posts twice. Delivery retries what is safe itself.
 * - `rejectRateLimitedCalls`: a 429 comes back at once instead of pausing
 *   the client's queue inside the library; delivery waits it out itself.
 * - `timeout`: a hung request must not hold the scheduler forever.
 */
export const DIGEST_CLIENT_OPTIONS = {
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  timeout: 30_000,
} as const;

/** How many times one post waits out a 429 before the day is released. */
export const MAX_RATE_LIMIT_WAITS = 3;
/** A `Retry-After` longer than this is not waited out: the day is released and tried again on a later tick. */
export const MAX_RATE_LIMIT_WAIT_MS = 120_000;

/** What one delivery did. */
export type DigestDeliveryResult =
  | {
      readonly status: 'posted';
      readonly localDate: string;
      readonly messageTs: string;
      readonly articleIds: readonly string[];
      /** Thread replies posted, and those that failed (logged; the digest still counts as posted). */
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
   * the channel's digest for today (in the subscription's zone, else UTC), so
   * the scheduled one does not follow. When nothing is new, nothing is posted
   * and the day stays open for the scheduled digest. A paused subscription
   * is resumed when the post succeeds (whatever paused it is fixed).
   */
  deliverNow(channelId: string): Promise<DigestDeliveryResult>;
  /** The digest that would be posted now, without posting or recording anything. */
  preview(channelId: string, localDate: string): Promise<Digest>;
}

export interface DigestDeliveryDeps {
  /** The digest's own WebClient, built with {@link DIGEST_CLIENT_OPTIONS}. */
  readonly client: WebClient;
  readonly store: Store;
  readonly corpus: CorpusService;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Waits out a 429; a test may shorten it. Default: a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A Slack refusal turned into a delivery outcome. */
class PostRefused extends Error {
  override readonly name = 'PostRefused';
  constructor(
    readonly error: string,
    readonly pauseReason: string | null,
  ) {
    super(`slack refused the digest post: ${error}`);
  }
}

class PostOutcomeUnknown extends Error {
  override readonly name = 'PostOutcomeUnknown';
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createDigestDelivery(deps: DigestDeliveryDeps): DigestDelivery {
  const { client, store, corpus, now } = deps;
  const sleep = deps.sleep ?? defaultSleep;
  const log = deps.logger.child({ component: 'digest-delivery' });

  async function preview(channelId: string, localDate: string): Promise<Digest> {
    const last = await store.lastCompletedDigest(channelId);
    const since = last?.coveredUntil ?? null;
    const seen = await store.articlesFirstSeenSince(since);
    const articles = new Map<string, Article>();
    for (const entry of seen) {
      const article = corpus.index.get(entry.id);
      if (article !== undefined) articles.set(entry.id, article);
    }
    return buildDigest({ channelId, localDate, since, seen, articles });
  }

  /** One `chat.postMessage`, waiting out 429s; throws `PostRefused` or `PostOutcomeUnknown`. */
  async function post(channelId: string, message: SlackMessage, threadTs?: string): Promise<string> {
    let joined = false;
    let waits = 0;
    for (;;) {
      try {
        const result = await client.chat.postMessage({
          channel: channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
        });
        if (typeof result.ts !== 'string') throw new PostOutcomeUnknown('chat.postMessage answered ok without a ts');
        return result.ts;
      } catch (err) {
        if (err instanceof PostOutcomeUnknown) throw err;
        const failure = classifyPostFailure(err);
        if (failure.kind === 'rate-limited') {
          if (waits >= MAX_RATE_LIMIT_WAITS || failure.retryAfterMs > MAX_RATE_LIMIT_WAIT_MS) {
            throw new PostRefused(`ratelimited (Retry-After ${failure.retryAfterMs / 1000} s, after ${waits} waits)`, null);
          }
          waits += 1;
          log.info({ channelId, retryAfterMs: failure.retryAfterMs }, 'digest post rate-limited; waiting');
          await sleep(failure.retryAfterMs);
          continue;
        }
        if (failure.kind === 'not-sent') throw new PostRefused(failure.error, null);
        if (failure.kind === 'unknown') throw new PostOutcomeUnknown(failure.error);
        if (failure.error === 'not_in_channel' && !joined && threadTs === undefined) {
          joined = true;
          const joinError = await join(channelId);
          if (joinError === null) continue;
          throw new PostRefused(`not_in_channel; conversations.join failed: ${joinError}`, PAUSING_ERRORS['not_in_channel'] ?? null);
        }
        throw new PostRefused(failure.error, PAUSING_ERRORS[failure.error] ?? null);
      }
    }
  }

  /** Joins a public channel; returns null on success, else the error in a word. */
  async function join(channelId: string): Promise<string | null> {
    try {
      await client.conversations.join({ channel: channelId });
      log.info({ channelId }, 'joined the channel to post its digest');
      return null;
    } catch (err) {
      const failure = classifyPostFailure(err);
      return failure.kind === 'refused' ? failure.error : failure.kind === 'rate-limited' ? 'ratelimited' : failure.error;
    }
  }

  /** Posts a digest for a day this process has reserved, and records the outcome. */
  async function postReserved(digest: Digest, timeZone: string): Promise<DigestDeliveryResult> {
    const { channelId, localDate } = digest;
    const articleIds = digest.items.map((item) => item.article.id);
    const coveredUntil = digest.coveredUntil ?? now();
    if (digest.items.length === 0) {
      await store.completeDigest(channelId, localDate, { messageTs: null, articleIds: [], coveredUntil }, now());
      log.info({ channelId, localDate }, 'nothing new for the digest; day recorded without a post');
      return { status: 'nothing-new', localDate, since: digest.since, timeZone };
    }

    const [channelPost, ...replies] = renderDigest(digest);
    if (channelPost === undefined) throw new Error(`renderDigest returned no message for channel ${channelId}`);
    let messageTs: string;
    try {
      messageTs = await post(channelId, channelPost);
    } catch (err) {
      if (err instanceof PostRefused) {
        await store.releaseDigest(channelId, localDate, err.error);
        if (err.pauseReason !== null) {
          await store.pauseSubscription(channelId, err.pauseReason, now());
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

    // Recorded before the thread replies: the channel post exists now, so the day is done whatever happens next.
    await store.completeDigest(channelId, localDate, { messageTs, articleIds, coveredUntil }, now());
    let posted = 0;
    let failed = 0;
    for (const reply of replies) {
      try {
        await post(channelId, reply, messageTs);
        posted += 1;
      } catch (err) {
        // A reply that failed (or might have posted) is not retried; the rest would read out of order without it.
        failed = replies.length - posted;
        log.error({ channelId, localDate, err }, 'digest thread reply failed; the remaining replies are skipped');
        break;
      }
    }
    log.info({ channelId, localDate, articles: articleIds.length, replies: posted, failedReplies: failed }, 'digest posted');
    return { status: 'posted', localDate, messageTs, articleIds, replies: posted, failedReplies: failed };
  }

  /** Reserves the day, then builds and posts; a failure before posting releases the day. */
  async function reserveAndPost(channelId: string, localDate: string, timeZone: string): Promise<DigestDeliveryResult> {
    if (!(await store.reserveDigest(channelId, localDate, now()))) {
      return { status: 'already-claimed', localDate, record: await store.digestFor(channelId, localDate) };
    }
    let digest: Digest;
    try {
      digest = await preview(channelId, localDate);
    } catch (err) {
      await store.releaseDigest(channelId, localDate, `could not build the digest: ${(err as Error).message}`);
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
      const sub = await store.getSubscription(channelId);
      const timeZone = sub?.timeZone ?? 'UTC';
      const localDate = localDateAt(now(), timeZone);
      const existing = await store.digestFor(channelId, localDate);
      if (existing !== null && existing.state !== 'failed') {
        return { status: 'already-claimed', localDate, record: existing };
      }
      // Looked at before reserving, so that "nothing new" leaves the day open for the scheduled digest.
      const draft = await preview(channelId, localDate);
      if (draft.items.length === 0) return { status: 'nothing-new', localDate, since: draft.since, timeZone };
      const result = await reserveAndPost(channelId, localDate, timeZone);
      if (result.status === 'posted' && sub?.paused) await store.resumeSubscription(channelId, now());
      return result;
    },
  };
}
