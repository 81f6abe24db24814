import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/logger.ts';
import { INGEST_RESTART_BACKOFF, IngestWorkerCrashedError, WorkerIngestRunner } from '../../../src/news/ingest-worker/ingest-worker-client.ts';
import { until } from '../../support/until.ts';
import { threadNiceness } from '../../support/thread-niceness.ts';
import { INGEST_THREAD_NICENESS } from '../../../src/runtime/thread-priority.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const runners: WorkerIngestRunner[] = [];
const logs: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    logs.push(String(chunk));
    done();
  },
});

function startRunner(idleExitMs?: number): WorkerIngestRunner {
  const runner = new WorkerIngestRunner({
    ...(idleExitMs === undefined ? {} : { idleExitMs }),
    corpusDir: '/nonexistent',
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-ingest-data-')),
    databaseUrl: null,
    allowPrivate: [],
    logger: createLogger('info', sink),
    // A small cap, so the memory test ends quickly.
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
    entry: new URL('./fixtures/hostile-ingest-worker.ts', import.meta.url),
  });
  runners.push(runner);
  return runner;
}

afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.close();
  logs.length = 0;
});

const via = { kind: 'cli' } as const;

describe('the ingestion worker runner', () => {
  it('runs the real ingestion thread at the ingestion niceness, leaving the other threads as they were', async () => {
    const before = threadNiceness();
    const mainBefore = os.getPriority(process.pid);
    const runner = new WorkerIngestRunner({ corpusDir: fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-ingest-nice-')), dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-ingest-data-')), databaseUrl: null, allowPrivate: [], logger: createLogger('info', sink) });
    runners.push(runner);
    // Refused before any connection (127.0.0.2 is not allowed): the request only starts the thread.
    await expect(runner.addPage('http://127.0.0.2/refused', via)).resolves.toMatchObject({ kind: 'failed' });
    const lowered = [...threadNiceness()].filter(([tid, nice]) => !before.has(tid) && nice === INGEST_THREAD_NICENESS);
    expect(lowered.length).toBeGreaterThanOrEqual(1);
    for (const [tid, nice] of before) if (threadNiceness().has(tid)) expect(threadNiceness().get(tid)).toBe(nice);
    expect(os.getPriority(process.pid)).toBe(mainBefore);
  });

  it('answers through the worker thread', async () => {
    const runner = startRunner();
    await expect(runner.addPage('http://127.0.0.1/a', via)).resolves.toMatchObject({ kind: 'failed', message: 'stand-in: http://127.0.0.1/a' });
  });

  it('restarts a worker that ran out of memory, reports the page that killed it, and retries the innocent requests it held', async () => {
    const runner = startRunner();
    const innocent = runner.addPage('http://127.0.0.1/slow-innocent', via);
    const hostile = runner.addPage('http://127.0.0.1/oom', via);
    await expect(hostile).rejects.toBeInstanceOf(IngestWorkerCrashedError);
    await expect(innocent).resolves.toMatchObject({ message: 'stand-in: http://127.0.0.1/slow-innocent' });
    expect(runner.restarts).toBe(2);
    // And keeps working afterwards.
    await expect(runner.addPage('http://127.0.0.1/after', via)).resolves.toMatchObject({ message: 'stand-in: http://127.0.0.1/after' });
    // Each death logged with its error, and the pause before the next start grows (INGEST_RESTART_BACKOFF).
    const deaths = logs.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'the ingestion worker died; starting a new one');
    expect(deaths).toHaveLength(2);
    for (const death of deaths) expect(death.err.message).toMatch(/memory limit/);
    expect(deaths.map((d) => d.restartInMs)).toEqual([INGEST_RESTART_BACKOFF.initialMs, INGEST_RESTART_BACKOFF.initialMs * INGEST_RESTART_BACKOFF.factor]);
  }, 60_000);

  it('starts its thread on the first request, ends it when idle, and starts a new one for the next request', async () => {
    const runner = startRunner(300);
    expect(runner.running).toBe(false);
    expect(runner.threadsStarted).toBe(0);
    await expect(runner.addPage('http://127.0.0.1/first', via)).resolves.toMatchObject({ message: 'stand-in: http://127.0.0.1/first' });
    expect(runner.running).toBe(true);
    await until(() => !runner.running);
    await expect(runner.addPage('http://127.0.0.1/second', via)).resolves.toMatchObject({ message: 'stand-in: http://127.0.0.1/second' });
    expect(runner.threadsStarted).toBe(2);
    // An idle exit is not a crash.
    expect(runner.restarts).toBe(0);
  }, 30_000);

  it('keeps its thread while requests keep coming within the idle time', async () => {
    const runner = startRunner(1_000);
    for (let i = 0; i < 4; i++) {
      await expect(runner.addPage(`http://127.0.0.1/${i}`, via)).resolves.toMatchObject({ kind: 'failed' });
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(runner.threadsStarted).toBe(1);
  }, 30_000);

  it('reports a worker that exits outright the same way', async () => {
    const runner = startRunner();
    await expect(runner.addPage('http://127.0.0.1/exit', via)).rejects.toThrow(/stopped \(exit code 3\) twice/);
    await expect(runner.addPage('http://127.0.0.1/ok', via)).resolves.toMatchObject({ kind: 'failed' });
  }, 30_000);
});
