import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../config/config.ts';
import { toSlackLogger, type Logger } from '../logging/logger.ts';
import { HEALTH_PATH, createHealthHandler, type HealthProblem } from './health-route.ts';
import { InFlight } from '../runtime/in-flight.ts';
import { interactiveClientOptions } from './web-client.ts';
import type { CorpusStatus } from '../corpus/corpus-service.ts';

export type BoltApp = App;

/** Path Slack posts commands, events and interactions to in HTTP mode. */
export const EVENTS_PATH = '/slack/events';

/**
 * Bolt's default conversation store (in memory) looks every event's
 * conversation up and, finding none, builds an Error with a stack trace: per
 * request, on the thread that acks. The bot keeps no conversation state.
 */
const NO_CONVERSATION_STORE = { convoStore: false } as const;

export interface SlackAppOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Reported by `GET /healthz`. */
  readonly status: () => CorpusStatus;
  /** Anything else that makes `/healthz` fail (see HealthProblem); `stopping` is added by {@link SlackApp.stopTakingWork}. */
  readonly problem?: () => HealthProblem | null;
}

export interface SlackApp {
  readonly app: BoltApp;
  /** Starts listening; resolves with the port actually bound (useful when `config.port` is 0). */
  start(): Promise<number>;
  /**
   * The first step of a graceful shutdown: Socket Mode disconnects (Slack
   * sends the next events to another connection); HTTP mode answers every
   * new request 503 (Slack retries events elsewhere) and `/healthz` says
   * `stopping`. Work already received goes on: wait for it with {@link drained}.
   */
  stopTakingWork(): Promise<void>;
  /** Resolves true once every request received has been handled (listeners ended), false after `timeoutMs`. */
  drained(timeoutMs: number): Promise<boolean>;
  /** Work received and not yet handled: counted from the request's arrival until its listeners end. */
  readonly inFlight: InFlight;
  stop(): Promise<void>;
}

/** What an HTTP request that arrives during shutdown gets: Slack retries the event, to another instance if there is one. */
export const STOPPING_STATUS = 503;

/**
 * Builds the Bolt app for the configured mode. HTTP mode: Bolt's
 * HTTPReceiver verifies every request's signature (401 otherwise) and serves
 * `/healthz` beside `/slack/events`. Socket Mode: Slack's WebSocket carries
 * the traffic, and a small HTTP server serves `/healthz` on the same port
 * setting. Listeners are registered by the caller.
 */
export function createSlackApp({ config, logger, status, problem = () => null }: SlackAppOptions): SlackApp {
  const slackLogger = toSlackLogger(logger);
  let stopping = false;
  const health = createHealthHandler(status, () =>
    stopping ? { status: 'stopping', reason: 'the bot is shutting down' } : problem(),
  );
  const inFlight = new InFlight();
  const drained = (timeoutMs: number): Promise<boolean> => inFlight.idle(timeoutMs);
  const clientOptions = interactiveClientOptions(config);

  if (config.mode === 'http') {
    const receiver = new HTTPReceiver({
      signingSecret: config.signingSecret ?? '',
      endpoints: EVENTS_PATH,
      customRoutes: [{ path: HEALTH_PATH, method: ['GET', 'HEAD'], handler: health }],
      logger: slackLogger,
      // Ack first, work after: the HTTP response leaves as soon as ack() is called.
      processBeforeResponse: false,
    });
    const app = new App({ token: config.botToken, receiver, logger: slackLogger, clientOptions, deferInitialization: true, ...NO_CONVERSATION_STORE });
    countProcessing(app, inFlight);
    // Each request is counted from its arrival (before Bolt reads, verifies and acks it) until its
    // response is sent; processEvent's count covers the listeners after the ack. Together: no gap.
    const handle = receiver.requestListener;
    receiver.requestListener = (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (stopping && path !== HEALTH_PATH) {
        res.writeHead(STOPPING_STATUS, { 'content-type': 'text/plain', 'retry-after': '1' }).end('the bot is shutting down');
        return;
      }
      res.once('close', inFlight.begin());
      handle(req, res);
    };
    return {
      app,
      inFlight,
      async start() {
        await verifyToken(app, config);
        const server = await receiver.start(config.port);
        return (server.address() as AddressInfo).port;
      },
      async stopTakingWork() {
        stopping = true;
      },
      drained,
      stop: () => receiver.stop(),
    };
  }

  const receiver = new SocketModeReceiver({
    appToken: config.appToken ?? '',
    logger: slackLogger,
    // A copy: the socket client mutates the object it gets.
    installerOptions: { clientOptions: { ...clientOptions } },
  });
  const app = new App({ token: config.botToken, receiver, logger: slackLogger, clientOptions, deferInitialization: true, ...NO_CONVERSATION_STORE });
  countProcessing(app, inFlight);
  let connected = false;
  const healthServer = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === HEALTH_PATH) health(req, res);
    else res.writeHead(404).end();
  });
  return {
    app,
    async start() {
      await verifyToken(app, config);
      await new Promise<void>((resolve, reject) => {
        healthServer.once('error', reject);
        healthServer.listen(config.port, () => resolve());
      });
      await receiver.start();
      connected = true;
      return (healthServer.address() as AddressInfo).port;
    },
    async stopTakingWork() {
      stopping = true;
      // Disconnecting first: events Slack has not sent yet go to another connection, and those received finish here.
      if (connected) await receiver.stop();
      connected = false;
    },
    drained,
    inFlight,
    async stop() {
      if (connected) await receiver.stop();
      connected = false;
      await new Promise<void>((resolve) => healthServer.close(() => resolve()));
    },
  };
}

/**
 * Counts every event Bolt processes (HTTP or socket) from when it is handed
 * to the app until all its listeners end: Bolt acks events before their
 * listeners run, so the ack alone says nothing of the work still owed.
 */
function countProcessing(app: App, inFlight: InFlight): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => inFlight.track(() => processEvent(event));
}

/** Slack refused the bot token, or could not be reached, when the app started. */
export class SlackStartError extends Error {
  override readonly name = 'SlackStartError';
  readonly code = 'AIGOV_SLACK_START';
}

/**
 * Checks the bot token with `auth.test` before listening (Bolt's deferred
 * initialisation), so a wrong token or an unreachable Slack stops the start
 * with one clear line instead of an unhandled rejection later.
 */
async function verifyToken(app: App, config: Config): Promise<void> {
  try {
    await app.init();
  } catch (err) {
    const data = (err as { data?: { error?: unknown } }).data;
    if (typeof data?.error === 'string') {
      throw new SlackStartError(`Slack refused SLACK_BOT_TOKEN (auth.test: ${data.error})`);
    }
    const where = config.slackApiUrl ?? 'https://slack.com/api/';
    const reason = err instanceof Error ? err.message : String(err);
    throw new SlackStartError(`could not reach the Slack Web API at ${where}: ${reason}`);
  }
}
