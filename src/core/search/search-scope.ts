/**
 * Bounding the work of a search whose words are very common.
 *
 * MiniSearch scores every article a query term matches, and builds a result
 * object for each. "ai" or "governance" match nearly every article of an AI
 * governance archive: at 100k articles one such query was slow and made a
 * mass of short-lived objects (BENCHMARKS.md, "Figures behind design
 * choices"), for rankings that common words
 * barely inform (their BM25 weight is near zero). The search is therefore
 * planned from how many index entries ("postings") each term matches:
 *
 * - every term matches at most MAX_SCORED_ARTICLES postings: search as usual;
 * - the strict pass (every term) with a selective term: the articles it
 *   matches are the only ones that can pass, so the search is confined to
 *   them (the results and their scores are exactly the unconfined search's);
 * - otherwise articles matched only by broad terms are ranked among the
 *   MAX_SCORED_ARTICLES newest (that pass the filters), beside every article
 *   a selective term matches, and the caller tells the user (see planScope).
 *
 * A confined search still walks the broad terms' postings, but skips them
 * before any object is made: several times cheaper at 100k articles
 * (BENCHMARKS.md, "What each change bought" and "Figures behind design
 * choices"). Corpora of at most MAX_SCORED_ARTICLES articles are never
 * confined (the seed corpus ranks exactly as before), and a strict search
 * with one selective word never changes its results, only their cost.
 */
import type MiniSearch from 'minisearch';
import type { SearchOptions } from 'minisearch';
import type { IndexedArticle } from './index-options.ts';
import { termLookupsOf } from './packed-index/minisearch-internals.ts';
import type { TermData } from './packed-index/term-postings.ts';

/**
 * The most articles one query scores in full. Above this a term is "broad"
 * (see the module comment). Measured on 2 cores against twice this limit, it
 * made a confined search over 100k articles cheaper and, at 10k articles, cut
 * the p99 of `/aigov search` and the garbage each broad search leaves
 * (BENCHMARKS.md, "What each change bought" and "Figures behind design
 * choices"). The price: a query of only very common
 * words ("ai governance") ranks the 5,000 newest articles, and says so.
 */
export const MAX_SCORED_ARTICLES = 5_000;

/** Thrown by the posting counter's callback to stop MiniSearch's walk early. */
const ENOUGH = Symbol('enough postings counted');

/**
 * How many postings a search of `term` with `options` walks (exact, prefix
 * and fuzzy matches, every field), counted up to `limit + 1`.
 *
 * Counted from the sizes of the matched terms' postings, found with the same
 * lookups MiniSearch's search makes (termPostingsOf), so no posting is
 * visited; when that cannot be exact (see termPostingsOf), by running the
 * search itself: MiniSearch calls `boostDocument` once per posting before
 * scoring it, so counting those calls measures exactly the work the search
 * would do. Returning 0 from it makes MiniSearch skip the posting, and
 * throwing once the count passes `limit` ends the walk.
 */
export function countPostings<T>(search: MiniSearch<T>, term: string, options: SearchOptions, limit: number): number {
  const sized = termPostingsOf(search, term, options, limit);
  if (sized !== null) return sized;
  let count = 0;
  const boostDocument = (): number => {
    count += 1;
    if (count > limit) throw ENOUGH;
    return 0;
  };
  try {
    search.search(term, { ...options, boostDocument });
  } catch (err) {
    if (err !== ENOUGH) throw err;
  }
  return count;
}

/**
 * The postings a search of the one term `term` walks, counted up to
 * `limit + 1` without walking them: MiniSearch's executeQuerySpec (7.2)
 * looks the term up, then its prefix matches (longer terms only), then its
 * fuzzy matches (those not already prefix matches, distance > 0), and visits
 * every posting of each matched term in each searched field. A posting of a
 * discarded document is skipped by the search but still in the map until the
 * vacuum, so with discards pending the postings are counted one by one (still
 * no result objects). Null when the options are not the plain kind this
 * mirrors (the caller then runs the search).
 */
export function termPostingsOf<T>(search: MiniSearch<T>, term: string, options: SearchOptions, limit: number): number | null {
  if (options.fields !== undefined || options.boostDocument !== undefined || options.filter !== undefined || options.tokenize === undefined || options.processTerm === undefined) return null;
  const tokens = options.tokenize(term).flatMap((t) => options.processTerm!(t) || []);
  if (tokens.length !== 1 || tokens[0] !== term) return null;
  const lookups = termLookupsOf(search);
  const fieldIds = Object.values(lookups.fieldIds);
  const exact = search.dirtCount === 0;
  let count = 0;
  const add = (data: TermData | undefined): boolean => {
    if (data === undefined) return count > limit;
    for (const fieldId of fieldIds) {
      const postings = data.get(fieldId);
      if (postings === undefined) continue;
      if (exact) count += postings.size;
      else for (const id of postings.keys()) if (lookups.hasDocument(id) && ++count > limit) break;
      if (count > limit) return true;
    }
    return false;
  };
  const prefix = typeof options.prefix === 'function' ? options.prefix(term, 0, [term]) : options.prefix === true;
  const fuzzy = typeof options.fuzzy === 'function' ? options.fuzzy(term, 0, [term]) : (options.fuzzy ?? false);
  const fraction = fuzzy === true ? 0.2 : fuzzy;
  const maxDistance = fraction === false ? 0 : fraction < 1 ? Math.min(options.maxFuzzy ?? 6, Math.round(term.length * fraction)) : fraction;
  if (add(lookups.get(term))) return limit + 1;
  const fuzzyMatches = maxDistance > 0 ? lookups.fuzzyGet(term, maxDistance) : null;
  if (prefix) {
    for (const [match, data] of lookups.atPrefix(term)) {
      if (match.length === term.length) continue;
      fuzzyMatches?.delete(match);
      if (add(data)) return limit + 1;
    }
  }
  if (fuzzyMatches !== null) {
    for (const [data, distance] of fuzzyMatches.values()) {
      if (distance === 0) continue;
      if (add(data)) return limit + 1;
    }
  }
  return count;
}

/** How a search is confined: to a set of article ids, and whether that set is the newest-articles window. */
export interface SearchScope {
  readonly ids: ReadonlySet<string>;
  /** Non-null when the scope is the window of newest articles (every term broad): its size. */
  readonly newestWindow: number | null;
}

/** What planning needs from the index, so this module does not depend on CorpusIndex. */
export interface ScopeSource {
  readonly search: MiniSearch<IndexedArticle>;
  /** Article count of the corpus. */
  readonly size: number;
  /** The ids of up to `limit` newest articles passing `keep` (every article without `keep`). */
  newest(limit: number, keep: ((id: string) => boolean) | undefined): string[];
}

/**
 * The scope for searching `terms` with `options`, or null when the search can
 * run unconfined.
 * - `combineWith: 'AND'` (strict pass): the most selective term's articles.
 *   Every result must hold that term, so the results and their scores are
 *   exactly the unconfined search's.
 * - `'OR'` (loose pass): the articles any selective term matches, plus the
 *   MAX_SCORED_ARTICLES newest (passing `keep`) for articles that match only
 *   broad words; those older than the window are left out, and `newestWindow`
 *   says so. A term that matches nothing (a name not in the corpus, a typo
 *   too far from any word) adds nothing and is not a selective word.
 * - every counted term broad: the newest window alone.
 */
export function planScope(
  source: ScopeSource,
  terms: readonly string[],
  options: SearchOptions,
  keep?: (id: string) => boolean,
): SearchScope | null {
  if (source.size <= MAX_SCORED_ARTICLES || terms.length === 0) return null;
  const loose = options.combineWith !== 'AND';
  const counted = terms.map((term) => ({ term, postings: countPostings(source.search, term, options, MAX_SCORED_ARTICLES) }));
  // With AND, a term that matches nothing rightly empties the result; with OR it must not narrow anything.
  const live = loose ? counted.filter((c) => c.postings > 0) : counted;
  const selective = live.filter((c) => c.postings <= MAX_SCORED_ARTICLES);
  if (selective.length === live.length) return null;

  const ids = new Set<string>();
  let newestWindow: number | null = null;
  if (loose || selective.length === 0) {
    const newest = source.newest(MAX_SCORED_ARTICLES + 1, keep);
    const cut = newest.length > MAX_SCORED_ARTICLES;
    for (const id of cut ? newest.slice(0, MAX_SCORED_ARTICLES) : newest) ids.add(id);
    newestWindow = cut ? MAX_SCORED_ARTICLES : null;
  }
  if (selective.length > 0) {
    const anchors = loose ? selective.map((c) => c.term) : [selective.reduce((a, b) => (b.postings < a.postings ? b : a)).term];
    for (const result of source.search.search(anchors.join(' '), { ...options, combineWith: 'OR' })) {
      const id = String(result.id);
      if (keep === undefined || keep(id)) ids.add(id);
    }
  }
  return { ids, newestWindow };
}

/** Search options confined to `scope`: every article outside it is skipped before it is scored. */
export function confine(options: SearchOptions, scope: SearchScope): SearchOptions {
  const { ids } = scope;
  return { ...options, boostDocument: (id) => (ids.has(String(id)) ? 1 : 0) };
}
