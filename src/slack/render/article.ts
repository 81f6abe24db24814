/**
 * mrkdwn for one article: its heading (title, source, date, link) and quoted
 * excerpts with the matched words in bold. Shared by search results and
 * answers so both show an article the same way.
 */
import type { ArticleMeta, Excerpt, TextSegment } from '../../core/types.ts';
import { describeArticleMeta } from './article-meta.ts';
import { boldMrkdwn, cleanChars, cleanInlineText, escapeMrkdwn } from './escape.ts';
import { fitInline, fitText } from './fit.ts';
import { parseHttpUrl } from '../../core/http-url.ts';

/** Shown for an article whose title is empty. */
export const UNTITLED = '(untitled)';

/** The words of the link to an article's URL. */
export const LINK_LABEL = 'open article';

/** Separates source, date and link on an article's second line. */
export const META_SEPARATOR = ' · ';

/** Most characters of mrkdwn for a title, a source and a date: long enough for any real one, short enough to leave room for the quotes. */
const TITLE_BUDGET = 300;
const SOURCE_BUDGET = 150;
const DATE_BUDGET = 60;

/** URLs longer than this once escaped (`&` counts five) are not linked: a link cannot be shortened, and a section holds 3,000 characters in all. */
export const LINK_URL_MAX = 1000;

/**
 * The mrkdwn link to an article's URL, or null when there is none to show:
 * only http(s) URLs are linked (a corpus `javascript:` or `slack://` URL is
 * not), normalised by the WHATWG URL parser, which percent-encodes spaces,
 * `<`, `>` and control characters. `|` would end the URL part of `<url|label>`,
 * so it is percent-encoded too.
 */
export function articleLink(url: string | null): string | null {
  if (url === null) return null;
  const parsed = parseHttpUrl(url.trim());
  if (!parsed.ok) return null;
  const href = parsed.url.href.replace(/\|/g, '%7C');
  if (/[\s<>|]/u.test(href)) return null;
  const escaped = escapeMrkdwn(href);
  return escaped.length > LINK_URL_MAX ? null : `<${escaped}|${LINK_LABEL}>`;
}

/**
 * Two lines of mrkdwn: the title in bold (after `number. ` when given), then
 * the meta line (see {@link renderMetaLine}). At most about 1,600 characters.
 */
export function renderArticleHeading(article: ArticleMeta, number?: number): string {
  const title = cleanInlineText(article.title) || UNTITLED;
  const prefix = number === undefined ? '' : `${number}. `;
  const titleLine = prefix + fitInline(title, TITLE_BUDGET, (shown) => boldMrkdwn(shown, prefix));
  return `${titleLine}\n${renderMetaLine(article)}`;
}

/** `source · date · <url|open article>` in mrkdwn; the link only when `withLink` and the URL can be linked. */
export function renderMetaLine(article: ArticleMeta, withLink = true): string {
  // Clean before describing, so a source of nothing but control characters reads "source unknown".
  const words = describeArticleMeta({
    source: article.source === null ? null : cleanInlineText(article.source),
    date: article.date === null ? null : cleanInlineText(article.date),
    dateKind: article.dateKind,
  });
  const parts = [fitInline(words.source, SOURCE_BUDGET), fitInline(words.date, DATE_BUDGET)];
  const link = withLink ? articleLink(article.url) : null;
  if (link !== null) parts.push(link);
  return parts.join(META_SEPARATOR);
}

/** A run of excerpt text after cleaning. */
interface Run {
  text: string;
  match: boolean;
}

/**
 * The excerpt's runs, cleaned to one line, with neighbours of the same kind
 * merged (two matched words side by side make one bold run, not `*a**b*`).
 * When the segments do not join up to the excerpt's text, the text is shown
 * unhighlighted rather than trusting them.
 */
function excerptRuns(excerpt: Excerpt): Run[] {
  const segments: readonly TextSegment[] =
    excerpt.segments.map((s) => s.text).join('') === excerpt.text ? excerpt.segments : [{ text: excerpt.text, match: false }];
  const runs: Run[] = [];
  for (const segment of segments) {
    let text = cleanChars(segment.text).replace(/\s+/g, ' ');
    const previous = runs.at(-1);
    if (previous === undefined) text = text.trimStart();
    else if (previous.text.endsWith(' ')) text = text.replace(/^ /, '');
    if (text.length === 0) continue;
    if (previous !== undefined && previous.match === segment.match) previous.text += text;
    else runs.push({ text, match: segment.match });
  }
  const last = runs.at(-1);
  if (last !== undefined) {
    last.text = last.text.trimEnd();
    if (last.text.length === 0) runs.pop();
  }
  return runs;
}

/** The runs covering the first `length` characters of their joined text. */
function takePrefix(runs: readonly Run[], length: number): Run[] {
  const kept: Run[] = [];
  let remaining = length;
  for (const run of runs) {
    if (remaining <= 0) break;
    kept.push(run.text.length <= remaining ? run : { text: run.text.slice(0, remaining), match: run.match });
    remaining -= run.text.length;
  }
  return kept;
}

function renderRuns(runs: readonly Run[], cut: boolean): string {
  const ellipsis = cut ? '…' : '';
  const parts = runs.map((run, i) => {
    if (!run.match) return escapeMrkdwn(run.text);
    const before = runs[i - 1]?.text ?? '';
    const after = runs[i + 1]?.text ?? ellipsis;
    return boldMrkdwn(run.text, before, after);
  });
  return parts.join('') + ellipsis;
}

/**
 * One excerpt as one line of mrkdwn (without the `>` quote marker), matched
 * words in bold where that is safe (see `canBold`), cut with `…` to at most
 * `budget` characters. Empty when the excerpt has no text.
 */
export function renderExcerpt(excerpt: Excerpt, budget: number): string {
  const runs = excerptRuns(excerpt);
  const text = runs.map((r) => r.text).join('');
  if (text.length === 0) return '';
  return fitText(text, budget, (prefix, cut) => renderRuns(takePrefix(runs, prefix.length), cut));
}

/** Quote marker for a line of mrkdwn. */
export const QUOTE_PREFIX = '> ';

/**
 * Quoted excerpts, one `>` line each, sharing `budget` characters between them
 * (each gets an equal share, and no more than `perExcerptMax`). Excerpts that
 * render empty are left out.
 */
export function renderQuotes(excerpts: readonly Excerpt[], budget: number, perExcerptMax: number): string[] {
  const nonEmpty = excerpts.filter((e) => cleanInlineText(e.text).length > 0);
  if (nonEmpty.length === 0) return [];
  // Each line costs its marker and a newline besides the excerpt itself.
  const share = Math.floor(budget / nonEmpty.length) - QUOTE_PREFIX.length - 1;
  const each = Math.min(perExcerptMax, share);
  if (each < 1) return [];
  return nonEmpty.map((e) => QUOTE_PREFIX + renderExcerpt(e, each)).filter((line) => line.length > QUOTE_PREFIX.length);
}
