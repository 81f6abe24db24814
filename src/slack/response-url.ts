/**
 * Posts command answers to their `response_url` with node's own HTTP client
 * over kept-alive connections, instead of Bolt's `respond` (WHATWG fetch).
 *
 * Why: every `/aigov` command is answered this way, on the thread that acks
 * Slack. Under a burst (20 commands in flight during a feed import,
 * `npm run bench -- --ingest`), fetch's request, header, stream and
 * abort-signal objects made its posts a visible share of that thread and a
 * good share of its garbage; a post through `http.request` takes a fraction
 * of the CPU (measured 20 in flight to a local receiver: BENCHMARKS.md, "Acks
 * during an import"). node:http and node:https are loaded by Bolt already, so
 * this costs nothing at start-up, where undici would ("Figures behind design
 * choices").
 *
 * Same contract as Bolt's `respond`: a string becomes `{ text }`, the body is
 * the message as JSON, and an answer other than 2xx rejects with Bolt's
 * {@link RespondError} (its status in `statusCode`), so failures reach
 * runAndReport and the logs as before. Not followed: redirects (Slack's
 * response URLs answer directly). Added: a limit on silence, so a post that
 * never answers cannot hold a request open for ever.
 *
 * @see https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 */
import http from 'node:http';
import https from 'node:https';
import { RespondError, type RespondArguments } from '@slack/bolt';

/** Answers one command or action: what handlers call to reply through the response URL. */
export type Respond = (message: string | RespondArguments) => Promise<unknown>;

/** How long a post's connection may stay silent before the post fails (Slack answers in well under a second). */
export const RESPONSE_POST_TIMEOUT_MS = 30_000;

/** Connections kept per host: enough for the 20-in-flight burst the bench drives, few enough to be polite. */
const MAX_SOCKETS_PER_HOST = 32;

/** A post to a response URL got no complete answer within its time limit. */
export class ResponsePostTimeoutError extends Error {
  override readonly name = 'ResponsePostTimeoutError';
  readonly code = 'AIGOV_RESPONSE_POST_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`the response_url did not answer within ${timeoutMs} ms`);
  }
}

export interface ResponseUrlPosterOptions {
  /** Default {@link RESPONSE_POST_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
}

/** Posts to response URLs; one per bot, closed with it (its kept-alive sockets). */
export class ResponseUrlPoster {
  readonly #timeoutMs: number;
  readonly #http = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST });
  readonly #https = new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST });

  constructor(options: ResponseUrlPosterOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? RESPONSE_POST_TIMEOUT_MS;
  }

  /** A `respond` for the request that carried `responseUrl`. */
  respondTo(responseUrl: string): Respond {
    return (message) => this.post(responseUrl, message);
  }

  /** Posts `message` (a string is sent as `{ text }`); resolves once Slack has answered 2xx. */
  post(responseUrl: string, message: string | RespondArguments): Promise<void> {
    const url = new URL(responseUrl);
    const body = Buffer.from(JSON.stringify(typeof message === 'string' ? { text: message } : message));
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') return Promise.reject(new TypeError(`response_url is not http(s): ${url.protocol}`));
    const request = secure ? https.request : http.request;
    return new Promise<void>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent: secure ? this.#https : this.#http,
          headers: { 'content-type': 'application/json', 'content-length': body.length },
          timeout: this.#timeoutMs,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          // Drained, so the connection goes back to the pool for the next answer.
          res.resume();
          res.once('error', reject);
          res.once('end', () => {
            if (status >= 200 && status < 300) resolve();
            else reject(new RespondError(`Failed to respond to the response_url: ${status} ${res.statusMessage ?? ''}`, status));
          });
        },
      );
      req.once('timeout', () => req.destroy(new ResponsePostTimeoutError(this.#timeoutMs)));
      req.once('error', reject);
      req.end(body);
    });
  }

  /** Closes the kept-alive connections; posts under way fail. */
  close(): void {
    this.#http.destroy();
    this.#https.destroy();
  }
}
