/**
 * Text handling shared by indexing, search, answers and highlighting, so that
 * a word is normalised the same way everywhere.
 */

/**
 * Common English words that carry no search meaning. Dropping them shrinks the
 * index and stops common-word queries from scoring every document (the index
 * size and p99 with and without them: BENCHMARKS.md, "Figures behind design
 * choices").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves'
  ).split(' '),
);

/** Splits on white space and punctuation, like MiniSearch's default, so `capacity-building` is two words. */
const WORD_SEPARATOR = /[\n\r\p{Z}\p{P}\p{S}]+/u;

/** Only ASCII: NFKD leaves such a word as it is and it has no combining marks, so lower-casing is all of its folding. */
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Lower-cases and strips accents: `Vučić` → `vucic`, `Ünited` → `united`. */
export function foldWord(word: string): string {
  // Most words of English news are ASCII: the test skips normalising them (the bulk of indexing a text).
  if (ASCII_ONLY.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * The search form of a word, or null when it is not worth indexing: a stop
 * word, or a single character (a possessive `government's` leaves a lone `s`,
 * which prefix search would expand to thousands of terms).
 */
export function indexTerm(word: string): string | null {
  const folded = foldWord(word);
  if (folded.length < 2 || STOP_WORDS.has(folded)) return null;
  return folded;
}

/** Raw words of a text, in order, before folding. */
export function splitWords(text: string): string[] {
  return text.split(WORD_SEPARATOR).filter((w) => w.length > 0);
}

/** The indexable terms of a text, in order (duplicates kept). */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of splitWords(text)) {
    const term = indexTerm(word);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/**
 * Abbreviations after which a full stop does not end a sentence. ICU's
 * sentence segmenter (Intl.Segmenter) splits after "U.S." and "Mr."; news
 * text is full of them.
 */
const ABBREVIATIONS = new Set([
  'u.s', 'u.k', 'u.n', 'e.u', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'no', 'vs', 'etc', 'inc', 'ltd', 'co',
  'corp', 'gen', 'gov', 'sen', 'rep', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'p.m', 'a.m', 'e.g', 'i.e',
]);

/** Made on first use: creating it loads ICU's sentence rules (~0.05-0.1 s), which a warm start does not need. */
let segmenter: Intl.Segmenter | null = null;

/** The sentence segmenter, made now if it is not yet (the corpus worker calls this once its index is ready). */
export function sentenceSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  return segmenter;
}

/**
 * The longest "sentence", in characters. A paragraph with no sentence end for
 * longer (a run-on page, a table flattened to one line, a hostile file) is cut
 * into windows of at most this many characters, on word boundaries where
 * there are any. News sentences are far shorter (the seed articles' longest is
 * under 400), so no real sentence is cut; it bounds what one excerpt,
 * answer candidate or date resolution can cost.
 */
export const MAX_SENTENCE_CHARS = 1000;

/**
 * ICU is given at most this many characters at a time: V8's sentence
 * segmenter (Node 20) is quadratic in the length of the text it iterates, so
 * a long paragraph is segmented in windows, of the size measured fastest among
 * those tried (BENCHMARKS.md, "Sentences at indexing, and a 5 MB one-paragraph
 * article" and "Figures behind design choices").
 */
const SEGMENT_WINDOW = 2048;
/**
 * Breaks this close to a window's cut end are not trusted (ICU took the cut
 * for the end of the text there); the next window starts at the last break
 * before it, as ICU itself restarts from a known boundary.
 */
const WINDOW_MARGIN = 256;
/** Enough of a sentence's end to see its last word: abbreviations and initials are at most 4 letters. */
const ABBREVIATION_TAIL = 24;

const ABBREVIATION_AT_START = /(?:^|[\s(])([\p{L}.]+)\.\s*$/u;
const ABBREVIATION_INSIDE = /[\s(]([\p{L}.]+)\.\s*$/u;

/** True when `folded[start, end)` ends with an abbreviation or initial; looks only at its last few characters. */
function endsWithAbbreviation(folded: string, start: number, end: number): boolean {
  const from = Math.max(start, end - ABBREVIATION_TAIL);
  const match = (from === start ? ABBREVIATION_AT_START : ABBREVIATION_INSIDE).exec(folded.slice(from, end));
  if (!match?.[1]) return false;
  const word = match[1].toLowerCase();
  // A lone initial ("John F. Kennedy") or a listed abbreviation.
  return /^\p{L}$/u.test(word) || ABBREVIATIONS.has(word);
}

/** ICU's sentence breaks in `folded` (segment ends, in order), found window by window (see SEGMENT_WINDOW). */
function* icuBreaks(folded: string): Generator<number> {
  let pos = 0;
  while (pos < folded.length) {
    let end = Math.min(folded.length, pos + SEGMENT_WINDOW);
    if (end < folded.length && isHighSurrogate(folded.charCodeAt(end - 1))) end -= 1;
    const last = end === folded.length;
    let next = pos;
    for (const { segment, index } of sentenceSegmenter().segment(folded.slice(pos, end))) {
      const at = pos + index + segment.length;
      if (!last && at > end - WINDOW_MARGIN) break;
      yield at;
      next = at;
    }
    if (next === pos) {
      // No break in the window: a run-on. Resume after a space near its trusted end (no sentence ends before it).
      next = end - WINDOW_MARGIN;
      const space = folded.indexOf(' ', next);
      next = space >= 0 && space < end ? space + 1 : next;
      if (isLowSurrogate(folded.charCodeAt(next))) next += 1;
    }
    pos = next;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * `folded[start, end)` as sentences of at most MAX_SENTENCE_CHARS, cut at the
 * last space in the second half of each window (or, in a run with no space,
 * at the window's end, never inside a surrogate pair). Yields [start, end) pairs.
 */
function* windows(folded: string, start: number, end: number): Generator<[number, number]> {
  let from = start;
  let to = end;
  while (from < to && folded.charCodeAt(from) === 32) from += 1;
  while (to > from && folded.charCodeAt(to - 1) === 32) to -= 1;
  while (to - from > MAX_SENTENCE_CHARS) {
    let cut = from + MAX_SENTENCE_CHARS;
    const lowest = from + MAX_SENTENCE_CHARS / 2;
    while (cut > lowest && folded.charCodeAt(cut) !== 32) cut -= 1;
    if (folded.charCodeAt(cut) === 32) {
      yield [from, cut];
      from = cut + 1;
    } else {
      cut = from + MAX_SENTENCE_CHARS;
      if (isHighSurrogate(folded.charCodeAt(cut - 1))) cut -= 1;
      yield [from, cut];
      from = cut;
    }
  }
  if (to > from) yield [from, to];
}

/** The sentences of one paragraph whose white space is folded to single spaces and trimmed, as [start, end) pairs. */
function* paragraphSentences(folded: string): Generator<[number, number]> {
  let start = 0;
  for (const at of icuBreaks(folded)) {
    if (at >= folded.length) break;
    // ICU also breaks inside a word after `!` or `?` (`<!channel>`, `Yahoo!Japan`): only a break followed by a space counts.
    if (folded.charCodeAt(at - 1) !== 32 || endsWithAbbreviation(folded, start, at)) continue;
    yield* windows(folded, start, at);
    start = at;
  }
  yield* windows(folded, start, folded.length);
}

/** True for the characters `\s` matches (what sentence text folds to one space). */
function isSpace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code >= 0x80 && /\s/.test(String.fromCharCode(code));
}

/**
 * Maps offsets in a folded paragraph (white space runs made one space,
 * trimmed) back to offsets in the text it came from. Offsets must be asked in
 * increasing order: one pass over the paragraph in all.
 */
class RawOffsets {
  #raw: number;
  #folded = 0;

  constructor(readonly text: string, paragraphStart: number) {
    let raw = paragraphStart;
    while (raw < text.length && isSpace(text.charCodeAt(raw))) raw += 1;
    this.#raw = raw;
  }

  /** Offset in the text of the character at `folded` in the folded paragraph (which is not a space). */
  at(folded: number): number {
    while (this.#folded < folded) {
      if (isSpace(this.text.charCodeAt(this.#raw))) {
        while (isSpace(this.text.charCodeAt(this.#raw))) this.#raw += 1;
      } else {
        this.#raw += 1;
      }
      this.#folded += 1;
    }
    return this.#raw;
  }
}

/** Where a sentence is in its article's text: `text.slice(start, end)` with white space folded is the sentence. */
export interface SentenceSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * The sentences of `text` as offsets into it: paragraphs first (every line
 * break ends one, so a heading line is its own sentence), then ICU sentence
 * boundaries, re-joining splits made after abbreviations and initials, and
 * no sentence longer than MAX_SENTENCE_CHARS. Linear in the length of the
 * text. With `maxChars`, only sentences that start before that offset are
 * found (and only that much of a long paragraph, plus one sentence, is read).
 */
export function sentenceSpans(text: string, maxChars = Number.POSITIVE_INFINITY): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let lineStart = 0;
  while (lineStart < text.length && lineStart < maxChars) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const readEnd = Math.min(lineEnd, maxChars + MAX_SENTENCE_CHARS);
    const folded = text.slice(lineStart, readEnd).replace(/\s+/g, ' ').trim();
    if (folded.length > 0) {
      const offsets = new RawOffsets(text, lineStart);
      for (const [start, end] of paragraphSentences(folded)) {
        const rawStart = offsets.at(start);
        if (rawStart >= maxChars) break;
        spans.push({ start: rawStart, end: offsets.at(end - 1) + 1 });
      }
    }
    lineStart = lineEnd + 1;
  }
  return spans;
}

/** The sentence at `span` in `text`, white space folded as quoted. */
export function sentenceAt(text: string, span: SentenceSpan): string {
  return text.slice(span.start, span.end).replace(/\s+/g, ' ');
}

/** The sentences of `text` (see {@link sentenceSpans}): trimmed, non-empty, in order, each at most MAX_SENTENCE_CHARS long. */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map((span) => sentenceAt(text, span));
}

/** Truncates to at most `max` characters on a word boundary, adding `…` when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // Never leave half of a surrogate pair (an emoji cut in two is invalid text).
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${base.trimEnd()}…`;
}
