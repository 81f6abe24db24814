import * as chrono from 'chrono-node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveEventDates } from '../../../src/core/dates/resolve-dates.ts';
import { mayStateDate } from '../../../src/core/sentences/date-cues.ts';
import { DATE_CASES } from '../dates/resolve-dates-table.ts';

/** Date expressions as news writes them (the seed articles' and others), each in a sentence. */
const DATED = [
  'It opened the second Workshop on AI Capacity Building in Beijing on Monday.',
  'The conference was held in Shanghai from July 26 to 28.',
  'On September 25, 2024 local time, Wang Yi attended the meeting.',
  'The plan was first floated last May.',
  'A final text is expected early next year.',
  'Registration is open until 31 July.',
  'The ministers met on May 6.',
  'The summit will take place on Tuesday.',
  'Talks resumed yesterday.',
  'The report is due tomorrow.',
  'Delegates arrive today.',
  'The vote is tonight.',
  'The treaty was signed two weeks ago.',
  'It will be reviewed in three months.',
  'The forum meets next week.',
  'Sales fell last quarter.',
  'The law took effect this year.',
  'Negotiations lasted a decade.',
  'The body was created in the last century.',
  'The office opens in mid-June.',
  'Results are due in late March.',
  'The fund was set up in early spring.',
  'Exports rose in the summer.',
  'A review follows in the autumn.',
  'The board met in the fall.',
  'Elections are held every winter.',
  'The agency reported on Thurs. that talks had stalled.',
  'It was announced on Sept. 5.',
  'The meeting on Wed was short.',
  'Envoys met Saturday and Sunday.',
  'The deadline is midnight.',
  'They spoke at noon.',
  'The session ended in the evening.',
  'He arrived this morning.',
  'The event ran all afternoon.',
  'The accord came into force in 2023.',
  'The filing is dated 2024-03-01.',
  'The figure was revised on 3/4.',
  'It was the 2nd round of talks.',
  'Q3 earnings disappointed.',
  'The ceasefire began at 5pm.',
  'It closed a fortnight later.',
  'The group meets within a few days.',
  'The pact expires a few d later.',
  'The council met over the weekend.',
  'Sessions start in January and end in December.',
  'The forum met in February, April and August.',
  'The talks in October and November failed.',
  'It will meet on Friday.',
  'An update is due in a couple of hours.',
  'The decision came minutes after the vote.',
  'Officials met for several hours.',
  'The body reports yearly, over the years.',
  'It changed overnight, as of now.',
  'The session is scheduled the day after tomorrow.',
  'The inquiry ran for a year.',
  'It happened at dawn.',
  'Work resumed at dusk.',
  'Monitoring continued through the night.',
  'The agreement came in 1999.',
  'The law was passed last month.',
] as const;

/** Sentences with no date word at all: the filter should not send these to the resolver. */
const UNDATED = [
  'The mayor said the secretary would attend.',
  'Security experts will consider the marine proposal.',
  'The monitor showed a sunny outlook for the summit.',
  'Delegates agreed that cooperation matters.',
] as const;

describe('mayStateDate', () => {
  it.each(DATED)('lets through a sentence with a date: %s', (sentence) => {
    expect(mayStateDate(sentence)).toBe(true);
  });

  it.each(UNDATED)('stops a sentence with no date word: %s', (sentence) => {
    expect(mayStateDate(sentence)).toBe(false);
  });

  it('lets through every sentence of the resolver\'s own table that it dates', () => {
    for (const { sentence, date } of DATE_CASES) {
      const context = { articleDate: date === undefined ? '2025-05-13' : date, articleDateEditorial: false };
      if (resolveEventDates(sentence, context).length > 0) expect(mayStateDate(sentence), sentence).toBe(true);
    }
  });

  it('never stops a sentence that chrono-node (what the resolver is built on) or the resolver finds a date in', () => {
    const words = [
      'the', 'talks', 'were', 'held', 'on', 'in', 'at', 'last', 'next', 'this', 'past', 'after', 'within', 'for', 'a', 'an',
      'few', 'several', 'two', 'ago', 'later', 'from', 'now', 'today', 'tonight', 'tomorrow', 'yesterday', 'noon', 'mayor',
      'may', 'march', 'marine', 'sunny', 'Sunday', 'Mon', 'monitor', 'second', 'secretary', 'security', 'week', 'weeks',
      'month', 'year', 'quarter', 'mid', 'late', 'early', 'spring', 'fall', 'd', 's', 'h', 'w', 'y', 'm', 'mo', 'Dec',
      'decade', 'end', 'of', 'morning', 'evening', 'night', 'midnight', 'July', 'Sept', 'Tue', 'Thu', 'Fri', 'Sat', 'Jan',
      'overmorrow', 'tmr', 'couple', 'half', 'hours', 'minutes', 'days', '5', '2024', 'pm', 'to', '-', ',', 'and', 'until',
    ];
    const reference = new Date('2025-05-13T12:00:00Z');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }), (chosen) => {
        const sentence = `${chosen.join(' ')}.`;
        const dated = chrono.parse(sentence, reference).length > 0 || resolveEventDates(sentence, { articleDate: '2025-05-13', articleDateEditorial: false }).length > 0;
        if (dated) expect(mayStateDate(sentence), sentence).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
