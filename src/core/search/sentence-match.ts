/**
 * Stage 2 of retrieval: within an article the index found, which sentences
 * answer the query. Used for search excerpts and for picking answer sentences.
 */
import { splitSentences } from '../text.ts';
import { wordTerms } from './excerpt.ts';

/** A sentence and the query terms it contains. */
export interface SentenceMatch {
  /** Position of the sentence in its article (0 for the first). */
  readonly position: number;
  readonly text: string;
  /** Query terms the sentence contains (through any of their index-term expansions). */
  readonly queryTerms: ReadonlySet<string>;
  /** Of those, the ones it contains only as a typo-distance match (`bilateral` for `trilateral`), not as the word or a longer form of it. */
  readonly typoOnly: ReadonlySet<string>;
}

/**
 * How much a typo-distance match counts against the word itself. A typo
 * match may be a different word (`bilateral` for `trilateral`), so a sentence
 * holding the asked word beats one holding a near miss.
 */
export const TYPO_MATCH_CREDIT = 0.5;

/**
 * The sentences of `text`, each with the query terms it contains.
 * `termMap` maps index terms the search matched (`sanctions`) to the query
 * term they answer (`sanction`); see term-match.ts.
 */
export function matchSentences(text: string, termMap: ReadonlyMap<string, string>): SentenceMatch[] {
  return matchSplitSentences(splitIntoTermedSentences(text), termMap);
}

/** A sentence with its words' index terms (null for words not indexed), computed once per text. */
export interface TermedSentence {
  readonly text: string;
  readonly terms: readonly (string | null)[];
}

/** The sentences of `text` with their terms: split once, then matched against many term maps (watches). */
export function splitIntoTermedSentences(text: string): TermedSentence[] {
  return splitSentences(text).map((sentence) => ({ text: sentence, terms: wordTerms(sentence) }));
}

/** {@link matchSentences} over sentences already split and termed. */
export function matchSplitSentences(sentences: readonly TermedSentence[], termMap: ReadonlyMap<string, string>): SentenceMatch[] {
  return sentences.map(({ text: sentence, terms }, position) => {
    const found = new Set<string>();
    const exact = new Set<string>();
    for (const term of terms) {
      const query = term === null ? undefined : termMap.get(term);
      if (term === null || query === undefined) continue;
      found.add(query);
      if (term.startsWith(query)) exact.add(query);
    }
    const typoOnly = new Set([...found].filter((query) => !exact.has(query)));
    return { position, text: sentence, queryTerms: found, typoOnly };
  });
}

/**
 * A weight per query term: the fewer of `sentences` contain it, the more it
 * says (an inverse sentence frequency). In an article about AI, `ai` is in
 * every sentence and `vucic` in one; the sentence with `vucic` is the one the
 * reader is after. Terms no sentence contains get the highest weight, so they
 * still count against coverage.
 *
 * Computed over the sentences at hand rather than the whole corpus: it costs
 * no memory and no index internals, and it is these sentences that compete.
 */
export function rarityWeights(
  sentences: readonly SentenceMatch[],
  queryTerms: Iterable<string>,
): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of queryTerms) {
    const frequency = sentences.reduce((n, s) => (s.queryTerms.has(term) ? n + 1 : n), 0);
    weights.set(term, Math.log(1 + (sentences.length + 1) / (frequency + 1)));
  }
  return weights;
}

/** Sum of the weights of the query terms the sentence contains, typo-only matches at {@link TYPO_MATCH_CREDIT}. */
export function termScore(sentence: SentenceMatch, weights: ReadonlyMap<string, number>): number {
  let score = 0;
  for (const term of sentence.queryTerms) {
    score += (weights.get(term) ?? 0) * (sentence.typoOnly.has(term) ? TYPO_MATCH_CREDIT : 1);
  }
  return score;
}

/**
 * Up to `limit` sentences that contain at least one query term, best first;
 * among equals the earlier sentence wins (it usually sets the context).
 */
export function bestSentences(
  sentences: readonly SentenceMatch[],
  weights: ReadonlyMap<string, number>,
  limit: number,
): SentenceMatch[] {
  return sentences
    .filter((s) => s.queryTerms.size > 0)
    .map((s) => ({ s, score: termScore(s, weights) }))
    .sort((a, b) => b.score - a.score || a.s.position - b.s.position)
    .slice(0, limit)
    .map(({ s }) => s);
}
