import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../src/core/dates/calendar.ts';
import { findNewsExpressions } from '../../../src/core/dates/news-expressions.ts';

const ARTICLE = parseIsoDay('2025-05-13')!;
const past = () => 'past' as const;

function found(text: string, article = ARTICLE) {
  return findNewsExpressions(text, article, past).map((e) => [text.slice(e.index, e.index + e.length), e.start, e.end, e.yearInText]);
}

describe('findNewsExpressions', () => {
  it('reads what chrono does not: weeks, modified months, quarters, years, spans', () => {
    expect(found('They met last week.')).toEqual([['last week', '2025-05-05', '2025-05-11', false]]);
    expect(found('It was signed last May.')).toEqual([['last May', '2024-05', null, false]]);
    expect(found('Sales in the third quarter of 2024 fell.')).toEqual([['third quarter of 2024', '2024-07', '2024-09', true]]);
    expect(found('It began in 2019.')).toEqual([['2019', '2019', null, true]]);
    expect(found('The 2024-25 budget.')).toEqual([['2024-25', '2024', '2025', true]]);
  });

  it('prefers the longest of overlapping expressions', () => {
    expect(found('The plan runs from 2023 to 2025.')).toEqual([['2023 to 2025', '2023', '2025', true]]);
  });

  it('needs the article date for what is relative to it, not for written years', () => {
    expect(findNewsExpressions('They met last week in 2019.', null, past).map((e) => e.start)).toEqual(['2019']);
  });

  it('leaves ISO dates and lower-case months to chrono and the month guard', () => {
    expect(found('Dated 2025-05-12.')).toEqual([]);
    expect(found('They may meet last may.')).toEqual([]);
  });
});
