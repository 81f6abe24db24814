/**
 * Signing requests the way Slack signs them, and sending them to a Bolt app
 * in HTTP mode.
 *
 * Slack's scheme (https://docs.slack.dev/authentication/verifying-requests-from-slack):
 * `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:{timestamp}:{raw body}")>`
 * with the timestamp, in seconds, in `X-Slack-Request-Timestamp`. Bolt refuses
 * a request whose timestamp is more than 5 minutes old.
 */
import { createHmac } from 'node:crypto';

// The body builders live beside this file; re-exported so a test needs one import to post a request.
export {
  appMentionEventBody,
  blockActionBody,
  slashCommandBody,
  type SlackRequestBody,
} from './slack-payloads.ts';

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

export interface SignOptions {
  signingSecret: string;
  /** The raw body, byte for byte as it will be sent. */
  body: string;
  /** Seconds since the epoch; defaults to now. Pass an old one to test staleness. */
  timestamp?: number;
}

/** The two headers Slack adds to every request it sends to an app. */
export function signSlackRequest({ signingSecret, body, timestamp }: SignOptions): SlackSignatureHeaders {
  const ts = timestamp ?? Math.floor(Date.now() / 1000);
  const hash = createHmac('sha256', signingSecret).update(`v0:${ts}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${hash}`, 'x-slack-request-timestamp': String(ts) };
}

export interface PostSignedOptions extends SignOptions {
  /** `application/x-www-form-urlencoded` for commands and interactions, `application/json` for events. */
  contentType: string;
  /**
   * Extra headers, sent after the signature so a test can override it
   * (a tampered signature) or add Slack's retry headers
   * (`x-slack-retry-num`, `x-slack-retry-reason`).
   */
  headers?: Record<string, string>;
}

export interface BoltHttpResponse {
  status: number;
  /** The response body as text: empty for a bare ack, JSON when the ack carried a message. */
  body: string;
  headers: Headers;
}

/** POST a signed raw body to a Bolt HTTP endpoint (e.g. `http://127.0.0.1:PORT/slack/events`). */
export async function postSignedToBolt(url: string, options: PostSignedOptions): Promise<BoltHttpResponse> {
  const signature = signSlackRequest(options);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': options.contentType, ...signature, ...options.headers },
    body: options.body,
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}
