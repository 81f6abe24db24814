/**
 * The searchable corpus: a MiniSearch index of whole articles (stage 1) plus
 * their metadata and sentence tables (each article's sentences and dates,
 * worked out once at indexing: sentence-table.ts); the matching sentences are
 * picked (stage 2) among the stored sentences of the few articles shown,
 * quoted from their texts, which ArticleTexts supplies (the bot reads them
 * back from the corpus files). Searching articles then sentences is cheap and
 * costs no memory, where indexing every sentence costs more memory and has far
 * worse tails (BENCHMARKS.md, "Figures behind design choices", and the naive
 * baseline of "Results: 1,000 and 10,000 articles").
 */
import MiniSearch from 'minisearch';
import type { Query, SearchOptions, SearchResult } from 'minisearch';
import { TextsInMemory, type ArticleTexts } from '../corpus/article-texts.ts';
import { splitWords } from '../text.ts';
import type { DatedSentence } from '../dates/event-date.ts';
import type { DateContext } from '../dates/resolve-dates.ts';
import { ANALYSED_EXTENT, analyseSentences, datedSentences, describes, type SentenceAnalyser, type SentenceTable } from '../sentences/sentence-table.ts';
import type { Article, ArticleHit, ArticleMeta, Excerpt, SearchPage, SearchQuery } from '../types.ts';
import { toExcerpt } from './excerpt.ts';
import { articleFilter, hasFilters } from './filters.ts';
import {
  INDEX_OPTIONS,
  LOOSE_SEARCH,
  MIN_LOOSE_SCORE_RATIO,
  MIN_STRICT_RESULTS,
  STRICT_SEARCH,
  queryTerms,
  toIndexedArticle,
  type IndexedArticle,
} from './index-options.ts';
import { confine, planScope, type ScopeSource, type SearchScope } from './search-scope.ts';
import { bestSentences, matchSentences, rarityWeights } from './sentence-match.ts';
import { mapToQueryTerms } from './term-match.ts';
import { documentFrequencyOf } from './packed-index/minisearch-internals.ts';
import { packIndex, unpackIndex, type IndexState, type PackedChunk, type PackedIndex } from './packed-index/packed-index.ts';

/** At most this many excerpts per hit (ArticleHit promises one to three). */
export const MAX_EXCERPTS_PER_HIT = 3;

/** An article the index found for some terms, before excerpts are chosen. */
export interface RankedArticle {
  readonly article: ArticleMeta;
  readonly score: number;
  /** The query terms searched (after normalisation). */
  readonly queryTerms: readonly string[];
  /** Index terms the search matched in the article (`sanctions` for the query term `sanction`). */
  readonly indexTerms: readonly string[];
}

/**
 * The ranked article's matched index terms, each mapped to the query term it
 * answers. Computed on demand, for the few articles whose sentences are
 * examined, not for every result of a broad query.
 */
export function termMapOf(ranked: RankedArticle): Map<string, string> {
  return mapToQueryTerms(ranked.indexTerms, ranked.queryTerms);
}

/** The ranked articles of a query, and whether only the newest articles were ranked. */
export interface Ranking {
  readonly articles: readonly RankedArticle[];
  /**
   * Non-null when articles matched only by very common words were ranked
   * among this many newest articles (of those passing the filters) (search-scope.ts).
   */
  readonly rankedWithin: number | null;
}

/**
 * A query whose terms each stand for several forms (a question's "South
 * Korean" searched as `south korean` OR `south korea` OR `rok`): one
 * MiniSearch query per term, its forms OR'ed inside it; each pass combines
 * them as it combines plain terms (AND, then OR). Expansion happens at query
 * time, so the index and its saved snapshot are unchanged.
 * @see https://lucaong.github.io/minisearch/classes/MiniSearch.MiniSearch.html#search (combining queries)
 */
export interface ExpandedQuery {
  /** The index terms of the text asked: what the scope planner counts and what matches are mapped back to. */
  readonly terms: readonly string[];
  /** One query per term of the question, each matching any of its forms. */
  readonly parts: readonly Query[];
}

export interface RankOptions {
  /** Only articles passing this predicate are returned (and counted towards the strict pass). */
  readonly filter?: (meta: ArticleMeta) => boolean;
}

/** How an index works out sentences; the default serves the bot, tests count calls through their own. */
export interface SentenceOptions {
  /** Default {@link analyseSentences} (with resolveEventDates). */
  readonly analyse?: SentenceAnalyser;
}

/** The facts an article's dates are resolved against. */
export function dateContextOf(meta: ArticleMeta): DateContext {
  // A retrieval day (ingested, no publication date found) may be weeks after the events: no anchor for "on Tuesday".
  return { articleDate: meta.dateKind === 'retrieved' ? null : meta.date, articleDateEditorial: meta.dateKind === 'editorial' };
}

/** The article without its body. */
export function metaOf(article: Article): ArticleMeta {
  const { body: _body, ...meta } = article;
  return meta;
}

/** Newest first; unknown dates last; then by id so the order is stable. */
export function byDateDescending(a: ArticleMeta, b: ArticleMeta): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class CorpusIndex {
  readonly #search: MiniSearch<IndexedArticle>;
  /** Metadata only: texts are in #texts (read back from the corpus files by the bot). */
  readonly #articles = new Map<string, ArticleMeta>();
  readonly #texts: ArticleTexts;
  /** Each article's sentences (offsets into its text) and their dates, worked out when it was indexed. */
  readonly #sentences = new Map<string, SentenceTable>();
  readonly #analyse: SentenceAnalyser;
  /** Every article newest first (listings, digests, broad searches); sorted again on first use after a change. */
  #newestFirst: ArticleMeta[] | null = null;

  private constructor(texts: ArticleTexts, options: SentenceOptions, search: MiniSearch<IndexedArticle> = new MiniSearch(INDEX_OPTIONS)) {
    this.#texts = texts;
    this.#search = search;
    this.#analyse = options.analyse ?? analyseSentences;
  }

  /**
   * Restores an index saved with {@link pack}, over the same articles (their
   * metadata; `texts` has their texts), without re-indexing them and without
   * rebuilding MiniSearch's maps: each term's postings are opened when first
   * used (packed-index/). MiniSearch gets INDEX_OPTIONS, the options it was
   * built with; the caller must make sure the saved index was made with this
   * INDEX_VERSION. With `pause` (the caller's yield to its event loop),
   * awaited between chunks, requests (and `/healthz`) are still answered
   * while a large index loads; without it, for a thread that serves nothing
   * else meanwhile (the corpus worker), the index is read in one go.
   * `sentences` are the articles' sentence tables as {@link sentenceTables}
   * gave them: nothing is split or resolved again.
   *
   * @throws Error when the saved index and the articles do not match (a damaged snapshot).
   */
  static async restore(
    articles: readonly ArticleMeta[],
    saved: PackedIndex,
    texts: ArticleTexts,
    sentences: ReadonlyMap<string, SentenceTable>,
    options: { pause?: () => Promise<void> } & SentenceOptions = {},
  ): Promise<CorpusIndex> {
    const search = await unpackIndex(saved, INDEX_OPTIONS, options.pause === undefined ? {} : { pause: options.pause });
    const index = new CorpusIndex(texts, options, search);
    for (const article of articles) {
      if (index.#articles.has(article.id)) throw new Error(`search: duplicate article id '${article.id}'`);
      if (!index.#search.has(article.id)) throw new Error(`search: saved index lacks article '${article.id}'`);
      const table = sentences.get(article.id);
      if (table === undefined) throw new Error(`search: saved index lacks the sentences of '${article.id}'`);
      index.#articles.set(article.id, article);
      index.#sentences.set(article.id, table);
    }
    if (index.#search.documentCount !== index.#articles.size) {
      throw new Error(
        `search: saved index holds ${index.#search.documentCount} articles, the snapshot ${index.#articles.size}`,
      );
    }
    return index;
  }

  /** The MiniSearch index packed, for {@link restore}; a copy, so later updates do not change it. */
  pack(): { state: IndexState; chunks: PackedChunk[] } {
    return packIndex(this.#search);
  }

  /** Every article's metadata, in no particular order (for saving the index). */
  metas(): ArticleMeta[] {
    return [...this.#articles.values()];
  }

  /** Every article's sentence table by id (for saving the index; tables are never changed, only replaced). */
  sentenceTables(): Map<string, SentenceTable> {
    return new Map(this.#sentences);
  }

  /**
   * Indexes `articles`, whose texts `texts` keeps or can read back (by
   * default they are kept in memory). A repeated id is a loader bug (ids are
   * file names), so it throws rather than letting one article silently
   * shadow another. Each article's sentences and their dates are worked
   * out here, once ({@link sentencesOf} reads them back).
   */
  static build(articles: readonly Article[], texts: ArticleTexts = new TextsInMemory(), options: SentenceOptions = {}): CorpusIndex {
    const index = new CorpusIndex(texts, options);
    for (const article of articles) {
      if (index.#articles.has(article.id)) throw new Error(`search: duplicate article id '${article.id}'`);
      const meta = metaOf(article);
      index.#articles.set(article.id, meta);
      index.#sentences.set(article.id, index.#analyse(article.body, dateContextOf(meta)));
      texts.keep(article);
    }
    index.#search.addAll(articles.map(toIndexedArticle));
    return index;
  }

  /**
   * {@link build}, with the sentence tables of the first `elsewhere.count`
   * articles made by someone else meanwhile (`elsewhere.tables`, which
   * settles while the search index is built here): the search index is built
   * first, then the other articles' tables, then the promised ones are taken
   * (any missing, or all when it gives null, are made here). The index is the
   * one {@link build} makes.
   */
  static async buildBeside(
    articles: readonly Article[],
    texts: ArticleTexts,
    elsewhere: { readonly count: number; readonly tables: Promise<ReadonlyMap<string, SentenceTable> | null> },
    options: SentenceOptions = {},
  ): Promise<CorpusIndex> {
    const index = new CorpusIndex(texts, options);
    const metas = articles.map((article) => {
      if (index.#articles.has(article.id)) throw new Error(`search: duplicate article id '${article.id}'`);
      const meta = metaOf(article);
      index.#articles.set(article.id, meta);
      texts.keep(article);
      return meta;
    });
    index.#search.addAll(articles.map(toIndexedArticle));
    const count = Math.max(0, Math.min(articles.length, elsewhere.count));
    const tables: SentenceTable[] = [];
    for (let i = count; i < articles.length; i++) tables[i] = index.#analyse(articles[i]!.body, dateContextOf(metas[i]!));
    const made = await elsewhere.tables;
    for (let i = 0; i < count; i++) tables[i] = made?.get(articles[i]!.id) ?? index.#analyse(articles[i]!.body, dateContextOf(metas[i]!));
    // In article order, as build files them (the saved snapshot lists them in this order).
    articles.forEach((article, i) => index.#sentences.set(article.id, tables[i]!));
    return index;
  }

  /** Adds `article`, or replaces the article with the same id, without rebuilding the index. */
  upsert(article: Article): void {
    if (this.#search.has(article.id)) this.#search.replace(toIndexedArticle(article));
    else this.#search.add(toIndexedArticle(article));
    const meta = metaOf(article);
    this.#articles.set(article.id, meta);
    this.#sentences.set(article.id, this.#analyse(article.body, dateContextOf(meta)));
    this.#texts.keep(article);
    this.#newestFirst = null;
  }

  /** Removes the article with `id`; false when there was none. */
  remove(id: string): boolean {
    if (!this.#articles.delete(id)) return false;
    this.#sentences.delete(id);
    this.#texts.forget(id);
    this.#newestFirst = null;
    // discard needs only the id (remove would need the exact document as indexed);
    // the auto-vacuum cleans up the index entries in small batches later.
    this.#search.discard(id);
    return true;
  }

  /** The metadata of the article with `id`. */
  get(id: string): ArticleMeta | undefined {
    return this.#articles.get(id);
  }

  /**
   * The sentences of an indexed article with the dates each states, as worked
   * out when it was indexed, quoted from its text; null when its text can no
   * longer be had. A text that no longer matches what was indexed (its file
   * changed and the watcher has not caught up yet) is analysed afresh for
   * this call (bounded: see sentence-table.ts); the watcher's re-indexing
   * stores the new table.
   */
  sentencesOf(meta: ArticleMeta): DatedSentence[] | null {
    const text = this.#texts.read(meta, ANALYSED_EXTENT);
    if (text === null) return null;
    const stored = this.#sentences.get(meta.id);
    const table = stored !== undefined && describes(stored, text) ? stored : this.#analyse(text, dateContextOf(meta));
    return datedSentences(table, text);
  }

  /** The article with `id`, text included; undefined when it is not indexed or its text can no longer be had. */
  article(id: string): Article | undefined {
    const meta = this.#articles.get(id);
    const body = meta === undefined ? null : this.#texts.read(meta);
    return meta === undefined || body === null ? undefined : { ...meta, body };
  }

  get size(): number {
    return this.#articles.size;
  }

  /**
   * About how many articles hold the index term `term` exactly (in the title or the text: the more of the two; see documentFrequencyOf): what
   * says how rare a question's word is in the corpus, not only among the few
   * sentences being compared.
   */
  documentFrequency(term: string): number {
    return documentFrequencyOf(this.#search, term);
  }

  /** Every article's metadata, newest first. */
  all(): ArticleMeta[] {
    return [...this.#byDate()];
  }

  #byDate(): readonly ArticleMeta[] {
    this.#newestFirst ??= [...this.#articles.values()].sort(byDateDescending);
    return this.#newestFirst;
  }

  /**
   * Stage 1: articles matching `text`, best first. A strict pass (every term,
   * exact or prefix) runs first; when it finds fewer than MIN_STRICT_RESULTS
   * articles, a loose pass (any term, typos tolerated) adds its results after
   * the strict ones, so articles with every term still come first. Loose
   * results far weaker than the best (MIN_LOOSE_SCORE_RATIO) are dropped.
   * Each pass is confined as search-scope.ts plans, so very common words cost
   * a bounded amount of work.
   */
  rank(text: string, options: RankOptions = {}): Ranking {
    return this.#rank(queryTerms(text), text, options);
  }

  /** {@link rank} for a query whose terms stand for several forms each (see ExpandedQuery). */
  rankExpanded(query: ExpandedQuery, options: RankOptions = {}): Ranking {
    if (query.parts.length === 0) return { articles: [], rankedWithin: null };
    return this.#rank(query.terms, { queries: [...query.parts] }, options);
  }

  #rank(terms: readonly string[], query: Query, options: RankOptions): Ranking {
    if (terms.length === 0) return { articles: [], rankedWithin: null };
    const { filter } = options;
    // Without a filter every result passes: MiniSearch holds exactly the articles of #articles
    // (both change together), so no per-result check is run.
    const passes =
      filter === undefined
        ? undefined
        : (id: string): boolean => {
            const article = this.#articles.get(id);
            return article !== undefined && filter(article);
          };
    const strict = this.#searchPass(query, terms, STRICT_SEARCH, passes);
    let results = strict.results;
    let rankedWithin = strict.scope?.newestWindow ?? null;
    if (results.length < MIN_STRICT_RESULTS) {
      const seen = new Set(results.map((r) => r.id));
      const loose = this.#searchPass(query, terms, LOOSE_SEARCH, passes);
      const floor = MIN_LOOSE_SCORE_RATIO * Math.max(results[0]?.score ?? 0, loose.results[0]?.score ?? 0);
      results = results.concat(loose.results.filter((r) => !seen.has(r.id) && r.score >= floor));
      rankedWithin ??= loose.scope?.newestWindow ?? null;
    }
    const articles = results.flatMap((result) => {
      const article = this.#articles.get(String(result.id));
      if (article === undefined) return [];
      return [{ article, score: result.score, queryTerms: terms, indexTerms: result.terms }];
    });
    return { articles, rankedWithin };
  }

  /** One MiniSearch pass over the articles passing `passes` (every article when undefined), confined when its terms are broad. */
  #searchPass(
    query: Query,
    terms: readonly string[],
    options: SearchOptions,
    passes: ((id: string) => boolean) | undefined,
  ): { results: SearchResult[]; scope: SearchScope | null } {
    const scope = planScope(this.#scopeSource, terms, options, passes);
    if (scope === null) {
      return { results: this.#search.search(query, passes === undefined ? options : { ...options, filter: (r) => passes(String(r.id)) }), scope };
    }
    // Every id in the scope passes already; the filter is not run again.
    return { results: this.#search.search(query, confine(options, scope)), scope };
  }

  get #scopeSource(): ScopeSource {
    return { search: this.#search, size: this.size, newest: (limit, keep) => this.#newest(limit, keep) };
  }

  /** Up to `limit` article ids, newest first, that pass `keep`. */
  #newest(limit: number, keep: ((id: string) => boolean) | undefined): string[] {
    const ids: string[] = [];
    for (const { id } of this.#byDate()) {
      if (ids.length >= limit) break;
      if (keep === undefined || keep(id)) ids.push(id);
    }
    return ids;
  }

  /**
   * Searches the corpus: articles matching the terms and filters, best first,
   * each with its best-matching sentences. With no terms but some filters, it
   * lists the matching articles newest first. Excerpts are computed only for
   * the requested page.
   */
  search(query: SearchQuery, page: { offset: number; limit: number }, options: SearchOptionsOfPage = {}): SearchPage {
    const offset = Math.max(0, Math.floor(page.offset));
    const limit = Math.max(0, Math.floor(page.limit));
    const filter = hasFilters(query.filters) ? articleFilter(query.filters) : undefined;
    const base = { query, offset, corpusSize: this.size, rankedWithin: null };

    if (queryTerms(query.terms).length === 0) {
      if (filter === undefined) return { ...base, hits: [], total: 0 };
      const listed = firstPerGroup(this.#byDate().filter(filter), (article) => article.id, options.groupKey);
      const hits = listed.slice(offset, offset + limit).map((article) => ({
        article,
        score: 0,
        excerpts: openingExcerpt(article, this.sentencesOf(article)),
      }));
      return { ...base, hits, total: listed.length };
    }

    const ranking = this.rank(query.terms, filter === undefined ? {} : { filter });
    const { rankedWithin } = ranking;
    const articles = firstPerGroup(ranking.articles, (ranked) => ranked.article.id, options.groupKey);
    const hits = articles.slice(offset, offset + limit).map((ranked) => toHit(ranked, this.sentencesOf(ranked.article)));
    return { ...base, hits, total: articles.length, rankedWithin };
  }
}

/** How {@link CorpusIndex.search} shows articles that re-report one story. */
export interface SearchOptionsOfPage {
  /**
   * The key of an article's group of re-reports (near-duplicates/): only the
   * best-ranked article of each key is kept, so a story is listed once and
   * counted once. Default: every article is its own group.
   */
  readonly groupKey?: (id: string) => string;
}

/** The first item of each group, in order. */
function firstPerGroup<T>(items: readonly T[], idOf: (item: T) => string, groupKey: ((id: string) => string) | undefined): readonly T[] {
  if (groupKey === undefined) return items;
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = groupKey(idOf(item));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Shorter lines at the top of an article are headings or bylines ("Chinese Foreign Ministry"), not its opening. */
const MIN_OPENING_WORDS = 6;

/**
 * The article's opening sentence, for listings without terms (and articles
 * matched only by title); the title when its text can no longer be had.
 */
function openingExcerpt(article: ArticleMeta, sentences: readonly DatedSentence[] | null): Excerpt[] {
  const texts = (sentences ?? []).map((s) => s.text);
  const opening = texts.find((s) => splitWords(s).length >= MIN_OPENING_WORDS) ?? texts[0] ?? article.title;
  return [toExcerpt(opening, new Set())];
}

/** Stage 2 for one search hit: the best-matching of the article's sentences as excerpts. */
function toHit(ranked: RankedArticle, sentences: readonly DatedSentence[] | null): ArticleHit {
  const { article } = ranked;
  const termMap = termMapOf(ranked);
  const matches = sentences === null ? [] : matchSentences(sentences, termMap);
  const weights = rarityWeights(matches, ranked.queryTerms);
  const best = bestSentences(matches, weights, MAX_EXCERPTS_PER_HIT);
  const matchedTerms = new Set(termMap.keys());
  const excerpts = best.length > 0 ? best.map((s) => toExcerpt(s.text, matchedTerms)) : openingExcerpt(article, sentences);
  return { article, score: ranked.score, excerpts };
}
