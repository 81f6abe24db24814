/**
 * Watches the store for failures, so a read-only or failing database is said
 * out loud (`/healthz` 503 with the reason, users told plainly) rather than
 * leaving mentions without a reply while the bot looks healthy.
 */
import { StoreError } from './store-error.ts';
import type { Store } from './store.ts';

/** The database failed under a user's request; the message is what to tell them. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'AIGOV_STORE_UNAVAILABLE';
}

/** A failure the store reports about its input or ledger rules, not about the database: no health problem. */
function isCallersMistake(err: unknown): boolean {
  return err instanceof StoreError && (err.code === 'INVALID_INPUT' || err.code === 'DIGEST_LEDGER_STATE');
}

/** A store whose failures are remembered, by method, until that method succeeds again. */
export interface WatchedStore {
  readonly store: Store;
  /** Why the database is failing (the latest failure), or null while every method's last call succeeded. */
  problem(): string | null;
}

/**
 * Wraps `store`: a method that throws (other than for bad input) marks the
 * store failing with the error's message and rethrows a
 * {@link StoreUnavailableError}; the mark stays until that same method
 * succeeds (a read-only file fails writes and passes reads: one passing read
 * must not hide it). Generic over the methods, so ports added to Store later
 * are watched too.
 */
export function watchStoreHealth(store: Store, onFailure: (method: string, err: unknown) => void = () => undefined): WatchedStore {
  const failing = new Map<string, string>();
  const watched = new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      if (typeof key !== 'string' || key === 'close') return (value as (...a: unknown[]) => unknown).bind(target);
      return async (...args: unknown[]) => {
        try {
          const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
          failing.delete(key);
          return result;
        } catch (err) {
          if (isCallersMistake(err)) throw err;
          const reason = `database failing (${key}): ${err instanceof Error ? err.message : String(err)}`;
          failing.set(key, reason);
          onFailure(key, err);
          throw new StoreUnavailableError(reason, { cause: err });
        }
      };
    },
  });
  return {
    store: watched,
    problem: () => [...failing.values()].at(-1) ?? null,
  };
}
