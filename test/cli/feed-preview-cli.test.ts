/**
 * `npm run cli -- feeds preview`: files read as bytes and URLs fetched by the
 * real fetcher from a loopback site, many sources in one run, in order, and
 * no database opened.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/aigov.ts';
import { previewFeedFile } from '../../src/cli/feed-preview-cli.ts';
import { reply, startLocalWeb, type LocalWeb } from '../ingest/support/local-web.ts';

let dir: string;
let site: LocalWeb;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-preview-'));
  site = await startLocalWeb('127.0.0.1');
  site.route('/atom', reply(200, '<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Served &amp;lt;b&amp;gt;feed&amp;lt;/b&amp;gt;</title><entry><id>tag:x,2004:1</id><title>One</title><link href="/one"/><updated>2004-01-01T12:00:00Z</updated></entry></feed>', { 'content-type': 'application/atom+xml' }));
  fs.writeFileSync(
    path.join(dir, 'latin.xml'),
    Buffer.concat([Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?>\n<rss version="2.0"><channel><title>Gen', 'latin1'), Buffer.from([0xe8]), Buffer.from('ve</title><item><title>Caf&eacute;</title><link>https://a.test/1</link><pubDate>Thu, 01 Jan 2004 12:00:00 EST</pubDate><description>&lt;p&gt;Hi&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description></item></channel></rss>', 'latin1')]),
  );
  fs.writeFileSync(path.join(dir, 'page.html'), '<!doctype html><html><body>no feed</body></html>');
  for (const key of ['DATA_DIR', 'FETCH_ALLOW_PRIVATE']) saved[key] = process.env[key];
  process.env['DATA_DIR'] = path.join(dir, 'data');
  process.env['FETCH_ALLOW_PRIVATE'] = '127.0.0.1';
});
afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await site.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

describe('npm run cli -- feeds preview', () => {
  it('prints one JSON line per source, in order, files and URLs alike, and stores nothing', async () => {
    const latin = path.join(dir, 'latin.xml');
    const { code, out } = await run('feeds', 'preview', '--jsonl', latin, `${site.origin}/atom`, path.join(dir, 'missing.xml'), path.join(dir, 'page.html'));
    expect(code).toBe(0);
    const lines = out.flatMap((chunk) => chunk.split('\n')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        source: latin,
        ok: true,
        feed: { title: 'Genève', url: null },
        items: [{ title: 'Café', url: 'https://a.test/1', guid: null, published: '2004-01-01T17:00:00Z', text: 'Hi' }],
      },
      {
        source: `${site.origin}/atom`,
        ok: true,
        feed: { title: 'Served <b>feed</b>', url: null },
        items: [{ title: 'One', url: `${site.origin}/one`, guid: 'tag:x,2004:1', published: '2004-01-01T12:00:00Z', text: '' }],
      },
      { source: path.join(dir, 'missing.xml'), ok: false, error: expect.stringContaining('ENOENT') },
      { source: path.join(dir, 'page.html'), ok: false, error: expect.stringContaining('not a feed') },
    ]);
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
  });

  it('prints the same as plain text: title, link, date or "no date", and what would be fetched', async () => {
    fs.writeFileSync(path.join(dir, 'undated.xml'), '<rss><channel><title>U</title><item><title>Q &amp; A</title><link>https://a.test/q</link></item></channel></rss>');
    const { code, out } = await run('feeds', 'preview', path.join(dir, 'undated.xml'));
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('feed: U');
    expect(text).toContain('1. Q & A');
    expect(text).toContain('https://a.test/q');
    expect(text).toContain('no date · its page would be fetched');
  });

  it('writes a long --jsonl line out whole before the process exits, into a pipe', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => `<item><title>Item ${i}</title><link>https://a.test/${i}</link><description>${'words '.repeat(20)}</description></item>`).join('');
    const file = path.join(dir, 'big.xml');
    fs.writeFileSync(file, `<rss><channel><title>Big</title>${items}</channel></rss>`);
    const repo = path.resolve(import.meta.dirname, '../..');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(repo, 'src/cli/aigov.ts'), 'feeds', 'preview', '--jsonl', file], {
      cwd: repo,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout.length).toBeGreaterThan(256 * 1024);
    const line = JSON.parse(stdout) as { items: unknown[] };
    expect(line.items).toHaveLength(2000);
  }, 60_000);

  it('refuses a file larger than the body cap a fetched feed has', () => {
    const file = path.join(dir, 'capped.xml');
    fs.writeFileSync(file, `<rss><channel><title>${'x'.repeat(2 * 1024 * 1024)}</title></channel></rss>`);
    expect(previewFeedFile(file, [], 1024 * 1024)).toMatchObject({ ok: false, code: 'too-large', error: 'larger than 1 MiB' });
    expect(previewFeedFile(file, [])).toMatchObject({ ok: true, feed: { title: expect.stringMatching(/^x+$/) } });
  });

  it('asks for a source when given none', async () => {
    const { code, err } = await run('feeds', 'preview', '--jsonl');
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('feeds preview');
  });
});
