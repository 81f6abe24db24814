/** The SQLite engine writes answer records behind, in batches: when they reach the file, and a batch that fails. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { answer } from '../answer-records.ts';
import Database from 'better-sqlite3';
import { until } from '../../support/until.ts';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-feedback-'));
  store = openSqliteStore(path.join(dir, 'aigov.sqlite'));
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});


describe('feedback records on SQLite', () => {
  it('writes records behind: in one batch soon after, before any read, and at close', async () => {
    const file = path.join(dir, 'aigov.sqlite');
    const onDisk = (): number => {
      const other = new Database(file, { readonly: true });
      try {
        return (other.prepare('SELECT COUNT(*) AS n FROM feedback_answers').get() as { n: number }).n;
      } finally {
        other.close();
      }
    };
    const first = await store.feedback.recordAnswer(answer('one'));
    await store.feedback.recordAnswer(answer('two'));
    expect(onDisk()).toBe(0);
    await until(() => onDisk() === 2, 5_000);
    // A read writes what waits first: the vote finds the record it was shown with.
    const third = await store.feedback.recordAnswer(answer('three'));
    expect(await store.feedback.getAnswer(third.id)).toMatchObject({ question: 'three' });
    expect(onDisk()).toBe(3);
    await store.feedback.recordAnswer(answer('four'));
    await store.close();
    expect(onDisk()).toBe(4);
    store = openSqliteStore(file);
    expect(await store.feedback.getAnswer(first.id)).toMatchObject({ question: 'one' });
  });
  it('reports a batch that could not be written on the next call', async () => {
    await store.feedback.recordAnswer(answer('lost'));
    // The table goes away under the store (another process breaking the file): the batch fails.
    const other = new Database(path.join(dir, 'aigov.sqlite'));
    other.exec('DROP TABLE feedback_answers');
    other.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(store.feedback.recordAnswer(answer('next'))).rejects.toThrow(/feedback_answers/);
  });
});
