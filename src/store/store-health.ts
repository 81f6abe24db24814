/**
 * Watches the store for failures, so a read-only or failing database is said
 * out loud (`/healthz` 503 with the reason, users told plainly) rather than
 * leaving mentions without a reply while the bot looks healthy.
 */
import { StoreError } from './store-error.ts';
import { STORE_PORTS, type Store } from './store.ts';

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
 * Wraps `store`: a port method that throws (other than for bad input) marks
 * the store failing with the error's message and rethrows a
 * {@link StoreUnavailableError}; the mark stays until that same method
 * succeeds (a read-only file fails writes and passes reads: one passing read
 * must not hide it). Generic over each port's methods, so methods added to a
 * port later are watched too.
 */
export function watchStoreHealth(store: Store, onFailure: (method: string, err: unknown) => void = () => undefined): WatchedStore {
  const failing = new Map<string, string>();
  const watchPort = <P extends object>(name: string, port: P): P =>
    new Proxy(port, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        if (typeof key !== 'string') return (value as (...a: unknown[]) => unknown).bind(target);
        const method = `${name}.${key}`;
        const failed = (err: unknown): never => {
          if (isCallersMistake(err)) throw err;
          const reason = `database failing (${method}): ${err instanceof Error ? err.message : String(err)}`;
          failing.set(method, reason);
          onFailure(method, err);
          throw new StoreUnavailableError(reason, { cause: err });
        };
        return (...args: unknown[]) => {
          let result: unknown;
          try {
            result = (value as (...a: unknown[]) => unknown).apply(target, args);
          } catch (err) {
            // Thrown before a Promise was made (a bad value): a rejection, as an async method gives.
            return Promise.resolve().then(() => failed(err));
          }
          // A method that answers at once (a subscription's unsubscribe) is passed through as it is.
          if (!(result instanceof Promise)) return result;
          return result.then((answer: unknown) => {
            failing.delete(method);
            return answer;
          }, failed);
        };
      },
    });
  const watched = { close: () => store.close() } as { -readonly [K in keyof Store]: Store[K] };
  for (const name of STORE_PORTS) Object.assign(watched, { [name]: watchPort(name, store[name]) });
  return {
    store: watched,
    problem: () => [...failing.values()].at(-1) ?? null,
  };
}
