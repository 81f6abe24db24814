/**
 * Pieces of the ingestion bench shared by its main thread and its command
 * load thread (command-load-worker.ts): a receiver for the commands' answers
 * that keeps nothing, and a timer of a thread's own event-loop delay.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Starts timing this process's event-loop delay; `stop` gives its p99 in ms. */
export function loopDelay(): { stop(): number } {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      return histogram.percentile(99) / 1e6;
    },
  };
}

/** Where the bot posts the commands' answers (their response_url): hands each to its waiter and keeps nothing. */
export interface ResponseSink {
  url(name: string): string;
  /** The first answer posted for `name` whose body (as JSON text) passes `accept`. */
  next(name: string, accept: (body: string) => boolean): Promise<string>;
  close(): Promise<void>;
}

export async function startResponseSink(): Promise<ResponseSink> {
  const waiting = new Map<string, { accept: (body: string) => boolean; resolve: (body: string) => void }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const name = decodeURIComponent((req.url ?? '').slice('/r/'.length));
      const body = Buffer.concat(chunks).toString('utf8');
      const waiter = waiting.get(name);
      if (waiter !== undefined && waiter.accept(body)) {
        waiting.delete(name);
        waiter.resolve(body);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (name) => `${origin}/r/${encodeURIComponent(name)}`,
    next: (name, accept) => new Promise((resolve) => waiting.set(name, { accept, resolve })),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

