/**
 * A store a test can turn read-only under the running bot. As root, file modes
 * cannot make SQLite read-only, so the bot's calls are switched to a real
 * read-only connection on the same file (StartBotOptions.openStore).
 */
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';

export interface SwitchableStore {
  /** Pass as `openStore` to startTestBot. */
  readonly openStore: (file: string) => Store;
  /** From now on every call goes to a read-only connection on the same file. */
  makeReadOnly(): void;
  /** Closes the writable connection the bot opened (the bot closes the proxy only). */
  close(): Promise<void>;
}

export function switchableStore(): SwitchableStore {
  let file = '';
  let readOnly: Store | null = null;
  let writable: Store | null = null;
  return {
    openStore(at) {
      file = at;
      const rw = openSqliteStore(at);
      writable = rw;
      return new Proxy(rw, {
        get(target, key) {
          const source = readOnly ?? target;
          const value: unknown = Reflect.get(source, key);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(source) : value;
        },
      });
    },
    makeReadOnly() {
      readOnly = openSqliteStore(file, { readonly: true });
    },
    async close() {
      await writable?.close();
    },
  };
}
