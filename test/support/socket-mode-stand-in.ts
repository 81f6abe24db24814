/**
 * A local WebSocket server speaking Slack's Socket Mode protocol, wired to
 * the Web API stand-in's `apps.connections.open`, so the real
 * `SocketModeClient` (and Bolt's SocketModeReceiver) can run on loopback.
 *
 * The protocol (https://docs.slack.dev/apis/events-api/using-socket-mode):
 * - the app calls `apps.connections.open` with its app-level token
 *   (`xapp-…`) and gets a one-use `wss://…/link/?ticket=…` URL;
 * - on connect Slack sends `hello` (with `num_connections`), then envelopes
 *   `{ envelope_id, type, payload, accepts_response_payload }`, each acked
 *   by the app sending back `{ envelope_id, payload? }`;
 * - Slack sends `{ type: 'disconnect', reason }` (`warning`,
 *   `refresh_requested`, `link_disabled`, `too_many_websockets`) and the
 *   client reconnects with a fresh URL;
 * - at most 10 connections are open per app at once.
 *
 * Reconnecting clients: @slack/socket-mode 3.x waits `clientPingTimeout`
 * (default 5 s) before reconnecting, so tests should pass a small one.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { TEST_APP_ID } from './slack-payloads.ts';
import { DEFAULT_WAIT_MS, type SlackApiStandIn } from './slack-api-stand-in.ts';

/** Slack's cap on open Socket Mode connections per app. */
export const MAX_SOCKET_MODE_CONNECTIONS = 10;

/** How long `close()` waits for clients to answer its close frames. */
const CLOSE_GRACE_MS = 1_000;

export type EnvelopeType = 'slash_commands' | 'events_api' | 'interactive';
export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled' | 'too_many_websockets';

/** What the client sent back for an envelope. */
export interface SocketModeAck {
  envelope_id: string;
  /** Present when the app answered with content (e.g. a slash command's immediate reply). */
  payload?: unknown;
}

/** One WebSocket connection the stand-in accepted. */
export interface SocketConnectionRecord {
  /** 1 for the first connection, counting up. */
  readonly id: number;
  readonly openedAt: number;
  /** When the socket closed; undefined while open. */
  closedAt: number | undefined;
  /** True when it was turned away for exceeding the connection cap. */
  refused: boolean;
}

export interface EnvelopeOptions {
  /** Defaults: true for slash commands (they may reply in the ack), false otherwise. */
  acceptsResponsePayload?: boolean;
  /** Events API redelivery count (0 for the first delivery). */
  retryAttempt?: number;
  retryReason?: string;
  /** How long to wait for an open connection and then for the ack. */
  timeoutMs?: number;
}

export interface DisconnectOptions {
  /** Close the sockets from the server side after this long if the client has not (Slack does, after a `warning`). */
  closeAfterMs?: number;
}

export interface SocketModeStandIn {
  /** The WebSocket base URL; `apps.connections.open` hands out ticketed URLs under it. */
  readonly url: string;
  /** Send an envelope on the newest open connection; resolves with the client's ack. */
  sendEnvelope(type: EnvelopeType, payload: unknown, options?: EnvelopeOptions): Promise<SocketModeAck>;
  /** Send `disconnect` with `reason` on every open connection; returns how many were told. */
  disconnect(reason: DisconnectReason, options?: DisconnectOptions): number;
  /** Every connection accepted so far, oldest first. */
  connections(): readonly SocketConnectionRecord[];
  /** Connections open right now (refused ones excluded). */
  openConnections(): number;
  /** The most connections that were open at the same time. */
  peakOpenConnections(): number;
  /** Resolves once the `count`-th connection (counting from 1, ever) has been greeted with `hello`. */
  waitForConnection(count: number, timeoutMs?: number): Promise<SocketConnectionRecord>;
  /**
   * Resolves once exactly `count` connections are open. Bolt's `app.stop()`
   * does not wait for its socket to close: wait for 0 before `close()`.
   */
  waitForOpenConnections(count: number, timeoutMs?: number): Promise<void>;
  /** Every message the clients sent, parsed, in order. */
  received(): unknown[];
  /** Close every socket (a close frame first, then, after a grace period, the hard way) and the server. */
  close(): Promise<void>;
}

interface LiveConnection {
  readonly record: SocketConnectionRecord;
  readonly socket: WebSocket;
}

interface PendingAck {
  readonly resolve: (ack: SocketModeAck) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Start the Socket Mode stand-in on 127.0.0.1 and make `api`'s
 * `apps.connections.open` hand out URLs to it (to an `xapp-` token only,
 * as Slack does).
 */
export async function startSocketModeStandIn(
  api: SlackApiStandIn,
  options: { appId?: string } = {},
): Promise<SocketModeStandIn> {
  const appId = options.appId ?? TEST_APP_ID;
  const tickets = new Set<string>();
  const records: SocketConnectionRecord[] = [];
  const live: LiveConnection[] = [];
  const messages: unknown[] = [];
  const pendingAcks = new Map<string, PendingAck>();
  const timers = new Set<NodeJS.Timeout>();
  const changeListeners = new Set<() => void>();
  let peak = 0;

  const server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const ticket = new URL(req.url ?? '/', 'http://stand-in').searchParams.get('ticket') ?? '';
    // Tickets are single-use: a client must call apps.connections.open for every connection.
    if (!tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `ws://127.0.0.1:${port}/link/`;

  api.handle('apps.connections.open', (call) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(call.headers.authorization ?? '')?.[1] ?? String(call.args.token ?? '');
    if (!bearer.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
    const ticket = randomUUID();
    tickets.add(ticket);
    return { ok: true, url: `${base}?ticket=${ticket}&app_id=${appId}` };
  });

  function changed(): void {
    for (const listener of [...changeListeners]) listener();
  }

  function waitUntil<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const listener = () => {
        const value = probe();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`socket mode stand-in: timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        changeListeners.delete(listener);
      };
      changeListeners.add(listener);
    });
  }

  function openCount(): number {
    return live.filter((c) => !c.record.refused).length;
  }

  function accept(socket: WebSocket): void {
    const record: SocketConnectionRecord = { id: records.length + 1, openedAt: Date.now(), closedAt: undefined, refused: false };
    records.push(record);
    if (openCount() >= MAX_SOCKET_MODE_CONNECTIONS) {
      record.refused = true;
      socket.send(JSON.stringify({ type: 'disconnect', reason: 'too_many_websockets' }));
      socket.close(1008, 'too many websockets');
    }
    const connection: LiveConnection = { record, socket };
    live.push(connection);
    socket.on('message', (data: RawData) => received(data));
    socket.on('close', () => {
      record.closedAt = Date.now();
      live.splice(live.indexOf(connection), 1);
      changed();
    });
    // A client error (e.g. a reset) must not crash the test process; the close event records it.
    socket.on('error', () => undefined);
    if (!record.refused) {
      peak = Math.max(peak, openCount());
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: openCount(),
          debug_info: { host: 'applink-stand-in', build_number: 1, approximate_connection_time: 18_060 },
          connection_info: { app_id: appId },
        }),
      );
    }
    changed();
  }

  function received(data: RawData): void {
    let message: unknown;
    try {
      message = JSON.parse(data.toString()) as unknown;
    } catch {
      message = data.toString();
    }
    messages.push(message);
    if (typeof message !== 'object' || message === null || !('envelope_id' in message)) return;
    const ack = message as SocketModeAck;
    const pending = pendingAcks.get(ack.envelope_id);
    if (pending === undefined) return;
    pendingAcks.delete(ack.envelope_id);
    clearTimeout(pending.timer);
    pending.resolve(ack);
  }

  function newestOpen(): LiveConnection | undefined {
    const open = live.filter((c) => !c.record.refused && c.socket.readyState === c.socket.OPEN);
    return open[open.length - 1];
  }

  return {
    url: base,
    async sendEnvelope(type, payload, envelopeOptions = {}) {
      const timeoutMs = envelopeOptions.timeoutMs ?? DEFAULT_WAIT_MS;
      const connection = await waitUntil(newestOpen, timeoutMs, () => `an open connection to send a ${type} envelope`);
      const envelopeId = randomUUID();
      const envelope = {
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: envelopeOptions.acceptsResponsePayload ?? type === 'slash_commands',
        ...(type === 'events_api'
          ? { retry_attempt: envelopeOptions.retryAttempt ?? 0, retry_reason: envelopeOptions.retryReason ?? '' }
          : {}),
      };
      const acked = new Promise<SocketModeAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pendingAcks.delete(envelopeId);
          reject(new Error(`socket mode stand-in: no ack within ${timeoutMs} ms for ${type} envelope ${envelopeId}`));
        }, timeoutMs);
        pendingAcks.set(envelopeId, { resolve, reject, timer });
      });
      connection.socket.send(JSON.stringify(envelope));
      return acked;
    },
    disconnect(reason, disconnectOptions = {}) {
      const targets = live.filter((c) => !c.record.refused);
      for (const { socket } of targets) {
        socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-stand-in' } }));
        const { closeAfterMs } = disconnectOptions;
        if (closeAfterMs !== undefined) {
          const timer = setTimeout(() => {
            timers.delete(timer);
            if (socket.readyState === socket.OPEN) socket.close(1001, reason);
          }, closeAfterMs);
          timers.add(timer);
        }
      }
      return targets.length;
    },
    connections() {
      return records.map((r) => ({ ...r }));
    },
    openConnections() {
      return openCount();
    },
    peakOpenConnections() {
      return peak;
    },
    waitForConnection(count, timeoutMs = DEFAULT_WAIT_MS) {
      return waitUntil(
        () => {
          const record = records[count - 1];
          return record === undefined ? undefined : { ...record };
        },
        timeoutMs,
        () => `connection #${count} (${records.length} so far)`,
      );
    },
    async waitForOpenConnections(count, timeoutMs = DEFAULT_WAIT_MS) {
      await waitUntil(
        () => (openCount() === count ? true : undefined),
        timeoutMs,
        () => `${count} open connections (${openCount()} open)`,
      );
    },
    received() {
      return [...messages];
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const [id, pending] of pendingAcks) {
        clearTimeout(pending.timer);
        pending.reject(new Error(`socket mode stand-in: closed before envelope ${id} was acked`));
      }
      pendingAcks.clear();
      // A close frame lets a client shut down quietly; one that does not answer in time is cut off.
      for (const { socket } of live) socket.close(1001, 'stand-in closing');
      await waitUntil(() => (live.length === 0 ? true : undefined), CLOSE_GRACE_MS, () => 'sockets to close').catch(() => undefined);
      for (const { socket } of live) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
