import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../../src/slack/render/escape.ts';
import { fitInline, fitText } from '../../../src/slack/render/fit.ts';

describe('fitInline', () => {
  it('leaves text that fits as it is, escaped', () => {
    expect(fitInline('AT&T', 20)).toBe('AT&amp;T');
  });

  it('cuts on a word boundary with an ellipsis', () => {
    expect(fitInline('the quick brown fox jumps', 17)).toBe('the quick brown…');
  });

  it('counts the escaped length, not the raw one', () => {
    const fitted = fitInline('&'.repeat(100), 50);
    expect(fitted.length).toBeLessThanOrEqual(50);
    expect(fitted).toMatch(/^(&amp;)+…$/);
  });

  it('never cuts an emoji in half', () => {
    const fitted = fitInline('😀'.repeat(10), 6);
    expect(fitted).toBe('😀😀…');
  });

  it('applies the given rendering to the shown text, ellipsis included', () => {
    expect(fitInline('a long title here', 10, (shown) => `*${shown}*`)).toBe('*a long…*');
  });

  it('refuses a budget under 1', () => {
    expect(() => fitInline('x', 0)).toThrow(/budget/);
  });

  it('always fits the budget, for any text and budget', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 1, max: 500 }), (text, budget) => {
        const fitted = fitInline(text, budget);
        expect(fitted.length).toBeLessThanOrEqual(budget);
        if (escapeMrkdwn(text).length <= budget) expect(fitted).toBe(escapeMrkdwn(text));
        else expect(fitted.endsWith('…')).toBe(true);
      }),
    );
  });
});

describe('fitText', () => {
  it('gives render a prefix of the text and says whether it was cut', () => {
    const seen: [string, boolean][] = [];
    fitText('one two three four', 9, (prefix, cut) => {
      seen.push([prefix, cut]);
      return prefix + (cut ? '…' : '');
    });
    for (const [prefix] of seen) expect('one two three four'.startsWith(prefix)).toBe(true);
    expect(seen.at(-1)).toEqual(['one two', true]);
  });
});
