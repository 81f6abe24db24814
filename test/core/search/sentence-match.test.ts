import { describe, expect, it } from 'vitest';
import { TYPO_MATCH_CREDIT, matchSentences, termScore } from '../../../src/core/search/sentence-match.ts';
import { splitSentences } from '../../../src/core/text.ts';

describe('matchSentences and termScore', () => {
  // What a search for "trilateral meeting" matched: the word, a typo-distance neighbour, a longer form.
  const termMap = new Map([
    ['trilateral', 'trilateral'],
    ['bilateral', 'trilateral'],
    ['meetings', 'meeting'],
  ]);
  const [whole, nearMiss] = matchSentences(
    splitSentences('A trilateral summit opened. Then bilateral meetings followed.').map((text, position) => ({ position, text })),
    termMap,
  );
  const weights = new Map([
    ['trilateral', 2],
    ['meeting', 1],
  ]);

  it('records which query terms a sentence holds only through a typo-distance match', () => {
    expect([...whole!.queryTerms]).toEqual(['trilateral']);
    expect([...whole!.typoOnly]).toEqual([]);
    expect([...nearMiss!.queryTerms].sort()).toEqual(['meeting', 'trilateral']);
    expect([...nearMiss!.typoOnly]).toEqual(['trilateral']); // "meetings" is a longer form of "meeting", not a typo
  });

  it('counts a typo-only match at a discount', () => {
    expect(termScore(whole!, weights)).toBe(2);
    expect(termScore(nearMiss!, weights)).toBe(2 * TYPO_MATCH_CREDIT + 1);
  });
});
