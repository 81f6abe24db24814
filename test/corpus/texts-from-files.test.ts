import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { TextsInMemory } from '../../src/core/corpus/article-texts.ts';
import { TextsFromFiles } from '../../src/corpus/texts-from-files.ts';
import { MAX_ARTICLE_BYTES, parseArticleFile } from '../../src/core/corpus/parse-article.ts';
import type { Article, ArticleMeta } from '../../src/core/types.ts';

const FILE = '010_quokka.md';
const CONTENT = '---\ntitle: Quokka accord\ndate: 2025-03-01\n---\nThe quokka accord was signed in Perth. It covers AI audits.\n';

function parsed(file: string, content: string): Article {
  const result = parseArticleFile(file, Buffer.from(content));
  if (!result.ok) throw new Error(`fixture did not parse: ${result.warning.reason}`);
  return result.article;
}

function metaOf({ body: _body, ...meta }: Article): ArticleMeta {
  return meta;
}

describe('TextsFromFiles', () => {
  let dir: string;
  let meta: ArticleMeta;
  let texts: TextsFromFiles;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-texts-'));
    fs.writeFileSync(path.join(dir, FILE), CONTENT);
    meta = metaOf(parsed(FILE, CONTENT));
    texts = new TextsFromFiles(dir);
  });

  it('with atLeast, reads a long file only that far, giving the same beginning (multi-byte text cut cleanly)', () => {
    const body = 'Le comité a adopté la résolution à Genève 😀. '.repeat(20_000);
    const content = `---\ntitle: Long\ndate: 2025-03-01\n---\n${body}`;
    fs.writeFileSync(path.join(dir, FILE), content);
    const whole = texts.read(meta)!;
    const head = texts.read(meta, 5_000)!;
    expect(head.length).toBeGreaterThanOrEqual(5_000);
    expect(head.length).toBeLessThan(whole.length);
    expect(whole.startsWith(head)).toBe(true);
    // A short file, or one whose front matter does not fit the head, is read whole.
    fs.writeFileSync(path.join(dir, FILE), CONTENT);
    expect(texts.read(meta, 5_000)).toBe(texts.read(meta));
    const longFront = `---\ntitle: Long\ndate: 2025-03-01\ntags: [${'x, '.repeat(20_000)}y]\n---\n${body}`;
    fs.writeFileSync(path.join(dir, FILE), longFront);
    expect(texts.read(meta, 100)!.startsWith('Le comité')).toBe(true);
  });

  it('reads the text as the loader parses it, front matter left out', () => {
    expect(texts.read(meta)).toBe(parsed(FILE, CONTENT).body);
    expect(texts.read(meta)).not.toContain('title:');
  });

  it('gives the current text of a file changed since it was indexed', () => {
    fs.writeFileSync(path.join(dir, FILE), CONTENT.replace('Perth', 'Hobart'));
    expect(texts.read(meta)).toContain('Hobart');
  });

  it('gives null, not a throw, for a file deleted, broken or grown too large since', () => {
    fs.writeFileSync(path.join(dir, FILE), Buffer.from([0x00, 0x01, 0x02]));
    expect(texts.read(meta)).toBeNull();
    fs.writeFileSync(path.join(dir, FILE), Buffer.alloc(MAX_ARTICLE_BYTES + 1, 0x61));
    expect(texts.read(meta)).toBeNull();
    fs.rmSync(path.join(dir, FILE));
    expect(texts.read(meta)).toBeNull();
  });

  it('never reads outside the corpus directory', () => {
    fs.writeFileSync(path.join(path.dirname(dir), 'outside.md'), CONTENT);
    expect(texts.read({ ...meta, file: '../outside.md' })).toBeNull();
  });
});

describe('TextsInMemory', () => {
  it('keeps what it is given until told to forget it', () => {
    const texts = new TextsInMemory();
    const article = parsed(FILE, CONTENT);
    expect(texts.read(article)).toBeNull();
    texts.keep(article);
    expect(texts.read(article)).toBe(article.body);
    texts.forget(article.id);
    expect(texts.read(article)).toBeNull();
  });
});
