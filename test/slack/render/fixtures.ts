/** Plain-object fixtures for rendering tests: pages and answers built by hand, as the core would. */
import type { Answer, ArticleHit, ArticleMeta, Excerpt, SearchPage, SearchQuery } from '../../../src/core/types.ts';

export function article(overrides: Partial<ArticleMeta> = {}): ArticleMeta {
  return {
    id: '001_a',
    file: '001_a.md',
    title: 'UN adopts first resolution on artificial intelligence',
    date: '2024-03-21',
    dateKind: 'stated',
    source: 'UN News',
    url: 'https://news.un.org/en/story/2024/03/1147831',
    tags: [],
    ...overrides,
  };
}

/** An excerpt whose `words` are marked as matches wherever they occur (case-sensitive, whole runs). */
export function excerpt(text: string, words: readonly string[] = []): Excerpt {
  if (words.length === 0) return { text, segments: [{ text, match: false }] };
  const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  const segments = text
    .split(pattern)
    .filter((part) => part.length > 0)
    .map((part) => ({ text: part, match: words.includes(part) }));
  return { text, segments };
}

export function hit(overrides: Partial<ArticleHit> = {}, meta: Partial<ArticleMeta> = {}): ArticleHit {
  return {
    article: article(meta),
    score: 10,
    excerpts: [excerpt('The General Assembly adopted a resolution on artificial intelligence.', ['artificial', 'intelligence'])],
    ...overrides,
  };
}

export function query(raw: string, overrides: Partial<SearchQuery> = {}): SearchQuery {
  return { raw, terms: raw, filters: {}, capped: false, ...overrides };
}

export function page(overrides: Partial<SearchPage> = {}): SearchPage {
  const hits = overrides.hits ?? [hit()];
  return { query: query('artificial intelligence'), hits, offset: 0, total: hits.length, corpusSize: 7, rankedWithin: null, ...overrides };
}

export function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: 'When did the UN adopt its first AI resolution?',
    kind: 'when',
    strength: 'answer',
    eventDate: null,
    best: {
      article: article(),
      excerpt: excerpt('On 21 March 2024 the General Assembly adopted the resolution by consensus.', ['resolution']),
    },
    supporting: [],
    ...overrides,
  };
}

/** All mrkdwn text of a message's blocks, joined by newlines (for "contains" checks). */
export function allText(message: { blocks: readonly unknown[] }): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else if (typeof value === 'object') visit(value);
      }
    }
  };
  visit(message.blocks);
  return texts.join('\n');
}
