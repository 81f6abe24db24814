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
import { decodeSearchButtonValue, FEEDBACK_HELPFUL, FEEDBACK_NOT_HELPFUL, MORE_RESULTS, MORE_TIMELINE, SHARE_RESULTS } from '../../../src/slack/render/action-ids.ts';
import { renderNoEvents, renderTimeline } from '../../../src/slack/render/timeline.ts';
import { renderAnswer, renderNoAnswer } from '../../../src/slack/render/answer.ts';
import { renderNoResults, renderQueryError, renderSearchResults } from '../../../src/slack/render/search-results.ts';
import { buttons, messageProblems } from './message-checks.ts';
import { anyText, excerptArb, meta, nasty, pageArb } from './arbitraries.ts';

const userId = fc.stringMatching(/^[UW][A-Z0-9]{2,12}$/);

/** Answer record ids as the feedback store makes them. */
const feedbackId = fc.stringMatching(/^[A-Za-z0-9_-]{22}$/);

const RUNS = { numRuns: 150 };

describe('rendering any input stays within Slack limits and safe', () => {
  it('renderSearchResults', () => {
    fc.assert(
      fc.property(pageArb, fc.boolean(), fc.option(userId, { nil: undefined }), fc.option(feedbackId, { nil: undefined }), (page, shareable, sharedBy, fid) => {
        const message = renderSearchResults(page, { shareable, ...(sharedBy === undefined ? {} : { sharedBy }), ...(fid === undefined ? {} : { feedbackId: fid }) });
        expect(messageProblems(message, sharedBy === undefined ? {} : { allowedMention: sharedBy })).toEqual([]);
        // Buttons page the same query; More starts after what was shown, Share at the page.
        const feedback = buttons(message.blocks).filter((b) => b.action_id === FEEDBACK_HELPFUL || b.action_id === FEEDBACK_NOT_HELPFUL);
        // A page with hits and a record id carries 👍 / 👎, whose value is that id and nothing else.
        expect(feedback.map((b) => b.value)).toEqual(fid === undefined || page.hits.length === 0 ? [] : [fid, fid]);
        for (const b of buttons(message.blocks).filter((x) => !feedback.includes(x))) {
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
      alsoReportedBy: fc.option(fc.array(meta, { maxLength: 12 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(answerArb, feedbackId, (answer, fid) => {
        expect(messageProblems(renderAnswer(answer))).toEqual([]);
        const withButtons = renderAnswer(answer, { feedbackId: fid });
        expect(messageProblems(withButtons)).toEqual([]);
        expect(buttons(withButtons.blocks).map((b) => [b.action_id, b.value])).toEqual([
          [FEEDBACK_HELPFUL, fid],
          [FEEDBACK_NOT_HELPFUL, fid],
        ]);
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
