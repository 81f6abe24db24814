import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/aigov.ts';

const CORPUS = path.resolve(import.meta.dirname, '../../corpus');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-dates-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['dates', ...argv], (l) => out.push(l), (l) => err.push(l), Readable.from([stdin]));
  return { code, out, err: err.join('\n') };
}

describe('npm run cli -- dates', () => {
  it('--jsonl: one answer a line, in order, offsets into each text; a malformed line gets its error and the rest go on', async () => {
    const lines = [
      JSON.stringify({ id: 'a', date: '2013-03-22', text: 'Officials met last week.\nThey will meet again on Monday.' }),
      'not json',
      JSON.stringify({ id: 'b', date: '2013-02-30', text: 'x' }),
      '',
      JSON.stringify({ id: 'c', date: '2013-03-22', text: 'Nothing dated here.' }),
      JSON.stringify({ id: 'd', text: 42 }),
      JSON.stringify({ id: 'e', date: null, text: 'It began in 2009 and ended on Monday.' }),
    ];
    const { code, out } = await run(['--jsonl'], `${lines.join('\n')}\n`);
    expect(code).toBe(0);
    const answers = out.map((l) => JSON.parse(l));
    expect(answers).toEqual([
      { id: 'a', dates: [{ start: 14, end: 23, text: 'last week', value: '2013-03-11/2013-03-17' }, { start: 46, end: 55, text: 'on Monday', value: '2013-03-25' }] },
      { id: 2, error: expect.stringMatching(/^line 2 is not JSON/) },
      { id: 'b', error: '"date" must be a calendar day YYYY-MM-DD or null, got "2013-02-30"' },
      { id: 'c', dates: [] },
      { id: 'd', error: '"text" must be a string, got 42' },
      { id: 'e', dates: [{ start: 12, end: 16, text: '2009', value: '2009' }] },
    ]);
  });

  it('--jsonl reads a file too', async () => {
    const file = path.join(dir, 'in.jsonl');
    fs.writeFileSync(file, `${JSON.stringify({ id: 1, date: '2000-01-07', text: 'He was found on Thanksgiving Day.' })}\n`);
    const { code, out } = await run(['--jsonl', file]);
    expect(code).toBe(0);
    expect(JSON.parse(out[0]!)).toEqual({ id: 1, dates: [{ start: 16, end: 32, text: 'Thanksgiving Day', value: '1999-11-25' }] });
  });

  it('prints a corpus file’s sentences with their dates, value, precision and basis, its front-matter date as the reference', async () => {
    const { code, out } = await run([path.join(CORPUS, '004_83826e1afd84aa67.md')]);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('article date 2025-05-13 (editorial: established outside the text)');
    expect(text).toMatch(/"on Monday" → 2025-05-12 \(12 May 2025; day; editorial date\)/);
    expect(text).toContain('"September 2024" → 2024-09 (September 2024; month; stated)');
  });

  it('prints a text given with --date, from standard input', async () => {
    const { code, out } = await run(['--date', '2025-05-14', '-'], 'The talks ran from Monday to Wednesday. The accord of 3 May 2024 stands.');
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('"Monday to Wednesday" → 2025-05-12/2025-05-14 (12–14 May 2025; day range; worked out from the article date)');
    expect(out.join('\n')).toContain('"3 May 2024" → 2024-05-03 (3 May 2024; day; stated)');
  });

  it('refuses a bad date or a missing argument with the usage, and names a file it cannot read', async () => {
    expect((await run(['--date', '2025-13-01', '-'])).code).toBe(2);
    expect((await run([])).err).toContain('npm run cli -- dates --jsonl');
    const missing = await run([path.join(dir, 'nope.md')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.md');
  });
});
