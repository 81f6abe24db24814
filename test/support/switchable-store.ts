/**
 * A store a test can turn read-only under the running bot. As root, file modes
 * cannot make SQLite read-only, so the bot's calls are switched to a real
 * read-only connection on the same file (StartBotOptions.openStore).
 */
import { openStore, type StoreLocation } from '../../src/store/open-store.ts';
import { STORE_PORTS, type Store } from '../../src/store/store.ts';

export interface SwitchableStore {
  /** Pass as `openStore` to startTestBot. */
  readonly openStore: (location: StoreLocation) => Promise<Store>;
  /** From now on every call goes to a read-only connection on the same file. */
  makeReadOnly(): Promise<void>;
  /** Closes the writable connection the bot opened (the bot closes the proxy only). */
  close(): Promise<void>;
}

export function switchableStore(): SwitchableStore {
  let location: StoreLocation = { dataDir: '', databaseUrl: null };
  let readOnly: Store | null = null;
  let writable: Store | null = null;
  return {
    async openStore(at) {
      location = at;
      const rw = await openStore(at);
      writable = rw;
      // Each port forwards to the read-only connection once it is switched, also for ports the bot already holds.
      const forward = <P extends object>(name: (typeof STORE_PORTS)[number], port: P): P =>
        new Proxy(port, {
          get(target, key) {
            const source = (readOnly?.[name] as P | undefined) ?? target;
            const value: unknown = Reflect.get(source, key);
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(source) : value;
          },
        });
      const store = { close: () => (readOnly ?? rw).close() } as { -readonly [K in keyof Store]: Store[K] };
      for (const name of STORE_PORTS) Object.assign(store, { [name]: forward(name, rw[name]) });
      return store;
    },
    async makeReadOnly() {
      readOnly = await openStore(location, { readonly: true });
    },
    async close() {
      await writable?.close();
    },
  };
}
