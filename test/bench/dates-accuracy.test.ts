/**
 * The TimeML reader and scorer of `npm run bench -- --dates`: what they
 * count must be what TempEval-3 counts (relaxed spans, values as intervals of
 * days), or the figures in BENCHMARKS.md mean nothing.
 */
import { describe, expect, it } from 'vitest';
import { type DateSystem, loadTimeml, measures, score } from '../../bench/dates-accuracy.ts';
import { parseTimeml, timexInterval, valueInterval } from '../../bench/timeml.ts';

const DOC = `<?xml version="1.0" ?>
<TimeML><DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>
<TEXT>
Talks <EVENT eid="e1">ended</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-05">Wednesday</TIMEX3> &amp; resume <TIMEX3 tid="t2" type="DATE" value="1998-W33">next week</TIMEX3>.
Prices rose between <TIMEX3 tid="t3" type="DATE" value="1994">1994</TIMEX3> and <TIMEX3 tid="t4" type="DATE" value="1997">1997</TIMEX3>, for <TIMEX3 tid="t5" type="DURATION" value="P3Y">three years</TIMEX3>, <TIMEX3 tid="t6" type="DATE" value="PRESENT_REF">now</TIMEX3>.
</TEXT></TimeML>`;

const doc = parseTimeml('X1', DOC);
const at = (text: string) => doc.text.indexOf(text);

describe('TimeML reading', () => {
  it('keeps the text without its tags, entities decoded, and each TIMEX3 at its offsets', () => {
    expect(doc.dct).toBe('1998-08-07');
    expect(doc.text).toContain('Talks ended Wednesday & resume next week.');
    expect(doc.timexes.map((t) => [doc.text.slice(t.start, t.end), t.type, t.value])).toEqual([
      ['Wednesday', 'DATE', '1998-08-05'],
      ['next week', 'DATE', '1998-W33'],
      ['1994', 'DATE', '1994'],
      ['1997', 'DATE', '1997'],
      ['three years', 'DURATION', 'P3Y'],
      ['now', 'DATE', 'PRESENT_REF'],
    ]);
  });

  it('turns TIMEX3 values into the days they cover, and leaves what is no calendar date unplaced', () => {
    expect(timexInterval('1998-W33')).toEqual({ first: '1998-08-10', last: '1998-08-16' });
    expect(timexInterval('2009-W01')).toEqual({ first: '2008-12-29', last: '2009-01-04' });
    expect(timexInterval('1998-Q3')).toEqual({ first: '1998-07-01', last: '1998-09-30' });
    expect(timexInterval('199')).toEqual({ first: '1990-01-01', last: '1999-12-31' });
    expect(timexInterval('1998-FA')).toEqual({ first: '1998-09-01', last: '1998-11-30' });
    expect(timexInterval('2000-02')).toEqual({ first: '2000-02-01', last: '2000-02-29' });
    expect(timexInterval('1999-10-08T12:00')).toEqual({ first: '1999-10-08', last: '1999-10-08' });
    for (const value of ['PRESENT_REF', 'XXXX-08-03', 'P3Y', '1998-WI']) expect(timexInterval(value)).toBeNull();
    expect(valueInterval('1998-08-10/1998-08-16')).toEqual(timexInterval('1998-W33'));
    expect(valueInterval('1990/1999')).toEqual(timexInterval('199'));
  });
});

describe('scoring', () => {
  it('matches overlapping spans, scores values as intervals, ranges over both ends, skips what is no calendar date, and counts durations against precision', () => {
    const system: DateSystem = () => [
      { start: at('ended Wednesday'), end: at('Wednesday') + 9, value: '1998-08-05' }, // overlaps: right
      { start: at('next week'), end: at('next week') + 9, value: '1998-08-03/1998-08-09' }, // wrong week
      { start: at('1994'), end: at('1997') + 4, value: '1994/1997' }, // one range over two gold ends: both right
      { start: at('three years'), end: at('three years') + 11, value: '1995' }, // a duration: not a date
      { start: at('now'), end: at('now') + 3, value: '1998-08-07' }, // PRESENT_REF: counted neither way
    ];
    const s = score([doc], system);
    expect(s).toEqual({ gold: 4, found: 5, matched: 4, valuesRight: 3 });
    expect(measures(s)).toMatchObject({ p: 0.8, r: 1, valueP: 0.6, valueR: 0.75 });
  });

  it('splits the AQUAINT documents by sorted file name into a dev and a held-out half', () => {
    const { dev, heldOut } = loadTimeml();
    expect([dev.length, heldOut.length]).toEqual([37, 36]);
    const ids = [...dev, ...heldOut].map((d) => d.id);
    expect(new Set(ids).size).toBe(73);
    expect(dev[0]!.id < heldOut[0]!.id).toBe(true);
  });
});
