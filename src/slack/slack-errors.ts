/**
 * What a failed Web API call means for a digest post, decided from the error
 * @slack/web-api throws. The question that matters is whether a message may
 * have been posted:
 * - `ok: false` from Slack (`WebAPIPlatformError`): nothing was posted.
 * - HTTP 429 (`WebAPIRateLimitedError`, with `rejectRateLimitedCalls`):
 *   nothing was posted; try again after `Retry-After`.
 * - A network error, a timeout or an HTTP error status: the request may have
 *   reached Slack and been posted before the answer was lost. Unknown.
 * @see https://docs.slack.dev/reference/methods/chat.postMessage#errors
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 */
import { ErrorCode } from '@slack/web-api';

/** Slack errors after which posting to the channel cannot work until a person acts: the subscription is paused. */
export const PAUSING_ERRORS: Readonly<Record<string, string>> = {
  channel_not_found:
    'Slack says this channel does not exist or I cannot see it (channel_not_found). If it is private, invite me with `/invite @aigov`, then run `/aigov digest subscribe` again.',
  is_archived: 'The channel is archived (is_archived). Unarchive it, then run `/aigov digest subscribe` again.',
  not_in_channel:
    'I am not in this channel and could not join it (it may be private). Invite me with `/invite @aigov`, then run `/aigov digest subscribe` again.',
  token_revoked:
    "The app's Slack token was revoked (token_revoked): the app was probably uninstalled. Reinstall it, then run `/aigov digest subscribe` again.",
  account_inactive:
    "The app's Slack account is inactive (account_inactive): the app was probably uninstalled. Reinstall it, then run `/aigov digest subscribe` again.",
  invalid_auth: "Slack refused the app's token (invalid_auth). Check SLACK_BOT_TOKEN, then run `/aigov digest subscribe` again.",
  not_authed: "Slack received no token from the app (not_authed). Check SLACK_BOT_TOKEN, then run `/aigov digest subscribe` again.",
};

/** Connection errors that happen before any byte of the request is sent: nothing can have been posted. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export type PostFailure =
  /** Slack answered `ok: false` with `error`: nothing was posted. */
  | { readonly kind: 'refused'; readonly error: string }
  /** HTTP 429: nothing was posted; Slack asks to wait this long. */
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number }
  /** The request never left (connection refused, unknown host): nothing was posted. */
  | { readonly kind: 'not-sent'; readonly error: string }
  /** The message may or may not have been posted. */
  | { readonly kind: 'unknown'; readonly error: string };

interface CodedError {
  readonly code?: unknown;
  readonly data?: { readonly error?: unknown };
  readonly retryAfter?: unknown;
  readonly original?: unknown;
  readonly message?: unknown;
}

/** The `code` of the deepest cause of an error (undici puts `ECONNREFUSED` on `cause`), if any. */
function systemCode(err: unknown): string | null {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown; original?: unknown }).original ?? (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Classifies an error thrown by a `WebClient` call. */
export function classifyPostFailure(err: unknown): PostFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as CodedError;
  if (e.code === ErrorCode.PlatformError) {
    const error = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
    return { kind: 'refused', error };
  }
  if (e.code === ErrorCode.RateLimitedError) {
    const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : 1;
    return { kind: 'rate-limited', retryAfterMs: Math.max(0, seconds) * 1000 };
  }
  const message = err instanceof Error ? err.message : String(err);
  if (e.code === ErrorCode.RequestError) {
    const code = systemCode(e.original);
    if (code !== null && NOT_SENT_CODES.has(code)) return { kind: 'not-sent', error: `${code}: ${message}` };
  }
  return { kind: 'unknown', error: message };
}
