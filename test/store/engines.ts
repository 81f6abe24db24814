/**
 * The store engines every contract test runs against: the embedded SQLite
 * file and a real PostgreSQL database, each opened through the one door
 * (store/open-store.ts), as the bot opens them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, inject } from 'vitest';
import { openStore, type StoreLocation } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { createDatabase } from '../support/postgres-server.ts';

export interface StoreEngine {
  readonly name: 'sqlite' | 'postgres';
  /** A new, empty database. */
  newLocation(): Promise<StoreLocation>;
}

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-store-'));

export const ENGINES: readonly StoreEngine[] = [
  { name: 'sqlite', newLocation: async () => ({ dataDir: path.join(tempDir(), 'data'), databaseUrl: null }) },
  { name: 'postgres', newLocation: async () => ({ dataDir: tempDir(), databaseUrl: await createDatabase(inject('postgresAdminUrl')) }) },
];

/**
 * Stores opened on one location, closed by `closeAll` (call it in afterEach),
 * so a failing test leaves no handle or connection behind.
 */
export class OpenStores {
  readonly #open = new Set<Store>();
  readonly #where = new Map<Store, StoreLocation>();

  async open(location: StoreLocation): Promise<Store> {
    const store = await openStore(location);
    this.#open.add(store);
    this.#where.set(store, location);
    return store;
  }

  /** Closes `store` and opens its database again, as a restarted bot would. */
  async restart(store: Store): Promise<Store> {
    const location = this.#where.get(store);
    if (location === undefined) throw new Error('test: restart of a store not opened here');
    this.#open.delete(store);
    await store.close();
    return this.open(location);
  }

  async closeAll(): Promise<void> {
    for (const store of this.#open) await store.close();
    this.#open.clear();
  }
}

/**
 * The stores of one test, on one engine: a new database before each test,
 * every store opened on it closed after. Call inside `describe.each(ENGINES)`.
 */
export function storesOn(engine: StoreEngine): {
  /** A store on this test's database; called twice, two stores on the same database (two instances). */
  open(): Promise<Store>;
  /** Closes `store` and opens its database again, as a restarted bot would. */
  restart(store: Store): Promise<Store>;
  location(): StoreLocation;
} {
  const stores = new OpenStores();
  let location: StoreLocation | null = null;
  beforeEach(async () => {
    location = await engine.newLocation();
  });
  afterEach(() => stores.closeAll());
  const here = (): StoreLocation => {
    if (location === null) throw new Error('test: no database yet (storesOn is used outside a test)');
    return location;
  };
  return { open: () => stores.open(here()), restart: (store) => stores.restart(store), location: here };
}
