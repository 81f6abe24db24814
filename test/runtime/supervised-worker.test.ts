import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { SupervisedWorker, WorkerExitedError, type RestartBackoff, type WorkerCrash } from '../../src/runtime/supervised-worker.ts';
import { until } from '../support/until.ts';

const DIES_AT_START = new URL('./fixtures/dies-at-start.mjs', import.meta.url);
const ECHO = new URL('./fixtures/echo-then-exit.mjs', import.meta.url);
const FAST: RestartBackoff = { initialMs: 20, factor: 2, maxMs: 160, stableAfterMs: 60_000 };

const open: SupervisedWorker[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

interface Crash extends WorkerCrash {
  readonly at: number;
}

function supervise(url: URL, backoff: RestartBackoff = FAST) {
  const crashes: Crash[] = [];
  const restarts: number[] = [];
  const supervisor = new SupervisedWorker(
    () => new Worker(url),
    () => undefined,
    {
      onCrash: (crash) => crashes.push({ ...crash, at: Date.now() }),
      onRestarted: (_worker, n) => restarts.push(n),
    },
    backoff,
  );
  open.push(supervisor);
  return { supervisor, crashes, restarts };
}

describe('SupervisedWorker', () => {
  it('reports a crash with its error, and restarts a worker that serves again', async () => {
    const { supervisor, crashes, restarts } = supervise(ECHO);
    supervisor.worker.postMessage('throw');
    await until(() => restarts.length === 1);
    expect(crashes).toHaveLength(1);
    expect(crashes[0]!.err.message).toBe('fixture worker: thrown on request');
    expect(crashes[0]!.exitCode).toBe(1);
    expect(supervisor.state).toBe('running');
    supervisor.worker.postMessage('hello');
    const [reply] = await once(supervisor.worker, 'message');
    expect(reply).toBe('hello');
  });

  it('names an exit without an error', async () => {
    const { supervisor, crashes } = supervise(ECHO);
    supervisor.worker.postMessage('exit');
    await until(() => crashes.length === 1);
    expect(crashes[0]!.err).toBeInstanceOf(WorkerExitedError);
    expect(crashes[0]!.err.message).toContain('code 3');
    expect(crashes[0]!.exitCode).toBe(3);
  });

  it('backs off when the worker dies at every start, never in a hot loop', async () => {
    const { crashes } = supervise(DIES_AT_START);
    await until(() => crashes.length >= 5);
    expect(crashes.slice(0, 5).map((c) => c.restartInMs)).toEqual([20, 40, 80, 160, 160]);
    expect(crashes.slice(0, 5).map((c) => c.crashesInARow)).toEqual([1, 2, 3, 4, 5]);
    // Each restart came no sooner than the wait announced before it.
    for (let i = 1; i < 5; i++) expect(crashes[i]!.at - crashes[i - 1]!.at).toBeGreaterThanOrEqual(crashes[i - 1]!.restartInMs - 5);
  });

  it('restarts nothing once closed', async () => {
    const { supervisor, crashes, restarts } = supervise(DIES_AT_START, { ...FAST, initialMs: 200 });
    await until(() => crashes.length === 1);
    await supervisor.close();
    await new Promise((r) => setTimeout(r, 400));
    expect(restarts).toEqual([]);
    expect(supervisor.state).toBe('closed');
  });
});
