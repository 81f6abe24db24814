import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, foldWord, indexTerms, sentenceAt, sentenceSpans, splitSentences, truncate } from '../../src/core/text.ts';

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

/**
 * The splitter as it was before it was made linear (ICU over the whole
 * paragraph, the abbreviation check over the whole pending sentence): the
 * reference its behaviour must keep on sentences under the bound.
 */
function referenceSplit(text: string): string[] {
  const abbreviations = new Set(['u.s', 'u.k', 'u.n', 'e.u', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'no', 'vs', 'etc',
    'inc', 'ltd', 'co', 'corp', 'gen', 'gov', 'sen', 'rep', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
    'oct', 'nov', 'dec', 'p.m', 'a.m', 'e.g', 'i.e']);
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const endsWithAbbreviation = (fragment: string): boolean => {
    const match = /(?:^|[\s(])([\p{L}.]+)\.\s*$/u.exec(fragment);
    if (!match?.[1]) return false;
    const word = match[1].toLowerCase();
    return /^\p{L}$/u.test(word) || abbreviations.has(word);
  };
  const sentences: string[] = [];
  for (const paragraph of text.split(/\n\s*\n|\r\n\s*\r\n|\n/)) {
    const trimmed = paragraph.replace(/\s+/g, ' ').trim();
    if (trimmed.length === 0) continue;
    let pending = '';
    for (const { segment, index } of segmenter.segment(trimmed)) {
      pending += segment;
      const atParagraphEnd = index + segment.length === trimmed.length;
      if (!/\s$/.test(segment) && !atParagraphEnd) continue;
      if (!endsWithAbbreviation(pending)) {
        sentences.push(pending.trim());
        pending = '';
      }
    }
    if (pending.trim().length > 0) sentences.push(pending.trim());
  }
  return sentences;
}

/** News-like text: sentences of words, abbreviations, initials, numbers, quotes and line breaks. */
const newsText = (maxSentences: number) =>
  fc
    .array(
      fc.tuple(
        fc.array(
          fc.constantFrom('The', 'U.S.', 'Mr.', 'J.', 'Sept.', 'China', 'met', 'on', 'Monday', '5', '2025', '(U.N.)', '"Yes,"', 'A.I.', 'no.', 'e.g.', 'x', 'Yahoo!Japan', '¿qué', 'Vučić', '😀', '—'),
          { minLength: 1, maxLength: 25 },
        ),
        fc.constantFrom('.', '!', '?', '."', '.)', '', ' …', '.\n', '\n\n', '.\r\n', ':'),
      ),
      { maxLength: maxSentences },
    )
    .map((sentences) => sentences.map(([words, end]) => words.join(' ') + end).join(' '));

/** Every sentence is where its span says, spans are in order, and no non-space character is left out. */
function expectConsistent(text: string): void {
  const spans = sentenceSpans(text);
  const sentences = splitSentences(text);
  expect(spans.map((span) => sentenceAt(text, span))).toEqual(sentences);
  let covered = '';
  let previousEnd = 0;
  for (const [i, span] of spans.entries()) {
    expect(span.start).toBeGreaterThanOrEqual(previousEnd);
    expect(span.end).toBeGreaterThan(span.start);
    expect(text.slice(previousEnd, span.start).trim()).toBe('');
    const sentence = sentences[i]!;
    expect(sentence).toBe(sentence.trim());
    expect(sentence.length).toBeGreaterThan(0);
    expect(sentence.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    covered += text.slice(span.start, span.end);
    previousEnd = span.end;
  }
  expect(text.slice(previousEnd).trim()).toBe('');
  expect(covered.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
}

describe('sentenceSpans (linear splitting, bounded sentences)', () => {
  it('splits as the whole-paragraph splitter did, on news-like text of any length (several ICU windows)', () => {
    fc.assert(
      fc.property(newsText(120), (text) => {
        expect(splitSentences(text)).toEqual(referenceSplit(text));
      }),
      { numRuns: 60 },
    );
  });

  it('locates every sentence in the text, in order, losing no character and keeping the bound', () => {
    fc.assert(fc.property(fc.string({ maxLength: 3000 }), (text) => expectConsistent(text)), { numRuns: 200 });
    fc.assert(fc.property(newsText(60), (text) => expectConsistent(text)), { numRuns: 60 });
    // Run-ons: long words, long runs with no space at all, no sentence end for thousands of characters.
    const runOn = fc
      .array(fc.oneof(fc.stringMatching(/^[a-z😀]{1,40}$/), fc.stringMatching(/^[a-z]{600,2500}$/)), { maxLength: 40 })
      .map((words) => words.join(' '));
    fc.assert(fc.property(runOn, (text) => expectConsistent(text)), { numRuns: 60 });
  });

  it('cuts a run-on paragraph into windows on word boundaries, losing no word', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i}`);
    const text = words.join(' ');
    const sentences = splitSentences(text);
    expect(sentences.length).toBeGreaterThan(text.length / MAX_SENTENCE_CHARS);
    for (const s of sentences) expect(s.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(sentences.join(' ').split(' ')).toEqual(words);
  });

  it('never cuts an emoji in two, even in a run with no space', () => {
    const sentences = splitSentences('😀'.repeat(3 * MAX_SENTENCE_CHARS));
    for (const s of sentences) {
      expect(s).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(sentences.join('')).toBe('😀'.repeat(3 * MAX_SENTENCE_CHARS));
  });

  it('with maxChars, stops at the sentence that starts before it', () => {
    const text = 'One sentence here. '.repeat(100);
    const spans = sentenceSpans(text, 200);
    expect(spans.length).toBeGreaterThan(0);
    expect(spans.every((s) => s.start < 200)).toBe(true);
    expect(spans.length).toBe(sentenceSpans(text).filter((s) => s.start < 200).length);
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

describe('foldWord on ASCII words', () => {
  const folded = (word: string) => word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();

  it('property: folds every word, ASCII or not, as normalising does', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (word) => {
      expect(foldWord(word)).toBe(folded(word));
    }));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (word) => {
      expect(foldWord(word)).toBe(folded(word));
    }));
  });

  it('folds words with accents, ligatures and full-width letters past the ASCII path', () => {
    for (const word of ['Vučić', 'ﬁnance', 'ＡＩ', 'Zürich', 'GOVERNANCE', 'x\u0301']) expect(foldWord(word), word).toBe(folded(word));
  });
});
