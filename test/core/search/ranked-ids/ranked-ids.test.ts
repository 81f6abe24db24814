/**
 * The search ranks what it ranked before it was made faster: the ids each
 * fixed query ranks on the fixed corpus (fixed-corpus.ts), compared with
 * ranked-ids.json, recorded by record-ranked-ids.ts from the code before the
 * speed work of issue 18. Both the index as built and as the bot serves it
 * after a restart (packed, then restored with its terms opened on demand).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TextsInMemory } from '../../../../src/core/corpus/article-texts.ts';
import { CorpusIndex } from '../../../../src/core/search/corpus-index.ts';
import type { Article } from '../../../../src/core/types.ts';
import { fixedCorpus, fixedQueries, rankedIdsOf, type RankedIds } from './fixed-corpus.ts';

const recorded = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'ranked-ids.json'), 'utf8')) as RankedIds[];

describe('rankings on the fixed corpus', { timeout: 120_000 }, () => {
  let articles: Article[];
  let built: CorpusIndex;

  beforeAll(() => {
    articles = fixedCorpus();
    built = CorpusIndex.build(articles);
  }, 120_000);

  it('records every fixed query, and the record exercises the broad-word paths', () => {
    expect(recorded.map((r) => r.query)).toEqual(fixedQueries());
    // Some queries rank within the newest window, some find nothing, some lose re-reports to nothing: the paths differ.
    expect(recorded.some((r) => r.rankedWithin !== null)).toBe(true);
    expect(recorded.some((r) => r.rankedCount === 0)).toBe(true);
    expect(recorded.filter((r) => r.ranked.length > 0).length).toBeGreaterThan(recorded.length / 2);
  });

  it('ranks the same ids as recorded, on the index as built', () => {
    for (const expected of recorded) expect(rankedIdsOf(built, expected.query), expected.query).toEqual(expected);
  });

  it('ranks the same ids as recorded, on the index restored from its packed form', async () => {
    const texts = new TextsInMemory();
    for (const article of articles) texts.keep(article);
    const restored = await CorpusIndex.restore(built.metas(), built.pack(), texts, built.sentenceTables());
    for (const expected of recorded) expect(rankedIdsOf(restored, expected.query), expected.query).toEqual(expected);
  });
});
