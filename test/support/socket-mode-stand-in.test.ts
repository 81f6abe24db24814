import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import { WebClient } from '@slack/web-api';
import { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackApiStandIn, type SlackApiStandIn } from './slack-api-stand-in.ts';
import { appMentionEventBody, slashCommandBody } from './slack-payloads.ts';
import { MAX_SOCKET_MODE_CONNECTIONS, startSocketModeStandIn, type SocketModeStandIn } from './socket-mode-stand-in.ts';

const APP_TOKEN = 'xapp-1-A1-stand-in';
/** Also the client's reconnect delay: small, so a reconnect takes a fifth of a second, not five. */
const CLIENT_PING_TIMEOUT_MS = 200;

describe('Socket Mode stand-in, driven by the real SocketModeClient', () => {
  let api: SlackApiStandIn;
  let socketMode: SocketModeStandIn;
  let client: SocketModeClient;

  beforeEach(async () => {
    api = await startSlackApiStandIn();
    socketMode = await startSocketModeStandIn(api);
    client = new SocketModeClient({
      appToken: APP_TOKEN,
      logLevel: LogLevel.ERROR,
      clientPingTimeout: CLIENT_PING_TIMEOUT_MS,
      clientOptions: { slackApiUrl: api.url },
    });
  });

  afterEach(async () => {
    await client.disconnect();
    await socketMode.close();
    await api.close();
  });

  it('hands out a ticketed URL to the app-level token and greets the connection with hello', async () => {
    const opened = await client.start();
    expect(opened).toMatchObject({ ok: true, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[\w-]+&app_id=A1$/) });
    const [call] = api.calls('apps.connections.open');
    expect(call?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(socketMode.connections()).toHaveLength(1);
    expect(socketMode.openConnections()).toBe(1);
  });

  it('refuses apps.connections.open to a bot token, as Slack does', async () => {
    const bot = new WebClient('xoxb-not-an-app-token', { slackApiUrl: api.url, retryConfig: { retries: 0 } });
    await expect(bot.apps.connections.open()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
  });

  it('sends a slash command envelope and resolves with the ack and its response payload', async () => {
    const received: unknown[] = [];
    client.on('slash_commands', async ({ ack, body }: { ack: (r?: object) => Promise<void>; body: { text: string } }) => {
      received.push(body);
      await ack({ text: `searching for ${body.text}` });
    });
    await client.start();
    const command = slashCommandBody({ text: 'search oecd', responseUrl: api.responseUrl() });
    const ack = await socketMode.sendEnvelope('slash_commands', command.payload);
    expect(ack.payload).toEqual({ text: 'searching for search oecd' });
    expect(received).toEqual([command.payload]);
    expect(socketMode.received()).toContainEqual(ack);
  });

  it('sends an events_api envelope that the client dispatches by event type', async () => {
    const mentions: unknown[] = [];
    client.on('app_mention', async ({ ack, event, retry_num }: { ack: () => Promise<void>; event: unknown; retry_num: number }) => {
      mentions.push({ event, retry_num });
      await ack();
    });
    await client.start();
    const mention = appMentionEventBody({ eventId: 'EvSM', text: '<@UBOT> hello' });
    const ack = await socketMode.sendEnvelope('events_api', mention.payload, { retryAttempt: 2, retryReason: 'timeout' });
    expect(ack.envelope_id).toMatch(/[\w-]+/);
    expect(mentions).toEqual([{ event: mention.payload.event, retry_num: 2 }]);
  });

  it('rejects when the client never acks', async () => {
    await client.start();
    await expect(socketMode.sendEnvelope('interactive', { type: 'block_actions' }, { timeoutMs: 100 })).rejects.toThrow(/no ack within 100 ms for interactive/);
  });

  for (const reason of ['refresh_requested', 'warning'] as const) {
    it(`is reconnected to after a ${reason} disconnect, with only one connection left open`, async () => {
      await client.start();
      const reconnected = new Promise((resolve) => client.once('connected', resolve));
      expect(socketMode.disconnect(reason)).toBe(1);
      await socketMode.waitForConnection(2);
      await reconnected;
      const [first, second] = socketMode.connections();
      expect(first?.closedAt).toBeDefined();
      expect(second?.closedAt).toBeUndefined();
      expect(socketMode.openConnections()).toBe(1);
      expect(socketMode.peakOpenConnections()).toBe(1);
      expect(api.calls('apps.connections.open')).toHaveLength(2);

      client.on('slash_commands', async ({ ack }: { ack: () => Promise<void> }) => ack());
      const ack = await socketMode.sendEnvelope('slash_commands', { text: 'after reconnect' });
      expect(ack.envelope_id).toBeTruthy();
    });
  }

  it('accepts a connection only with a fresh ticket from apps.connections.open', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${socketMode.url}?ticket=made-up`);
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('open', () => reject(new Error('a connection without a ticket was accepted')));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(401);
    expect(socketMode.connections()).toHaveLength(0);
  });

  it(`turns away connection number ${MAX_SOCKET_MODE_CONNECTIONS + 1} with too_many_websockets`, async () => {
    const opener = new WebClient(APP_TOKEN, { slackApiUrl: api.url, retryConfig: { retries: 0 } });
    const sockets: WebSocket[] = [];
    const firstMessage = async (): Promise<{ type: string; reason?: string }> => {
      const { url } = await opener.apps.connections.open();
      const ws = new WebSocket(url ?? '');
      sockets.push(ws);
      return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
    };
    try {
      for (let i = 1; i <= MAX_SOCKET_MODE_CONNECTIONS; i += 1) {
        expect(await firstMessage()).toMatchObject({ type: 'hello', num_connections: i });
      }
      expect(await firstMessage()).toEqual({ type: 'disconnect', reason: 'too_many_websockets' });
      expect(socketMode.openConnections()).toBe(MAX_SOCKET_MODE_CONNECTIONS);
      expect(socketMode.peakOpenConnections()).toBe(MAX_SOCKET_MODE_CONNECTIONS);
    } finally {
      for (const ws of sockets) ws.terminate();
    }
  });
});

describe('Socket Mode stand-in, driven by a real Bolt app', () => {
  let api: SlackApiStandIn;
  let socketMode: SocketModeStandIn;
  let app: App;

  beforeEach(async () => {
    api = await startSlackApiStandIn();
    socketMode = await startSocketModeStandIn(api);
  });

  afterEach(async () => {
    await app?.stop();
    await socketMode.waitForOpenConnections(0);
    await socketMode.close();
    await api.close();
  });

  it('delivers a slash command to app.command and carries the ack response back', async () => {
    const clientOptions = { slackApiUrl: api.url };
    const receiver = new SocketModeReceiver({
      appToken: APP_TOKEN,
      logLevel: LogLevel.ERROR,
      clientPingTimeout: CLIENT_PING_TIMEOUT_MS,
      installerOptions: { clientOptions },
    });
    app = new App({ token: 'xoxb-bolt', receiver, logLevel: LogLevel.ERROR, clientOptions });
    app.command('/aigov', async ({ command, ack }) => {
      await ack({ text: `results for ${command.text}` });
    });
    await app.start();
    const command = slashCommandBody({ text: 'search g7', responseUrl: api.responseUrl() });
    const ack = await socketMode.sendEnvelope('slash_commands', command.payload);
    expect(ack.payload).toMatchObject({ text: 'results for search g7' });
    expect(api.calls('auth.test')[0]?.headers.authorization).toBe('Bearer xoxb-bolt');
  });
});
