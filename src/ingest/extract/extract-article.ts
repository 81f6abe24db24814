/**
 * The main text of a page, with @mozilla/readability on linkedom, reduced to
 * plain paragraphs. Readability mutates the document it is given, so every
 * attempt gets a fresh parse; the metadata step reads its own.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToParagraphs } from './html-to-text.ts';

/** Readability's own default: below this many characters it retries with looser rules. */
export const DEFAULT_CHAR_THRESHOLD = 500;
/**
 * Second attempt for short posts (a press release of three paragraphs, CJK
 * text: readability #381, #429): accept the best candidate from 100 characters.
 */
export const SHORT_POST_CHAR_THRESHOLD = 100;
/** Fewer characters of text than this is not an article (a login wall, an empty shell, an error page). */
export const MIN_ARTICLE_CHARS = 80;
/**
 * Text kept from one page; the rest is cut at a paragraph (or a space) and the
 * cut said in the text. A news article is a few thousand characters; the
 * corpus loader refuses files above 5 MiB.
 */
export const MAX_ARTICLE_TEXT_CHARS = 300_000;
/** Readability gives up on documents with more elements than this (a hostile or broken page). */
export const MAX_ELEMENTS = 60_000;

/** Appended where an article was cut at {@link MAX_ARTICLE_TEXT_CHARS}. */
export const TRUNCATION_NOTE = '[…] (text cut: the page was longer than the bot keeps)';

export class NoArticleError extends Error {
  override readonly name = 'NoArticleError';
  readonly code = 'no-article' as const;
  constructor(reason: string) {
    super(reason);
  }
}

export class NotHtmlError extends Error {
  override readonly name = 'NotHtmlError';
  readonly code = 'not-html' as const;
  constructor(readonly mediaType: string | null) {
    super(`not a web page (${mediaType ?? 'no content type'})`);
  }
}

export interface ExtractedArticle {
  /** Readability's title (from the page's metadata or its headings), or null. */
  readonly title: string | null;
  /** Plain text paragraphs, never markup. */
  readonly paragraphs: readonly string[];
  /** True when the text was cut at {@link MAX_ARTICLE_TEXT_CHARS}. */
  readonly truncated: boolean;
}

/** Media types read as pages. Anything else (PDF, images, JSON, plain text) is `not-html`. */
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** Throws {@link NotHtmlError} unless the response is a web page (a missing type is sniffed). */
export function assertHtml(mediaType: string | null, text: string): void {
  if (mediaType !== null ? HTML_TYPES.has(mediaType) : /^\s*(?:<!doctype html|<html|<head|<body)/i.test(text)) return;
  throw new NotHtmlError(mediaType);
}

/** Extracts the article, or throws {@link NoArticleError}. */
export function extractArticle(html: string): ExtractedArticle {
  let best = runReadability(html, DEFAULT_CHAR_THRESHOLD);
  if (best === null || textLength(best.paragraphs) < DEFAULT_CHAR_THRESHOLD) {
    const short = runReadability(html, SHORT_POST_CHAR_THRESHOLD);
    if (short !== null && textLength(short.paragraphs) >= MIN_ARTICLE_CHARS) best = short;
  }
  if (best === null || textLength(best.paragraphs) < MIN_ARTICLE_CHARS) {
    throw new NoArticleError('no article text found on the page');
  }
  return capText(best);
}

function runReadability(html: string, charThreshold: number): { title: string | null; paragraphs: string[] } | null {
  const { document } = parseHTML(html);
  let result;
  try {
    result = new Readability(document as never, { charThreshold, maxElemsToParse: MAX_ELEMENTS }).parse();
  } catch {
    // Readability throws on documents past maxElemsToParse; linkedom on some broken markup.
    return null;
  }
  if (!result?.content) return null;
  const title = result.title?.replace(/\s+/g, ' ').trim() || null;
  return { title, paragraphs: htmlToParagraphs(result.content) };
}

function textLength(paragraphs: readonly string[]): number {
  let length = 0;
  for (const p of paragraphs) length += p.length;
  return length;
}

function capText(article: { title: string | null; paragraphs: string[] }): ExtractedArticle {
  if (textLength(article.paragraphs) <= MAX_ARTICLE_TEXT_CHARS) return { ...article, truncated: false };
  const kept: string[] = [];
  let length = 0;
  for (const paragraph of article.paragraphs) {
    if (length + paragraph.length > MAX_ARTICLE_TEXT_CHARS) {
      const room = MAX_ARTICLE_TEXT_CHARS - length;
      // One enormous paragraph: cut it at a space rather than drop it whole.
      if (room > 0 && kept.length === 0) {
        const cut = paragraph.slice(0, room);
        kept.push(cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)));
      }
      break;
    }
    kept.push(paragraph);
    length += paragraph.length;
  }
  kept.push(TRUNCATION_NOTE);
  return { title: article.title, paragraphs: kept, truncated: true };
}
