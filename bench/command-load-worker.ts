/**
 * The ingestion bench's timed load, in a thread of its own: `/aigov search`
 * commands kept in flight against the bot, each ack timed from the send to
 * the HTTP 200, each command's answer awaited at this thread's own response
 * receiver before the next goes out. Apart from the bench's main thread,
 * which serves the feed and its 1,000 pages during the import, so the acks
 * timed here do not include that serving's event-loop delay (25-35 ms at p99
 * when both ran in one thread); this thread's own delay is reported beside them.
 * Started by command-load.ts through src/runtime/worker-bootstrap.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { slashCommandBody } from '../test/support/slack-payloads.ts';
import { postSignedToBolt } from '../test/support/slack-signature.ts';
import { loopDelay, startResponseSink } from './response-sink.ts';
import type { CommandLoadData, CommandLoadReply, CommandLoadRequest } from './command-load.ts';

const port = parentPort;
if (port === null) throw new Error('command-load-worker: must run in a worker thread');
const data = workerData as CommandLoadData;
const sink = await startResponseSink();
let sequence = 0;
let stopping = false;

async function send(text: string): Promise<{ ackMs: number; answer: Promise<string> }> {
  const name = `load-${++sequence}`;
  const { body, contentType } = slashCommandBody({ text, userId: 'UBENCH', responseUrl: sink.url(name) });
  // The answer, not the "working on it" placeholder a long command posts first.
  const answer = sink.next(name, (posted) => !posted.includes('hourglass_flowing_sand'));
  const started = performance.now();
  const res = await postSignedToBolt(data.eventsUrl, { signingSecret: data.signingSecret, body, contentType });
  if (res.status !== 200) throw new Error(`bench: command answered ${res.status}`);
  return { ackMs: performance.now() - started, answer };
}

async function run(perLoop: number | null): Promise<CommandLoadReply> {
  stopping = false;
  const delay = loopDelay();
  const acks: number[] = [];
  await Promise.all(
    Array.from({ length: data.concurrency }, async (_, k) => {
      for (let n = 0; perLoop === null ? !stopping : n < perLoop; n += 1) {
        const { ackMs, answer } = await send(`search capacity building ${k % 2 === 0 ? 'verification' : 'safety'}`);
        acks.push(ackMs);
        await answer;
      }
    }),
  );
  return { kind: 'done', acks, loopDelayP99Ms: delay.stop() };
}

port.on('message', (request: CommandLoadRequest) => {
  if (request.kind === 'stop') {
    stopping = true;
    return;
  }
  if (request.kind === 'close') {
    void sink.close().then(() => port.close());
    return;
  }
  run(request.perLoop).then(
    (reply) => port.postMessage(reply),
    (err: unknown) => port.postMessage({ kind: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies CommandLoadReply),
  );
});
port.postMessage({ kind: 'ready' } satisfies CommandLoadReply);
