/**
 * The baseline the issue measured: one MiniSearch document per sentence, the
 * sentence text stored, default tokenizer (no stop words), prefix and fuzzy
 * (0.2) on every term, OR, rebuilt at every start. Results grouped by
 * article, best three articles with their matching sentences.
 */
import MiniSearch from 'minisearch';
import { splitSentences } from '../../src/core/text.ts';
import type { Article } from '../../src/core/types.ts';

interface SentenceDoc {
  id: number;
  article: string;
  text: string;
}

export class NaiveSentenceIndex {
  private constructor(private readonly index: MiniSearch<SentenceDoc>) {}

  static build(articles: readonly Article[]): NaiveSentenceIndex {
    const index = new MiniSearch<SentenceDoc>({ fields: ['text'], storeFields: ['article', 'text'] });
    let id = 0;
    for (const article of articles) {
      const docs = [article.title, ...splitSentences(article.body)].map((text) => ({ id: id++, article: article.id, text }));
      index.addAll(docs);
    }
    return new NaiveSentenceIndex(index);
  }

  search(text: string): { article: string; sentences: string[] }[] {
    const hits = this.index.search(text, { prefix: true, fuzzy: 0.2 });
    const byArticle = new Map<string, string[]>();
    for (const hit of hits) {
      const article = hit['article'] as string;
      const sentences = byArticle.get(article) ?? [];
      if (sentences.length < 3) sentences.push(hit['text'] as string);
      byArticle.set(article, sentences);
      if (byArticle.size > 3) break;
    }
    return [...byArticle].slice(0, 3).map(([article, sentences]) => ({ article, sentences }));
  }
}
