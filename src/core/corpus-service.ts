import { loadCorpus } from './corpus/load-corpus.ts';
import { CorpusIndex } from './search/corpus-index.ts';
import { findAnswer } from './answer/find-answer.ts';
import type { Answer, Article, CorpusWarning, SearchPage, SearchQuery } from './types.ts';

/** What `GET /healthz` reports. */
export interface CorpusStatus {
  readonly ready: boolean;
  readonly documents: number;
  /** When the index last changed (ISO), or null before the first load. */
  readonly indexedAt: string | null;
  /** Seconds since the index last changed, or null before the first load. */
  readonly corpusAgeSeconds: number | null;
  /** The newest article date in the corpus (ISO), or null when none is known. */
  readonly newestArticleDate: string | null;
}

/** Asked for search before the index was built. */
export class IndexNotReadyError extends Error {
  override readonly name = 'IndexNotReadyError';
  readonly code = 'AIGOV_INDEX_NOT_READY';
  constructor() {
    super('the corpus index is still being built');
  }
}

/**
 * The corpus as the bot serves it: the search index, built once at start and
 * kept current as articles are added, changed or removed.
 */
export class CorpusService {
  #index: CorpusIndex | null = null;
  #indexedAt: Date | null = null;

  constructor(
    readonly corpusDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads the corpus directory and builds the index; returns the files that were skipped. */
  async load(): Promise<{ articles: number; warnings: CorpusWarning[] }> {
    const { articles, warnings } = await loadCorpus(this.corpusDir);
    this.#index = CorpusIndex.build(articles);
    this.#indexedAt = this.now();
    return { articles: articles.length, warnings };
  }

  get ready(): boolean {
    return this.#index !== null;
  }

  /** The live index; throws {@link IndexNotReadyError} before {@link load} finished. */
  get index(): CorpusIndex {
    if (this.#index === null) throw new IndexNotReadyError();
    return this.#index;
  }

  search(query: SearchQuery, page: { offset: number; limit: number }): SearchPage {
    return this.index.search(query, page);
  }

  answer(question: string): Answer | null {
    return findAnswer(this.index, question);
  }

  /** Adds or replaces one article without rebuilding the index. */
  upsert(article: Article): void {
    this.index.upsert(article);
    this.#indexedAt = this.now();
  }

  /** Removes one article; false when it was not indexed. */
  remove(id: string): boolean {
    const removed = this.index.remove(id);
    if (removed) this.#indexedAt = this.now();
    return removed;
  }

  status(): CorpusStatus {
    if (this.#index === null || this.#indexedAt === null) {
      return { ready: false, documents: 0, indexedAt: null, corpusAgeSeconds: null, newestArticleDate: null };
    }
    let newest: string | null = null;
    for (const meta of this.#index.all()) {
      if (meta.date !== null && (newest === null || meta.date > newest)) newest = meta.date;
    }
    return {
      ready: true,
      documents: this.#index.size,
      indexedAt: this.#indexedAt.toISOString(),
      corpusAgeSeconds: Math.max(0, Math.round((this.now().getTime() - this.#indexedAt.getTime()) / 1000)),
      newestArticleDate: newest,
    };
  }
}
