import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withNormalSync } from '../../../src/store/sqlite/normal-sync.ts';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';

/** SQLite's numbers for PRAGMA synchronous. */
const NORMAL = 1;
const FULL = 2;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDatabase(): Database.Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-normal-sync-'));
  dirs.push(dir);
  const db = new Database(path.join(dir, 'test.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (v INTEGER)');
  return db;
}

describe('writes without waiting for an fsync', () => {
  it('runs the write under synchronous = NORMAL and puts FULL back, returning what the write returns', () => {
    const db = tempDatabase();
    const seen = withNormalSync(db, () => {
      db.prepare('INSERT INTO t VALUES (1)').run();
      return db.pragma('synchronous', { simple: true });
    });
    expect(seen).toBe(NORMAL);
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    db.close();
  });

  it('puts FULL back when the write throws, and lets the error through', () => {
    const db = tempDatabase();
    expect(() => withNormalSync(db, () => db.prepare('INSERT INTO missing VALUES (1)').run())).toThrow(/no such table/);
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    db.close();
  });

  it('records first-seen times that way: kept, and seen by another connection', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-normal-sync-'));
    dirs.push(dir);
    const file = path.join(dir, 'aigov.sqlite');
    const store = openSqliteStore(file);
    const at = new Date('2026-11-29T06:00:00Z');
    expect(await store.articlesSeen.recordArticlesSeen(['a', 'b', 'a'], at)).toEqual(['a', 'b']);
    expect(await store.articlesSeen.recordArticlesSeen(['b', 'c'], at)).toEqual(['c']);
    // A second connection, as another process would see the file.
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM articles_seen').get()).toEqual({ n: 3 });
    reader.close();
    await store.close();
  });
});
