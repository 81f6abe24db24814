import { describe, expect, it } from 'vitest';
import { resolveEventDates } from '../../../src/core/dates/resolve-dates.ts';

function dates(sentence: string, articleDate: string) {
  return resolveEventDates(sentence, { articleDate, articleDateEditorial: false }).map((d) => (d.end === null ? d.start : `${d.start}/${d.end}`));
}

describe('named periods', () => {
  it('reads winter as December to February, across the year end', () => {
    expect(dates('It snowed last winter.', '2013-06-10')).toEqual(['2012-12/2013-02']);
    expect(dates('It snows this winter.', '2013-01-15')).toEqual(['2012-12/2013-02']);
    expect(dates('It will snow next winter.', '2013-01-15')).toEqual(['2013-12/2014-02']);
    expect(dates('The winter of 1998 was mild.', '2013-01-15')).toEqual(['1997-12/1998-02']);
  });

  it('takes "last" season as the latest that is over, never the one the article is in', () => {
    expect(dates('It happened last summer.', '2013-10-02')).toEqual(['2013-06/2013-08']);
    expect(dates('It happened last summer.', '2013-07-02')).toEqual(['2012-06/2012-08']);
  });

  it('dates Easter by the Gregorian computus and Thanksgiving as the fourth Thursday of November', () => {
    expect(dates('They met on Easter Sunday.', '2000-05-01')).toEqual(['2000-04-23']);
    expect(dates('They met at Easter.', '2024-04-10')).toEqual(['2024-03-31']);
    expect(dates('They met at Easter.', '2025-05-01')).toEqual(['2025-04-20']);
    expect(dates('They met on Thanksgiving.', '1999-12-01')).toEqual(['1999-11-25']);
  });

  it('takes a holiday in the future tense as the next one, with its year written as that year', () => {
    expect(dates('The troops will be home by Christmas.', '2013-10-02')).toEqual(['2013-12-25']);
    expect(dates('The troops came home at Christmas.', '2013-10-02')).toEqual(['2012-12-25']);
    expect(dates('The troops came home at Christmas 2010.', '2013-10-02')).toEqual(['2010-12-25']);
  });

  it("reads a two-digit decade as the latest by the article's date", () => {
    expect(dates("Growth was fast in the '90s.", '2013-10-02')).toEqual(['1990/1999']);
    expect(dates("Growth was fast in the '10s.", '2013-10-02')).toEqual(['2010/2019']);
  });

  it('reads last, this and next quarter from the article’s quarter', () => {
    expect(dates('Sales fell last quarter.', '2013-02-10')).toEqual(['2012-10/2012-12']);
    expect(dates('Sales will rise next quarter.', '2013-11-10')).toEqual(['2014-01/2014-03']);
  });

  it('leaves the time of day of a named day to that day', () => {
    expect(dates('The vote closed at noon Tuesday.', '2013-03-22')).toEqual(['2013-03-19']);
    expect(dates('The deadline is noon Tuesday.', '2013-03-22')).toEqual(['2013-03-26']);
  });
});
