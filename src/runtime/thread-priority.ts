/**
 * Background threads at a lower CPU priority than the thread that acks Slack.
 *
 * Why: on a small machine (2 cores) a feed import keeps the ingestion thread
 * (fetching, Readability over each page) busy beside the corpus worker, V8's
 * collector threads and the main thread. The kernel shares the cores evenly
 * among runnable threads, so the main thread, which must ack every command
 * within Slack's 3 seconds, got under a third of a core during an import
 * (measured from /proc/<pid>/task/<tid>/stat in `npm run bench -- --ingest`)
 * and acks waited behind work nobody is waiting for. A higher niceness gives
 * the thread a smaller share only while the cores are contended; on an idle
 * machine it runs at full speed.
 *
 * How: on Linux the nice value is a per-thread attribute (setpriority(2),
 * "BUGS"), and `os.setPriority` with a thread id sets that thread's alone;
 * `/proc/thread-self` names the calling thread's id. Elsewhere (no
 * `/proc/thread-self`) nothing changes. A process may always lower its own
 * threads' priority; raising it back would need privileges, which is why a
 * restarted worker is a new thread that starts again from the main thread's
 * priority and lowers its own.
 */
import { readlinkSync } from 'node:fs';
import os from 'node:os';

/**
 * The ingestion worker's niceness: its weight in the Linux scheduler is about
 * a tenth of a normal thread's (110 against 1024), so under contention the
 * ack thread and the searches go first, and the import takes what is left
 * (on the 2-core bench machine still well above 20 articles/s).
 */
export const INGEST_THREAD_NICENESS = 10;

/** The kernel's id of the calling thread (Linux), or null where the system does not say. */
export function currentThreadId(): number | null {
  try {
    // `<pid>/task/<tid>`
    const match = /\/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'));
    return match === null ? null : Number(match[1]);
  } catch {
    return null;
  }
}

/** What {@link lowerThreadPriority} did: the niceness now in force, or why it changed nothing. */
export type PriorityOutcome =
  | { readonly lowered: true; readonly threadId: number; readonly niceness: number }
  | { readonly lowered: false; readonly reason: string };

/**
 * Gives the calling thread (only it: not the process, not the other
 * threads) the niceness `niceness`, unless it is already at least that nice.
 * Never throws: a thread that cannot be lowered still does its work, at the
 * normal priority, and the caller may log the reason.
 */
export function lowerThreadPriority(niceness: number): PriorityOutcome {
  const threadId = currentThreadId();
  if (threadId === null) return { lowered: false, reason: 'this system does not name its threads in /proc/thread-self' };
  try {
    const current = os.getPriority(threadId);
    if (current < niceness) os.setPriority(threadId, niceness);
    return { lowered: true, threadId, niceness: os.getPriority(threadId) };
  } catch (err) {
    return { lowered: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
