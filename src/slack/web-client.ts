/**
 * The one place the bot's Slack Web API clients are configured. Bolt's own
 * client (`app.client`) answers users interactively; each delivery (digests,
 * watch alerts, mention answers) has a client of its own, so a 429 on one
 * never pauses the others' queues.
 * https://docs.slack.dev/tools/node-slack-sdk/web-api
 */
import { WebClient, type RetryOptions } from '@slack/web-api';
import type { Config } from '../config/config.ts';
import { toSlackLogger, type Logger } from '../logging/logger.ts';

/**
 * Retries for the interactive client: a few quick ones, so a reply is late
 * rather than lost, but never the 30-minute default that would hold a user's
 * answer back. Set explicitly also because @slack/socket-mode writes
 * `retries: 100` into a shared clientOptions object it is given.
 */
export const INTERACTIVE_RETRY: RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 };

/**
 * Options of the delivery clients (digests, watch alerts, mention answers), besides token and `slackApiUrl`.
 * - `retries: 0`: @slack/web-api would otherwise retry network errors and
 *   5xx answers too, and a retried `chat.postMessage` whose first answer was
 *   lost posts twice. Delivery retries what is safe itself.
 * - `rejectRateLimitedCalls`: a 429 comes back at once instead of pausing
 *   the client's queue inside the library; delivery waits it out itself.
 * - `timeout`: a hung request must not hold the scheduler forever.
 */
export const DELIVERY_CLIENT_OPTIONS = {
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  timeout: 30_000,
} as const;

/** The Web API base URL when it is not Slack's own (GovSlack, a local stand-in). */
function apiUrl(config: Pick<Config, 'slackApiUrl'>): { slackApiUrl?: string } {
  return config.slackApiUrl === null ? {} : { slackApiUrl: config.slackApiUrl };
}

/** Options for Bolt's interactive client (`new App({ clientOptions })`). */
export function interactiveClientOptions(config: Pick<Config, 'slackApiUrl'>): { retryConfig: RetryOptions; slackApiUrl?: string } {
  return { retryConfig: INTERACTIVE_RETRY, ...apiUrl(config) };
}

/** A delivery's own client: retries nothing, rejects 429s at once (the delivery waits them out), times out. */
export function createDeliveryClient(config: Pick<Config, 'botToken' | 'slackApiUrl'>, logger: Logger): WebClient {
  return new WebClient(config.botToken, { ...DELIVERY_CLIENT_OPTIONS, logger: toSlackLogger(logger), ...apiUrl(config) });
}
