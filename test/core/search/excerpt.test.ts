import { describe, expect, it } from 'vitest';
import { MAX_EXCERPT_CHARS, markMatches, toExcerpt } from '../../../src/core/search/excerpt.ts';

function marked(text: string, terms: string[]): string {
  return markMatches(text, new Set(terms))
    .map((s) => (s.match ? `[${s.text}]` : s.text))
    .join('');
}

describe('markMatches', () => {
  it('marks words by their index term, whatever their case or accents', () => {
    expect(marked('Serbian President Aleksandar Vučić attended.', ['vucic'])).toBe(
      'Serbian President Aleksandar [Vučić] attended.',
    );
    expect(marked('SANCTIONS and sanctions', ['sanctions'])).toBe('[SANCTIONS] and [sanctions]');
  });

  it('joins matched words separated only by spaces or hyphens into one run', () => {
    expect(marked('on AI capacity-building and capacity  building.', ['capacity', 'building'])).toBe(
      'on AI [capacity-building] and [capacity  building].',
    );
    expect(marked('capacity, building', ['capacity', 'building'])).toBe('[capacity], [building]');
  });

  it('does not mark words inside other words or stop words', () => {
    expect(marked('Capacity-buildings and the capacitor', ['capacity', 'the'])).toBe('[Capacity]-buildings and the capacitor');
  });

  it('returns one unmatched segment when nothing matches, and none for empty text', () => {
    expect(markMatches('No match here.', new Set(['zambia']))).toEqual([{ text: 'No match here.', match: false }]);
    expect(markMatches('', new Set(['zambia']))).toEqual([]);
  });
});

describe('toExcerpt', () => {
  it('keeps a normal sentence whole', () => {
    const sentence = 'The meeting, co-hosted by China and Zambia, aims to bridge the digital divide.';
    const excerpt = toExcerpt(sentence, new Set(['zambia']));
    expect(excerpt.text).toBe(sentence);
    expect(excerpt.segments.map((s) => s.text).join('')).toBe(sentence);
  });

  it('clips an overlong sentence around its first match, marking the cuts', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(40);
    const sentence = `${filler}the workshop in Tianjin opened ${filler}`;
    const excerpt = toExcerpt(sentence, new Set(['tianjin']));
    expect(excerpt.text.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
    expect(excerpt.text.startsWith('…')).toBe(true);
    expect(excerpt.text.endsWith('…')).toBe(true);
    expect(excerpt.segments.filter((s) => s.match).map((s) => s.text)).toEqual(['Tianjin']);
    expect(excerpt.segments.map((s) => s.text).join('')).toBe(excerpt.text);
  });
});
