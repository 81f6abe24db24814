import { describe, expect, it } from 'vitest';
import { analyseSentences, datedSentences } from '../../../src/core/sentences/sentence-table.ts';
import { textDates } from '../../../src/core/sentences/text-dates.ts';

const CONTEXT = { articleDate: '2013-03-22', articleDateEditorial: false };

describe('textDates', () => {
  it('places each expression on the text as written: white space runs and line breaks kept, text.slice(start, end) is the expression', () => {
    const text = 'GENEVA —\n\n  Officials   met\tlast week.  They will meet again on Monday,\r\nsaid the envoy: “on 3 March 2013”.';
    const dates = textDates(text, CONTEXT).flatMap((s) => s.dates);
    expect(dates.map((d) => [d.text, d.value])).toEqual([
      ['last week', '2013-03-11/2013-03-17'],
      ['on Monday', '2013-03-25'],
      ['on 3 March 2013', '2013-03-03'],
    ]);
    for (const d of dates) expect(text.slice(d.start, d.end)).toBe(d.text);
  });

  it('counts offsets in UTF-16 code units, as JavaScript strings do', () => {
    const text = '🎉🎉 The accord was signed on Friday.';
    const [date] = textDates(text, CONTEXT).flatMap((s) => s.dates);
    expect(date).toMatchObject({ start: 27, end: 36, text: 'on Friday', value: '2013-03-22' });
  });

  it('says how each date was arrived at', () => {
    const text = 'The plan of September 25, 2012 was revised on Monday.';
    const basis = (editorial: boolean) => textDates(text, { articleDate: '2013-03-22', articleDateEditorial: editorial }).flatMap((s) => s.dates.map((d) => d.basis));
    expect(basis(false)).toEqual(['stated', 'worked out from the article date']);
    expect(basis(true)).toEqual(['stated', 'editorial date']);
  });

  it('holds exactly the dates indexing stores (analyseSentences), sentence by sentence', () => {
    const text = 'The treaty was signed on 3 March 2013.\nA day earlier, envoys met. Nothing else happened.\nThe next year, it lapsed.';
    const stored = datedSentences(analyseSentences(text, CONTEXT), text).map((s) => s.dates);
    expect(textDates(text, CONTEXT).map((s) => s.dates.map((d) => d.date))).toEqual(stored);
    expect(textDates(text, CONTEXT).flatMap((s) => s.dates.map((d) => d.value))).toEqual(['2013-03-03', '2013-03-02', '2014']);
  });

  it('places "a day earlier" only from a date the narrative named before it', () => {
    expect(textDates('A day earlier, envoys met.', CONTEXT).flatMap((s) => s.dates)).toEqual([]);
  });
});
