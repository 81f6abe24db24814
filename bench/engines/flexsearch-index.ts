/**
 * flexsearch 0.8 over the same articles, configured for what the bot needs:
 * forward tokenizer (prefix matches) and the LatinBalance encoder (its form
 * of typo tolerance: phonetic normalisation; it has no edit distance). It
 * returns ids only, so the sentences are kept beside it (split once at
 * build, as the bot's index does) and the best ones picked with the bot's own
 * stage 2, for a like-for-like page.
 */
import FlexSearch from 'flexsearch';
import { matchSentences, bestSentences, rarityWeights } from '../../src/core/search/sentence-match.ts';
import { queryTerms } from '../../src/core/search/index-options.ts';
import { splitSentences } from '../../src/core/text.ts';
import type { Article } from '../../src/core/types.ts';

export class FlexsearchIndex {
  private constructor(
    private readonly index: InstanceType<typeof FlexSearch.Index>,
    private readonly articles: readonly Article[],
    private readonly sentences: readonly (readonly { position: number; text: string }[])[],
  ) {}

  static build(articles: readonly Article[]): FlexsearchIndex {
    const index = new FlexSearch.Index({ tokenize: 'forward', encoder: FlexSearch.Charset.LatinBalance });
    articles.forEach((article, i) => index.add(i, `${article.title}\n${article.body}`));
    const sentences = articles.map((article) => splitSentences(article.body).map((text, position) => ({ position, text })));
    return new FlexsearchIndex(index, articles, sentences);
  }

  search(text: string): { article: string; sentences: string[] }[] {
    const ids = this.index.search(text, { limit: 3, suggest: true }) as number[];
    const terms = queryTerms(text);
    const termMap = new Map(terms.map((t) => [t, t]));
    return ids.map((i) => {
      const article = this.articles[i]!;
      const sentences = matchSentences(this.sentences[i]!, termMap);
      const best = bestSentences(sentences, rarityWeights(sentences, terms), 3);
      return { article: article.id, sentences: best.map((s) => s.text) };
    });
  }
}
