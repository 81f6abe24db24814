import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventDate } from '../../../src/core/dates/event-date.ts';
import { MAX_ANALYSED_CHARS, analyseSentences, datedSentences, describes } from '../../../src/core/sentences/sentence-table.ts';
import { splitSentences } from '../../../src/core/text.ts';

const context = { articleDate: '2025-05-13', articleDateEditorial: true };

/** A resolver that dates every "Monday" and records what it was asked. */
function fakeResolver(): { asked: string[]; resolve: (sentence: string) => EventDate[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve: (sentence) => {
      asked.push(sentence);
      const index = sentence.indexOf('Monday');
      return index < 0 ? [] : [{ expression: 'on Monday', index, start: '2025-05-12', end: null, anchor: 'article-date', derived: true }];
    },
  };
}

describe('the sentence table', () => {
  const text = 'Chinese Foreign Ministry\n\nThe workshop opened in Beijing on Monday. Delegates agreed on a plan.\nIt runs until 31 July.';

  it('quotes the sentences splitSentences finds, with the dates resolved at indexing', () => {
    const { asked, resolve } = fakeResolver();
    const table = analyseSentences(text, context, resolve);
    const sentences = datedSentences(table, text);
    expect(sentences.map((s) => s.text)).toEqual(splitSentences(text));
    expect(sentences.map((s) => s.position)).toEqual([0, 1, 2, 3]);
    expect(sentences[1]!.dates).toEqual([expect.objectContaining({ start: '2025-05-12', derived: true })]);
    expect(sentences[3]!.dates).toEqual([]);
    // Only the sentences with a date cue were given to the resolver.
    expect(asked).toEqual(['The workshop opened in Beijing on Monday.', 'It runs until 31 July.']);
  });

  it('tells the text it was made from from any other', () => {
    const table = analyseSentences(text, context, () => []);
    expect(describes(table, text)).toBe(true);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (other) => {
        if (other !== text) expect(describes(table, other)).toBe(false);
      }),
    );
    expect(describes(table, text.replace('plan', 'plot'))).toBe(false);
  });

  it('describes at most the first MAX_ANALYSED_CHARS characters of a long text', () => {
    const long = 'A sentence about the charter. '.repeat((2 * MAX_ANALYSED_CHARS) / 30);
    const table = analyseSentences(long, context, () => []);
    const sentences = datedSentences(table, long);
    expect(table.spans.at(-2)).toBeLessThan(MAX_ANALYSED_CHARS);
    expect(sentences.length).toBeLessThanOrEqual(MAX_ANALYSED_CHARS / 29 + 1);
  });
});
