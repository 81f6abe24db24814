/**
 * The dates indexing stores for a text, placed back on the text itself: each
 * sentence's EventDates (sentence-table.ts, the function the index runs) with
 * their offsets mapped from the quoted sentence (white space folded) to the
 * text as written. The `dates` command prints this, so whoever asks "why is
 * this event on the 12th?" sees exactly what timelines, answers and digests
 * read, and a benchmark can score it against annotated text.
 */
import { precisionOf } from '../dates/calendar.ts';
import type { EventDate } from '../dates/event-date.ts';
import type { DateContext } from '../dates/resolve-dates.ts';
import { analyseSentences, datedSentences, type DateResolver } from './sentence-table.ts';

/** How a date was arrived at, in the words the command prints. */
export type DateBasis = 'stated' | 'worked out from the article date' | 'editorial date';

/** One date expression of a text, where it is written and what it resolved to. */
export interface TextDate {
  /** Offsets into the text (UTF-16 code units, end exclusive): `text.slice(start, end)` is the expression as written. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** ISO 8601 day, month or year, or `first/last` for a range, week, quarter or decade. */
  readonly value: string;
  /** The precision of the first (or only) part: `day`, `month` or `year`. */
  readonly precision: 'day' | 'month' | 'year';
  readonly basis: DateBasis;
  readonly date: EventDate;
}

/** One sentence of a text with the dates indexing stores for it. */
export interface TextSentence {
  readonly position: number;
  /** The sentence as quoted (white space folded). */
  readonly sentence: string;
  /** Where the sentence starts in the text. */
  readonly start: number;
  readonly dates: readonly TextDate[];
}

/** `2013-03-22`, `2013-03`, `2013`, or `first/last` for a range. */
export function valueOf(date: EventDate): string {
  return date.end === null ? date.start : `${date.start}/${date.end}`;
}

export function basisOf(date: EventDate): DateBasis {
  if (date.anchor === 'text') return 'stated';
  return date.derived ? 'editorial date' : 'worked out from the article date';
}

/**
 * Offset in `text` of the character at `folded` in the sentence quoted from
 * `text` starting at `rawStart` (where every run of white space is one space).
 */
function rawOffset(text: string, rawStart: number, folded: number): number {
  let raw = rawStart;
  for (let seen = 0; seen < folded; seen++) {
    if (/\s/.test(text[raw]!)) {
      while (raw < text.length && /\s/.test(text[raw]!)) raw += 1;
    } else {
      raw += 1;
    }
  }
  return raw;
}

/**
 * Every sentence of `text` (as indexing splits it) with the dates indexing
 * resolves in it, offsets on `text` as written.
 */
export function textDates(text: string, context: DateContext, resolve?: DateResolver): TextSentence[] {
  const table = analyseSentences(text, context, resolve);
  return datedSentences(table, text).map((sentence) => {
    const rawStart = table.spans[2 * sentence.position]!;
    const dates = sentence.dates.map((date): TextDate => {
      const start = rawOffset(text, rawStart, date.index);
      const end = rawOffset(text, rawStart, date.index + date.expression.length - 1) + 1;
      return { start, end, text: text.slice(start, end), value: valueOf(date), precision: precisionOf(date.start), basis: basisOf(date), date };
    });
    return { position: sentence.position, sentence: sentence.text, start: rawStart, dates };
  });
}
