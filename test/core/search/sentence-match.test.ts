import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordTerms } from '../../../src/core/search/excerpt.ts';
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

describe('matchSentences on any text', () => {
  it('finds exactly the query terms that cutting every sentence into words finds (the quick test skips nothing it should not)', () => {
    const word = fc.constantFrom('Vučić', 'vucic', 'China’s', 'china', 'ÉCOLE', 'ecole', 'ﬁnance', 'finance', 'AI', 'ai', 'talks', 'Talk', 'x²', 'ＡＩ', 'sanctions', 'sanction');
    const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 5 }), fc.uniqueArray(word, { maxLength: 4 }), (texts, queryWords) => {
        const termMap = new Map<string, string>();
        for (const w of queryWords) for (const t of wordTerms(w)) if (t !== null) termMap.set(t, t);
        const matches = matchSentences(texts.map((text, position) => ({ position, text })), termMap);
        matches.forEach((m, i) => {
          const expected = new Set(wordTerms(texts[i]!).flatMap((t) => (t !== null && termMap.has(t) ? [termMap.get(t)!] : [])));
          expect(m.queryTerms).toEqual(expected);
        });
      }),
    );
  });
});
