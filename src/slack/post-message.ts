/**
 * One `chat.postMessage` for a scheduled delivery (digests, watch alerts),
 * on a client built by createDeliveryClient (web-client.ts): a 429 is waited out
 * here (a few times, each wait capped), so the interactive client's queue is
 * never held; `not_in_channel` on a channel post joins the (public) channel
 * and posts again once; any other refusal or an unknown outcome is thrown as
 * a named error for the caller's ledger to decide. An unknown outcome is
 * never retried: `chat.postMessage` has no idempotency key.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logging/logger.ts';
import type { SlackMessage } from './render/types.ts';
import { classifyPostFailure, PAUSING_ERRORS } from './slack-errors.ts';

/** How many times one post waits out a 429 before giving up. */
export const MAX_RATE_LIMIT_WAITS = 3;
/** A `Retry-After` longer than this is not waited out: the post is refused as rate-limited. */
export const MAX_RATE_LIMIT_WAIT_MS = 120_000;

/** Slack refused the post: nothing was posted. `pauseReason` is set when a person must act first. */
export class PostRefused extends Error {
  override readonly name = 'PostRefused';
  constructor(
    readonly error: string,
    readonly pauseReason: string | null,
  ) {
    super(`slack refused the post: ${error}`);
  }
}

/** The post may or may not be in the channel. */
export class PostOutcomeUnknown extends Error {
  override readonly name = 'PostOutcomeUnknown';
}

export interface MessagePosterDeps {
  readonly client: WebClient;
  readonly logger: Logger;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Posts `message` (in the thread of `threadTs` when given); resolves with its `ts`; throws `PostRefused` or `PostOutcomeUnknown`. */
export type PostMessage = (channelId: string, message: SlackMessage, threadTs?: string) => Promise<string>;

export function createMessagePoster({ client, logger: log, sleep }: MessagePosterDeps): PostMessage {
  /** Joins a public channel; returns null on success, else the error in a word. */
  async function join(channelId: string): Promise<string | null> {
    try {
      await client.conversations.join({ channel: channelId });
      log.info({ channelId }, 'joined the channel to post in it');
      return null;
    } catch (err) {
      const failure = classifyPostFailure(err);
      return failure.kind === 'refused' ? failure.error : failure.kind === 'rate-limited' ? 'ratelimited' : failure.error;
    }
  }

  return async function post(channelId, message, threadTs) {
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
          log.info({ channelId, retryAfterMs: failure.retryAfterMs }, 'post rate-limited; waiting');
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
  };
}
