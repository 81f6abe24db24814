import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMentionEventBody, blockActionBody, slashCommandBody } from '../support/slack-payloads.ts';
import { startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.ts';
import { startSocketModeStandIn, type SocketModeStandIn } from '../support/socket-mode-stand-in.ts';
import { MORE_RESULTS } from '../../src/slack/render/action-ids.ts';
import { TEST_APP_TOKEN, startTestBot, type TestBot } from './test-bot.ts';

let api: SlackApiStandIn;
let socket: SocketModeStandIn;
let t: TestBot;
let stopped = false;

beforeAll(async () => {
  api = await startSlackApiStandIn();
  socket = await startSocketModeStandIn(api);
  // No signing secret: Socket Mode needs none, and config must not demand one.
  t = await startTestBot({ api, env: { SLACK_APP_TOKEN: TEST_APP_TOKEN, SLACK_SIGNING_SECRET: '' } });
  await socket.waitForConnection(1);
});

afterAll(async () => {
  if (!stopped) await t?.stop();
  await socket?.waitForOpenConnections(0).catch(() => undefined);
  await socket?.close();
  await api?.close();
});

describe('Socket Mode', () => {
  it('runs in Socket Mode and serves /healthz on PORT', async () => {
    expect(t.config.mode).toBe('socket');
    const res = await fetch(`${t.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', documents: 7 });
  });

  it('acks a slash command envelope, then answers through its response_url', async () => {
    const { payload } = slashCommandBody({ text: 'search capacity-building', responseUrl: api.responseUrl('sm-cmd') });
    const ack = await socket.sendEnvelope('slash_commands', payload);
    expect(ack.envelope_id).toBeTruthy();
    const answer = await api.waitForResponse('sm-cmd');
    expect(JSON.stringify(answer.body)).toMatch(/\*[Cc]apacity/);
  });

  it('answers an app_mention envelope in the thread, once per event id', async () => {
    const { payload } = appMentionEventBody({
      eventId: 'Ev-sm-1',
      text: '<@UBOT> how many actions does the World AI Conference action plan have?',
      channel: 'C77',
      ts: '1700000100.000200',
    });
    await socket.sendEnvelope('events_api', payload);
    const post = await api.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'C77');
    expect(post.args['thread_ts']).toBe('1700000100.000200');
    expect(JSON.stringify(post.args)).toContain('13');

    await socket.sendEnvelope('events_api', payload, { retryAttempt: 1, retryReason: 'timeout' });
    const fresh = appMentionEventBody({ eventId: 'Ev-sm-2', text: '<@UBOT> where was the 2025 World AI Conference held?', channel: 'C78' });
    await socket.sendEnvelope('events_api', fresh.payload);
    await api.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'C78');
    expect(api.calls('chat.postMessage').filter((c) => c.args['channel'] === 'C77')).toHaveLength(1);
  });

  it('handles button clicks delivered as interactive envelopes', async () => {
    const { payload } = slashCommandBody({ text: 'search AI', responseUrl: api.responseUrl('sm-page1') });
    await socket.sendEnvelope('slash_commands', payload);
    const first = await api.waitForResponse('sm-page1');
    const blocks = (first.body as { blocks: { type: string; elements?: { action_id: string; value: string }[] }[] }).blocks;
    const more = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === MORE_RESULTS);
    expect(more).toBeDefined();
    const click = blockActionBody({ actionId: MORE_RESULTS, value: more!.value, responseUrl: api.responseUrl('sm-page2') });
    await socket.sendEnvelope('interactive', click.payload);
    const second = await api.waitForResponse('sm-page2');
    expect(second.body).toMatchObject({ replace_original: true });
  });

  it('reconnects after Slack asks it to refresh, keeping a single connection', async () => {
    socket.disconnect('refresh_requested');
    await socket.waitForConnection(2, 15_000);
    await socket.waitForOpenConnections(1, 15_000);
    const { payload } = slashCommandBody({ text: 'search sanction', responseUrl: api.responseUrl('sm-after') });
    await socket.sendEnvelope('slash_commands', payload);
    const answer = await api.waitForResponse('sm-after');
    expect(JSON.stringify(answer.body)).toMatch(/[Ss]anction/);
    expect(socket.openConnections()).toBe(1);
  }, 30_000);

  // Last: it stops the bot.
  it('on stop, disconnects first, then finishes the mention it had received', async () => {
    api.stub('chat.postMessage', async () => {
      await new Promise((r) => setTimeout(r, 800));
      return undefined;
    });
    const { payload } = appMentionEventBody({ eventId: 'Ev-sm-stop', text: '<@UBOT> where was the 2025 World AI Conference held?', channel: 'C79' });
    await socket.sendEnvelope('events_api', payload);
    await api.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'C79');
    stopped = true;
    const stopping = t.bot.stop();
    await socket.waitForOpenConnections(0, 15_000);
    // Disconnected while the answer was still on its way: no new event can reach this bot, the received one is finished.
    expect(api.messages('C79')).toHaveLength(0);
    await stopping;
    expect(api.messages('C79')).toHaveLength(1);
    api.unstub('chat.postMessage');
  });
});
