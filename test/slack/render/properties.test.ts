/**
 * Property tests: whatever the corpus, the user or the core hands the
 * renderers, the message stays within Slack's limits, is valid JSON, and
 * carries no live mention or link syntax except the validated `sharedBy`
 * mention and links to http(s) article URLs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/core/types.ts';
import { decodeSearchButtonValue, MORE_RESULTS, SHARE_RESULTS } from '../../../src/slack/render/action-ids.ts';
import { renderAnswer, renderNoAnswer } from '../../../src/slack/render/answer.ts';
import { renderNoResults, renderQueryError, renderSearchResults } from '../../../src/slack/render/search-results.ts';
import { buttons, messageProblems } from './message-checks.ts';
import { anyText, excerptArb, meta, pageArb } from './arbitraries.ts';

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
      best: quoted,
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
});
