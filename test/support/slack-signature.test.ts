import { App, LogLevel, isValidSlackRequest, verifySlackRequest } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackApiStandIn, type SlackApiStandIn } from './slack-api-stand-in.ts';
import {
  appMentionEventBody,
  blockActionBody,
  postSignedToBolt,
  signSlackRequest,
  slashCommandBody,
} from './slack-signature.ts';

const SECRET = 'test-signing-secret';

/** Bolt's verifier takes the timestamp header as a number, as its receivers parse it. */
function verifyWithBolt(body: string, headers: ReturnType<typeof signSlackRequest>, signingSecret = SECRET): void {
  verifySlackRequest({
    signingSecret,
    body,
    headers: {
      'x-slack-signature': headers['x-slack-signature'],
      'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
    },
  });
}

describe('signSlackRequest', () => {
  const body = slashCommandBody({ text: 'search ai act', responseUrl: 'http://127.0.0.1:1/response/1/x' }).body;

  it("is accepted by Bolt's own verifySlackRequest", () => {
    expect(() => verifyWithBolt(body, signSlackRequest({ signingSecret: SECRET, body }))).not.toThrow();
  });

  it('is refused for a tampered body, another secret, or a stale timestamp', () => {
    const headers = signSlackRequest({ signingSecret: SECRET, body });
    expect(() => verifyWithBolt(body.replace('ai+act', 'ai+acts'), headers)).toThrow(/signature mismatch/);
    expect(() => verifyWithBolt(body, headers, 'another-secret')).toThrow(/signature mismatch/);
    const stale = signSlackRequest({ signingSecret: SECRET, body, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(() => verifyWithBolt(body, stale)).toThrow(/stale/);
  });

  it('signs the exact timestamp it reports', () => {
    const headers = signSlackRequest({ signingSecret: SECRET, body, timestamp: 1_700_000_000 });
    expect(headers['x-slack-request-timestamp']).toBe('1700000000');
    expect(headers['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    const later = signSlackRequest({ signingSecret: SECRET, body, timestamp: 1_700_000_001 });
    expect(later['x-slack-signature']).not.toBe(headers['x-slack-signature']);
    expect(isValidSlackRequest({
      signingSecret: SECRET,
      body,
      headers: { 'x-slack-signature': headers['x-slack-signature'], 'x-slack-request-timestamp': 1_700_000_000 },
      nowMilliseconds: 1_700_000_000_000,
    })).toBe(true);
  });
});

describe('payload builders against a real Bolt app in HTTP mode', () => {
  let api: SlackApiStandIn;
  let app: App;
  let eventsUrl: string;
  const seen: { commands: unknown[]; mentions: unknown[]; actions: unknown[] } = { commands: [], mentions: [], actions: [] };

  beforeAll(async () => {
    api = await startSlackApiStandIn();
    app = new App({
      token: 'xoxb-test-token',
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: api.url, retryConfig: { retries: 0 } },
    });
    app.command('/aigov', async ({ command, ack, respond }) => {
      seen.commands.push(command);
      await ack();
      await respond({ text: `you asked: ${command.text}`, response_type: 'ephemeral' });
    });
    app.event('app_mention', async ({ event, say }) => {
      seen.mentions.push(event);
      await say({ text: 'answer', thread_ts: event.thread_ts ?? event.ts });
    });
    app.action('more_results', async ({ body, action, ack, respond }) => {
      seen.actions.push({ body, action });
      await ack();
      await respond({ text: 'page 2', replace_original: true });
    });
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterAll(async () => {
    await app?.stop();
    await api?.close();
  });

  it('delivers a signed slash command to app.command with every field Slack sends', async () => {
    const responseUrl = api.responseUrl('command');
    const request = slashCommandBody({ text: 'search ai act', userId: 'U42', channelId: 'C42', responseUrl });
    const response = await postSignedToBolt(eventsUrl, { signingSecret: SECRET, ...request });
    expect(response.status).toBe(200);
    expect(seen.commands.at(-1)).toMatchObject({
      command: '/aigov',
      text: 'search ai act',
      user_id: 'U42',
      channel_id: 'C42',
      response_url: responseUrl,
      team_id: 'T1',
      api_app_id: 'A1',
    });
    expect(Object.keys(seen.commands.at(-1) as object).sort()).toEqual(Object.keys(request.payload).sort());
    const reply = await api.waitForResponse('command');
    expect(reply.body).toEqual({ text: 'you asked: search ai act', response_type: 'ephemeral' });
  });

  it('answers 401 to a tampered signature and never runs the listener', async () => {
    const before = seen.commands.length;
    const request = slashCommandBody({ text: 'search x', responseUrl: api.responseUrl() });
    const response = await postSignedToBolt(eventsUrl, {
      signingSecret: SECRET,
      ...request,
      headers: { 'x-slack-signature': `v0=${'0'.repeat(64)}` },
    });
    expect(response.status).toBe(401);
    const wrongSecret = await postSignedToBolt(eventsUrl, { signingSecret: 'not-the-secret', ...request });
    expect(wrongSecret.status).toBe(401);
    expect(seen.commands.length).toBe(before);
  });

  it('delivers an app_mention event and the reply reaches chat.postMessage in the thread', async () => {
    const request = appMentionEventBody({ eventId: 'Ev1', text: '<@UBOT> who regulates AI?', user: 'U7', channel: 'C7', ts: '1700000000.000100' });
    const response = await postSignedToBolt(eventsUrl, { signingSecret: SECRET, ...request });
    expect(response.status).toBe(200);
    const post = await api.waitForCall('chat.postMessage', (c) => c.args.channel === 'C7');
    expect(post.args).toMatchObject({ channel: 'C7', text: 'answer', thread_ts: '1700000000.000100' });
    expect(seen.mentions.at(-1)).toMatchObject({ type: 'app_mention', user: 'U7', text: '<@UBOT> who regulates AI?' });
  });

  it('passes Slack retry headers through to Bolt', async () => {
    let retryNum: number | undefined;
    app.event('app_mention', async ({ context }) => {
      retryNum = context.retryNum;
    });
    const request = appMentionEventBody({ eventId: 'Ev2', text: '<@UBOT> again' });
    const response = await postSignedToBolt(eventsUrl, {
      signingSecret: SECRET,
      ...request,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(response.status).toBe(200);
    await api.waitForCall('chat.postMessage', (c) => c.args.channel === 'C1');
    expect(retryNum).toBe(1);
  });

  it('delivers a block_actions button click to app.action', async () => {
    const responseUrl = api.responseUrl('action');
    const request = blockActionBody({ actionId: 'more_results', value: 'page=2', userId: 'U9', channelId: 'C9', responseUrl });
    const response = await postSignedToBolt(eventsUrl, { signingSecret: SECRET, ...request });
    expect(response.status).toBe(200);
    const { body, action } = seen.actions.at(-1) as { body: Record<string, unknown>; action: Record<string, unknown> };
    expect(action).toMatchObject({ type: 'button', action_id: 'more_results', value: 'page=2' });
    expect(body).toMatchObject({ type: 'block_actions', user: { id: 'U9' }, channel: { id: 'C9' }, container: { channel_id: 'C9' } });
    expect((await api.waitForResponse('action')).body).toEqual({ text: 'page 2', replace_original: true });
  });
});
