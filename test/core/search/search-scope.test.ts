import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { CorpusIndex } from '../../../src/core/search/corpus-index.ts';
import { INDEX_OPTIONS, LOOSE_SEARCH, STRICT_SEARCH, toIndexedArticle, type IndexedArticle } from '../../../src/core/search/index-options.ts';
import { parseSearchQuery } from '../../../src/core/search/parse-query.ts';
import { MAX_SCORED_ARTICLES, countPostings, termPostingsOf } from '../../../src/core/search/search-scope.ts';
import type { Article, SearchPage } from '../../../src/core/types.ts';
import { makeArticle } from './articles.ts';

/**
 * Every article says "AI governance"; three in five have "treaty" in the title
 * (a broad word that still ranks); one in fifty names a zebrafish accord; a
 * few are undated.
 */
const SIZE = 2 * MAX_SCORED_ARTICLES + 500;
const ZEBRAFISH_EVERY = 50;
const UNDATED_EVERY = 997;

function dateOf(i: number): string {
  // One article a day from 1990-01-01, so a higher number is a newer article.
  return new Date(Date.UTC(1990, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
}

function corpus(): Article[] {
  return Array.from({ length: SIZE }, (_, i) => {
    const zebrafish = i % ZEBRAFISH_EVERY === 0;
    const undated = i % UNDATED_EVERY === 1;
    return makeArticle({
      id: `a${String(i).padStart(6, '0')}`,
      title: `Bulletin ${i}${i % 5 < 3 ? ' treaty' : ''}`,
      body: `AI governance talks continued${i % 3 === 0 ? ' on AI governance again' : ''}.${zebrafish ? ' The zebrafish accord was signed.' : ''}`,
      date: undated ? null : dateOf(i),
      dateKind: undated ? null : 'stated',
    });
  });
}

function search(index: CorpusIndex, input: string, limit = 20): SearchPage {
  const parsed = parseSearchQuery(input);
  if (!parsed.ok) throw new Error(`test query '${input}' did not parse: ${parsed.error}`);
  return index.search(parsed.query, { offset: 0, limit });
}

describe('countPostings', () => {
  const small = new MiniSearch<IndexedArticle>(INDEX_OPTIONS);
  small.addAll(
    ['sanctions talks', 'sanction regime', 'trade talks', 'talks talks'].map((body, i) => toIndexedArticle(makeArticle({ id: `d${i}`, body }))),
  );

  it('counts the postings a search walks, prefix matches included', () => {
    expect(countPostings(small, 'talks', STRICT_SEARCH, 100)).toBe(3);
    // `sanction` is a prefix of `sanctions`: both postings are walked.
    expect(countPostings(small, 'sanction', STRICT_SEARCH, 100)).toBe(2);
    expect(countPostings(small, 'absent', STRICT_SEARCH, 100)).toBe(0);
  });

  it('stops one past the limit', () => {
    expect(countPostings(small, 'talks', STRICT_SEARCH, 1)).toBe(2);
  });

  /** The count the search itself makes: its boostDocument is called once per posting walked. */
  const walked = (search: MiniSearch<IndexedArticle>, term: string, options: typeof STRICT_SEARCH): number => {
    let count = 0;
    search.search(term, { ...options, boostDocument: () => ((count += 1), 0) });
    return count;
  };

  it('counts from the postings\' sizes exactly what the search walks: exact, prefix and typo matches, both passes', () => {
    const bodies = ['sanctions talks', 'sanction regime', 'trade talks', 'talks talks', 'tlaks and stalks', 'regimes sanctioned', 'Talk of sanctioning'];
    const search = new MiniSearch<IndexedArticle>(INDEX_OPTIONS);
    search.addAll(bodies.map((body, i) => toIndexedArticle(makeArticle({ id: `e${i}`, title: i % 2 === 0 ? 'Sanctions' : 'Regime', body }))));
    const terms = ['talks', 'sanction', 'sanctions', 'regime', 'regim', 'absent', 'stalks', 'talk', 'trade'];
    for (const options of [STRICT_SEARCH, LOOSE_SEARCH]) {
      for (const term of terms) {
        const expected = walked(search, term, options);
        expect(termPostingsOf(search, term, options, 100), `${term} ${options.combineWith}`).toBe(expected);
        expect(termPostingsOf(search, term, options, 1), `${term} ${options.combineWith} capped`).toBe(Math.min(expected, 2));
      }
    }
    // Discarded documents keep their postings until the vacuum, but the search skips them: so does the count.
    search.discard('e0');
    search.discard('e3');
    expect(search.dirtCount).toBe(2);
    for (const options of [STRICT_SEARCH, LOOSE_SEARCH]) {
      for (const term of terms) expect(termPostingsOf(search, term, options, 100), `${term} after discards`).toBe(walked(search, term, options));
    }
  });

  it('leaves the counting to the search for options it does not mirror', () => {
    expect(termPostingsOf(small, 'talks', { ...STRICT_SEARCH, fields: ['title'] }, 100)).toBeNull();
    expect(termPostingsOf(small, 'two words', STRICT_SEARCH, 100)).toBeNull();
    expect(countPostings(small, 'talks', { ...STRICT_SEARCH, fields: ['text'] }, 100)).toBe(3);
  });

  it('leaves the index searchable after stopping early', () => {
    countPostings(small, 'talks', STRICT_SEARCH, 0);
    expect(small.search('talks', STRICT_SEARCH).map((r) => r.id).sort()).toEqual(['d0', 'd2', 'd3']);
  });
});

describe(`a corpus larger than MAX_SCORED_ARTICLES (${MAX_SCORED_ARTICLES})`, () => {
  let articles: Article[];
  let index: CorpusIndex;
  let reference: MiniSearch<IndexedArticle>;
  beforeAll(() => {
    articles = corpus();
    index = CorpusIndex.build(articles);
    reference = new MiniSearch<IndexedArticle>(INDEX_OPTIONS);
    reference.addAll(articles.map(toIndexedArticle));
  });

  it('ranks a query of common words among the newest articles only, and says so', () => {
    const page = search(index, 'ai governance');
    expect(page.rankedWithin).toBe(MAX_SCORED_ARTICLES);
    expect(page.total).toBe(MAX_SCORED_ARTICLES);
    const dated = articles.filter((a) => a.date !== null).map((a) => a.date as string).sort().reverse();
    const oldestInWindow = dated[MAX_SCORED_ARTICLES - 1] as string;
    for (const hit of page.hits) expect(hit.article.date! >= oldestInWindow).toBe(true);
    // Within the window the ranking is MiniSearch's: articles saying it twice come first.
    expect(page.hits.every((hit) => Number(hit.article.id.slice(1)) % 3 === 0)).toBe(true);
  });

  it('confines a query with a selective word to that word’s articles, with the unconfined results and scores', () => {
    const page = search(index, 'governance zebrafish', 1000);
    expect(page.rankedWithin).toBeNull();
    const expected = reference.search('governance zebrafish', STRICT_SEARCH);
    expect(page.total).toBe(Math.ceil(SIZE / ZEBRAFISH_EVERY));
    expect(page.hits.map((h) => [h.article.id, h.score])).toEqual(expected.map((r) => [r.id, r.score]));
  });

  it('applies filters inside the window: the newest articles before the date', () => {
    const before = dateOf(SIZE - 100);
    const page = search(index, `ai before:${before}`);
    expect(page.rankedWithin).toBe(MAX_SCORED_ARTICLES);
    expect(page.hits.length).toBeGreaterThan(0);
    for (const hit of page.hits) expect(hit.article.date! < before).toBe(true);
    expect(page.hits.some((hit) => hit.article.date! >= dateOf(SIZE - 100 - MAX_SCORED_ARTICLES))).toBe(true);
  });

  it('does not speak of a window when the filters leave fewer articles than it', () => {
    const page = search(index, `ai governance before:${dateOf(300)}`);
    expect(page.rankedWithin).toBeNull();
    expect(page.total).toBe(300 - 1); // article 1 is undated: it fails any date filter
  });

  it('recovers a typo next to a common word from the selective word’s articles', () => {
    const page = search(index, 'zebrafsh governance', 1000);
    expect(page.total).toBe(Math.ceil(SIZE / ZEBRAFISH_EVERY));
    expect(page.hits.every((hit) => Number(hit.article.id.slice(1)) % ZEBRAFISH_EVERY === 0)).toBe(true);
    const unconfined = reference.search('zebrafsh governance', LOOSE_SEARCH);
    expect(page.hits[0]?.score).toBe(unconfined[0]?.score);
  });

  it('does not let a word the corpus lacks narrow a loose search to nothing', () => {
    const page = search(index, 'ai governance xqzwv');
    expect(page.total).toBe(MAX_SCORED_ARTICLES);
    expect(page.rankedWithin).toBe(MAX_SCORED_ARTICLES);
  });

  it('keeps, in a loose search, the articles matched only by common words that are among the newest', () => {
    const page = search(index, 'treaty zebrafsh', SIZE);
    expect(page.rankedWithin).toBe(MAX_SCORED_ARTICLES);
    const newest = new Set(
      articles
        .filter((a) => a.date !== null)
        .sort((a, b) => (a.date! < b.date! ? 1 : -1))
        .slice(0, MAX_SCORED_ARTICLES)
        .map((a) => a.id),
    );
    const unconfined = reference.search('treaty zebrafsh', LOOSE_SEARCH);
    const floor = 0.1 * (unconfined[0]?.score ?? 0);
    const zebrafish = (id: string) => Number(id.slice(1)) % ZEBRAFISH_EVERY === 0;
    const expected = unconfined.filter((r) => r.score >= floor && (zebrafish(String(r.id)) || newest.has(String(r.id))));
    expect(expected.some((r) => !zebrafish(String(r.id)))).toBe(true);
    expect(page.hits.map((h) => [h.article.id, h.score])).toEqual(expected.map((r) => [r.id, r.score]));
  });

  it('sees an added article in the window at once', () => {
    const newest = makeArticle({ id: 'z-newest', body: 'AI governance summit.', date: '2100-01-01', dateKind: 'stated' });
    index.upsert(newest);
    try {
      const page = search(index, 'ai governance', 10_000);
      expect(page.hits.map((h) => h.article.id)).toContain('z-newest');
    } finally {
      index.remove('z-newest');
    }
    expect(search(index, 'ai governance', 10_000).hits.map((h) => h.article.id)).not.toContain('z-newest');
  });
});
