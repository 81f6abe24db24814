import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../src/store/migrations.ts';
import { migrate } from '../../../src/store/sqlite/migrate.ts';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { StoreError } from '../../../src/store/store-error.ts';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-migrations-'));
  file = path.join(dir, 'aigov.sqlite');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function withRaw<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const tables = (db: Database.Database): string[] =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1, 2, 3… in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('run once on a new file and not again on reopen', async () => {
    const first = withRaw((db) => migrate(db, file));
    expect(first).toEqual(MIGRATIONS.map((m) => m.version));
    expect(withRaw((db) => migrate(db, file))).toEqual([]);

    // Through the store as well: data written before a reopen is still there.
    const store = openSqliteStore(file);
    await store.events.claimEvent('Ev1', new Date());
    await store.close();
    const again = openSqliteStore(file);
    expect(await again.events.claimEvent('Ev1', new Date())).toBe(false);
    await again.close();

    withRaw((db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(tables(db)).toEqual([
        'answer_deliveries',
        'answered_events',
        'articles',
        'articles_seen',
        'digest_articles',
        'digests',
        'feed_items',
        'feedback_answers',
        'feedback_votes',
        'feeds',
        'ingested_articles',
        'removed_articles',
        'slack_installations',
        'sqlite_sequence',
        'subscriptions',
        'watch_alerts',
        'watches',
      ]);
    });
  });

  it('apply only the new ones to a database at an older version', () => {
    const extra: Migration[] = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'a later table', sql: 'CREATE TABLE later (x INTEGER)' },
    ];
    withRaw((db) => migrate(db, file));
    expect(withRaw((db) => migrate(db, file, extra))).toEqual([MIGRATIONS.length + 1]);
    withRaw((db) => expect(tables(db)).toContain('later'));
  });

  it('roll back a failing migration completely and say which one failed', () => {
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'half-broken',
        sql: 'CREATE TABLE first_half (x INTEGER); CREATE TABLE oops (;',
      },
    ];
    withRaw((db) => migrate(db, file));
    let caught: unknown;
    try {
      withRaw((db) => migrate(db, file, broken));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('STORE_MIGRATION_FAILED');
    expect((caught as StoreError).message).toContain(`migration ${MIGRATIONS.length + 1} ('half-broken')`);
    withRaw((db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(tables(db)).not.toContain('first_half');
    });
  });

  it('refuse a database made by a newer bot, naming both versions and the file', () => {
    withRaw((db) => {
      migrate(db, file);
      db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
    });
    expect(() => openSqliteStore(file)).toThrow(
      expect.objectContaining({
        code: 'STORE_TOO_NEW',
        message: expect.stringMatching(
          new RegExp(`'${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' is at schema version ${LATEST_SCHEMA_VERSION + 3}.*up to ${LATEST_SCHEMA_VERSION}`),
        ),
      }),
    );
  });
});
