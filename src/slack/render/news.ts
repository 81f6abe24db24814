/**
 * Block Kit for adding news: what happened to each link, the feed list, feed
 * polls, removals and the notices sent to whoever added a failing feed.
 * Pure: plain results in, messages out. Page titles, sources, feed titles
 * and error texts come from the web: every one is cleaned and escaped
 * (a title can be `<!channel>`), and every message stays within Slack's limits.
 */
import type { IngestFailureCode } from '../../ingest/ingest-types.ts';
import type { FeedPreview, FeedPreviewItem, PreviewTake } from '../../ingest/feed-preview.ts';
import type { FeedPollReport } from '../../news/feed-scheduler.ts';
import type { LinkResult, RemoveResult } from '../../news/news-desk.ts';
import type { Feed } from '../../store/feed-store.ts';
import { articleLink } from './article.ts';
import { SOURCE_UNKNOWN } from './article-meta.ts';
import { blockTextLength, section } from './blocks.ts';
import { boldMrkdwn, cleanInlineText, inlineMrkdwn } from './escape.ts';
import { fallback } from './fallback.ts';
import { fitInline } from './fit.ts';
import { MAX_BLOCKS, MESSAGE_BLOCK_TEXT_BUDGET } from './limits.ts';
import type { SectionBlock, SlackMessage } from './types.ts';

/** Longest page or feed title shown (characters before escaping); a section holds 3,000 in all. */
export const NEWS_TITLE_MAX = 200;
/** Longest error text from a fetch shown. */
export const NEWS_ERROR_MAX = 300;
/** Longest URL shown as text (a URL that is not linked). */
export const NEWS_URL_MAX = 300;

/** Why a link was not added, in the words users see. Tests check them. */
export const FAILURE_WORDS: Readonly<Record<IngestFailureCode, string>> = {
  'invalid-url': 'not an http(s) link',
  'not-allowed': 'not allowed: the address is private or local',
  'not-found': 'not found',
  'http-error': 'the site answered with an error',
  'not-html': 'not an HTML page',
  'too-large': 'too large',
  'timed-out': 'timed out',
  'too-many-redirects': 'too many redirects',
  network: 'could not reach the site',
  'no-article': 'no article text found on the page',
  'not-a-feed': 'not an RSS, Atom or JSON feed',
};

/**
 * Fixed words of the news commands. Tests check them. They are mrkdwn: `<`
 * and `>` are written as entities, so a placeholder is never read as a link.
 */
export const NEWS_TEXT = {
  duplicate: 'already in the corpus',
  removedByAdmin: 'removed by an admin, so not added again',
  crashed: 'the page made the fetcher stop; nothing was added',
  noLinks: 'I found no http(s) link to add. Try `/aigov add https://example.org/article`.',
  noLinksInMessage: 'That message has no http(s) link to add.',
  adminsOnly: 'Only aigov admins can manage feeds and remove articles. Nothing was changed or fetched.',
  noFeeds: 'No feeds yet. An admin can add one with `/aigov feeds add &lt;feed url&gt;`.',
  feedNotFound: 'No such feed. `/aigov feeds list` shows the feeds and their numbers.',
  feedsUsage:
    '`/aigov feeds list` · `/aigov feeds preview &lt;feed url&gt;` · `/aigov feeds add &lt;feed url&gt;` · `/aigov feeds remove &lt;feed url or number&gt;` · `/aigov feeds refresh` (admins only)',
  removeUsage: 'Name the article to remove: `/aigov remove &lt;article url&gt;` (admins only).',
  dateFromRetrieval: 'date unknown, retrieved',
  dateFromUrl: 'from the URL',
  dateFromFeed: 'feed date',
  never: 'never',
  stoppedGone: 'stopped: the feed is gone (HTTP 410). `/aigov feeds refresh` or adding it again resumes it.',
  malformed: 'not well-formed XML: read as far as it goes',
  noDate: 'no date',
  updatedDate: 'updated',
  takenFromFeed: 'the article text comes from the feed',
  pageFetched: 'its page would be fetched',
  previewNothingStored: 'Nothing was stored or subscribed. `/aigov feeds add &lt;feed url&gt;` subscribes.',
  previewNoItems: 'The feed has no items yet.',
} as const;

/** Feed items a preview shows in Slack (the CLI prints them all). */
export const PREVIEW_SLACK_ITEMS = 10;

/** "Adding 3 links…" (sent at once, before any fetching). */
export function workingText(count: number): string {
  return `:hourglass_flowing_sand: Adding ${count} ${count === 1 ? 'link' : 'links'}…`;
}

/** Untrusted text on one line, cleaned, escaped and cut. */
function plain(text: string, max: number): string {
  return fitInline(cleanInlineText(text), max);
}

/** Untrusted text in bold when it can be bolded cleanly (see canBold), else plain. */
function bold(text: string, max: number): string {
  return fitInline(cleanInlineText(text), max, (shown) => boldMrkdwn(shown, ' ', ' '));
}

/** A URL as text (not a link: a URL that failed may be anything), cut. */
function urlText(url: string): string {
  return plain(url, NEWS_URL_MAX);
}

/** "2025-07-30", "2025-07-30 (from the URL)", "date unknown, retrieved 2026-11-29": never an invented publication date. */
export function describeIngestedDate(date: string, basis: 'page' | 'feed' | 'url' | 'retrieved'): string {
  switch (basis) {
    case 'page':
      return date;
    case 'feed':
      return `${date} (${NEWS_TEXT.dateFromFeed})`;
    case 'url':
      return `${date} (${NEWS_TEXT.dateFromUrl})`;
    case 'retrieved':
      return `${NEWS_TEXT.dateFromRetrieval} ${date}`;
  }
}

/** One line of mrkdwn saying what happened to one link. */
export function linkResultLine(result: LinkResult): string {
  switch (result.kind) {
    case 'added': {
      const source = result.source !== null && result.source.trim() !== '' ? result.source : SOURCE_UNKNOWN;
      const link = articleLink(result.canonicalUrl);
      return `:white_check_mark: ${bold(result.title, NEWS_TITLE_MAX)}, ${plain(source, NEWS_TITLE_MAX)} · ${describeIngestedDate(result.date, result.dateBasis)}${link === null ? '' : ` · ${link}`}`;
    }
    case 'duplicate': {
      const title = result.title === null ? '' : `: ${bold(result.title, NEWS_TITLE_MAX)}`;
      return `:ballot_box_with_check: ${urlText(result.url)}: ${NEWS_TEXT.duplicate}${title}`;
    }
    case 'removed':
      return `:no_entry_sign: ${urlText(result.url)}: ${NEWS_TEXT.removedByAdmin}`;
    case 'failed':
      return `:x: ${urlText(result.url)}: ${FAILURE_WORDS[result.code]} (${plain(result.message, NEWS_ERROR_MAX)})`;
    case 'crashed':
      return `:x: ${urlText(result.url)}: ${NEWS_TEXT.crashed}`;
  }
}

/** Sections of lines, stopping (with a count of the rest) before Slack's block and text limits. */
function linesMessage(heading: string, lines: readonly string[], restLine: (rest: number) => string): SlackMessage {
  const blocks: SectionBlock[] = [section(heading)];
  let shown = 0;
  for (const line of lines) {
    const block = section(line);
    // One block kept free for the "and N more" line.
    if (blocks.length >= MAX_BLOCKS - 1 || blockTextLength([...blocks, block]) > MESSAGE_BLOCK_TEXT_BUDGET - 200) break;
    blocks.push(block);
    shown += 1;
  }
  if (shown < lines.length) blocks.push(section(restLine(lines.length - shown)));
  return { text: fallback(heading), blocks };
}

/** What happened to each link of `/aigov add` or the shortcut. */
export function renderLinkResults(results: readonly LinkResult[], skipped: number): SlackMessage {
  const added = results.filter((r) => r.kind === 'added').length;
  const heading = `Added ${added} of ${results.length} ${results.length === 1 ? 'link' : 'links'} to the corpus.`;
  const lines = results.map(linkResultLine);
  if (skipped > 0) lines.push(`${skipped} more ${skipped === 1 ? 'link was' : 'links were'} not taken: at most ${results.length} at a time.`);
  return linesMessage(heading, lines, (rest) => `…and ${rest} more.`);
}

function instant(date: Date | null): string {
  return date === null ? NEWS_TEXT.never : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One feed of `feeds list`: number, title, URL, articles taken, last success, last error, next poll. */
export function feedLine(feed: Feed, position: number): string {
  const title = feed.title === null ? '(title not read yet)' : bold(feed.title, NEWS_TITLE_MAX);
  const parts = [`${position}. ${title}  ${urlText(feed.url)}`];
  parts.push(`${feed.articlesTaken} ${feed.articlesTaken === 1 ? 'article' : 'articles'} taken · last success: ${instant(feed.lastSuccessAt)}`);
  if (feed.malformed !== null) parts.push(`:warning: ${NEWS_TEXT.malformed} (${plain(feed.malformed, NEWS_ERROR_MAX)})`);
  if (feed.lastError !== null) {
    const inARow = feed.consecutiveFailures > 0 ? ` (${feed.consecutiveFailures} failed ${feed.consecutiveFailures === 1 ? 'poll' : 'polls'} in a row)` : '';
    parts.push(`last error: ${plain(feed.lastError.message, NEWS_ERROR_MAX)} at ${instant(feed.lastError.at)}${inARow}`);
  }
  parts.push(feed.stopped !== null ? `:warning: ${NEWS_TEXT.stoppedGone}` : `next poll: ${instant(feed.nextPollAt)}`);
  return parts.join('\n');
}

export function renderFeedList(feeds: readonly Feed[]): SlackMessage {
  if (feeds.length === 0) return { text: NEWS_TEXT.noFeeds, blocks: [section(NEWS_TEXT.noFeeds)] };
  const heading = `*${feeds.length} ${feeds.length === 1 ? 'feed' : 'feeds'}*`;
  return linesMessage(heading, feeds.map((f, i) => feedLine(f, i + 1)), (rest) => `…and ${rest} more (\`npm run cli -- feeds list\` shows all).`);
}

/** One line per polled feed. */
export function pollReportLine(report: FeedPollReport): string {
  const name = report.title === null ? urlText(report.url) : bold(report.title, NEWS_TITLE_MAX);
  switch (report.status) {
    case 'ok':
      return `:white_check_mark: ${name}: ${report.added} new ${report.added === 1 ? 'article' : 'articles'}${report.duplicates > 0 ? `, ${report.duplicates} already known` : ''}${report.failedItems > 0 ? `, ${report.failedItems} could not be taken` : ''}`;
    case 'not-modified':
      return `:white_check_mark: ${name}: nothing new`;
    case 'gone':
      return `:warning: ${name}: ${NEWS_TEXT.stoppedGone}`;
    case 'failed':
      return `:x: ${name}: ${plain(report.error ?? 'failed', NEWS_ERROR_MAX)}`;
    case 'deferred':
      return `:hourglass: ${name}: not polled now, ${plain(report.error ?? 'deferred', NEWS_ERROR_MAX)}`;
  }
}

export function renderPollReports(heading: string, reports: readonly FeedPollReport[]): SlackMessage {
  return linesMessage(inlineMrkdwn(heading), reports.map(pollReportLine), (rest) => `…and ${rest} more.`);
}

export function renderRemoveResult(result: RemoveResult): SlackMessage {
  let line: string;
  switch (result.status) {
    case 'removed':
      line = `Removed ${bold(result.title, NEWS_TITLE_MAX)} from the corpus. No feed will bring it back.`;
      break;
    case 'not-ingested':
      line = `${urlText(result.canonicalUrl)} is not an article aigov added, so no file was removed; it is now marked as removed, so no feed will bring it in.`;
      break;
    case 'invalid-url':
      line = `${urlText(result.url)} is not an http(s) link. ${NEWS_TEXT.removeUsage}`;
      break;
  }
  return { text: fallback(line), blocks: [section(line)] };
}

/** The DM to whoever added a feed that failed several polls in a row (sent once per run of failures). */
export function renderFeedFailingNotice(feed: Feed): SlackMessage {
  const name = feed.title === null ? urlText(feed.url) : `${bold(feed.title, NEWS_TITLE_MAX)} (${urlText(feed.url)})`;
  const error = feed.lastError === null ? '' : ` The last error: ${plain(feed.lastError.message, NEWS_ERROR_MAX)}.`;
  const line = `:warning: The feed ${name} you added to aigov failed ${feed.consecutiveFailures} polls in a row.${error} I keep trying, less often; \`/aigov feeds list\` shows where it stands.`;
  return { text: fallback(line), blocks: [section(line)] };
}

/** The DM to whoever added a feed that answered 410 Gone. */
export function renderFeedStoppedNotice(feed: Feed): SlackMessage {
  const name = feed.title === null ? urlText(feed.url) : `${bold(feed.title, NEWS_TITLE_MAX)} (${urlText(feed.url)})`;
  const line = `:warning: The feed ${name} you added to aigov is gone (HTTP 410), so I stopped polling it. \`/aigov feeds refresh\` or adding it again resumes it.`;
  return { text: fallback(line), blocks: [section(line)] };
}

/** What the pipeline would do with a previewed item, in words (shared with the CLI). */
export function previewTakeWords(take: PreviewTake): string {
  switch (take.kind) {
    case 'from-feed':
      return NEWS_TEXT.takenFromFeed;
    case 'page':
      return NEWS_TEXT.pageFetched;
    case 'refused':
      return take.reason;
  }
}

/** "2004-01-01 12:00 UTC", "2004-01-01 12:00 UTC (updated)" or "no date". */
export function previewDateWords(item: FeedPreviewItem): string {
  if (item.published === null) return NEWS_TEXT.noDate;
  const shown = `${item.published.slice(0, 16).replace('T', ' ')} UTC`;
  return item.dateIsUpdate ? `${shown} (${NEWS_TEXT.updatedDate})` : shown;
}

function previewItemLine(item: FeedPreviewItem, position: number): string {
  const title = item.title === null ? '(no title)' : bold(item.title, NEWS_TITLE_MAX);
  const icon = item.take.kind === 'refused' ? ':no_entry_sign:' : item.take.kind === 'from-feed' ? ':page_facing_up:' : ':globe_with_meridians:';
  const link = articleLink(item.url) ?? (item.url === null ? 'no link' : urlText(item.url));
  return `${position}. ${title} · ${previewDateWords(item)}\n${icon} ${plain(previewTakeWords(item.take), NEWS_ERROR_MAX)} · ${link}`;
}

/** `/aigov feeds preview <url>`: the feed's title and first items as subscribing would take them, or why it cannot be read. */
export function renderFeedPreview(preview: FeedPreview): SlackMessage {
  if (!preview.ok) {
    const line = `:x: ${urlText(preview.source)}: ${preview.code === 'unreadable' ? 'could not be read' : FAILURE_WORDS[preview.code]} (${plain(preview.error, NEWS_ERROR_MAX)}). Nothing was stored.`;
    return { text: fallback(line), blocks: [section(line)] };
  }
  const title = preview.feed.title === null ? '(no title)' : bold(preview.feed.title, NEWS_TITLE_MAX);
  const count = preview.items.length;
  const head = [`*Preview* of ${title}  ${urlText(preview.location)}`, `${count} ${count === 1 ? 'item' : 'items'} in the feed${count > PREVIEW_SLACK_ITEMS ? `; the first ${PREVIEW_SLACK_ITEMS}:` : '.'}`];
  if (preview.malformed !== null) head.push(`:warning: ${NEWS_TEXT.malformed} (${plain(preview.malformed, NEWS_ERROR_MAX)})`);
  if (count === 0) head.push(NEWS_TEXT.previewNoItems);
  const lines = preview.items.slice(0, PREVIEW_SLACK_ITEMS).map((item, i) => previewItemLine(item, i + 1));
  lines.push(NEWS_TEXT.previewNothingStored);
  return linesMessage(head.join('\n'), lines, (rest) => `…and ${rest} more.`);
}
