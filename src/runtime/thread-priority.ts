/**
 * Worker threads at a lower CPU priority than the thread that acks Slack.
 *
 * Why: on a small machine (2 cores) a burst of commands keeps the corpus
 * worker searching beside the main thread, V8's collector threads and, during
 * a feed import, the ingestion thread. The kernel shares the cores evenly
 * among runnable threads, so the main thread, which must ack every command
 * within Slack's 3 seconds, spent much of `npm run bench -- --ingest` ready
 * to run and waiting for a core (the bench's schedstat rows), while itself
 * busy far less of the time (BENCHMARKS.md, "Acks during an import"). An ack has a deadline; a search's
 * answer goes to a response URL valid for 30 minutes. A higher niceness
 * gives a thread a smaller share only while the cores are contended; on an
 * idle machine it runs at full speed.
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
 * The corpus worker's niceness once its index is loaded (not during the
 * load: a start must not wait): its weight in the Linux scheduler is about a
 * third of a normal thread's (335 against 1024), so under contention the ack
 * thread goes first and searches take most of what is left.
 */
export const CORPUS_THREAD_NICENESS = 5;

/**
 * The ingestion thread's niceness, from its start: page extraction is
 * background work. Measured on the quiet machine (`npm run bench -- --ingest`,
 * runs at each priority): lowered, the acks during a feed import were quicker
 * at the median and the p99, while the import stayed well above its target
 * of 20 articles/s (BENCHMARKS.md, "Where the targets stand now" and "Figures
 * behind design choices"). Tried earlier on a machine loaded by another
 * benchmark, it left the import under 20/s: there the cores were never free.
 */
export const INGEST_THREAD_NICENESS = 5;

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
