/** `npm run cli -- feedback`: the votes in DATA_DIR's database, read-only. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/aigov.ts';
import { DATABASE_FILE } from '../../src/store/sqlite/database-file.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run cli -- feedback', () => {
  let dataDir: string;
  let saved: string | undefined;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-cli-feedback-'));
    saved = process.env['DATA_DIR'];
    process.env['DATA_DIR'] = dataDir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['DATA_DIR'];
    else process.env['DATA_DIR'] = saved;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('says there are no votes when the bot has no database yet', async () => {
    const { code, out } = await run('feedback');
    expect(code).toBe(0);
    expect(out).toMatch(/^No votes yet: no database at /);
  });

  it('prints the summary and the latest votes, with the question, article, sentence and what was wrong', async () => {
    const store = openSqliteStore(path.join(dataDir, DATABASE_FILE));
    const at = new Date('2025-11-24T09:00:00Z');
    const answer = await store.feedback.recordAnswer({
      kind: 'answer',
      question: 'when was the 2025 World AI Conference held?',
      articleId: '002_ed70b68cc697893b',
      sentence: 'It was held in Shanghai from July 26 to 28.',
      articleIds: ['002_ed70b68cc697893b'],
      askedBy: 'U1',
      channelId: 'C1',
      at,
    });
    await store.feedback.castVote(answer.id, 'U1', 'down', at);
    await store.feedback.setVoteComment(answer.id, 'U1', 'cites a re-publication, not the ministry', at);
    await store.feedback.castVote(answer.id, 'U2', 'up', new Date('2025-11-25T09:00:00Z'));
    await store.close();

    const { code, out } = await run('feedback');
    expect(code).toBe(0);
    expect(out).toContain('2 votes, 1 helpful, 1 not helpful: 50% helpful.');
    expect(out).toContain('1. [answer] "when was the 2025 World AI Conference held?": 1 not helpful, 1 helpful');
    expect(out).toContain('quoted 002_ed70b68cc697893b: "It was held in Shanghai from July 26 to 28."');
    expect(out).toContain('what was wrong: cites a re-publication, not the ministry');

    expect((await run('feedback', '--since', '2025-11-25')).out).toContain('1 vote, 1 helpful, 0 not helpful: 100% helpful.');
    const bad = await run('feedback', '--since', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('npm run cli -- feedback [--since YYYY-MM-DD]');
  });
});
