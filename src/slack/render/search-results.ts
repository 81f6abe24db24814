/**
 * Messages for `/aigov search`: a page of results, no results, a query that
 * could not be read. The core has already decided what the page holds; this
 * only lays it out within Slack's limits.
 */
import { MAX_QUERY_CHARS } from '../../core/search/parse-query.ts';
import type { ArticleHit, SearchPage } from '../../core/types.ts';
import { encodeSearchButtonValue, MORE_RESULTS, SHARE_RESULTS } from './action-ids.ts';
import { renderArticleHeading, renderQuotes } from './article.ts';
import { actions, blockTextLength, button, context, section } from './blocks.ts';
import { alsoReportedByLine } from './also-reported.ts';
import { feedbackButtons } from './feedback.ts';
import { cleanInlineText } from './escape.ts';
import { fallback } from './fallback.ts';
import { fitInline } from './fit.ts';
import { MAX_BLOCKS, MESSAGE_BLOCK_TEXT_BUDGET, SECTION_TEXT_MAX } from './limits.ts';
import type { Button, KnownBlock, SlackMessage } from './types.ts';

/** Label of the button that shows the next page. */
export const MORE_RESULTS_LABEL = 'More results';

/** Label of the button that posts the results for the whole channel. */
export const SHARE_RESULTS_LABEL = 'Share in channel';

/** Said when the user's query was longer than the parser's cap and was cut. */
export const QUERY_CAPPED_NOTE = `Your query was longer than ${MAX_QUERY_CHARS} characters, so only its first ${MAX_QUERY_CHARS} were searched.`;

/**
 * Said when articles matched only by very common words were ranked among the
 * newest (SearchPage.rankedWithin): why, and how to reach older ones.
 */
export function rankedWithinNote(newest: number): string {
  return `Some of these words are in most articles: articles matched only by them were ranked among the ${newest.toLocaleString('en-US')} newest. Add a rarer word, or \`before:\` a date, to reach older articles.`;
}

/** Opens the no-results message, before the query. */
export const NO_RESULTS_TEXT = 'Nothing in the corpus matches';

/** Suggests a broader query after no results. */
export const BROADER_QUERY_HINT =
  'Try a broader search: fewer words, and no `after:`, `before:` or `source:` filters. For example: `/aigov search capacity-building`';

/** Opens the message for a query that could not be read, before the parser's explanation. */
export const QUERY_ERROR_INTRO = "I couldn't read that search:";

/** How filters are written, shown after a query error. */
export const FILTER_HELP =
  'Filters: `after:2024-01-01` (on or after a day or month), `before:2025-06` (before a day or month), ' +
  '`source:"Global Times"` (the source contains these words). Dates are written `YYYY-MM-DD` or `YYYY-MM`. ' +
  'For example: `/aigov search sanctions after:2024-01-01`';

/**
 * What a Slack user id looks like (`U…` or, on Enterprise Grid, `W…`). The
 * caller validates `sharedBy` against it; the renderer checks again because
 * it is the one place a mention is written.
 */
export const SLACK_USER_ID_PATTERN = /^[UW][A-Z0-9]{2,}$/;

/** `Shared by <@U…>`, the only mention any renderer writes. */
export function sharedByText(userId: string): string {
  return `Shared by <@${userId}>`;
}

/** "Articles 1–3 of 5 matching · corpus of 7 articles". */
export function countLine(from: number, to: number, total: number, corpusSize: number): string {
  const range = from === to ? `Article ${from}` : `Articles ${from}–${to}`;
  return `${range} of ${total} matching · corpus of ${corpusSize} ${corpusSize === 1 ? 'article' : 'articles'}`;
}

/**
 * Said when some hits of the page did not fit in the message; `pagesOn` when
 * a "More results" button will show them.
 */
export function leftOutNote(count: number, pagesOn: boolean): string {
  const what = count === 1 ? '1 more result on this page' : `${count} more results on this page`;
  const next = pagesOn ? `; *${MORE_RESULTS_LABEL}* continues from ${count === 1 ? 'it' : 'them'}` : '';
  return `${what} did not fit in one message${next}.`;
}

/** Most characters of mrkdwn for the user's query where it is echoed. */
const QUERY_BUDGET = 300;

/** Most characters of mrkdwn for one quoted excerpt; three fill about half a section. */
const EXCERPT_BUDGET = 600;

/**
 * Blocks besides the hits: the shared-by line, the heading, the count
 * context, the buttons.
 */
const FIXED_BLOCKS = 4;

/** Most hit sections a message can hold (one block each). */
export const MAX_HIT_SECTIONS = MAX_BLOCKS - FIXED_BLOCKS;

/** Options for {@link renderSearchResults}. */
export interface SearchResultsOptions {
  /** Offer a "Share in channel" button (for a reply only the user sees). */
  readonly shareable: boolean;
  /** The Slack user id of whoever shared the results, already validated against {@link SLACK_USER_ID_PATTERN}. */
  readonly sharedBy?: string;
  /** The recorded page's id: adds 👍 / 👎 buttons that carry it (feedback.ts). */
  readonly feedbackId?: string;
}

/**
 * A page of search results: for each article, best first, its title, source,
 * date and link ("Also reported by" the other outlets of a re-reported story,
 * which is listed once), then one to three quoted excerpts with the matched words in
 * bold; a line counting the results; "More results" while more remain and,
 * when `shareable`, "Share in channel".
 *
 * Stays within Slack's limits whatever the page holds: excerpts are cut, and
 * hits that would take the message past `MESSAGE_BLOCK_TEXT_BUDGET` or
 * `MAX_BLOCKS` are left for the next page (the message says how many,
 * and "More results" starts from the first of them). A page without hits is
 * rendered as {@link renderNoResults} (with the shared-by line when given).
 *
 * @throws TypeError when `sharedBy` is not a Slack user id.
 */
export function renderSearchResults(page: SearchPage, options: SearchResultsOptions): SlackMessage {
  if (options.sharedBy !== undefined && !SLACK_USER_ID_PATTERN.test(options.sharedBy)) {
    throw new TypeError(`renderSearchResults: sharedBy '${options.sharedBy}' is not a Slack user id`);
  }
  if (page.hits.length === 0) {
    // A shared page can come back empty when the corpus changed; the channel should still see who shared it.
    const empty = renderNoResults(page);
    return options.sharedBy === undefined ? empty : { ...empty, blocks: [context([sharedByText(options.sharedBy)]), ...empty.blocks] };
  }
  const sections = page.hits.slice(0, MAX_HIT_SECTIONS).map((hit, i) => renderHit(hit, page.offset + i + 1));
  // Drop hits from the end until the whole message fits; the first always does
  // (one section is at most 3,000 characters, the rest well under 8,000).
  for (let shown = sections.length; ; shown--) {
    const message = assembleResults(page, options, sections.slice(0, shown));
    if (shown === 1 || blockTextLength(message.blocks) <= MESSAGE_BLOCK_TEXT_BUDGET) return message;
  }
}

/** One hit as the text of one section: heading, then quotes in the room left. */
function renderHit(hit: ArticleHit, number: number): string {
  const also = alsoReportedByLine(hit.alsoReportedBy);
  const heading = renderArticleHeading(hit.article, number) + (also === null ? '' : `\n${also}`);
  const quotes = renderQuotes(hit.excerpts.slice(0, 3), SECTION_TEXT_MAX - heading.length, EXCERPT_BUDGET);
  return [heading, ...quotes].join('\n');
}

function assembleResults(page: SearchPage, options: SearchResultsOptions, hitSections: readonly string[]): SlackMessage {
  const shown = hitSections.length;
  const nextOffset = page.offset + shown;
  const total = Math.max(page.total, page.offset + page.hits.length);
  const count = countLine(page.offset + 1, nextOffset, total, page.corpusSize);

  const buttons: Button[] = [];
  const moreValue = nextOffset < total ? searchButtonValue(page.query.raw, nextOffset) : null;
  if (moreValue !== null) buttons.push(button(MORE_RESULTS_LABEL, MORE_RESULTS, moreValue));
  const shareValue = options.shareable ? searchButtonValue(page.query.raw, page.offset) : null;
  if (shareValue !== null) buttons.push(button(SHARE_RESULTS_LABEL, SHARE_RESULTS, shareValue));
  if (options.feedbackId !== undefined) buttons.push(...feedbackButtons(options.feedbackId));

  const notes = [count];
  if (page.rankedWithin !== null) notes.push(rankedWithinNote(page.rankedWithin));
  if (page.query.capped) notes.push(QUERY_CAPPED_NOTE);
  if (shown < page.hits.length) notes.push(leftOutNote(page.hits.length - shown, moreValue !== null));

  const blocks: KnownBlock[] = [];
  if (options.sharedBy !== undefined) blocks.push(context([sharedByText(options.sharedBy)]));
  blocks.push(section(resultsHeading(page.query.raw)));
  for (const text of hitSections) blocks.push(section(text));
  blocks.push(context(notes));
  if (buttons.length > 0) blocks.push(actions(buttons));

  return { text: fallback(`${resultsHeading(page.query.raw)}: ${count}`), blocks };
}

/** `Results for “query”`, the query cleaned, escaped and cut. */
function resultsHeading(rawQuery: string): string {
  const query = cleanInlineText(rawQuery);
  return query.length === 0 ? 'Results' : `Results for “${fitInline(query, QUERY_BUDGET)}”`;
}

/**
 * The button value for a query and offset, or null when the query cannot be
 * encoded within the value limit (only a query made mostly of control
 * characters can be that long): the button is then left out rather than
 * paging a different query.
 */
function searchButtonValue(q: string, o: number): string | null {
  try {
    return encodeSearchButtonValue({ q, o });
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}

/**
 * Nothing matched: says so, echoes the query, and suggests a broader one
 * (fewer words, no filters) with an example.
 */
export function renderNoResults(page: SearchPage): SlackMessage {
  const query = cleanInlineText(page.query.raw);
  const echoed = query.length === 0 ? '' : ` “${fitInline(query, QUERY_BUDGET)}”`;
  const lead = `${NO_RESULTS_TEXT}${echoed}.`;
  const blocks: KnownBlock[] = [section(`${lead}\n${BROADER_QUERY_HINT}`)];
  const notes = [`corpus of ${page.corpusSize} ${page.corpusSize === 1 ? 'article' : 'articles'}`];
  if (page.query.capped) notes.push(QUERY_CAPPED_NOTE);
  blocks.push(context(notes));
  return { text: fallback(lead), blocks };
}

/** The query could not be read: the parser's explanation, then how filters are written. */
export function renderQueryError(error: string): SlackMessage {
  const explanation = cleanInlineText(error);
  const lead = `${QUERY_ERROR_INTRO} ${explanation.length === 0 ? 'unknown error' : fitInline(explanation, 1000)}`;
  return { text: fallback(lead), blocks: [section(`${lead}\n${FILTER_HELP}`)] };
}

// The usage message lives in usage.ts; re-exported because `/aigov search` with no terms answers with it.
export { renderUsage } from './usage.ts';
