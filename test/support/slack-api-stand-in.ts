/**
 * A local HTTP server standing in for the Slack Web API and for the
 * `response_url` endpoints Slack hands out, so the real Bolt app and the real
 * `WebClient` can run end to end on loopback.
 *
 * Point a client at it with `slackApiUrl: standIn.url` (Bolt:
 * `clientOptions: { slackApiUrl }`). Every call is recorded; methods answer
 * like Slack by default and can be made to fail with `stub()`.
 *
 * How @slack/web-api sends calls (WebClient.serializeBody, v7/v8): a POST to
 * `{slackApiUrl}{method}`, form-encoded, with nested values (`blocks`,
 * `attachments`, `metadata`...) JSON-stringified and the token in
 * `Authorization: Bearer`. The stand-in parses those values back into objects.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  TEST_APP_ID,
  TEST_BOT_ID,
  TEST_BOT_USER_ID,
  TEST_TEAM_DOMAIN,
  TEST_TEAM_ID,
  nextMessageTs,
} from './slack-payloads.ts';

/**
 * At most 50 blocks in a message; Slack answers `invalid_blocks` beyond.
 * https://docs.slack.dev/reference/block-kit/blocks
 */
export const MAX_MESSAGE_BLOCKS = 50;

/**
 * At most 100 blocks in a view (Home tab, modal); Slack answers `invalid_arguments` beyond.
 * https://docs.slack.dev/reference/views
 */
export const MAX_VIEW_BLOCKS = 100;

/** How long `waitForCall` / `waitForResponse` wait unless told otherwise. */
export const DEFAULT_WAIT_MS = 5_000;

/**
 * Form values that are plain text even when they look like JSON: a message
 * text such as `[1, 2]` must stay a string.
 */
const PLAIN_TEXT_ARGS = new Set(['text', 'markdown_text', 'query', 'fallback', 'alt_text', 'title']);

/** One Web API call as the stand-in received it. */
export interface ApiCall {
  /** The method name, e.g. `chat.postMessage`. */
  readonly method: string;
  /**
   * The arguments, parsed: JSON-encoded form values are objects again;
   * other form values stay strings, as Slack receives them. A `token`
   * argument, if any, is readable but not enumerable, so it never prints.
   */
  readonly args: Record<string, unknown>;
  /**
   * Request headers, lower-cased. `authorization` is readable
   * (`call.headers.authorization === 'Bearer xoxb-…'`) but not enumerable,
   * so logging or diffing a call never shows the token.
   */
  readonly headers: IncomingHttpHeaders;
  /** `Date.now()` when the call arrived. */
  readonly at: number;
}

/** One POST to a `response_url`. */
export interface ResponseUrlPost {
  /** The name given to `responseUrl(name)`. */
  readonly name: string;
  readonly url: string;
  /** The body, parsed from JSON (Bolt's `respond()` sends JSON); the raw text if it was not JSON. */
  readonly body: unknown;
  readonly headers: IncomingHttpHeaders;
  readonly at: number;
}

/** A Web API result, sent as JSON with HTTP 200: `{ ok: false, error: 'channel_not_found' }`. */
export type ApiResult = { ok: boolean } & Record<string, unknown>;

/** A reply decided at the HTTP level: a status, headers and a body other than a plain 200. */
export class HttpReply {
  constructor(
    readonly status: number,
    /** Sent as JSON unless it is a string. */
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

/** Any HTTP status with an optional body and headers. */
export function httpReply(status: number, body: unknown = '', headers: Record<string, string> = {}): HttpReply {
  return new HttpReply(status, body, headers);
}

/** HTTP 429 with `Retry-After`, as Slack answers a rate-limited call. */
export function rateLimited(retryAfterSeconds = 1): HttpReply {
  return new HttpReply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfterSeconds) });
}

/** An HTTP 5xx, which @slack/web-api treats as a failed request (and retries, unless told not to). */
export function serverError(status = 500): HttpReply {
  return new HttpReply(status, 'stand-in server error');
}

/**
 * The connection is cut with no answer, as when a network fails mid-request.
 * `afterProcessing`: the call is first handled as usual (a message is
 * posted), so the client cannot know whether it worked (an unknown outcome);
 * otherwise nothing happens on the stand-in's side.
 */
export class DroppedConnection {
  constructor(readonly afterProcessing: boolean) {}
}

/** Cuts the connection without an answer (see {@link DroppedConnection}). */
export function dropConnection(options: { afterProcessing: boolean }): DroppedConnection {
  return new DroppedConnection(options.afterProcessing);
}

export type StubReply = ApiResult | HttpReply | DroppedConnection;
/** Decides a reply from the call; `undefined` lets the next stub or the default answer. May be async (to delay). */
export type StubHandler = (call: ApiCall) => StubReply | undefined | Promise<StubReply | undefined>;
export type Stub = StubReply | StubHandler;

/** The running stand-in. */
export interface SlackApiStandIn {
  /** Base URL for `slackApiUrl`, ending in `/api/`. */
  readonly url: string;
  /** A fresh URL under `/response/` that records what is POSTed to it, as Slack's response_url does. */
  responseUrl(name?: string): string;
  /**
   * Override a method's answer. One reply (or handler) applies to every
   * call until `unstub`; an array applies its items to the next calls in
   * order, then the previous behaviour resumes (`stub(m, [reply])` = once).
   * Later stubs sit on top of earlier ones.
   */
  stub(method: string, reply: Stub | readonly Stub[]): void;
  /** The same for POSTs to the response URLs made with `responseUrl(name)`. */
  stubResponseUrl(name: string, reply: Stub | readonly Stub[]): void;
  /** Drop every stub for a method, back to the default answer. */
  unstub(method: string): void;
  /** Replace a method's default answer (stubs still come first); survives `reset()`. */
  handle(method: string, handler: (call: ApiCall) => StubReply | Promise<StubReply>): void;
  /** Calls received so far, oldest first, optionally of one method. */
  calls(method?: string): ApiCall[];
  /** The first call (already received or still to come) of `method` matching `predicate`. */
  waitForCall(method: string, predicate?: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /** POSTs to response URLs so far, optionally for one name (or one exact URL). */
  responses(name?: string): ResponseUrlPost[];
  /** The first response_url POST (already received or still to come) for `name` matching `predicate`. */
  waitForResponse(
    name?: string,
    predicate?: (post: ResponseUrlPost) => boolean,
    timeoutMs?: number,
  ): Promise<ResponseUrlPost>;
  /** Messages posted (and not failed) in a channel, oldest first, thread replies included. */
  messages(channel: string): StoredMessage[];
  /** The Home tab last published for `userId` (views.publish), or undefined. */
  homeView(userId: string): unknown;
  /** A modal as views.open / views.update last left it, by view id. */
  modal(viewId: string): unknown;
  /** Forget calls, responses, messages and stubs (not `handle` overrides), e.g. between tests. */
  reset(): void;
  close(): Promise<void>;
}

/** A message the default `chat.postMessage` accepted. */
export interface StoredMessage {
  type: 'message';
  text: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  ts: string;
  thread_ts?: string;
  blocks?: unknown;
  [key: string]: unknown;
}

interface StubLayer {
  readonly replies: Stub[];
  readonly forever: boolean;
}

interface Waiter<T> {
  readonly matches: (item: T) => boolean;
  readonly resolve: (item: T) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** Pending waits over a growing list of recorded items. */
class Waiters<T> {
  private readonly pending = new Set<Waiter<T>>();

  wait(existing: readonly T[], matches: (item: T) => boolean, timeoutMs: number, describe: () => string): Promise<T> {
    const found = existing.find(matches);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        matches,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.pending.delete(waiter);
          reject(new Error(`slack stand-in: timed out after ${timeoutMs} ms waiting for ${describe()}`));
        }, timeoutMs),
      };
      this.pending.add(waiter);
    });
  }

  offer(item: T): void {
    for (const waiter of this.pending) {
      if (!waiter.matches(item)) continue;
      clearTimeout(waiter.timer);
      this.pending.delete(waiter);
      waiter.resolve(item);
    }
  }

  rejectAll(reason: string): void {
    for (const waiter of this.pending) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`slack stand-in: ${reason}`));
    }
    this.pending.clear();
  }
}

/** Start the stand-in on 127.0.0.1, on a free port. */
export async function startSlackApiStandIn(): Promise<SlackApiStandIn> {
  const calls: ApiCall[] = [];
  const posts: ResponseUrlPost[] = [];
  const stubs = new Map<string, StubLayer[]>();
  const overrides = new Map<string, (call: ApiCall) => StubReply | Promise<StubReply>>();
  const channels = new Map<string, StoredMessage[]>();
  const callWaiters = new Waiters<ApiCall>();
  const postWaiters = new Waiters<ResponseUrlPost>();
  let responseUrlCount = 0;
  /** The Home tab last published for each user, and the modals opened (by view id), as views.publish/open/update left them. */
  const homeViews = new Map<string, unknown>();
  const modals = new Map<string, { id: string }>();
  let modalCount = 0;

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      // A stand-in bug must show up in the test, not hang it.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`slack stand-in failed: ${error instanceof Error ? error.stack : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? '/', origin);
    const raw = await readBody(req);
    const headers = recordHeaders(req.headers);
    if (requestUrl.pathname.startsWith('/api/') && (req.method === 'POST' || req.method === 'GET')) {
      const method = decodeURIComponent(requestUrl.pathname.slice('/api/'.length));
      const args = await parseArgs(raw, req.headers['content-type'], requestUrl.searchParams);
      const call: ApiCall = { method, args, headers, at: Date.now() };
      calls.push(call);
      callWaiters.offer(call);
      const reply = await answerCall(call);
      if (reply instanceof DroppedConnection && reply.afterProcessing) defaultAnswer(call);
      send(res, reply);
      return;
    }
    const responseMatch = /^\/response\/\d+\/(.+)$/.exec(requestUrl.pathname);
    if (responseMatch !== null && req.method === 'POST') {
      const name = decodeURIComponent(responseMatch[1] ?? '');
      const post: ResponseUrlPost = { name, url: `${origin}${requestUrl.pathname}`, body: parseJsonOrText(raw), headers, at: Date.now() };
      posts.push(post);
      postWaiters.offer(post);
      // The pseudo-call lets response URL stubs share the Web API stub machinery.
      const reply = await applyStubs(`response:${name}`, { method: `response:${name}`, args: {}, headers, at: post.at });
      send(res, reply ?? { ok: true });
      return;
    }
    send(res, new HttpReply(404, `slack stand-in: no route for ${req.method} ${requestUrl.pathname}`));
  }

  async function answerCall(call: ApiCall): Promise<StubReply> {
    // Slack checks the token before anything else.
    const token = tokenOf(call);
    if (token === undefined) return { ok: false, error: 'not_authed' };
    const stubbed = await applyStubs(call.method, call);
    if (stubbed !== undefined) return stubbed;
    const override = overrides.get(call.method);
    if (override !== undefined) return override(call);
    return defaultAnswer(call);
  }

  async function applyStubs(key: string, call: ApiCall): Promise<StubReply | undefined> {
    const layers = stubs.get(key);
    if (layers === undefined) return undefined;
    // Top layer first; a handler answering undefined passes the call down.
    for (let i = layers.length - 1; i >= 0; i -= 1) {
      const layer = layers[i];
      if (layer === undefined) continue;
      const stub = layer.forever ? layer.replies[0] : layer.replies.shift();
      if (!layer.forever && layer.replies.length === 0) layers.splice(i, 1);
      if (stub === undefined) continue;
      const reply = typeof stub === 'function' ? await stub(call) : stub;
      if (reply !== undefined) return reply;
    }
    return undefined;
  }

  function addStub(key: string, reply: Stub | readonly Stub[]): void {
    const layer: StubLayer = Array.isArray(reply)
      ? { replies: [...(reply as readonly Stub[])], forever: false }
      : { replies: [reply as Stub], forever: true };
    if (layer.replies.length === 0) throw new Error(`slack stand-in: empty stub sequence for '${key}'`);
    const layers = stubs.get(key) ?? [];
    layers.push(layer);
    stubs.set(key, layers);
  }

  function channelMessages(channel: string): StoredMessage[] {
    let list = channels.get(channel);
    if (list === undefined) {
      list = [];
      channels.set(channel, list);
    }
    return list;
  }

  function defaultAnswer(call: ApiCall): StubReply {
    const { args } = call;
    switch (call.method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${TEST_TEAM_DOMAIN}.slack.com/`,
          team: 'aigov test',
          user: 'aigov',
          team_id: TEST_TEAM_ID,
          user_id: TEST_BOT_USER_ID,
          bot_id: TEST_BOT_ID,
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        const channel = stringArg(args, 'channel');
        if (channel === undefined) return { ok: false, error: 'channel_not_found' };
        const blockError = checkBlocks(args.blocks);
        if (blockError !== undefined) return { ok: false, error: blockError };
        const text = stringArg(args, 'text');
        if (text === undefined && args.blocks === undefined && args.attachments === undefined) {
          return { ok: false, error: 'no_text' };
        }
        const threadTs = stringArg(args, 'thread_ts');
        const message: StoredMessage = {
          type: 'message',
          text: text ?? '',
          user: TEST_BOT_USER_ID,
          bot_id: TEST_BOT_ID,
          app_id: TEST_APP_ID,
          team: TEST_TEAM_ID,
          ts: nextMessageTs(),
          ...(args.blocks === undefined ? {} : { blocks: args.blocks }),
          ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
        };
        channelMessages(channel).push(message);
        return { ok: true, channel, ts: message.ts, message: { ...message } };
      }
      case 'chat.postEphemeral': {
        if (stringArg(args, 'channel') === undefined) return { ok: false, error: 'channel_not_found' };
        if (stringArg(args, 'user') === undefined) return { ok: false, error: 'user_not_found' };
        const blockError = checkBlocks(args.blocks);
        if (blockError !== undefined) return { ok: false, error: blockError };
        return { ok: true, message_ts: nextMessageTs() };
      }
      case 'chat.update': {
        const channel = stringArg(args, 'channel') ?? '';
        const message = channels.get(channel)?.find((m) => m.ts === args.ts);
        if (message === undefined) return { ok: false, error: 'message_not_found' };
        const blockError = checkBlocks(args.blocks);
        if (blockError !== undefined) return { ok: false, error: blockError };
        if (typeof args.text === 'string') message.text = args.text;
        if (args.blocks !== undefined) message.blocks = args.blocks;
        return { ok: true, channel, ts: message.ts, text: message.text, message: { ...message } };
      }
      case 'users.info': {
        const user = stringArg(args, 'user');
        if (user === undefined) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user,
            team_id: TEST_TEAM_ID,
            name: `user-${user.toLowerCase()}`,
            real_name: `User ${user}`,
            deleted: false,
            is_bot: false,
            tz: 'Europe/Brussels',
            tz_label: 'Central European Time',
            tz_offset: 3600,
            profile: { real_name: `User ${user}`, display_name: `user-${user.toLowerCase()}` },
          },
        };
      }
      case 'conversations.join': {
        const channel = stringArg(args, 'channel');
        if (channel === undefined) return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: { id: channel, name: channel.toLowerCase(), is_channel: true, is_member: true } };
      }
      case 'conversations.history': {
        const channel = stringArg(args, 'channel');
        if (channel === undefined) return { ok: false, error: 'channel_not_found' };
        // History lists top-level messages only, newest first; thread replies stay in conversations.replies.
        const topLevel = (channels.get(channel) ?? []).filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts);
        const inclusive = args.inclusive === 'true' || args.inclusive === true || args.inclusive === '1';
        const oldest = stringArg(args, 'oldest');
        const latest = stringArg(args, 'latest');
        const limit = Number(args.limit ?? 100);
        const inRange = topLevel.filter(
          (m) =>
            (oldest === undefined || compareTs(m.ts, oldest) > 0 || (inclusive && m.ts === oldest)) &&
            (latest === undefined || compareTs(m.ts, latest) < 0 || (inclusive && m.ts === latest)),
        );
        const newestFirst = [...inRange].sort((a, b) => compareTs(b.ts, a.ts));
        return {
          ok: true,
          messages: newestFirst.slice(0, limit).map((m) => ({ ...m })),
          has_more: newestFirst.length > limit,
          response_metadata: { next_cursor: '' },
        };
      }
      case 'conversations.replies': {
        const channel = stringArg(args, 'channel') ?? '';
        const ts = stringArg(args, 'ts');
        const thread = (channels.get(channel) ?? []).filter((m) => m.ts === ts || m.thread_ts === ts);
        if (thread.length === 0) return { ok: false, error: 'thread_not_found' };
        return { ok: true, messages: thread.map((m) => ({ ...m })), has_more: false, response_metadata: { next_cursor: '' } };
      }
      case 'views.publish': {
        const user = stringArg(args, 'user_id');
        if (user === undefined) return { ok: false, error: 'invalid_arguments' };
        const viewError = checkView(args.view, 'home');
        if (viewError !== undefined) return { ok: false, error: viewError };
        const view = { ...(args.view as object), id: `VHOME${user}` };
        homeViews.set(user, view);
        return { ok: true, view };
      }
      case 'views.open': {
        // Slack honours a trigger_id once, for 3 seconds; the stand-in only checks it is there.
        if (stringArg(args, 'trigger_id') === undefined) return { ok: false, error: 'invalid_trigger_id' };
        const viewError = checkView(args.view, 'modal');
        if (viewError !== undefined) return { ok: false, error: viewError };
        modalCount += 1;
        const view = { ...(args.view as object), id: `VMODAL${modalCount}` };
        modals.set(view.id, view);
        return { ok: true, view };
      }
      case 'views.update': {
        const viewId = stringArg(args, 'view_id');
        if (viewId === undefined || !modals.has(viewId)) return { ok: false, error: 'not_found' };
        const viewError = checkView(args.view, 'modal');
        if (viewError !== undefined) return { ok: false, error: viewError };
        const view = { ...(args.view as object), id: viewId };
        modals.set(viewId, view);
        return { ok: true, view };
      }
      default:
        return { ok: true };
    }
  }

  return {
    url: `${origin}/api/`,
    responseUrl(name = 'response') {
      responseUrlCount += 1;
      return `${origin}/response/${responseUrlCount}/${encodeURIComponent(name)}`;
    },
    stub(method, reply) {
      addStub(method, reply);
    },
    stubResponseUrl(name, reply) {
      addStub(`response:${name}`, reply);
    },
    unstub(method) {
      stubs.delete(method);
    },
    handle(method, handler) {
      overrides.set(method, handler);
    },
    calls(method) {
      return method === undefined ? [...calls] : calls.filter((c) => c.method === method);
    },
    waitForCall(method, predicate = () => true, timeoutMs = DEFAULT_WAIT_MS) {
      const matches = (c: ApiCall) => c.method === method && predicate(c);
      return callWaiters.wait(calls, matches, timeoutMs, () => {
        const seen = calls.map((c) => c.method).join(', ') || 'none';
        return `a matching ${method} call (calls so far: ${seen})`;
      });
    },
    responses(name) {
      return name === undefined ? [...posts] : posts.filter((p) => p.name === name || p.url === name);
    },
    waitForResponse(name, predicate = () => true, timeoutMs = DEFAULT_WAIT_MS) {
      const matches = (p: ResponseUrlPost) => (name === undefined || p.name === name || p.url === name) && predicate(p);
      return postWaiters.wait(posts, matches, timeoutMs, () => `a matching POST to response_url '${name ?? '*'}' (${posts.length} so far)`);
    },
    messages(channel) {
      return (channels.get(channel) ?? []).map((m) => ({ ...m }));
    },
    homeView: (userId) => homeViews.get(userId),
    modal: (viewId) => modals.get(viewId),
    reset() {
      calls.length = 0;
      posts.length = 0;
      stubs.clear();
      channels.clear();
      homeViews.clear();
      modals.clear();
    },
    async close() {
      callWaiters.rejectAll('closed while waiting');
      postWaiters.rejectAll('closed while waiting');
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function send(res: ServerResponse, reply: StubReply): void {
  if (reply instanceof DroppedConnection) {
    res.socket?.destroy();
    return;
  }
  if (reply instanceof HttpReply) {
    const isText = typeof reply.body === 'string';
    res.writeHead(reply.status, {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      ...reply.headers,
    });
    res.end(isText ? reply.body : JSON.stringify(reply.body));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(reply));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A copy of the headers whose `authorization` can be read but is never enumerated (so never printed). */
function recordHeaders(incoming: IncomingHttpHeaders): IncomingHttpHeaders {
  const { authorization, ...rest } = incoming;
  const headers: IncomingHttpHeaders = { ...rest };
  if (authorization !== undefined) {
    Object.defineProperty(headers, 'authorization', { value: authorization, enumerable: false });
  }
  return headers;
}

function tokenOf(call: ApiCall): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(call.headers.authorization ?? '');
  if (bearer?.[1] !== undefined) return bearer[1];
  return typeof call.args.token === 'string' && call.args.token !== '' ? call.args.token : undefined;
}

async function parseArgs(raw: Buffer, contentType: string | undefined, query: URLSearchParams): Promise<Record<string, unknown>> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of query) args[key] = decodeFormValue(key, value);
  const type = (contentType ?? '').toLowerCase();
  if (raw.length > 0 && type.includes('application/json')) {
    Object.assign(args, JSON.parse(raw.toString('utf8')) as Record<string, unknown>);
  } else if (raw.length > 0 && type.includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) args[key] = decodeFormValue(key, value);
  } else if (raw.length > 0 && type.includes('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType ?? '' } }).formData();
    for (const [key, value] of form) {
      args[key] = typeof value === 'string' ? decodeFormValue(key, value) : { filename: value.name, size: value.size, type: value.type };
    }
  }
  if ('token' in args) {
    Object.defineProperty(args, 'token', { value: args.token, enumerable: false });
  }
  return args;
}

/** Undo WebClient's JSON-stringifying of nested values; leave plain strings alone. */
function decodeFormValue(key: string, value: string): unknown {
  if (PLAIN_TEXT_ARGS.has(key)) return value;
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function parseJsonOrText(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function stringArg(args: Record<string, unknown>, key: string): string | undefined {
  const value = args[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Checks a view as Slack's views.* methods do at the top level: its type and at most {@link MAX_VIEW_BLOCKS} blocks. */
function checkView(view: unknown, type: 'home' | 'modal'): string | undefined {
  if (typeof view !== 'object' || view === null) return 'invalid_arguments';
  const { type: actual, blocks } = view as { type?: unknown; blocks?: unknown };
  if (actual !== type || !Array.isArray(blocks) || blocks.length > MAX_VIEW_BLOCKS) return 'invalid_arguments';
  return undefined;
}

function checkBlocks(blocks: unknown): string | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return 'invalid_blocks_format';
  if (blocks.length > MAX_MESSAGE_BLOCKS) return 'invalid_blocks';
  return undefined;
}

/** Order Slack timestamps (`seconds.micros`) numerically. */
function compareTs(a: string, b: string): number {
  const [aSec = 0, aMicro = 0] = a.split('.').map(Number);
  const [bSec = 0, bMicro = 0] = b.split('.').map(Number);
  return aSec - bSec || aMicro - bMicro;
}
