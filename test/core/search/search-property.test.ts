import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusIndex, MAX_EXCERPTS_PER_HIT } from '../../../src/core/search/corpus-index.ts';
import { MAX_QUERY_CHARS, parseSearchQuery } from '../../../src/core/search/parse-query.ts';
import type { SearchPage } from '../../../src/core/types.ts';
import { fixtureArticles } from './articles.ts';

const index = CorpusIndex.build(fixtureArticles());

/** Inputs users (and Slack's escaping) actually produce, mixed into random strings. */
const NASTY = [
  '<!channel>', '<@U024BE7LH>', '&amp;', '&', '&lt;script&gt;', "government's", "China's", '😀', '👍🏽', '🇨🇳',
  '...', '!!!', '"', '“', 'source:', 'after:', 'before:2025-13', 'source:"', '*', '_', '~', '`', '\u0000', '\u200b',
  'Vučić', 'ﬁnance', 'a', 's', 'AI', 'capacty', 'capacity-building', '-', '—', "'", '\n', '\t',
];

const queryText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 12 })), { maxLength: 30 }).map((parts) => parts.join(' ')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', 'x'.repeat(5000), `${'capacity '.repeat(200)}`, '?!.,;:', "government's government’s"),
);

function expectWellFormed(page: SearchPage, limit: number): void {
  expect(page.corpusSize).toBe(index.size);
  expect(page.total).toBeGreaterThanOrEqual(page.hits.length);
  expect(page.hits.length).toBeLessThanOrEqual(limit);
  const ids = page.hits.map((h) => h.article.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const hit of page.hits) {
    expect(index.get(hit.article.id)).toBeDefined();
    expect(Number.isFinite(hit.score)).toBe(true);
    expect(hit.excerpts.length).toBeGreaterThanOrEqual(1);
    expect(hit.excerpts.length).toBeLessThanOrEqual(MAX_EXCERPTS_PER_HIT);
    for (const excerpt of hit.excerpts) {
      expect(excerpt.segments.map((s) => s.text).join('')).toBe(excerpt.text);
      for (const segment of excerpt.segments) expect(segment.text.length).toBeGreaterThan(0);
    }
  }
}

describe('search on any input', () => {
  it('never throws and always returns a well-formed page or a worded error', () => {
    fc.assert(
      fc.property(queryText, fc.nat(10), fc.integer({ min: 1, max: 10 }), (text, offset, limit) => {
        const parsed = parseSearchQuery(text);
        if (!parsed.ok) {
          expect(parsed.error.length).toBeGreaterThan(0);
          return;
        }
        expect(parsed.query.raw.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
        const page = index.search(parsed.query, { offset, limit });
        expectWellFormed(page, limit);
        expect(page.offset).toBe(offset);
      }),
      { numRuns: 400 },
    );
  });

  it('finds the article behind a possessive (government\'s → government)', () => {
    const parsed = parseSearchQuery("government's");
    if (!parsed.ok) throw new Error(parsed.error);
    const page = index.search(parsed.query, { offset: 0, limit: 5 });
    expect(page.total).toBeGreaterThan(0);
    expect(page.hits[0]?.excerpts[0]?.segments.filter((s) => s.match).map((s) => s.text)).toEqual(['government']);
  });
});
