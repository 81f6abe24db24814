import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorpusDirectoryError } from '../../src/core/corpus/corpus-error.ts';
import { isCorpusFileName, loadArticleFile, loadArticleFiles, loadArticleFilesSync, loadCorpus } from '../../src/corpus/load-corpus.ts';
import { MAX_ARTICLE_BYTES } from '../../src/core/corpus/parse-article.ts';

const repoPath = (relative: string): string => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
const CORPUS = repoPath('corpus');
const FIXTURE_CORPUS = repoPath('test/fixtures/corpus');
const BROKEN_CORPUS = repoPath('test/fixtures/broken-corpus');

/** What /work/shared/seeds/METADATA.md says about each seed article. */
const SEED_METADATA = [
  { id: '000_f16c5d8a2a331b45', date: '2023-12-04', dateKind: 'stated', source: null },
  { id: '001_4a63fa4f0b33a94c', date: '2024-09-25', dateKind: 'stated', source: null },
  { id: '002_ed70b68cc697893b', date: '2025-07-30', dateKind: 'stated', source: null },
  { id: '003_38defc6cec0c7f04', date: '2024-04-26', dateKind: 'editorial', source: null },
  { id: '004_83826e1afd84aa67', date: '2025-05-13', dateKind: 'editorial', source: 'Global Times' },
];

describe('loadCorpus on the real corpus', () => {
  it('loads the five seed articles with the dates and sources of METADATA.md and no warnings', async () => {
    const { articles, warnings } = await loadCorpus(CORPUS);
    expect(warnings).toEqual([]);
    expect(articles.map(({ id, date, dateKind, source }) => ({ id, date, dateKind, source }))).toEqual(SEED_METADATA);
    for (const a of articles) {
      expect(a.file).toBe(`${a.id}.md`);
      expect(a.url).toBeNull();
      expect(a.title.length).toBeGreaterThan(10);
      expect(a.tags.length).toBeGreaterThan(0);
      expect(a.body.length).toBeGreaterThan(2000);
    }
  });

  it('keeps the words after the removed seed date marker as the first line of the body', async () => {
    const { articles } = await loadCorpus(CORPUS);
    const byId = new Map(articles.map((a) => [a.id, a]));
    expect(byId.get('000_f16c5d8a2a331b45')?.body.split('\n')[0]).toBe(
      'China Announces Joint AI Cooperation With Japan and South Korea',
    );
    expect(byId.get('002_ed70b68cc697893b')?.body).toMatch(/^BEIJING: Foreign Ministry spokesperson Guo Jiakun said/);
    for (const a of articles) expect(a.body).not.toMatch(/^\s*date \d{4}/);
  });

  it('is copied unchanged into the fixture corpus', async () => {
    for (const file of await readdir(CORPUS)) {
      expect(await readFile(path.join(FIXTURE_CORPUS, file), 'utf8'), file).toBe(
        await readFile(path.join(CORPUS, file), 'utf8'),
      );
    }
  });
});

describe('loadCorpus on the fixture corpus', () => {
  it('loads the seeds plus the hostile-text and .txt fixtures exactly', async () => {
    const { articles, warnings } = await loadCorpus(FIXTURE_CORPUS);
    expect(warnings).toEqual([]);
    expect(articles.map((a) => a.id)).toEqual([...SEED_METADATA.map((m) => m.id), '900_fixture-hostile-markup', '901_fixture-date-line']);

    const hostile = articles.find((a) => a.id === '900_fixture-hostile-markup');
    expect(hostile).toMatchObject({
      file: '900_fixture-hostile-markup.md',
      title: 'Fixture Wire test: markup, mentions & Vučić at the Fixture Forum on AI Governance',
      date: '2024-01-15',
      dateKind: 'stated',
      source: 'Fixture Wire',
      url: 'https://fixture-wire.example/articles/hostile-markup',
      tags: ['fixture', 'slack-escaping', 'serbia'],
    });
    for (const hostileText of ['<!channel>', '<@U123ABC>', 'R&D', '<script>alert(1)</script>', '<https://evil.example|click me>', 'Vučić']) {
      expect(hostile?.body).toContain(hostileText);
    }

    expect(articles.find((a) => a.id === '901_fixture-date-line')).toMatchObject({
      file: '901_fixture-date-line.txt',
      title: 'Fixture Wire: fictional workshop on AI standards closes in Lisbon',
      date: '2025-03-03',
      dateKind: 'stated',
      source: null,
      url: null,
      tags: [],
    });
  });
});

describe('loadCorpus on the broken corpus', () => {
  it('skips each broken file with exactly one warning naming it and why, and loads the good one', async () => {
    const { articles, warnings } = await loadCorpus(BROKEN_CORPUS);
    expect(articles.map((a) => a.file)).toEqual(['good.md']);
    expect(articles[0]).toMatchObject({
      id: 'good',
      title: 'The one good article in the broken corpus',
      date: '2024-05-20',
      dateKind: 'stated',
      source: 'Fixture Wire',
      tags: ['fixture'],
    });
    expect(warnings).toEqual([
      { file: 'bad-date.md', reason: "bad date 'not-a-date' (expected YYYY-MM-DD)" },
      { file: 'binary.md', reason: 'binary file (contains NUL bytes)' },
      { file: 'empty.md', reason: 'empty file' },
      { file: 'front-matter-list.md', reason: 'front matter must be a mapping of fields (title: ...), got a list' },
      { file: 'impossible-date.md', reason: "bad date '2024-02-30' (no such day)" },
      { file: 'latin1.txt', reason: 'not valid UTF-8 text (saved as Latin-1 or another encoding?)' },
      { file: 'missing-title.md', reason: 'missing title' },
      { file: 'unclosed-front-matter.md', reason: "front matter opened with '---' on line 1 is never closed" },
      {
        file: 'yaml-error.md',
        reason:
          'front matter is not valid YAML (line 3: Flow sequence in block collection must be sufficiently indented and end with a ])',
      },
    ]);
  });

  it('holds the editor leftovers that must be ignored silently', async () => {
    // Guards the test above: if these vanished, "ignored silently" would pass without being tested.
    const names = await readdir(BROKEN_CORPUS);
    expect(names).toEqual(expect.arrayContaining(['good.md~', '.good.md.swp']));
  });
});

describe('loadCorpus on a temporary directory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aigov-corpus-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const article = (title: string): string => `---\ntitle: ${title}\n---\n\nText of ${title}.\n`;

  it('refuses a second file with the same id', async () => {
    await writeFile(path.join(dir, 'a.md'), article('From markdown'));
    await writeFile(path.join(dir, 'a.txt'), 'From text.\n');
    const { articles, warnings } = await loadCorpus(dir);
    expect(articles.map((a) => [a.file, a.title])).toEqual([['a.md', 'From markdown']]);
    expect(warnings).toEqual([{ file: 'a.txt', reason: "duplicate id 'a' (already loaded from a.md)" }]);
  });

  it('loads the other file of a pair when the first is broken', async () => {
    await writeFile(path.join(dir, 'a.md'), '---\ndate: 2024-01-01\n---\n\nNo title.\n');
    await writeFile(path.join(dir, 'a.txt'), 'From text.\n');
    const { articles, warnings } = await loadCorpus(dir);
    expect(articles.map((a) => a.file)).toEqual(['a.txt']);
    expect(warnings).toEqual([{ file: 'a.md', reason: 'missing title' }]);
  });

  it('ignores dotfiles, editor files, other extensions and sub-directories without warnings, and sorts by name', async () => {
    for (const name of ['b.md', 'a.md', 'C.md', '.hidden.md', '#b.md#', 'b.md~', 'notes.json', 'README']) {
      await writeFile(path.join(dir, name), article(name));
    }
    await mkdir(path.join(dir, 'nested.md'));
    await writeFile(path.join(dir, 'nested.md', 'inner.md'), article('inner'));
    const { articles, warnings } = await loadCorpus(dir);
    expect(warnings).toEqual([]);
    expect(articles.map((a) => a.file)).toEqual(['C.md', 'a.md', 'b.md']);
  });

  it('loads an empty directory as an empty corpus', async () => {
    expect(await loadCorpus(dir)).toEqual({ articles: [], warnings: [] });
  });

  it('throws a named error naming a missing directory', async () => {
    const missing = path.join(dir, 'no-such-corpus');
    const error = await loadCorpus(missing).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CorpusDirectoryError);
    expect(error).toMatchObject({
      name: 'CorpusDirectoryError',
      dir: missing,
      message: `corpus: cannot read directory '${missing}': no such file or directory`,
    });
  });

  it('throws when the corpus path is a file', async () => {
    const file = path.join(dir, 'a.md');
    await writeFile(file, article('A'));
    await expect(loadCorpus(file)).rejects.toThrow(`corpus: cannot read directory '${file}': not a directory`);
  });

  it('refuses an oversized file before reading it', async () => {
    const big = path.join(dir, 'big.txt');
    await writeFile(big, '');
    // Sparse: a large size without writing the bytes.
    await truncate(big, MAX_ARTICLE_BYTES + 1);
    expect(await loadArticleFile(dir, 'big.txt')).toEqual({
      ok: false,
      warning: { file: 'big.txt', reason: `file too large (${MAX_ARTICLE_BYTES + 1} bytes, limit ${MAX_ARTICLE_BYTES})` },
    });
  });

  it('loadArticleFile reads one file, and reports a vanished one as a warning', async () => {
    await writeFile(path.join(dir, 'one.md'), article('One'));
    const result = await loadArticleFile(dir, 'one.md');
    expect(result.ok && result.article).toMatchObject({ id: 'one', file: 'one.md', title: 'One', body: 'Text of One.' });
    expect(await loadArticleFile(dir, 'gone.md')).toEqual({
      ok: false,
      warning: { file: 'gone.md', reason: 'cannot read file: no such file or directory' },
    });
  });

  it('loadArticleFile refuses a path that leaves the directory', async () => {
    await writeFile(path.join(dir, 'outside.md'), article('Outside'));
    const inner = path.join(dir, 'corpus');
    await mkdir(inner);
    expect(await loadArticleFile(inner, '../outside.md')).toEqual({
      ok: false,
      warning: { file: '../outside.md', reason: 'not a file name inside the corpus directory' },
    });
  });

  it('loadArticleFilesSync (the corpus worker’s) gives exactly what loadArticleFiles gives, refusals included', async () => {
    await writeFile(path.join(dir, 'one.md'), article('One'));
    await writeFile(path.join(dir, 'two.txt'), 'date 2024-01-02 Two\nText of two.\n');
    await writeFile(path.join(dir, 'broken.md'), '---\ntitle: Broken\ndate: 2025-02-30\n---\n\nText.\n');
    await writeFile(path.join(dir, 'big.md'), '');
    await truncate(path.join(dir, 'big.md'), MAX_ARTICLE_BYTES + 1);
    await mkdir(path.join(dir, 'folder.md'));
    const files = ['one.md', 'two.txt', 'broken.md', 'big.md', 'folder.md', 'gone.md', '../aigov-outside.md'];
    const sync = loadArticleFilesSync(dir, files);
    expect(sync).toEqual(await loadArticleFiles(dir, files));
    expect(sync.map((r) => (r.ok ? r.article.title : r.warning.reason))).toEqual([
      'One',
      'Two',
      "bad date '2025-02-30' (no such day)",
      `file too large (${MAX_ARTICLE_BYTES + 1} bytes, limit ${MAX_ARTICLE_BYTES})`,
      'not a regular file',
      'cannot read file: no such file or directory',
      'not a file name inside the corpus directory',
    ]);
  });

  it('loads many files', async () => {
    const count = 300;
    await Promise.all(
      Array.from({ length: count }, (_, i) => writeFile(path.join(dir, `${String(i).padStart(4, '0')}.md`), article(`Article ${i}`))),
    );
    const { articles, warnings } = await loadCorpus(dir);
    expect(warnings).toEqual([]);
    expect(articles.map((a) => a.title)).toEqual(Array.from({ length: count }, (_, i) => `Article ${i}`));
  });
});

describe('isCorpusFileName', () => {
  it('accepts articles and skips editor and system leftovers', () => {
    expect(['a.md', 'a.txt', 'A.MD'].every(isCorpusFileName)).toBe(true);
    expect(['.a.md', '._a.md', '.a.md.swp', 'a.md~', '#a.md#', 'a.md.bak', 'a.json'].some(isCorpusFileName)).toBe(false);
  });
});
