import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runDigestCli } from '../../src/cli/digest.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { tempDir } from './support.ts';

const FIXTURE_CORPUS = path.resolve(import.meta.dirname, '../fixtures/corpus');

async function run(argv: string[], env: Record<string, string>, at = '2025-11-24T08:00:00Z') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDigestCli(argv, (t) => out.push(t), (t) => err.push(t), env, () => new Date(at));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run digest', () => {
  it('without --dry-run prints usage and exits 2 (posting is the bot\'s job)', async () => {
    for (const argv of [[], ['--channel', 'C1'], ['--dry-run', '--channel'], ['--dry-run', '--post']]) {
      const { code, err, out } = await run(argv, { CORPUS_DIR: FIXTURE_CORPUS, DATA_DIR: tempDir('cli') });
      expect(code).toBe(2);
      expect(err).toContain('--dry-run');
      expect(out).toBe('');
    }
  });

  it('--dry-run with no database prints a first digest of the latest articles, and creates nothing', async () => {
    const dataDir = path.join(tempDir('cli'), 'data');
    const { code, out } = await run(['--dry-run'], { CORPUS_DIR: FIXTURE_CORPUS, DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(out).toContain('aigov digest for Monday 24 November 2025: the latest 5 articles');
    expect(out).toContain('Guo Jiakun on the 2025 World AI Conference'); // the newest fixture article
    expect(out).toMatch(/source unknown · 2024-04-26 \(editorial date\)/);
    expect(out).toMatch(/^ {2}> /m);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("--dry-run --channel lists what is new since the channel's last digest, in its zone", async () => {
    const dataDir = tempDir('cli');
    const store = openSqliteStore(path.join(dataDir, 'aigov.sqlite'));
    await store.articlesSeen.recordArticlesSeen(['000_f16c5d8a2a331b45', '001_4a63fa4f0b33a94c'], new Date('2025-11-20T00:00:00Z'));
    await store.articlesSeen.recordArticlesSeen(['002_ed70b68cc697893b'], new Date('2025-11-23T10:00:00Z'));
    await store.digests.upsertSubscription({ channelId: 'C9', time: '09:00', timeZone: 'Asia/Shanghai', createdBy: null, at: new Date('2025-11-01T00:00:00Z') });
    await store.digests.reserveDigest('C9', '2025-11-22', new Date('2025-11-22T01:00:00Z'));
    await store.digests.completeDigest('C9', '2025-11-22', { messageTs: '1.1', articleIds: [], coveredUntil: new Date('2025-11-21T00:00:00Z') }, new Date('2025-11-22T01:00:00Z'));
    await store.close();

    const { code, out } = await run(['--dry-run', '--channel', 'C9'], { CORPUS_DIR: FIXTURE_CORPUS, DATA_DIR: dataDir }, '2025-11-24T20:00:00Z');
    expect(code).toBe(0);
    // 002 was seen after the last digest; 003, 004 and the fixtures were never recorded, so the bot would see them now.
    expect(out).toMatch(/Tuesday 25 November 2025: 5 new articles/);
    expect(out).toContain('Guo Jiakun');
    expect(out).not.toContain('Wang Yi urges China-Japan-ROK');
  });

  it('--dry-run reads the database read-only: the file is left as it was', async () => {
    const dataDir = tempDir('cli');
    const file = path.join(dataDir, 'aigov.sqlite');
    const store = openSqliteStore(file);
    await store.articlesSeen.recordArticlesSeen(['000_f16c5d8a2a331b45'], new Date('2025-11-20T00:00:00Z'));
    await store.close();
    const before = fs.readFileSync(file);
    const { code } = await run(['--dry-run'], { CORPUS_DIR: FIXTURE_CORPUS, DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('--dry-run refuses a database at an older schema rather than migrating it, and says so', async () => {
    const dataDir = tempDir('cli');
    const file = path.join(dataDir, 'aigov.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE from_an_older_bot (x)');
    raw.close();
    const before = fs.readFileSync(file);
    const { code, out, err } = await run(['--dry-run'], { CORPUS_DIR: FIXTURE_CORPUS, DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(file);
    expect(err).toMatch(/schema version 0.*older/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
