/**
 * At most one request per host at a time, and a host that answered 429/503
 * left alone until its Retry-After has passed (FreshRSS keeps it per domain).
 * Being blocked for hammering one host is the first complaint of feed-bot
 * users (Miniflux #2336, FreshRSS #6973).
 */

/** The host part that requests are grouped by: lower-case host name and port. */
export function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

export class HostGate {
  readonly #tails = new Map<string, Promise<unknown>>();
  readonly #heldUntil = new Map<string, number>();

  constructor(private readonly clock: () => Date) {}

  /** Runs `work` after every earlier piece of work for the same host has settled. */
  run<T>(url: string, work: () => Promise<T>): Promise<T> {
    const host = hostKey(url);
    const previous = this.#tails.get(host) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.#tails.set(host, tail);
    void tail.then(() => {
      if (this.#tails.get(host) === tail) this.#tails.delete(host);
    });
    return result;
  }

  /** Leaves the host alone for `ms` from now (a longer hold already set is kept). */
  hold(url: string, ms: number): void {
    const host = hostKey(url);
    const until = this.clock().getTime() + ms;
    if ((this.#heldUntil.get(host) ?? 0) < until) this.#heldUntil.set(host, until);
  }

  /** When the host may be asked again, or null when it may be asked now. */
  heldUntil(url: string): Date | null {
    const host = hostKey(url);
    const until = this.#heldUntil.get(host);
    if (until === undefined) return null;
    if (until <= this.clock().getTime()) {
      this.#heldUntil.delete(host);
      return null;
    }
    return new Date(until);
  }
}
