import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CorpusStatus } from '../../src/corpus/corpus-service.ts';
import { createHealthHandler, type HealthProblem } from '../../src/slack/health-route.ts';

const LOADING: CorpusStatus = { ready: false, documents: 0, indexedAt: null, corpusAgeSeconds: null, newestArticleDate: null };
const READY: CorpusStatus = { ready: true, documents: 5, indexedAt: '2026-11-23T09:00:00.000Z', corpusAgeSeconds: 12, newestArticleDate: '2025-07-30' };

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise((r) => server?.close(r));
});

async function serve(status: () => CorpusStatus, problem: () => HealthProblem | null = () => null): Promise<string> {
  server = http.createServer(createHealthHandler(status, problem));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
}

describe('GET /healthz', () => {
  it('answers 503 while the index is being built, then 200 with the corpus status', async () => {
    let current = LOADING;
    const url = await serve(() => current);
    const loading = await fetch(url);
    expect(loading.status).toBe(503);
    expect(await loading.json()).toMatchObject({ status: 'loading', ready: false });
    current = READY;
    const ready = await fetch(url);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', ...READY });
  });

  it('answers 503 with the status and reason of a problem, even with the index ready', async () => {
    let problem: HealthProblem | null = { status: 'store-failing', reason: 'database failing (claimAnswer): attempt to write a readonly database' };
    const url = await serve(() => READY, () => problem);
    const failing = await fetch(url);
    expect(failing.status).toBe(503);
    expect(await failing.json()).toMatchObject({ ...problem, ready: false, documents: 5 });
    problem = { status: 'recovering', reason: 'the corpus worker crashed and is restarting' };
    expect(await (await fetch(url)).json()).toMatchObject({ status: 'recovering' });
    problem = null;
    expect((await fetch(url)).status).toBe(200);
  });

  it('allows only GET and HEAD', async () => {
    const url = await serve(() => READY);
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(200);
  });
});
