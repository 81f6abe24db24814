/**
 * What a failed answer post means, for retrying it: the digest's reading of
 * @slack/web-api errors (digest/slack-errors.ts) plus one distinction answers
 * need: an HTTP 5xx is Slack saying it did not take the message, a sure
 * failure worth retrying, where the digest (which never posts twice) treats
 * every HTTP error as unknown.
 */
import { ErrorCode } from '@slack/web-api';
import { classifyPostFailure, type PostFailure } from '../slack/slack-errors.ts';

export type AnswerPostFailure = PostFailure | { readonly kind: 'server-error'; readonly error: string };

/** Classifies an error thrown by `chat.postMessage` on the answers' client. */
export function classifyAnswerPostFailure(err: unknown): AnswerPostFailure {
  const e = err as { code?: unknown; statusCode?: unknown } | null;
  if (e?.code === ErrorCode.HTTPError && typeof e.statusCode === 'number' && e.statusCode >= 500) {
    return { kind: 'server-error', error: `HTTP ${e.statusCode}` };
  }
  return classifyPostFailure(err);
}
