import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWord, indexTerms, splitSentences, truncate } from '../../src/core/text.ts';

describe('indexTerms', () => {
  it('folds accents and case, splits hyphens, drops stop words and lone letters', () => {
    expect(indexTerms("The government's capacity-building with Vučić")).toEqual(['government', 'capacity', 'building', 'vucic']);
  });

  it('treats a hyphenated word and its spaced form alike', () => {
    expect(indexTerms('capacity-building')).toEqual(indexTerms('capacity building'));
  });

  it('folds compatibility forms too', () => {
    expect(foldWord('ÉCOLE')).toBe('ecole');
    expect(foldWord('ﬁnance')).toBe('finance');
  });
});

describe('splitSentences', () => {
  it('does not end a sentence after an abbreviation or an initial', () => {
    expect(splitSentences('The U.S. and China met. Mr. Li spoke on Sept. 5. John F. Kennedy was cited.')).toEqual([
      'The U.S. and China met.',
      'Mr. Li spoke on Sept. 5.',
      'John F. Kennedy was cited.',
    ]);
  });

  it('does not split inside <!channel> or Yahoo!Japan', () => {
    expect(splitSentences('A delegate typed <!channel> into chat. Then Yahoo!Japan replied!')).toEqual([
      'A delegate typed <!channel> into chat.',
      'Then Yahoo!Japan replied!',
    ]);
  });

  it('keeps a heading line as its own sentence', () => {
    expect(splitSentences('Multilateral Cooperation\n\nWang Yi spoke. He left.')).toEqual(['Multilateral Cooperation', 'Wang Yi spoke.', 'He left.']);
  });

  it('loses no words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const words = (s: string) => s.split(/\s+/).filter(Boolean);
        expect(words(splitSentences(text).join(' '))).toEqual(words(text));
      }),
    );
  });
});

describe('truncate', () => {
  it('cuts on a word boundary with an ellipsis and never exceeds the maximum', () => {
    expect(truncate('alpha beta gamma delta epsilon', 20)).toBe('alpha beta gamma…');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 2, max: 100 }), (text, max) => {
        expect(truncate(text, max).length).toBeLessThanOrEqual(max);
      }),
    );
  });

  it('never leaves half of an emoji', () => {
    const cut = truncate('ab😀😀😀😀', 4);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
