/**
 * Property tests: whatever the corpus, the user or the core hands the
 * renderers, the message stays within Slack's limits, is valid JSON, and
 * carries no live mention or link syntax except the validated `sharedBy`
 * mention and links to http(s) article URLs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, ArticleHit, ArticleMeta, Excerpt, SearchPage } from '../../../src/core/types.ts';
import type { TimelineEntry, TimelinePage } from '../../../src/core/timeline/timeline.ts';
import { decodeSearchButtonValue, MORE_RESULTS, MORE_TIMELINE, SHARE_RESULTS } from '../../../src/slack/render/action-ids.ts';
import { renderNoEvents, renderTimeline } from '../../../src/slack/render/timeline.ts';
import { renderAnswer, renderNoAnswer } from '../../../src/slack/render/answer.ts';
import { renderNoResults, renderQueryError, renderSearchResults } from '../../../src/slack/render/search-results.ts';
import { buttons, messageProblems } from './message-checks.ts';

/** Single UTF-16 code units, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Characters that matter to Slack or to JSON, to be hit often. */
const nasty = fc.constantFrom(
  '<', '>', '&', '!', '@', '#', '|', '^', '*', '_', '~', '`', ' ', '\n', '\t', '\u0000', '\u001b', '\u0085',
  '\u2028', '\u202E', '\uD800', '\uDC00', '😀', 'é', '\u0301', 'a', 'U', 'h', 't', 'p', 's', ':', '/', '.',
  '<!channel>', '<!here>', '<@U123>', '<#C1|x>', '<https://x.org|y>', '&amp;', '&lt;', '> ',
);

/** Any text: full unicode, raw code units, Slack syntax soup, and long repeats of those. */
const anyText = fc.oneof(
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

const anyUrl = fc.option(
  fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    anyText,
    fc.constantFrom('javascript:alert(1)', 'https://x.org/a|b>c<!here>', `https://x.org/${'a'.repeat(3000)}`, 'http://[::1]/'),
    fc.tuple(fc.webUrl(), anyText).map(([u, t]) => u + t),
  ),
);

const meta: fc.Arbitrary<ArticleMeta> = fc.record({
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
const excerptArb: fc.Arbitrary<Excerpt> = fc
  .tuple(fc.array(fc.record({ text: anyText, match: fc.boolean() }), { maxLength: 12 }), fc.option(anyText, { freq: 8 }))
  .map(([segments, other]) => ({ text: other ?? segments.map((s) => s.text).join(''), segments }));

const hitArb: fc.Arbitrary<ArticleHit> = fc.record({
  article: meta,
  score: fc.double({ noNaN: true }),
  excerpts: fc.array(excerptArb, { maxLength: 4 }),
});

const pageArb: fc.Arbitrary<SearchPage> = fc
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

const userId = fc.stringMatching(/^[UW][A-Z0-9]{2,12}$/);

const RUNS = { numRuns: 150 };

describe('rendering any input stays within Slack limits and safe', () => {
  it('renderSearchResults', () => {
    fc.assert(
      fc.property(pageArb, fc.boolean(), fc.option(userId, { nil: undefined }), (page, shareable, sharedBy) => {
        const message = renderSearchResults(page, { shareable, ...(sharedBy === undefined ? {} : { sharedBy }) });
        expect(messageProblems(message, sharedBy === undefined ? {} : { allowedMention: sharedBy })).toEqual([]);
        // Buttons page the same query; More starts after what was shown, Share at the page.
        for (const b of buttons(message.blocks)) {
          const payload = decodeSearchButtonValue(b.value ?? '');
          expect(payload?.q).toBe(page.query.raw);
          if (b.action_id === SHARE_RESULTS) expect(payload?.o).toBe(page.offset);
          if (b.action_id === MORE_RESULTS) {
            expect(payload?.o).toBeGreaterThan(page.offset);
            expect(payload?.o).toBeLessThanOrEqual(page.offset + page.hits.length);
          }
        }
        if (sharedBy !== undefined) expect(JSON.stringify(message)).toContain(`<@${sharedBy}>`);
      }),
      RUNS,
    );
  });

  it('renderNoResults and renderQueryError', () => {
    fc.assert(
      fc.property(pageArb, anyText, (page, error) => {
        expect(messageProblems(renderNoResults(page))).toEqual([]);
        expect(messageProblems(renderQueryError(error))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('renderAnswer and renderNoAnswer', () => {
    const quoted = fc.record({ article: meta, excerpt: excerptArb });
    const answerArb: fc.Arbitrary<Answer> = fc.record({
      question: anyText,
      kind: fc.constantFrom('when' as const, 'how-many' as const, 'who' as const, 'where' as const, 'other' as const),
      strength: fc.constantFrom('answer' as const, 'closest' as const),
      best: quoted,
      eventDate: fc.option(
        fc.record({
          expression: anyText,
          index: fc.nat(),
          start: fc.constantFrom('2025', '2025-05', '2025-05-12', 'not-a-date'),
          end: fc.constantFrom(null, '2025-05-14', '2026'),
          anchor: fc.constantFrom('text' as const, 'article-date' as const),
          derived: fc.boolean(),
        }),
      ),
      supporting: fc.array(quoted, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(answerArb, (answer) => {
        expect(messageProblems(renderAnswer(answer))).toEqual([]);
        expect(messageProblems(renderNoAnswer(answer.question))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('renderTimeline and renderNoEvents, however many events', () => {
    const day = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const entryArb: fc.Arbitrary<TimelineEntry> = fc.record({
      start: day,
      end: fc.option(day),
      basis: fc.constantFrom('sentence' as const, 'article-date' as const),
      fromArticleDate: fc.boolean(),
      derived: fc.boolean(),
      sentence: excerptArb,
      article: meta,
      otherSources: fc.nat({ max: 10_000 }),
    });
    const timelineArb: fc.Arbitrary<TimelinePage> = fc
      .record({
        raw: fc.oneof(anyText.map((t) => t.slice(0, 500)), fc.string({ unit: nasty, maxLength: 500 })),
        entries: fc.oneof({ weight: 3, arbitrary: fc.array(entryArb, { maxLength: 10 }) }, { weight: 1, arbitrary: fc.array(entryArb, { minLength: 40, maxLength: 120 }) }),
        offset: fc.nat({ max: 10_000 }),
        extra: fc.nat({ max: 1000 }),
        articlesRead: fc.nat({ max: 40 }),
        articlesMatching: fc.nat({ max: 100_000 }),
      })
      .map(({ raw, entries, offset, extra, articlesRead, articlesMatching }) => ({
        query: { raw, terms: raw, filters: {}, capped: false },
        entries,
        offset,
        total: offset + entries.length + extra,
        articlesRead,
        articlesMatching: Math.max(articlesRead, articlesMatching),
      }));
    fc.assert(
      fc.property(timelineArb, (page) => {
        const message = renderTimeline(page);
        expect(messageProblems(message)).toEqual([]);
        for (const b of buttons(message.blocks)) {
          expect(b.action_id).toBe(MORE_TIMELINE);
          const payload = decodeSearchButtonValue(b.value ?? '');
          expect(payload?.q).toBe(page.query.raw);
          expect(payload?.o).toBeGreaterThan(page.offset);
          expect(payload?.o).toBeLessThanOrEqual(page.offset + page.entries.length);
        }
        expect(messageProblems(renderNoEvents(page))).toEqual([]);
      }),
      RUNS,
    );
  });
});
