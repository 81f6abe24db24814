/**
 * Which watches a newly indexed article fires, decided against that one
 * article instead of searching the corpus once per watch.
 *
 * The rule is the strict pass of search (`STRICT_SEARCH` in
 * index-options.ts), evaluated over the article's own terms with the same
 * normalisation (`indexTerms`, `queryTerms`), the same prefix rule
 * (`MIN_PREFIX_LENGTH`) and the same filters (`articleFilter`): every query
 * term must be one of the article's terms (title or body) or, for terms of
 * 4+ letters, a prefix of one. That is exactly when the strict pass of
 * `/aigov search <query>` lists the article (proved in
 * test/core/watch/match-watches.test.ts). Search's loose pass (any term,
 * typos tolerated) is not applied: it only runs when the whole corpus holds
 * fewer than three strict matches, so it says nothing about one article,
 * and a watch that alerted on near-misses would be noise.
 *
 * Cost per article: one pass over its words to build a sorted term list, then
 * per watch one binary search per query term (watch queries are parsed once
 * and cached by their text).
 */
import type { DatedSentence } from '../dates/event-date.ts';
import { parseSearchQuery } from '../search/parse-query.ts';
import { articleFilter, hasFilters } from '../search/filters.ts';
import { MIN_PREFIX_LENGTH, queryTerms } from '../search/index-options.ts';
import { toExcerpt } from '../search/excerpt.ts';
import { bestSentences, matchSentences, rarityWeights } from '../search/sentence-match.ts';
import { indexTerms } from '../text.ts';
import type { Article, ArticleMeta, Excerpt } from '../types.ts';

/** A watch as matching needs it: its id and the query as the user typed it. */
export interface WatchQuery {
  readonly id: number;
  readonly query: string;
}

/** A watch the article fires, with the sentence to quote. */
export interface WatchMatch {
  readonly watchId: number;
  /** The article's best sentence for the watch's terms; its opening when the watch has filters only. */
  readonly excerpt: Excerpt | null;
}

/** A watch query ready to be evaluated against articles. */
export interface CompiledWatch {
  /** The search terms after normalisation (may be empty: filters only). */
  readonly terms: readonly string[];
  readonly passes: ((meta: ArticleMeta) => boolean) | null;
}

/** The terms of one article, sorted, so prefixes are found by binary search. */
export class ArticleTerms {
  readonly #sorted: readonly string[];
  readonly #set: ReadonlySet<string>;

  constructor(article: Pick<Article, 'title' | 'body'>) {
    // Title and body are indexed as two fields; a term in either matches.
    this.#set = new Set([...indexTerms(article.title), ...indexTerms(article.body)]);
    this.#sorted = [...this.#set].sort();
  }

  /** The article terms `term` matches as search does: itself, and for 4+ letters every term it begins. */
  matches(term: string): string[] {
    if (term.length < MIN_PREFIX_LENGTH) return this.#set.has(term) ? [term] : [];
    const found: string[] = [];
    for (let i = lowerBound(this.#sorted, term); i < this.#sorted.length; i++) {
      const candidate = this.#sorted[i] ?? '';
      if (!candidate.startsWith(term)) break;
      found.push(candidate);
    }
    return found;
  }

  has(term: string): boolean {
    return term.length < MIN_PREFIX_LENGTH ? this.#set.has(term) : this.matches(term).length > 0;
  }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Compiles a watch query; null when it cannot be parsed or asks for nothing
 * (the command refuses such queries, so a stored one never is).
 */
export function compileWatch(query: string): CompiledWatch | null {
  const parsed = parseSearchQuery(query);
  if (!parsed.ok) return null;
  const terms = queryTerms(parsed.query.terms);
  const { filters } = parsed.query;
  if (terms.length === 0 && !hasFilters(filters)) return null;
  return { terms, passes: hasFilters(filters) ? articleFilter(filters) : null };
}

/** True when `watch` fires for the article whose terms are `terms`. */
export function watchMatches(watch: CompiledWatch, meta: ArticleMeta, terms: ArticleTerms): boolean {
  if (watch.passes !== null && !watch.passes(meta)) return false;
  return watch.terms.every((term) => terms.has(term));
}

/** The sentence quoted in an alert: the best for the watch's terms, else the article's first. */
function alertExcerpt(sentenceList: readonly DatedSentence[], watch: CompiledWatch, terms: ArticleTerms): Excerpt | null {
  const termMap = new Map<string, string>();
  for (const query of watch.terms) for (const term of terms.matches(query)) termMap.set(term, query);
  const sentences = matchSentences(sentenceList, termMap);
  const [best] = bestSentences(sentences, rarityWeights(sentences, watch.terms), 1);
  if (best !== undefined) return toExcerpt(best.text, new Set(termMap.keys()));
  const first = sentences[0]?.text;
  return first === undefined ? null : toExcerpt(first, new Set());
}

/**
 * Watch queries compiled once and kept by their text (many watches share
 * a query, and the same watches are evaluated for every new article).
 */
export class WatchMatcher {
  readonly #compiled = new Map<string, CompiledWatch | null>();

  /**
   * The watches `article` fires, in the order given, each with its quoted
   * sentence, picked from the article's `sentences` as the index stored them.
   */
  match(article: Article, sentences: readonly DatedSentence[], watches: readonly WatchQuery[]): WatchMatch[] {
    const terms = new ArticleTerms(article);
    const matches: WatchMatch[] = [];
    for (const watch of watches) {
      const compiled = this.#compile(watch.query);
      if (compiled === null || !watchMatches(compiled, article, terms)) continue;
      matches.push({ watchId: watch.id, excerpt: alertExcerpt(sentences, compiled, terms) });
    }
    return matches;
  }

  #compile(query: string): CompiledWatch | null {
    let compiled = this.#compiled.get(query);
    if (compiled === undefined && !this.#compiled.has(query)) {
      compiled = compileWatch(query);
      this.#compiled.set(query, compiled);
    }
    return compiled ?? null;
  }
}
