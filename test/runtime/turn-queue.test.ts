import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../../src/runtime/turn-queue.ts';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('TurnQueue', () => {
  it('runs jobs in order and passes on results and errors', async () => {
    const queue = new TurnQueue();
    const order: number[] = [];
    const a = queue.run(() => (order.push(1), 'a'));
    const b = queue.run(() => {
      order.push(2);
      throw new Error('b failed');
    });
    const c = queue.run(() => (order.push(3), 'c'));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b failed');
    await expect(c).resolves.toBe('c');
    expect(order).toEqual([1, 2, 3]);
  });

  it('serves a request that arrives during a job before the next job runs', async () => {
    const events: string[] = [];
    const queue = new TurnQueue();
    let jobs: Promise<void>[] = [];
    const server = http.createServer((_req, res) => {
      events.push('request served');
      res.end('ok');
    });
    // Queue three long jobs the moment the client connects: its request bytes arrive while job 1 holds the loop.
    server.once('connection', () => {
      jobs = [1, 2, 3].map((n) =>
        queue.run(() => {
          events.push(`job ${n}`);
          busy(200);
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      // Another process, so the client is not held up by the jobs it is racing.
      const client = spawn(process.execPath, ['-e', 'fetch(process.argv[1]).then((r) => r.text())', url], { stdio: 'ignore' });
      await new Promise((r) => client.on('close', r));
      await Promise.all(jobs);
      expect(events[0]).toBe('job 1');
      // Served right after job 1, not after all three: it did not wait behind every queued search.
      expect(events.indexOf('request served')).toBeLessThan(events.indexOf('job 3'));
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
