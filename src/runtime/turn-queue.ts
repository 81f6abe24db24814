/**
 * Runs CPU-bound jobs one after another, each in its own turn of the event
 * loop, so that network I/O waiting in between is served first.
 *
 * Why: a search is synchronous. Twenty searches started by twenty commands
 * would otherwise run back to back, and every request arriving meanwhile,
 * including the acks Slack expects within 3 seconds, would wait for all of
 * them. A callback queued with `setImmediate` from inside another immediate
 * runs in the next loop iteration, after the poll phase has accepted new
 * requests, so at most one search stands between a request and its ack.
 */
export class TurnQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` after every job queued before it, in a later turn of the event loop. */
  run<T>(job: () => T): Promise<T> {
    const result = this.#tail.then(
      () =>
        new Promise<T>((resolve, reject) => {
          setImmediate(() => {
            try {
              resolve(job());
            } catch (err) {
              reject(err);
            }
          });
        }),
    );
    // A failed job must not stop the ones after it.
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
