import { ErrorCode, LogLevel, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError, type WebAPIHTTPError } from '@slack/web-api';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BLOCKS, rateLimited, serverError, startSlackApiStandIn, type SlackApiStandIn } from './slack-api-stand-in.ts';

const TOKEN = 'xoxb-stand-in-secret-token';

describe('Slack Web API stand-in, driven by the real WebClient', () => {
  let api: SlackApiStandIn;
  let client: WebClient;

  beforeAll(async () => {
    api = await startSlackApiStandIn();
    client = new WebClient(TOKEN, { slackApiUrl: api.url, retryConfig: { retries: 0 } });
  });
  afterEach(() => api.reset());
  afterAll(async () => api?.close());

  it('serves a base URL ending in /api/ on loopback', () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('answers auth.test with the bot identity Bolt reads', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
  });

  it('records chat.postMessage with blocks parsed back to objects and plain text left alone', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*EU AI Act*' } }];
    await client.chat.postMessage({ channel: 'C1', text: '[1, 2] looks like JSON', blocks, metadata: { event_type: 'digest', event_payload: { day: '2024-05-01' } } });
    const [call] = api.calls('chat.postMessage');
    expect(call?.args).toEqual({
      channel: 'C1',
      text: '[1, 2] looks like JSON',
      blocks,
      metadata: { event_type: 'digest', event_payload: { day: '2024-05-01' } },
    });
  });

  it('records the bearer token where a test can read it, but never where it prints', async () => {
    await client.chat.postMessage({ channel: 'C1', text: 'hi' });
    const call = await api.waitForCall('chat.postMessage');
    expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.stringify(call)).not.toContain(TOKEN);
    expect(inspect(call, { depth: 10 })).not.toContain(TOKEN);
  });

  it('answers not_authed to a call without a token, as Slack does', async () => {
    const anonymous = new WebClient(undefined, { slackApiUrl: api.url, retryConfig: { retries: 0 } });
    await expect(anonymous.auth.test()).rejects.toMatchObject({ code: ErrorCode.PlatformError, data: { error: 'not_authed' } });
  });

  it('gives every posted message a unique, increasing ts and lists them in conversations.history', async () => {
    const first = await client.chat.postMessage({ channel: 'C2', text: 'one' });
    const second = await client.chat.postMessage({ channel: 'C2', text: 'two' });
    await client.chat.postMessage({ channel: 'C2', text: 'reply', thread_ts: first.ts });
    await client.chat.postMessage({ channel: 'C3', text: 'elsewhere' });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(first.message).toMatchObject({ text: 'one', bot_id: 'BBOT', ts: first.ts });

    const history = await client.conversations.history({ channel: 'C2' });
    expect(history.messages?.map((m) => m.text)).toEqual(['two', 'one']);
    const since = await client.conversations.history({ channel: 'C2', oldest: first.ts });
    expect(since.messages?.map((m) => m.text)).toEqual(['two']);
    const thread = await client.conversations.replies({ channel: 'C2', ts: first.ts ?? '' });
    expect(thread.messages?.map((m) => m.text)).toEqual(['one', 'reply']);
  });

  it('refuses more blocks than Slack allows in a message', async () => {
    const blocks = Array.from({ length: MAX_MESSAGE_BLOCKS + 1 }, () => ({ type: 'divider' }));
    await expect(client.chat.postMessage({ channel: 'C1', text: 'too many', blocks })).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    expect(api.messages('C1')).toEqual([]);
  });

  it('answers users.info with a time zone and conversations.join with ok', async () => {
    const info = await client.users.info({ user: 'U5' });
    expect(info.user).toMatchObject({ id: 'U5', tz: 'Europe/Brussels' });
    expect(await client.conversations.join({ channel: 'C5' })).toMatchObject({ ok: true, channel: { id: 'C5' } });
  });

  it('answers any other method with ok: true', async () => {
    expect(await client.apiCall('reactions.add', { channel: 'C1', name: 'eyes', timestamp: '1.2' })).toMatchObject({ ok: true });
  });

  it('applies a stub to every call until unstubbed', async () => {
    api.stub('chat.postMessage', { ok: false, error: 'channel_not_found' });
    for (let i = 0; i < 2; i += 1) {
      const error = (await client.chat.postMessage({ channel: 'CX', text: 'x' }).catch((e: unknown) => e)) as WebAPIPlatformError;
      expect(error.code).toBe(ErrorCode.PlatformError);
      expect(error.data.error).toBe('channel_not_found');
    }
    api.unstub('chat.postMessage');
    expect(await client.chat.postMessage({ channel: 'CX', text: 'x' })).toMatchObject({ ok: true });
  });

  it('applies a sequence once, item by item, then falls back to the default', async () => {
    api.stub('chat.postMessage', [{ ok: false, error: 'not_in_channel' }, { ok: false, error: 'is_archived' }]);
    const errors: unknown[] = [];
    for (let i = 0; i < 3; i += 1) {
      errors.push(await client.chat.postMessage({ channel: 'C1', text: 'x' }).then((r) => r.ok, (e: WebAPIPlatformError) => e.data.error));
    }
    expect(errors).toEqual(['not_in_channel', 'is_archived', true]);
  });

  it('lets a handler decide from the call, or pass it on with undefined', async () => {
    api.stub('users.info', (call) => (call.args.user === 'UGONE' ? { ok: false, error: 'user_not_found' } : undefined));
    await expect(client.users.info({ user: 'UGONE' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    expect((await client.users.info({ user: 'U1' })).user?.tz).toBe('Europe/Brussels');
  });

  it('answers HTTP 429 with Retry-After, which WebClient reports as rate limiting', async () => {
    api.stub('chat.postMessage', [rateLimited(7)]);
    const strict = new WebClient(TOKEN, { slackApiUrl: api.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    const error = (await strict.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(7);
  });

  it('lets WebClient retry past a 429 after Retry-After seconds', async () => {
    api.stub('chat.postMessage', [rateLimited(1)]);
    const patient = new WebClient(TOKEN, {
      slackApiUrl: api.url,
      retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 },
      // The client logs the pause at INFO; the test asserts on it instead.
      logLevel: LogLevel.ERROR,
    });
    const result = await patient.chat.postMessage({ channel: 'C1', text: 'after the pause' });
    expect(result.ok).toBe(true);
    const [limited, retried] = api.calls('chat.postMessage');
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(api.messages('C1').map((m) => m.text)).toEqual(['after the pause']);
  });

  it('answers a 500, which WebClient reports as an HTTP error', async () => {
    api.stub('chat.postMessage', [serverError(503)]);
    const error = (await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e)) as WebAPIHTTPError;
    expect(error.code).toBe(ErrorCode.HTTPError);
    expect(error.statusCode).toBe(503);
  });

  it('waits for a call still to come, and names what it waited for when it times out', async () => {
    const waiting = api.waitForCall('chat.postMessage', (c) => c.args.channel === 'CLATE');
    await client.chat.postMessage({ channel: 'CEARLY', text: 'not this one' });
    await client.chat.postMessage({ channel: 'CLATE', text: 'this one' });
    expect((await waiting).args.text).toBe('this one');
    await expect(api.waitForCall('chat.update', undefined, 50)).rejects.toThrow(/chat\.update.*chat\.postMessage/);
  });

  it('records POSTs to response URLs by name, and can make one fail', async () => {
    const url = api.responseUrl('search');
    const other = api.responseUrl('search');
    expect(other).not.toBe(url);
    const waiting = api.waitForResponse('search', (p) => (p.body as { text?: string }).text === 'second');
    const post = (target: string, text: string) =>
      fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    expect((await post(url, 'first')).status).toBe(200);
    expect((await post(other, 'second')).status).toBe(200);
    expect((await waiting).url).toBe(other);
    expect(api.responses('search').map((p) => p.body)).toEqual([{ text: 'first' }, { text: 'second' }]);
    expect(api.responses(url)).toHaveLength(1);

    api.stubResponseUrl('search', [serverError(404)]);
    expect((await post(url, 'third')).status).toBe(404);
    expect((await post(url, 'fourth')).status).toBe(200);
  });
});
