import { beforeEach, describe, expect, it } from 'vitest';
import { CorpusIndex, MAX_EXCERPTS_PER_HIT } from '../../../src/core/search/corpus-index.ts';
import { parseSearchQuery } from '../../../src/core/search/parse-query.ts';
import { splitSentences } from '../../../src/core/text.ts';
import type { Article, SearchPage } from '../../../src/core/types.ts';
import { bySeed, fixtureArticles, makeArticle, seedArticles, seedNumber } from './articles.ts';

const ALL = { offset: 0, limit: 50 };

function search(index: CorpusIndex, input: string, page = ALL): SearchPage {
  const parsed = parseSearchQuery(input);
  if (!parsed.ok) throw new Error(`test query '${input}' did not parse: ${parsed.error}`);
  return index.search(parsed.query, page);
}

/** Seed numbers of the hits, best first. */
function seeds(page: SearchPage): string[] {
  return page.hits.map((hit) => seedNumber(hit.article.id));
}

function matchedWords(page: SearchPage): string[] {
  return page.hits.flatMap((hit) => hit.excerpts.flatMap((e) => e.segments.filter((s) => s.match).map((s) => s.text)));
}

describe('CorpusIndex.search over the seed articles', () => {
  let articles: Article[];
  let index: CorpusIndex;
  beforeEach(() => {
    articles = seedArticles();
    index = CorpusIndex.build(articles);
  });

  it.each(['capacity-building', 'capacity building', 'Capacity Building', 'capacty buildng'])(
    '%s finds 001 and 004 first',
    (input) => {
      const page = search(index, input);
      expect(seeds(page).slice(0, 2).sort()).toEqual(['001', '004']);
      expect(matchedWords(page).map((w) => w.toLowerCase())).toContain('capacity-building');
    },
  );

  it('sanction finds 003 through its prefix expansion, marking "sanctions"', () => {
    const page = search(index, 'sanction');
    expect(seeds(page)[0]).toBe('003');
    const excerpts = page.hits[0]?.excerpts ?? [];
    expect(excerpts.length).toBeGreaterThan(0);
    for (const excerpt of excerpts) expect(excerpt.segments.filter((s) => s.match).map((s) => s.text)).toContain('sanctions');
  });

  it('Vucic finds 001 and quotes the sentence naming Vučić, with the name marked', () => {
    expect(bySeed(articles, '001').body).toContain('Vučić');
    const page = search(index, 'Vucic');
    expect(seeds(page)).toEqual(['001']);
    const best = page.hits[0]?.excerpts[0];
    expect(best?.text).toMatch(/^Serbian President Aleksandar Vučić/);
    expect(best?.segments.filter((s) => s.match).map((s) => s.text)).toEqual(['Vučić']);
  });

  it('quotes the matching sentences, not the opening, whole and marked', () => {
    const page = search(index, 'Zambia');
    const hit = page.hits[0];
    expect(hit && seedNumber(hit.article.id)).toBe('001');
    const sentences = splitSentences(bySeed(articles, '001').body);
    expect(hit?.excerpts[0]?.text).not.toBe(sentences[0]);
    expect(sentences).toContain(hit?.excerpts[0]?.text);
    expect(hit?.excerpts[0]?.text).toContain('co-hosted by China and Zambia');
  });

  it('gives every hit one to three excerpts whose segments join to the excerpt text', () => {
    for (const input of ['AI governance cooperation', 'Busan', 'capacity building', 'Wang Yi', 'sanction']) {
      const page = search(index, input);
      expect(page.hits.length).toBeGreaterThan(0);
      for (const hit of page.hits) {
        expect(hit.excerpts.length).toBeGreaterThanOrEqual(1);
        expect(hit.excerpts.length).toBeLessThanOrEqual(MAX_EXCERPTS_PER_HIT);
        for (const excerpt of hit.excerpts) {
          expect(excerpt.segments.map((s) => s.text).join('')).toBe(excerpt.text);
          expect(excerpt.segments.some((s) => s.match)).toBe(true);
        }
      }
    }
  });

  it('quotes the opening, not a byline, when only the title matches', () => {
    const titled = makeArticle({
      id: 'zz-title-only',
      title: 'Lusaka hosts a regional forum',
      body: 'Staff reporter\nDelegates from twelve countries met for two days of talks on data policy.\nThey agreed to meet again.',
    });
    const hit = search(CorpusIndex.build([...articles, titled]), 'Lusaka').hits[0];
    expect(hit?.article.id).toBe('zz-title-only');
    expect(hit?.excerpts.map((e) => e.text)).toEqual([
      'Delegates from twelve countries met for two days of talks on data policy.',
    ]);
    expect(hit?.excerpts[0]?.segments.some((s) => s.match)).toBe(false);
  });

  it('puts the sentences with more (and rarer) query terms first', () => {
    const hit = search(index, 'AI governance framework').hits.find((h) => seedNumber(h.article.id) === '001');
    const first = hit?.excerpts[0]?.text ?? '';
    // "framework" and "governance" are rarer in 001 than "AI"; the best sentence has all three.
    expect(first).toMatch(/framework/);
    expect(first).toMatch(/governance/i);
  });

  it('fills total and corpusSize', () => {
    const page = search(index, 'ai', { offset: 0, limit: 2 });
    expect(page.hits).toHaveLength(2);
    expect(page.total).toBe(5);
    expect(page.corpusSize).toBe(5);
    expect(page.offset).toBe(0);
  });

  it('finds nothing for no terms and no filters, or for stop words only', () => {
    for (const input of ['', '   ', 'the of and', "'s"]) {
      const page = search(index, input);
      expect(page.total).toBe(0);
      expect(page.hits).toEqual([]);
      expect(page.corpusSize).toBe(5);
    }
  });
});

describe('CorpusIndex.search over the whole fixture corpus', () => {
  const index = CorpusIndex.build(fixtureArticles());

  it('finds every article naming Vučić, each excerpt marking the name', () => {
    const page = search(index, 'Vucic');
    expect(seeds(page).sort()).toEqual(['001', '900']);
    for (const hit of page.hits) {
      expect(hit.excerpts[0]?.segments.filter((s) => s.match).map((s) => s.text)).toEqual(['Vučić']);
    }
  });

  it('quotes markup in article text as it is, for the renderer to escape', () => {
    const hit = search(index, 'delegate summit chat').hits[0];
    expect(hit && seedNumber(hit.article.id)).toBe('900');
    expect(hit?.excerpts[0]?.text).toContain('<@U123ABC>');
    expect(hit?.excerpts[0]?.text).toContain('<script>alert(1)</script>');
  });
});

describe('filters', () => {
  const index = CorpusIndex.build(seedArticles());

  it('after: keeps only articles dated on or after the day', () => {
    expect(seeds(search(index, 'capacity')).sort()).toEqual(['001', '004']);
    expect(seeds(search(index, 'capacity after:2025-01-01'))).toEqual(['004']);
    expect(seeds(search(index, 'capacity after:2025-05-13'))).toEqual(['004']);
    expect(seeds(search(index, 'capacity after:2025-05-14'))).toEqual([]);
  });

  it('before: excludes its own day', () => {
    expect(seeds(search(index, 'cooperation')).length).toBeGreaterThan(1);
    expect(seeds(search(index, 'cooperation before:2024-01'))).toEqual(['000']);
    expect(seeds(search(index, 'cooperation before:2023-12-04'))).toEqual([]);
  });

  it('source: matches case- and accent-insensitively, and alone lists by date', () => {
    expect(seeds(search(index, 'source:"Global Times"'))).toEqual(['004']);
    expect(seeds(search(index, 'source:"global times" ai'))).toEqual(['004']);
    expect(seeds(search(index, 'source:Reuters ai'))).toEqual([]);
  });

  it('with only date filters lists matching articles newest first', () => {
    const page = search(index, 'after:2024-01-01');
    expect(seeds(page)).toEqual(['002', '004', '001', '003']);
    expect(page.total).toBe(4);
    for (const hit of page.hits) expect(hit.excerpts).toHaveLength(1);
  });

  it('excludes articles with an unknown date from date filters, not from others', () => {
    const undated = makeArticle({ id: 'zz-undated', body: 'An undated note on AI capacity building in Lusaka.' });
    const withUndated = CorpusIndex.build([...seedArticles(), undated]);
    expect(search(withUndated, 'Lusaka').total).toBe(1);
    expect(search(withUndated, 'Lusaka after:2000').total).toBe(0);
    expect(search(withUndated, 'Lusaka before:2100').total).toBe(0);
    expect(search(withUndated, 'after:2000').hits.map((h) => h.article.id)).not.toContain('zz-undated');
  });
});

describe('paging', () => {
  const index = CorpusIndex.build(seedArticles());

  it('returns stable, disjoint pages that together are the full ranking', () => {
    const full = search(index, 'ai cooperation');
    const ids = full.hits.map((h) => h.article.id);
    expect(ids.length).toBe(full.total);
    const paged: string[] = [];
    for (let offset = 0; offset < full.total; offset += 2) {
      const page = search(index, 'ai cooperation', { offset, limit: 2 });
      expect(page.offset).toBe(offset);
      expect(page.total).toBe(full.total);
      paged.push(...page.hits.map((h) => h.article.id));
    }
    expect(paged).toEqual(ids);
    expect(new Set(paged).size).toBe(paged.length);
    expect(search(index, 'ai cooperation', { offset: 2, limit: 2 }).hits.map((h) => h.article.id)).toEqual(ids.slice(2, 4));
  });

  it('returns no hits past the end but still the total', () => {
    const page = search(index, 'ai', { offset: 10, limit: 5 });
    expect(page.hits).toEqual([]);
    expect(page.total).toBe(5);
  });
});

describe('updating without rebuilding', () => {
  it('upsert adds a new article that search finds at once', () => {
    const index = CorpusIndex.build(seedArticles());
    expect(search(index, 'Nairobi').total).toBe(0);
    index.upsert(
      makeArticle({ id: 'zz-nairobi', date: '2025-08-01', dateKind: 'stated', body: 'Kenya hosted an AI summit in Nairobi.' }),
    );
    expect(index.size).toBe(6);
    expect(search(index, 'Nairobi').hits.map((h) => h.article.id)).toEqual(['zz-nairobi']);
    expect(index.get('zz-nairobi')?.date).toBe('2025-08-01');
  });

  it('upsert replaces an article by id: old words no longer find it, new ones do', () => {
    const index = CorpusIndex.build(seedArticles());
    const original = bySeed(seedArticles(), '003');
    index.upsert({ ...original, body: 'Rewritten: the talks on AI were postponed to Geneva.' });
    expect(index.size).toBe(5);
    expect(search(index, 'TikTok').total).toBe(0);
    expect(search(index, 'Geneva').hits.map((h) => h.article.id)).toEqual([original.id]);
    expect(search(index, 'Geneva').hits[0]?.excerpts[0]?.text).toContain('postponed to Geneva');
  });

  it('remove drops the article from search and reports whether it existed', () => {
    const index = CorpusIndex.build(seedArticles());
    const vucic = bySeed(seedArticles(), '001');
    expect(index.remove(vucic.id)).toBe(true);
    expect(index.remove(vucic.id)).toBe(false);
    expect(index.get(vucic.id)).toBeUndefined();
    expect(index.size).toBe(4);
    expect(search(index, 'Vucic').total).toBe(0);
    expect(search(index, 'ai').corpusSize).toBe(4);
    // Re-adding after a removal works (the index discarded, not forgot, the id).
    index.upsert(vucic);
    expect(seeds(search(index, 'Vucic'))).toEqual(['001']);
  });

  it('refuses duplicate ids at build time, naming the id', () => {
    const [first] = seedArticles();
    if (first === undefined) throw new Error('no seed articles');
    expect(() => CorpusIndex.build([first, first])).toThrow(first.id);
  });

  it('all() lists metadata newest first, without bodies', () => {
    const metas = CorpusIndex.build(seedArticles()).all();
    expect(metas.map((m) => seedNumber(m.id))).toEqual(['002', '004', '001', '003', '000']);
    for (const meta of metas) expect(meta).not.toHaveProperty('body');
  });
});
