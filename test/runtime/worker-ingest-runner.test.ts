import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { INGEST_RESTART_BACKOFF, IngestWorkerCrashedError, WorkerIngestRunner } from '../../src/runtime/worker-ingest-runner.ts';

const runners: WorkerIngestRunner[] = [];
const logs: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    logs.push(String(chunk));
    done();
  },
});

function startRunner(): WorkerIngestRunner {
  const runner = new WorkerIngestRunner({
    corpusDir: '/nonexistent',
    databaseFile: ':memory:',
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

  it('reports a worker that exits outright the same way', async () => {
    const runner = startRunner();
    await expect(runner.addPage('http://127.0.0.1/exit', via)).rejects.toThrow(/stopped \(exit code 3\) twice/);
    await expect(runner.addPage('http://127.0.0.1/ok', via)).resolves.toMatchObject({ kind: 'failed' });
  }, 30_000);
});
