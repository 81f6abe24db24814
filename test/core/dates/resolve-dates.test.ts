import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveEventDates } from '../../../src/core/dates/resolve-dates.ts';
import { mayStateDate } from '../../../src/core/sentences/date-cues.ts';
import { DATE_CASES } from './resolve-dates-table.ts';

const DEFAULT_DATE = '2025-05-13';

describe('resolveEventDates: the table', () => {
  it('holds at least 60 expressions', () => {
    expect(DATE_CASES.length).toBeGreaterThanOrEqual(60);
  });

  it('lets every sentence of the table that states a date through the indexing pre-filter (date-cues.ts)', () => {
    const missed = DATE_CASES.filter((c) => c.expect.length > 0 && !mayStateDate(c.sentence)).map((c) => c.sentence);
    expect(missed).toEqual([]);
  });

  it.each(DATE_CASES.map((c) => [c.sentence, c] as const))('%s', (_sentence, { sentence, date = DEFAULT_DATE, expect: expected }) => {
    const dates = resolveEventDates(sentence, { articleDate: date, articleDateEditorial: false });
    expect(dates.map((d) => (d.end === null ? [d.expression, d.start] : [d.expression, d.start, d.end]))).toEqual(expected);
  });
});

describe('resolveEventDates: anchors and derived dates', () => {
  const sentence = 'On September 25, 2024 local time, the plan agreed on Monday was published.';

  it('anchors a date with its year written on the text, any other on the article date', () => {
    const dates = resolveEventDates(sentence, { articleDate: '2024-09-25', articleDateEditorial: false });
    expect(dates.map((d) => [d.anchor, d.derived])).toEqual([['text', false], ['article-date', false]]);
  });

  it('marks as derived only the dates worked out from an editorial article date', () => {
    const dates = resolveEventDates(sentence, { articleDate: '2024-09-25', articleDateEditorial: true });
    expect(dates.map((d) => [d.anchor, d.derived])).toEqual([['text', false], ['article-date', true]]);
  });
});

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const articleDate = fc
  .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2035, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const PAST_FRAMES = ['The ministers met on {d}.', 'Officials said on {d} that talks had ended.', 'The forum opened in Geneva on {d}, delegates said.'];
const ANY_FRAMES = [...PAST_FRAMES, 'The talks will resume on {d}.', 'The treaty signed on {d} takes effect in 2030.', '{d}: ministers met last week and agreed on a plan for next month.'];

describe('resolveEventDates: properties', () => {
  it('never puts a past-tense bare weekday after the article date, nor more than six days before it', () => {
    fc.assert(
      fc.property(articleDate, fc.constantFrom(...WEEKDAYS), fc.constantFrom(...PAST_FRAMES), (date, weekday, frame) => {
        const [resolved] = resolveEventDates(frame.replace('{d}', weekday), { articleDate: date, articleDateEditorial: false });
        expect(resolved).toBeDefined();
        expect(resolved!.start <= date).toBe(true);
        const days = (Date.parse(date) - Date.parse(resolved!.start)) / 86_400_000;
        expect(days).toBeLessThanOrEqual(6);
      }),
    );
  });

  it('points every offset at its expression, whatever the sentence', () => {
    const filler = fc.string({ maxLength: 30 });
    const phrase = fc.constantFrom(...WEEKDAYS, 'July 26–28', 'last May', 'early next year', 'until 31 July', 'September 25, 2024', 'last week', 'in 2023', 'mid-May', '24/7', 'may', 'March');
    fc.assert(
      fc.property(articleDate, fc.array(fc.tuple(filler, phrase), { maxLength: 4 }), fc.constantFrom(...ANY_FRAMES), (date, parts, frame) => {
        const sentence = frame.replace('{d}', parts.map(([a, b]) => `${a} ${b}`).join(' '));
        for (const found of resolveEventDates(sentence, { articleDate: date, articleDateEditorial: true })) {
          expect(sentence.slice(found.index, found.index + found.expression.length)).toBe(found.expression);
          expect(found.start).toMatch(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/);
          if (found.end !== null) expect(found.end >= found.start).toBe(true);
        }
      }),
    );
  });
});
