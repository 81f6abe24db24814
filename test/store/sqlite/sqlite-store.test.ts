import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { StoreError } from '../../../src/store/store-error.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const workerScript = path.join(repoRoot, 'test/store/sqlite/fixtures/reserve-worker.ts');

let dir: string;
let file: string;
const open: SqliteStore[] = [];

/** Opens a store and remembers to close it, so a failing test leaves no handle behind. */
function openStore(at = file): SqliteStore {
  const store = openSqliteStore(at);
  open.push(store);
  return store;
}

/** Closes the store and opens the file again, as a restarted bot would. */
async function restart(store: SqliteStore): Promise<SqliteStore> {
  await store.close();
  return openStore(store.file);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-store-'));
  file = path.join(dir, 'data', 'aigov.sqlite');
});

afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const t0 = new Date('2026-03-01T08:00:00.000Z');
const minutes = (n: number): Date => new Date(t0.getTime() + n * 60_000);

describe('opening', () => {
  it('creates the missing directory and the database file', () => {
    expect(fs.existsSync(path.dirname(file))).toBe(false);
    openStore();
    expect(fs.statSync(file).isFile()).toBe(true);
  });

  it('refuses a file that is not a database, naming the file', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'this is a text file, not SQLite\n'.repeat(200));
    let caught: unknown;
    try {
      openSqliteStore(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('STORE_NOT_A_DATABASE');
    expect((caught as StoreError).message).toContain(file);
  });

  it('refuses a database whose pages were overwritten, naming the file', async () => {
    const store = openStore();
    await store.articlesSeen.recordArticlesSeen(
      Array.from({ length: 2000 }, (_, i) => `article-${i}`),
      t0,
    );
    await store.close();
    // Keep the 100-byte header (so SQLite recognises the file) and scribble over the pages after it.
    const bytes = fs.readFileSync(file);
    bytes.fill(0xa5, 4096, Math.min(bytes.length, 4096 * 8));
    fs.writeFileSync(file, bytes);
    fs.rmSync(`${file}-wal`, { force: true });
    fs.rmSync(`${file}-shm`, { force: true });

    expect(() => openSqliteStore(file)).toThrow(
      expect.objectContaining({ code: 'STORE_NOT_A_DATABASE', message: expect.stringContaining(file) }),
    );
  });

  it('refuses a path that is a directory, naming it', () => {
    fs.mkdirSync(file, { recursive: true });
    expect(() => openSqliteStore(file)).toThrow(expect.objectContaining({ name: 'StoreError', message: expect.stringContaining(file) }));
  });

  it('leaves the file in WAL mode, so other processes read while one writes', () => {
    openStore();
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });
});

describe('opening read-only', () => {
  it('reads a current database without changing its file', async () => {
    const writer = openStore();
    await writer.articlesSeen.recordArticlesSeen(['a', 'b'], t0);
    await writer.close();
    const before = fs.readFileSync(file);
    const reader = openSqliteStore(file, { readonly: true });
    open.push(reader);
    expect(await reader.articlesSeen.articlesFirstSeenSince(null)).toHaveLength(2);
    await expect(reader.articlesSeen.recordArticlesSeen(['c'], t0)).rejects.toThrow(/readonly/i);
    await reader.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a missing file and creates nothing', () => {
    expect(() => openSqliteStore(file, { readonly: true })).toThrow(
      expect.objectContaining({ code: 'STORE_OPEN_FAILED', message: expect.stringContaining(file) }),
    );
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it('refuses a database at an older schema version instead of migrating it, and leaves it as it was', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const raw = new Database(file);
    raw.exec('CREATE TABLE unrelated (x)');
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openSqliteStore(file, { readonly: true })).toThrow(
      expect.objectContaining({ code: 'STORE_OPEN_FAILED', message: expect.stringMatching(/schema version 0.*older.*cannot migrate/) }),
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    check.close();
  });

  it('refuses a database made by a newer bot', async () => {
    const writer = openStore();
    await writer.close();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openSqliteStore(file, { readonly: true })).toThrow(
      expect.objectContaining({ code: 'STORE_TOO_NEW', message: expect.stringContaining('schema version 99') }),
    );
  });
});

describe('digest ledger across processes', () => {
  const day = '2026-03-01';
  it('gives exactly one of several processes the reservation and the event, on a fresh file', async () => {
    const workers = 6;
    const startAt = Date.now() + 2_500;
    const outputs = await Promise.all(
      Array.from({ length: workers }, () =>
        run(process.execPath, ['--import', 'tsx', workerScript, file, String(startAt), 'C1', day], { cwd: repoRoot }),
      ),
    );
    const results = outputs.map((o) => JSON.parse(o.stdout) as { reserved: boolean; claimed: boolean });
    expect(results.filter((r) => r.reserved)).toHaveLength(1);
    expect(results.filter((r) => r.claimed)).toHaveLength(1);

    const store = openStore();
    expect(await store.digests.digestFor('C1', day)).toMatchObject({ state: 'reserved', attempts: 1 });
  });
});
