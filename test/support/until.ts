/**
 * Polling waits for tests that watch something happen in another thread, a
 * child process or a stand-in server. They fail with a clear message when the
 * time is up, never hang; the generous defaults are for a loaded CI machine
 * and cost nothing when the thing happens at once.
 */

const POLL_MS = 20;

/** Resolves once `condition` holds; throws when it still does not after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  await untilValue(async () => ((await condition()) ? true : null), timeoutMs);
}

/** Resolves with the first value `probe` gives other than null; throws when none came within `timeoutMs`. */
export async function untilValue<T>(probe: () => T | null | Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
