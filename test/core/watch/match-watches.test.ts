import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusIndex } from '../../../src/core/search/corpus-index.ts';
import { MIN_STRICT_RESULTS } from '../../../src/core/search/index-options.ts';
import { parseSearchQuery } from '../../../src/core/search/parse-query.ts';
import type { Article } from '../../../src/core/types.ts';
import { ArticleTerms, compileWatch, watchMatches, WatchMatcher } from '../../../src/core/watch/match-watches.ts';
import { fixtureArticles } from '../search/articles.ts';
import { analyseSentences, datedSentences } from '../../../src/core/sentences/sentence-table.ts';

/** The article's sentences as the index stores them at indexing. */
function sentencesFor(article: Article) {
  const table = analyseSentences(article.body, { articleDate: article.date, articleDateEditorial: article.dateKind === 'editorial' });
  return datedSentences(table, article.body);
}

/** Words of every length class the search rules treat differently (under 4: exact only; 4+: prefix; 5+: typos in the loose pass). */
const VOCABULARY = [
  'ai', 'un', 'eu', 'law', 'pact', 'talks', 'summit', 'summits', 'sanction', 'sanctions', 'capacity', 'building',
  'Vučić', 'vucic', 'china', 'chinese', 'governance', 'govern', 'treaty', 'treaties', 'accord', 'beijing', 'geneva',
  'the', 'of', "government's", 'capacity-building', 'resolution', 'resolutions',
];
const SOURCES = ['Global Times', 'Reuters', 'China Daily', null];

const word = fc.constantFrom(...VOCABULARY);
const prefixOf = word.chain((w) => fc.integer({ min: 1, max: w.length }).map((n) => w.slice(0, n)));
const date = fc.option(fc.integer({ min: 2023, max: 2025 }).chain((y) => fc.integer({ min: 1, max: 12 }).map((m) => `${y}-${String(m).padStart(2, '0')}-15`)), { nil: null });

const articleArb = (i: number) =>
  fc.record({
    title: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
    body: fc.array(fc.array(word, { minLength: 2, maxLength: 8 }).map((w) => `${w.join(' ')}.`), { minLength: 1, maxLength: 5 }).map((s) => s.join(' ')),
    date,
    source: fc.constantFrom(...SOURCES),
  }).map(({ title, body, date: d, source }): Article => ({
    id: `a${String(i).padStart(3, '0')}`, file: `a${i}.md`, title, body, date: d, dateKind: d === null ? null : 'stated', source, url: null, tags: [],
  }));

const corpusArb = fc.integer({ min: 3, max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => articleArb(i))));

const filterArb = fc.oneof(
  fc.constant(''),
  fc.constantFrom('after:2024', 'before:2024-06', 'source:Reuters', 'source:"global times"', 'after:2023-06 before:2025'),
);
const queryArb = fc.tuple(fc.array(fc.oneof(word, prefixOf), { minLength: 0, maxLength: 3 }), filterArb).map(([w, f]) => `${w.join(' ')} ${f}`.trim());

function watchSet(articles: readonly Article[], query: string): Set<string> {
  const compiled = compileWatch(query);
  if (compiled === null) return new Set();
  return new Set(articles.filter((a) => watchMatches(compiled, a, new ArticleTerms(a))).map((a) => a.id));
}

function searchSet(index: CorpusIndex, query: string): Set<string> {
  const parsed = parseSearchQuery(query);
  if (!parsed.ok) throw new Error(parsed.error);
  return new Set(index.search(parsed.query, { offset: 0, limit: 1000 }).hits.map((h) => h.article.id));
}

describe('a watch fires exactly when /aigov search lists the article', () => {
  it('every article a watch fires for is one search lists, and when every-word matching finds enough, the same ones', () => {
    fc.assert(
      fc.property(corpusArb, queryArb, (articles, query) => {
        fc.pre(compileWatch(query) !== null);
        const index = CorpusIndex.build(articles);
        const watched = watchSet(articles, query);
        const searched = searchSet(index, query);
        for (const id of watched) expect(searched.has(id), `${id} for '${query}'`).toBe(true);
        // With this many every-word matches search runs no typo-tolerant pass, so its list is the strict one.
        if (watched.size >= MIN_STRICT_RESULTS) expect([...searched].sort()).toEqual([...watched].sort());
      }),
      { numRuns: 400 },
    );
  });

  it('an article newly added to a corpus: the watch fires iff search then lists it (strict results ≥ 3)', () => {
    fc.assert(
      fc.property(corpusArb, articleArb(999), queryArb, (articles, added, query) => {
        const compiled = compileWatch(query);
        fc.pre(compiled !== null);
        const index = CorpusIndex.build(articles);
        fc.pre(watchSet(articles, query).size >= MIN_STRICT_RESULTS);
        index.upsert(added);
        const fires = new WatchMatcher().match(added, sentencesFor(added), [{ id: 1, query }]).length === 1;
        expect(fires).toBe(searchSet(index, query).has(added.id));
      }),
      { numRuns: 300 },
    );
  });
});

describe('WatchMatcher', () => {
  const articles = fixtureArticles();
  const matcher = new WatchMatcher();

  it('matches prefixes of 4+ letters and folds accents and hyphens as search does', () => {
    const vucic = articles.filter((a) => matcher.match(a, sentencesFor(a), [{ id: 1, query: 'Vucic' }]).length === 1).map((a) => a.id);
    expect(vucic.length).toBeGreaterThan(0);
    for (const a of articles) {
      expect(matcher.match(a, sentencesFor(a), [{ id: 1, query: 'capacity-building' }]).length).toBe(matcher.match(a, sentencesFor(a), [{ id: 1, query: 'capacity building' }]).length);
    }
    const capac = articles.filter((a) => matcher.match(a, sentencesFor(a), [{ id: 1, query: 'capac' }]).length === 1);
    expect(capac.length).toBeGreaterThan(0);
    expect(articles.filter((a) => matcher.match(a, sentencesFor(a), [{ id: 1, query: 'ca' }]).length === 1)).toHaveLength(0);
  });

  it('quotes the sentence holding the terms, with them marked', () => {
    const article = articles.find((a) => /capacity-building/i.test(a.body))!;
    const [match] = matcher.match(article, sentencesFor(article), [{ id: 7, query: 'capacity building' }]);
    expect(match?.watchId).toBe(7);
    expect(match?.excerpt?.text).toMatch(/capacity/i);
    expect(match?.excerpt?.segments.some((s) => s.match)).toBe(true);
  });

  it('applies filters and ignores unparseable or empty watch queries', () => {
    const article = articles[0]!;
    expect(matcher.match(article, sentencesFor(article), [{ id: 1, query: 'after:2999' }, { id: 2, query: 'after:nope' }, { id: 3, query: 'the of' }])).toEqual([]);
    expect(matcher.match(article, sentencesFor(article), [{ id: 4, query: 'before:2999' }]).map((m) => m.watchId)).toEqual(article.date === null ? [] : [4]);
  });
});
