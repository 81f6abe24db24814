/**
 * Turning a sentence into an Excerpt: the text cut into runs, with the words
 * that answer the query marked, so the Slack layer can bold them without
 * knowing how words are normalised.
 */
import { indexTerm } from '../text.ts';
import type { Excerpt, TextSegment } from '../types.ts';

/**
 * A word: a run of characters that are not white space, punctuation or
 * symbols — the complement of the separator `splitWords` uses, so the words
 * found here are the words the index saw.
 */
const WORD = /[^\n\r\p{Z}\p{P}\p{S}]+/gu;

/** Between two matched words, these characters join them into one marked run (`capacity-building`). */
const JOINER = /^[\p{Zs}\p{Pd}]+$/u;

/**
 * Longest excerpt kept whole. News sentences are well under this; a file with
 * no punctuation is one enormous "sentence", and Slack caps a section's text
 * at 3,000 characters with three excerpts per hit to fit.
 */
export const MAX_EXCERPT_CHARS = 400;

/** How much text to keep before the first matched word when a long sentence is clipped. */
const LEAD_CHARS = 120;

/** The index terms of a sentence's words, in order (null for words the index ignores). */
export function wordTerms(sentence: string): (string | null)[] {
  return Array.from(sentence.matchAll(WORD), (m) => indexTerm(m[0]));
}

/**
 * Cuts `text` into segments, marking each word whose index term is in
 * `matchedTerms`. Joining the segments' text gives `text` back.
 */
export function markMatches(text: string, matchedTerms: ReadonlySet<string>): TextSegment[] {
  const spans: { start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) {
    const term = indexTerm(m[0]);
    if (term === null || !matchedTerms.has(term)) continue;
    const start = m.index;
    const end = start + m[0].length;
    const last = spans.at(-1);
    if (last !== undefined && JOINER.test(text.slice(last.end, start))) last.end = end;
    else spans.push({ start, end });
  }
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const { start, end } of spans) {
    if (start > cursor) segments.push({ text: text.slice(cursor, start), match: false });
    segments.push({ text: text.slice(start, end), match: true });
    cursor = end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), match: false });
  return segments;
}

/**
 * Clips an overlong sentence to MAX_EXCERPT_CHARS around its first matched
 * word, on word boundaries, marking each cut with `…`.
 */
function clip(text: string, matchedTerms: ReadonlySet<string>): string {
  if (text.length <= MAX_EXCERPT_CHARS) return text;
  let firstMatch = 0;
  for (const m of text.matchAll(WORD)) {
    const term = indexTerm(m[0]);
    if (term !== null && matchedTerms.has(term)) {
      firstMatch = m.index;
      break;
    }
  }
  let start = Math.max(0, firstMatch - LEAD_CHARS);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < firstMatch ? space + 1 : start;
  }
  let end = Math.min(text.length, start + MAX_EXCERPT_CHARS - 2);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  // Never split a surrogate pair: half an emoji is invalid text.
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  if (/[\uDC00-\uDFFF]/.test(text.charAt(start))) start += 1;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/** An excerpt of `sentence` with the words whose index terms are in `matchedTerms` marked. */
export function toExcerpt(sentence: string, matchedTerms: ReadonlySet<string>): Excerpt {
  const text = clip(sentence, matchedTerms);
  return { text, segments: markMatches(text, matchedTerms) };
}
