/**
 * A first start indexed on two threads (cold-build-helper.ts) gives exactly
 * the index of one thread: the same sentence tables, near-duplicate groups
 * and search results, over a corpus with re-reports in it; and a helper that
 * fails leaves the work to the corpus worker.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../../../bench/generate-corpus.ts';
import { EDITS, editedCopy } from '../../../bench/edited-copies.ts';
import { COLD_BUILD_HELPER_MIN_ARTICLES, CorpusService } from '../../../src/corpus/corpus-service.ts';
import { ColdBuildHelper } from '../../../src/corpus/worker/cold-build-helper.ts';
import { parseSearchQuery } from '../../../src/core/search/parse-query.ts';
import { dateContextOf } from '../../../src/core/search/corpus-index.ts';

const ARTICLES = COLD_BUILD_HELPER_MIN_ARTICLES + 100;
const COPIES = 30;

describe('indexing a corpus from scratch with the cold-build helper', { timeout: 120_000 }, () => {
  let dir: string;
  let one: CorpusService;
  let two: CorpusService;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-cold-build-'));
    const generated = [...generateArticles(ARTICLES)];
    for (const article of generated) fs.writeFileSync(path.join(dir, article.file), article.text);
    // Re-reports: edited copies of some articles, so the groups have members.
    for (let i = 0; i < COPIES; i++) {
      const source = generated[i * 7]!;
      fs.writeFileSync(path.join(dir, `copy-${i}.md`), editedCopy(source.text, EDITS[i % EDITS.length]!, i + 1));
    }
    one = new CorpusService(dir);
    two = new CorpusService(dir, () => new Date(), { coldBuildHelper: true });
    await one.load();
    await two.load();
  }, 120_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes the same sentence tables, in the same order', () => {
    const a = one.index.sentenceTables();
    const b = two.index.sentenceTables();
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [id, table] of a) expect(b.get(id), id).toEqual(table);
  });

  it('makes the same near-duplicate groups, and some articles are grouped', () => {
    let grouped = 0;
    for (const meta of one.index.all()) {
      const a = one.duplicateGroup(meta.id);
      expect(two.duplicateGroup(meta.id), meta.id).toEqual(a);
      if (a !== null) grouped += 1;
    }
    // Not every edit keeps a copy above the threshold (bench --near-dups measures which): most do.
    expect(grouped).toBeGreaterThanOrEqual(COPIES / 2);
  });

  it('searches and answers the same', () => {
    for (const text of ['ai governance', 'safety after:2023', generatedTopic(), 'internationa cooperatio']) {
      const parsed = parseSearchQuery(text);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(two.search(parsed.query, { offset: 0, limit: 5 }), text).toEqual(one.search(parsed.query, { offset: 0, limit: 5 }));
    }
  });

  it('answers from its own thread: the groups of every item and the tables asked for', async () => {
    const helper = new ColdBuildHelper();
    try {
      const items = one.index.all().slice(0, 40).map((meta) => ({ id: meta.id, body: one.index.article(meta.id)!.body, context: dateContextOf(meta) }));
      const parts = await helper.analyse(items, 25);
      expect(parts).not.toBeNull();
      expect([...parts!.tables.keys()]).toEqual(items.slice(0, 25).map((i) => i.id));
      for (const item of items.slice(0, 25)) expect(parts!.tables.get(item.id)).toEqual(one.index.sentenceTables().get(item.id));
      expect(parts!.groups.ids().sort()).toEqual(items.map((i) => i.id).sort());
    } finally {
      await helper.close();
    }
  });

  it('gives null when its thread is gone, so the caller does the work', async () => {
    const helper = new ColdBuildHelper();
    await helper.close();
    expect(await helper.analyse([{ id: 'a', body: 'Text.', context: { articleDate: null, articleDateEditorial: false } }], 1)).toBeNull();
  });
});

function generatedTopic(): string {
  const [first] = generateArticles(1);
  return first!.topics.slice(0, 2).join(' ');
}
