/**
 * fast-check arbitraries for the renderers' property tests: any text (full
 * unicode, lone surrogates, Slack syntax soup), article metadata, excerpts,
 * hits and search pages.
 */
import fc from 'fast-check';
import type { ArticleHit, ArticleMeta, Excerpt, SearchPage } from '../../../src/core/types.ts';

/** Single UTF-16 code units, lone surrogates included. */
export const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Characters that matter to Slack or to JSON, to be hit often. */
export const nasty = fc.constantFrom(
  '<', '>', '&', '!', '@', '#', '|', '^', '*', '_', '~', '`', ' ', '\n', '\t', '\u0000', '\u001b', '\u0085',
  '\u2028', '\u202E', '\uD800', '\uDC00', '😀', 'é', '\u0301', 'a', 'U', 'h', 't', 'p', 's', ':', '/', '.',
  '<!channel>', '<!here>', '<@U123>', '<#C1|x>', '<https://x.org|y>', '&amp;', '&lt;', '> ',
);

/** Any text: full unicode, raw code units, Slack syntax soup, and long repeats of those. */
export const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 80 }) },
  { weight: 3, arbitrary: fc.string({ unit: nasty, maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: nasty, minLength: 1, maxLength: 12 }), fc.integer({ min: 50, max: 1500 }))
      .map(([s, n]) => s.repeat(n)),
  },
);

export const anyUrl = fc.option(
  fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    anyText,
    fc.constantFrom('javascript:alert(1)', 'https://x.org/a|b>c<!here>', `https://x.org/${'a'.repeat(3000)}`, 'http://[::1]/'),
    fc.tuple(fc.webUrl(), anyText).map(([u, t]) => u + t),
  ),
);

export const meta: fc.Arbitrary<ArticleMeta> = fc.record({
  id: fc.string({ maxLength: 10 }),
  file: fc.string({ maxLength: 10 }),
  title: anyText,
  date: fc.option(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), anyText)),
  dateKind: fc.constantFrom('stated' as const, 'editorial' as const, null),
  source: fc.option(anyText),
  url: anyUrl,
  tags: fc.constant([]),
});

/** Excerpts built from segments (joined text), sometimes with text that does not match them. */
export const excerptArb: fc.Arbitrary<Excerpt> = fc
  .tuple(fc.array(fc.record({ text: anyText, match: fc.boolean() }), { maxLength: 12 }), fc.option(anyText, { freq: 8 }))
  .map(([segments, other]) => ({ text: other ?? segments.map((s) => s.text).join(''), segments }));

export const hitArb: fc.Arbitrary<ArticleHit> = fc.record({
  article: meta,
  score: fc.double({ noNaN: true }),
  excerpts: fc.array(excerptArb, { maxLength: 4 }),
  // Re-reports of the story (near-duplicates/): up to a dozen outlets with any source and date.
  alsoReportedBy: fc.option(fc.array(meta, { maxLength: 12 }), { nil: undefined }),
});

export const pageArb: fc.Arbitrary<SearchPage> = fc
  .record({
    raw: fc.oneof(anyText.map((t) => t.slice(0, 500)), fc.string({ unit: nasty, maxLength: 500 })),
    capped: fc.boolean(),
    hits: fc.oneof({ weight: 4, arbitrary: fc.array(hitArb, { maxLength: 8 }) }, { weight: 1, arbitrary: fc.array(hitArb, { minLength: 40, maxLength: 80 }) }),
    offset: fc.nat({ max: 10_000 }),
    extra: fc.nat({ max: 1000 }),
    corpusSize: fc.nat({ max: 1_000_000 }),
    rankedWithin: fc.option(fc.nat({ max: 100_000 })),
  })
  .map(({ raw, capped, hits, offset, extra, corpusSize, rankedWithin }) => ({
    query: { raw, terms: raw, filters: {}, capped },
    hits,
    offset,
    total: offset + hits.length + extra,
    corpusSize,
    rankedWithin,
  }));

