/**
 * What text the bot keeps from a feed item, and whether that text is the
 * article (no page fetched) or a teaser (the page is fetched): shared by
 * polling and the preview, so the preview says what polling will do.
 */
import { htmlToParagraphs } from '../extract/html-to-text.ts';
import { DEFAULT_CHAR_THRESHOLD } from '../extract/extract-article.ts';
import type { FeedItem } from './parse-feed.ts';

/**
 * An item whose own text has at least this many characters is the article:
 * no page is fetched. Shorter text is a teaser; the page is fetched.
 * Readability's own threshold for "this is an article".
 */
export const FULL_CONTENT_MIN_CHARS = DEFAULT_CHAR_THRESHOLD;

/** The plain text of an item: the fuller of its content and its summary, as paragraphs (no markup, no script or style text). */
export function itemParagraphs(item: Pick<FeedItem, 'contentHtml' | 'summaryHtml'>): string[] {
  const content = item.contentHtml === null ? [] : htmlToParagraphs(item.contentHtml);
  const summary = item.summaryHtml === null ? [] : htmlToParagraphs(item.summaryHtml);
  const length = (paragraphs: readonly string[]): number => paragraphs.reduce((n, p) => n + p.length, 0);
  return length(summary) > length(content) ? summary : content;
}

/** True when the item's text is the whole article (see {@link FULL_CONTENT_MIN_CHARS}). */
export function carriesArticle(paragraphs: readonly string[]): boolean {
  return paragraphs.join(' ').length >= FULL_CONTENT_MIN_CHARS;
}
