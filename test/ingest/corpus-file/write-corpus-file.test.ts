import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusFileName, CorpusFileError, writeCorpusFile, type CorpusFileArticle } from '../../../src/ingest/corpus-file/write-corpus-file.ts';
import { loadCorpus } from '../../../src/corpus/load-corpus.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aigov-corpus-file-'));
  dirs.push(dir);
  return dir;
};

const ARTICLE: CorpusFileArticle = {
  title: 'Talks: "round 2" — <!channel> & <@U123> #general\n---\nkey: value',
  date: '2025-06-10',
  dateBasis: 'page',
  source: 'Wire: "A" <b>',
  url: 'https://policy.test/news/un-ai?id=7',
  retrievedAt: new Date('2025-08-01T12:00:00Z'),
  via: { kind: 'feed', feedId: 3, feedUrl: 'https://policy.test/feed.xml', feedTitle: 'Policy Wire' },
  tags: ['United Nations', 'yes', 'null'],
  paragraphs: ['First paragraph with <script>alert(1)</script> as text.', '---', 'date: 1999-01-01 is not front matter.'],
};

describe('writeCorpusFile', () => {
  it('writes a file the corpus loader reads back field for field, hostile text staying text', async () => {
    const dir = tempDir();
    const article = await writeCorpusFile(dir, ARTICLE);
    expect(readdirSync(dir)).toEqual([article.file]); // no temporary file left behind
    const { articles, warnings } = await loadCorpus(dir);
    expect(warnings).toEqual([]);
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      title: 'Talks: "round 2" — <!channel> & <@U123> #general --- key: value',
      date: '2025-06-10',
      dateKind: 'stated',
      dateBasis: 'page',
      source: 'Wire: "A" <b>',
      url: 'https://policy.test/news/un-ai?id=7',
      tags: ['United Nations', 'yes', 'null'],
    });
    expect(articles[0]!.body).toBe(ARTICLE.paragraphs.join('\n\n'));
    const text = readFileSync(path.join(dir, article.file), 'utf8');
    expect(text).toContain('retrieved_at: 2025-08-01T12:00:00.000Z');
    expect(text).toContain('via: feed https://policy.test/feed.xml');
  });

  it('marks a retrieval-day date so answers never show it as a publication date', async () => {
    const dir = tempDir();
    const article = await writeCorpusFile(dir, { ...ARTICLE, dateBasis: 'retrieved', date: '2025-08-01' });
    expect(article).toMatchObject({ dateKind: 'retrieved', dateBasis: 'retrieved' });
  });

  it('names files by date, slug and URL hash: stable, ASCII, unique per URL', () => {
    const name = corpusFileName(ARTICLE);
    expect(name).toMatch(/^2025-06-10-talks-round-2-channel-u123-general-key-value-[0-9a-f]{8}\.md$/);
    expect(corpusFileName(ARTICLE)).toBe(name);
    expect(corpusFileName({ ...ARTICLE, url: 'https://policy.test/other' })).not.toBe(name);
    expect(corpusFileName({ ...ARTICLE, title: '../../etc/passwd' })).toMatch(/^2025-06-10-etc-passwd-[0-9a-f]{8}\.md$/);
    expect(corpusFileName({ ...ARTICLE, title: '北京会议' })).toMatch(/^2025-06-10-article-[0-9a-f]{8}\.md$/);
  });

  it('never overwrites an article already in the corpus', async () => {
    const dir = tempDir();
    await writeCorpusFile(dir, ARTICLE);
    await expect(writeCorpusFile(dir, { ...ARTICLE, paragraphs: ['other text'] })).rejects.toMatchObject({ code: 'exists' });
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('writes nothing the loader would refuse', async () => {
    const dir = tempDir();
    const err = await writeCorpusFile(dir, { ...ARTICLE, paragraphs: ['  '] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusFileError);
    expect(readdirSync(dir)).toEqual([]);
  });
});
