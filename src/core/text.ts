/**
 * Text handling shared by indexing, search, answers and highlighting, so that
 * a word is normalised the same way everywhere.
 */

/**
 * Common English words that carry no search meaning. Dropping them shrinks the
 * index and stops common-word queries from scoring every document
 * (see shared/PERF-NOTES.md: 11-34% smaller index, p99 39 → 13 ms at 10k).
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

/** Lower-cases and strips accents: `Vučić` → `vucic`, `Ünited` → `united`. */
export function foldWord(word: string): string {
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

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

function endsWithAbbreviation(fragment: string): boolean {
  const match = /(?:^|[\s(])([\p{L}.]+)\.\s*$/u.exec(fragment);
  if (!match?.[1]) return false;
  const word = match[1].toLowerCase();
  // A lone initial ("John F. Kennedy") or a listed abbreviation.
  return /^\p{L}$/u.test(word) || ABBREVIATIONS.has(word);
}

/**
 * Splits text into sentences: paragraphs first (a heading line is its own
 * sentence), then ICU sentence boundaries, re-joining splits made after
 * abbreviations and initials. Returns trimmed, non-empty sentences in order.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const paragraph of text.split(/\n\s*\n|\r\n\s*\r\n|\n/)) {
    const trimmed = paragraph.replace(/\s+/g, ' ').trim();
    if (trimmed.length === 0) continue;
    let pending = '';
    for (const { segment, index } of segmenter.segment(trimmed)) {
      pending += segment;
      // ICU also breaks inside a word after `!` or `?` (`<!channel>`, `Yahoo!Japan`): only a break followed by a space counts.
      const atParagraphEnd = index + segment.length === trimmed.length;
      if (!/\s$/.test(segment) && !atParagraphEnd) continue;
      if (!endsWithAbbreviation(pending)) {
        sentences.push(pending.trim());
        pending = '';
      }
    }
    if (pending.trim().length > 0) sentences.push(pending.trim());
  }
  return sentences;
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
