import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/aigov.ts';

const CORPUS = path.resolve(import.meta.dirname, '../../corpus');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run cli', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env['CORPUS_DIR'];
    process.env['CORPUS_DIR'] = CORPUS;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['CORPUS_DIR'];
    else process.env['CORPUS_DIR'] = saved;
  });

  it('searches the real corpus and prints quoted excerpts with source and date', async () => {
    const { code, out } = await run('search', 'capacity-building');
    expect(code).toBe(0);
    expect(out).toContain('Global Times · 2025-05-13 (editorial date)');
    expect(out).toContain('source unknown · 2024-09-25');
    expect(out).toMatch(/> .*\*[Cc]apacity/);
  });

  it('answers a question with the one sentence that answers it', async () => {
    const { code, out } = await run('ask', 'when was the 2025 World AI Conference held?');
    expect(code).toBe(0);
    expect(out).toMatch(/July 26 to 28/);
    expect(out).toContain('2025-07-30');
  });

  it("prints a topic's timeline: events in date order at their precision, labelled, with source and article date", async () => {
    const { code, out } = await run('timeline', 'capacity-building');
    expect(code).toBe(0);
    const dates = out.split('\n').filter((line) => /^\d/.test(line));
    expect(dates).toEqual([
      '25 September 2024',
      '6 May 2025 (derived from an editorial article date)',
      '12 May 2025 (derived from an editorial article date)',
      '13 May 2025 (derived from an editorial article date)',
    ]);
    expect(out).toContain('> On *September 25, 2024* local time');
    expect(out).toContain('Global Times · 2025-05-13 (editorial date)');
    expect(out).toMatch(/Events 1–4 of 4/);
  });

  it('filters a timeline by event date and needs a topic', async () => {
    const { out } = await run('timeline', 'capacity-building', 'after:2025-05-07', 'before:2025-05-13');
    expect(out.split('\n').filter((line) => /^\d/.test(line))).toEqual(['12 May 2025 (derived from an editorial article date)']);
    expect((await run('timeline', 'after:2025-01')).code).toBe(2);
  });

  it('explains a bad filter and exits 2', async () => {
    const { code, err } = await run('search', 'AI', 'before:2025-13');
    expect(code).toBe(2);
    expect(err).toContain('2025-13');
  });

  it('prints usage for anything else', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('search')).err).toContain('Usage');
  });
});
