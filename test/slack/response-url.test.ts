import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RespondError } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponsePostTimeoutError, ResponseUrlPoster } from '../../src/slack/response-url.ts';

interface Received {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

const servers: Server[] = [];
const posters: ResponseUrlPoster[] = [];

afterEach(async () => {
  for (const poster of posters.splice(0)) poster.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A stand-in response URL on 127.0.0.1: records each post and answers with `answer`, counting the connections it accepts. */
async function startReceiver(answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(200).end('ok')) {
  const received: Received[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      answer(req, res);
    });
  });
  server.on('connection', () => (connections += 1));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, connections: () => connections };
}

function poster(timeoutMs?: number): ResponseUrlPoster {
  const made = new ResponseUrlPoster(timeoutMs === undefined ? {} : { timeoutMs });
  posters.push(made);
  return made;
}

describe('posting answers to a response URL', () => {
  it('posts the message as JSON, a string as { text }, like Bolt’s respond', async () => {
    const receiver = await startReceiver();
    const respond = poster().respondTo(`${receiver.url}/commands/T1/123/abc`);
    await respond({ response_type: 'ephemeral', text: 'found 3', blocks: [{ type: 'divider' }] });
    await respond('plain words');
    expect(receiver.received).toEqual([
      { method: 'POST', path: '/commands/T1/123/abc', contentType: 'application/json', body: { response_type: 'ephemeral', text: 'found 3', blocks: [{ type: 'divider' }] } },
      { method: 'POST', path: '/commands/T1/123/abc', contentType: 'application/json', body: { text: 'plain words' } },
    ]);
  });

  it('keeps the connection alive between answers', async () => {
    const receiver = await startReceiver();
    const responses = poster();
    for (let i = 0; i < 5; i += 1) await responses.post(`${receiver.url}/r/${i}`, `answer ${i}`);
    expect(receiver.received).toHaveLength(5);
    expect(receiver.connections()).toBe(1);
  });

  it('rejects an answer other than 2xx with Bolt’s RespondError and the status, so the failure is reported as before', async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(404, 'Not Found').end('expired_url'));
    const failure = await poster().post(`${receiver.url}/expired`, 'too late').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(RespondError);
    expect(failure).toMatchObject({ statusCode: 404, message: 'Failed to respond to the response_url: 404 Not Found' });
  });

  it('gives up on a response URL that stays silent', async () => {
    // Never answers: only the poster's limit ends the post.
    const receiver = await startReceiver(() => undefined);
    const failure = await poster(200).post(`${receiver.url}/silent`, 'hello?').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ResponsePostTimeoutError);
    expect(failure).toMatchObject({ code: 'AIGOV_RESPONSE_POST_TIMEOUT' });
  });

  it('refuses a response URL that is not http(s)', async () => {
    await expect(poster().post('ftp://127.0.0.1/r', 'x')).rejects.toThrow(/not http\(s\)/);
  });
});
