/**
 * Where the index finds an article's text once the article is indexed.
 *
 * The text is needed only for the few articles shown: the excerpts of a
 * page of hits, the sentences of an answer, the key sentences of a digest.
 * Kept in memory, the texts of 100k articles took a large part of the heap
 * and made up most of the saved index, so the bot reads them back from the
 * corpus files when needed ({@link TextsFromFiles}: a 3 KB file from the page
 * cache, parsed, cheaply), and the index holds only metadata (BENCHMARKS.md,
 * "What each change bought" and "Figures behind design choices").
 */
import type { Article, ArticleMeta } from '../types.ts';

export interface ArticleTexts {
  /** Told of every article indexed, text included; a store that keeps texts keeps it. */
  keep(article: Article): void;
  /** Told of every article removed from the index. */
  forget(id: string): void;
  /**
   * The article's text, or null when it can no longer be had (its file was
   * deleted or broken since it was indexed: the watcher is about to say so).
   * With `atLeast`, the text may stop after that many characters: enough
   * to quote its first sentences without reading a 5 MB file whole.
   */
  read(meta: ArticleMeta, atLeast?: number): string | null;
}

/** Texts kept in memory, for an index built from articles that are not files. */
export class TextsInMemory implements ArticleTexts {
  readonly #texts = new Map<string, string>();

  keep(article: Article): void {
    this.#texts.set(article.id, article.body);
  }

  forget(id: string): void {
    this.#texts.delete(id);
  }

  read(meta: ArticleMeta): string | null {
    return this.#texts.get(meta.id) ?? null;
  }
}
