/**
 * Every MiniSearch option the article index uses, in one place.
 *
 * An index must be searched (and, once persisted with `toJSON`, loaded with
 * `loadJSON`/`loadJSONAsync`) with exactly the options it was built with:
 * a different tokenizer or term processor would look up terms the index never
 * stored. So nothing else in the code base constructs MiniSearch options.
 *
 * The guards below come from measurements at 10k and 100k articles
 * (BENCHMARKS.md, "Figures behind design choices", and the pathological
 * queries of "Results: 1,000 and 10,000 articles"); change them only with new
 * measurements.
 *
 * @see https://lucaong.github.io/minisearch/types/MiniSearch.Options.html
 * @see https://lucaong.github.io/minisearch/types/MiniSearch.SearchOptions.html
 */
import type { Options, SearchOptions } from 'minisearch';
import { indexTerms, splitWords, indexTerm } from '../text.ts';
import type { Article } from '../types.ts';

/**
 * The version of the index's make-up: bump it whenever INDEX_OPTIONS, the
 * fields indexed or the term rules they use change, so that an index saved
 * by an older version is rebuilt instead of loaded (persisted-index.ts).
 * Stop-word changes in text.ts are caught without a bump: the saved index
 * records a hash of the stop-word list too.
 */
export const INDEX_VERSION = 1;

/** The shape MiniSearch indexes: only what is searched, nothing stored beyond the id. */
export interface IndexedArticle {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export function toIndexedArticle(article: Article): IndexedArticle {
  return { id: article.id, title: article.title, text: article.body };
}

/**
 * Index construction options.
 * - `fields`: the title and the body (`text`) are searched; tags and source are
 *   filters, not search text.
 * - `storeFields`: none. MiniSearch returns only ids; metadata and bodies live
 *   in the CorpusIndex's own Map, so the index (and its JSON) stays as small as
 *   the terms themselves — at 100k articles stored bodies would double both.
 * - `tokenize` / `processTerm`: the shared text rules (src/core/text.ts), so a
 *   word is normalised the same way when indexed, searched and highlighted:
 *   accents folded (`Vučić` → `vucic`), hyphens split (`capacity-building` →
 *   `capacity`, `building`), stop words and single characters dropped.
 */
export const INDEX_OPTIONS: Options<IndexedArticle> = {
  idField: 'id',
  fields: ['title', 'text'],
  storeFields: [],
  tokenize: (text) => splitWords(text),
  processTerm: (term) => indexTerm(term),
  // The default batched vacuum cleans discarded documents in short steps
  // instead of one long blocking pass (BENCHMARKS.md, "Figures behind design choices").
  autoVacuum: true,
};

/** A title match is worth twice a body match: titles say what an article is about. */
const FIELD_BOOST = { title: 2 } as const;

/**
 * Prefix expansion only for terms of 4+ characters: a short prefix (`ai`, or the
 * `s` of a possessive) expands to tens of thousands of terms at 100k articles.
 */
export const MIN_PREFIX_LENGTH = 4;

/** Fuzzy matching only for terms of 5+ characters: below that, one typo matches too many words. */
export const MIN_FUZZY_LENGTH = 5;

/** Allowed edit distance as a fraction of the term length (0.2: one typo per five letters). */
export const FUZZINESS = 0.2;

/** Upper bound on the edit distance whatever the term length; bounds the fuzzy walk of the term tree. */
export const MAX_FUZZY = 2;

/**
 * At most this many distinct terms are searched: every term is a walk of the
 * term tree, and a 500-character paste should not cost 80 of them.
 */
export const MAX_QUERY_TERMS = 16;

/**
 * The strict pass must find at least this many articles, or the loose pass
 * (any term, with typo tolerance) runs as well.
 */
export const MIN_STRICT_RESULTS = 3;

/**
 * A result only the loose pass found is kept when its score is at least this
 * fraction of the best score. An 8-letter term tolerates two typos, so
 * `sanction` also reaches `action`, which is in most articles: those results
 * score a few percent of the real match and are noise, not typo recovery.
 */
export const MIN_LOOSE_SCORE_RATIO = 0.1;

/**
 * The terms searched for a query text: the index's own term rules, duplicates
 * removed, capped at MAX_QUERY_TERMS. Search options tokenize with this and
 * pass terms through unchanged, so the terms highlighted are the terms searched.
 */
export function queryTerms(text: string): string[] {
  return [...new Set(indexTerms(text))].slice(0, MAX_QUERY_TERMS);
}

const usePrefix = (term: string): boolean => term.length >= MIN_PREFIX_LENGTH;

/**
 * Strict pass: exact and prefix matches, every term required. Cheap (no fuzzy
 * walk) and precise; AND alone cut the p99 at 100k markedly (BENCHMARKS.md,
 * "Figures behind design choices").
 */
export const STRICT_SEARCH: SearchOptions = {
  boost: FIELD_BOOST,
  tokenize: queryTerms,
  processTerm: (term) => term,
  prefix: usePrefix,
  fuzzy: false,
  combineWith: 'AND',
};

/**
 * Loose pass, run only when the strict pass finds fewer than
 * MIN_STRICT_RESULTS articles: any term may match, and terms of 5+ characters
 * tolerate typos (`capacty` → `capacity`). MiniSearch already multiplies a
 * result's score by the number of query terms it matched, so articles with
 * more of the terms still rank first.
 */
export const LOOSE_SEARCH: SearchOptions = {
  boost: FIELD_BOOST,
  tokenize: queryTerms,
  processTerm: (term) => term,
  prefix: usePrefix,
  fuzzy: (term) => (term.length >= MIN_FUZZY_LENGTH ? FUZZINESS : false),
  maxFuzzy: MAX_FUZZY,
  combineWith: 'OR',
};

/** The edit distance MiniSearch allows for a query term in the loose pass (0 when fuzzy is off). */
export function allowedEditDistance(term: string): number {
  if (term.length < MIN_FUZZY_LENGTH) return 0;
  return Math.min(MAX_FUZZY, Math.round(term.length * FUZZINESS));
}
