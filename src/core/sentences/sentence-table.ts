/**
 * An article's sentences as the index keeps them: worked out once, when the
 * article is indexed (split into sentences, each sentence that could state a
 * date given to the date resolver), and read back for every search excerpt,
 * answer and digest that quotes the article, so no request splits a text or
 * resolves a date.
 *
 * Decisions:
 * - **Offsets, not texts.** Texts are read back from the corpus files when
 *   quoted (article-texts.ts); the table holds where each sentence starts and
 *   ends in that text (two 32-bit numbers a sentence; the bytes per article
 *   are in BENCHMARKS.md, "Sentences at indexing, and a 5 MB one-paragraph
 *   article") and the dates of the sentences that state any.
 * - **A changed file is detected, not trusted.** The table records the
 *   text's length and a hash of the part analysed; a text read back that
 *   does not match (its file changed since it was indexed, and the watcher
 *   has not re-indexed it yet) is analysed afresh for that one request, which
 *   MAX_ANALYSED_CHARS bounds.
 * - **Bounded per article.** Only the first MAX_ANALYSED_CHARS characters are
 *   split and quoted (an article longer than that is still found by search,
 *   by any of its words); with MAX_SENTENCE_CHARS this bounds what one
 *   article can cost at indexing and in each request that quotes it.
 */
import type { DatedSentence, EventDate } from '../dates/event-date.ts';
import type { NarrativeAnchor } from '../dates/narrative-dates.ts';
import type { DateContext } from '../dates/resolve-dates.ts';
import { resolveEventDates } from '../dates/resolve-dates.ts';
import { MAX_SENTENCE_CHARS, sentenceAt, sentenceSpans } from '../text.ts';
import { mayStateDate } from './date-cues.ts';

/**
 * How much of an article's text is split into sentences and quoted: ~5,000
 * words, more than nearly any news article (the seeds are under 10,000
 * characters). A 5 MB page costs no more than a long feature at indexing
 * or in a request that quotes it (its file is read only that far).
 */
export const MAX_ANALYSED_CHARS = 30_000;

/**
 * The part of a text a table describes: sentences start before
 * MAX_ANALYSED_CHARS and run at most MAX_SENTENCE_CHARS further. A text read
 * back must match the stored fingerprint over this part only.
 */
export const ANALYSED_EXTENT = MAX_ANALYSED_CHARS + MAX_SENTENCE_CHARS;

/** The dates of the sentences that state any: [position, dates] in order of position. */
export type SentenceDates = readonly (readonly [number, readonly EventDate[]])[];

/** What the index keeps of one article's sentences (and saves with the index). */
export interface SentenceTable {
  /** Length of the text described (at most ANALYSED_EXTENT), UTF-16 code units. */
  readonly textLength: number;
  /** {@link textHash} of the text when it was analysed. */
  readonly textHash: number;
  /** Each sentence's start and end in turn: sentence `i` is `text.slice(spans[2i], spans[2i + 1])`, white space folded. */
  readonly spans: Uint32Array;
  /** Dates by sentence position; null when no sentence states one (most tables, and all while no resolver is wired). */
  readonly dates: SentenceDates | null;
}

/**
 * Resolves a sentence's dates; resolveEventDates in the bot, a counting or
 * faster one in tests and benchmarks. `previous` is the last date of the
 * sentences before ("the next day" counts from it).
 */
export type DateResolver = (sentence: string, context: DateContext, previous: NarrativeAnchor | null) => EventDate[];

/** Builds an article's table from its text; {@link analyseSentences} unless a test or benchmark counts the calls. */
export type SentenceAnalyser = (text: string, context: DateContext) => SentenceTable;

/**
 * FNV-1a (32 bits) of the first ANALYSED_EXTENT code units of `text`: the
 * part the table describes. Microseconds for a news article; not
 * cryptographic, only to tell a changed file from the one indexed.
 */
export function textHash(text: string): number {
  let hash = 0x811c9dc5;
  const end = Math.min(text.length, ANALYSED_EXTENT);
  for (let i = 0; i < end; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Splits `text` into sentences (up to MAX_ANALYSED_CHARS) and resolves the
 * dates of those that could state one ({@link mayStateDate}).
 */
export function analyseSentences(text: string, context: DateContext, resolve: DateResolver = resolveEventDates): SentenceTable {
  const found = sentenceSpans(text, MAX_ANALYSED_CHARS);
  const spans = new Uint32Array(found.length * 2);
  const dates: [number, EventDate[]][] = [];
  let previous: NarrativeAnchor | null = null;
  found.forEach((span, position) => {
    spans[2 * position] = span.start;
    spans[2 * position + 1] = span.end;
    const sentence = sentenceAt(text, span);
    if (!mayStateDate(sentence)) return;
    const resolved = resolve(sentence, context, previous);
    if (resolved.length === 0) return;
    dates.push([position, resolved]);
    const last = resolved.at(-1)!;
    previous = { start: last.start, end: last.end, yearInText: last.anchor === 'text' };
  });
  return { textLength: describedLength(text), textHash: textHash(text), spans, dates: dates.length > 0 ? dates : null };
}

function describedLength(text: string): number {
  return Math.min(text.length, ANALYSED_EXTENT);
}

/**
 * True when `text` (the whole text, or at least its first ANALYSED_EXTENT
 * characters) is the text `table` was made from, as far as the table
 * describes it: same length and same hash of that part.
 */
export function describes(table: SentenceTable, text: string): boolean {
  return table.textLength === describedLength(text) && table.textHash === textHash(text);
}

/** The sentences `table` describes, quoted from `text` (which it must describe: see {@link describes}). */
export function datedSentences(table: SentenceTable, text: string): DatedSentence[] {
  const dates = new Map(table.dates ?? []);
  const sentences: DatedSentence[] = [];
  for (let position = 0; 2 * position < table.spans.length; position++) {
    const span = { start: table.spans[2 * position] ?? 0, end: table.spans[2 * position + 1] ?? 0 };
    sentences.push({ position, text: sentenceAt(text, span), dates: dates.get(position) ?? [] });
  }
  return sentences;
}

/** Bytes the table's offsets take (for the benchmark's memory figures; dates are counted apart). */
export function spanBytes(table: SentenceTable): number {
  return table.spans.byteLength;
}
