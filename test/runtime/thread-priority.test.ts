import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { bootstrapped } from '../../src/runtime/worker-modules.ts';
import { currentThreadId, lowerThreadPriority, type PriorityOutcome } from '../../src/runtime/thread-priority.ts';

/** A thread's nice value as the kernel reports it (field 19 of /proc/<pid>/task/<tid>/stat). */
function kernelNiceness(threadId: number): number {
  const stat = fs.readFileSync(`/proc/${process.pid}/task/${threadId}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[16]);
}

describe.runIf(process.platform === 'linux')('a thread at a lower CPU priority', () => {
  it('lowers the calling worker thread only: the kernel shows it nicer, the main thread unchanged', async () => {
    const mainThread = currentThreadId();
    const mainBefore = kernelNiceness(mainThread!);
    const modules = bootstrapped(new URL('./fixtures/lowered-thread.ts', import.meta.url));
    const worker = new Worker(modules.start, { workerData: { entry: modules.entry.href } });
    try {
      const outcome = await new Promise<PriorityOutcome>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(outcome).toMatchObject({ lowered: true, niceness: Math.max(7, mainBefore) });
      if (!outcome.lowered) return;
      expect(outcome.threadId).not.toBe(mainThread);
      expect(kernelNiceness(outcome.threadId)).toBe(Math.max(7, mainBefore));
      expect(kernelNiceness(mainThread!)).toBe(mainBefore);
      expect(os.getPriority(process.pid)).toBe(mainBefore);
    } finally {
      worker.postMessage('end');
      await worker.terminate();
    }
  });

  it('never raises a thread that is already nicer than asked', () => {
    const threadId = currentThreadId()!;
    const before = os.getPriority(threadId);
    // Asking for less niceness than the thread has is a no-op, not an (unprivileged, failing) raise.
    expect(lowerThreadPriority(before - 1)).toEqual({ lowered: true, threadId, niceness: before });
    expect(os.getPriority(threadId)).toBe(before);
  });
});
