/**
 * The ingestion bench's side of its command load thread
 * (command-load-worker.ts): starts it, runs a fixed number of commands per
 * loop or keeps them going until a phase ends, and gets the acks back.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

export interface CommandLoadData {
  readonly entry: string;
  readonly eventsUrl: string;
  readonly signingSecret: string;
  /** Commands in flight. */
  readonly concurrency: number;
}

/** `perLoop` commands in each of the loops, or (null) until `stop`. */
export type CommandLoadRequest = { readonly kind: 'run'; readonly perLoop: number | null } | { readonly kind: 'stop' } | { readonly kind: 'close' };

export type CommandLoadReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly acks: number[]; readonly loopDelayP99Ms: number }
  | { readonly kind: 'failed'; readonly message: string };

export interface CommandLoadResult {
  /** Every ack's time, send → HTTP 200 (ms). */
  readonly acks: number[];
  /** The load thread's own event-loop delay p99 (ms) over the run: part of every ack it timed. */
  readonly loopDelayP99Ms: number;
}

export interface CommandLoad {
  /** `perLoop` commands in each loop, one after another's answer. */
  run(perLoop: number): Promise<CommandLoadResult>;
  /** Commands until `phase` settles (those in flight then are finished and counted). */
  runUntil(phase: Promise<unknown>): Promise<CommandLoadResult>;
  close(): Promise<void>;
}

const BOOTSTRAP = new URL('../src/runtime/worker-bootstrap.mjs', import.meta.url);

export async function startCommandLoad(eventsUrl: string, signingSecret: string, concurrency: number): Promise<CommandLoad> {
  const data: CommandLoadData = { entry: new URL('./command-load-worker.ts', import.meta.url).href, eventsUrl, signingSecret, concurrency };
  const worker = new Worker(BOOTSTRAP, { workerData: data });
  const next = async (): Promise<CommandLoadReply> => {
    const [reply] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([err]) => Promise.reject(err))])) as [CommandLoadReply];
    if (reply.kind === 'failed') throw new Error(`bench: command load: ${reply.message}`);
    return reply;
  };
  await next();
  const run = async (perLoop: number | null, phase?: Promise<unknown>): Promise<CommandLoadResult> => {
    const done = next();
    worker.postMessage({ kind: 'run', perLoop } satisfies CommandLoadRequest);
    void phase?.finally(() => worker.postMessage({ kind: 'stop' } satisfies CommandLoadRequest));
    const reply = await done;
    if (reply.kind !== 'done') throw new Error(`bench: command load answered ${reply.kind}`);
    return { acks: reply.acks, loopDelayP99Ms: reply.loopDelayP99Ms };
  };
  return {
    run: (perLoop) => run(perLoop),
    runUntil: (phase) => run(null, phase),
    async close() {
      worker.postMessage({ kind: 'close' } satisfies CommandLoadRequest);
      await Promise.race([once(worker, 'exit'), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      await worker.terminate();
    },
  };
}
