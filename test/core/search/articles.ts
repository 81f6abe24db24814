/**
 * Test articles: the fixture corpus (test/fixtures/corpus), read with the real
 * loader. Its 000-004 files are the five seed articles; 900+ are fixtures made
 * up to exercise hostile text (markup, mentions, a second article naming Vučić).
 */
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../../src/corpus/load-corpus.ts';
import type { Article } from '../../../src/core/types.ts';

export const FIXTURE_CORPUS_DIR = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

const fixture = await loadCorpus(FIXTURE_CORPUS_DIR);
if (fixture.warnings.length > 0) {
  throw new Error(`test articles: the fixture corpus has warnings: ${JSON.stringify(fixture.warnings)}`);
}

/** Every article of the fixture corpus, in file order. */
export function fixtureArticles(): Article[] {
  return [...fixture.articles];
}

/** The five seed articles (000-004), in file order. */
export function seedArticles(): Article[] {
  const seeds = fixture.articles.filter((a) => /^00[0-4]_/.test(a.id));
  if (seeds.length !== 5) throw new Error(`test articles: expected 5 seed articles, found ${seeds.length}`);
  return seeds;
}

/** The article whose id starts with `prefix` (`'001'`). */
export function bySeed(articles: readonly Article[], prefix: string): Article {
  const found = articles.find((a) => a.id.startsWith(prefix));
  if (found === undefined) throw new Error(`test articles: no article '${prefix}'`);
  return found;
}

/** A made-up article for tests that add or replace articles. */
export function makeArticle(overrides: Partial<Article> & Pick<Article, 'id' | 'body'>): Article {
  return {
    file: `${overrides.id}.md`,
    title: overrides.id,
    date: null,
    dateKind: null,
    source: null,
    url: null,
    tags: [],
    ...overrides,
  };
}

/** The number an id starts with: `'001_4a63…'` → `'001'`. */
export function seedNumber(id: string): string {
  return id.slice(0, 3);
}
