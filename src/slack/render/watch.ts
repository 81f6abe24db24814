/**
 * Watch messages: the alert card posted in a watched channel (title, source,
 * date, the matching sentence quoted), the notice that a watch matched too
 * much today, and the `/aigov watch list` reply. Pure; every corpus and user
 * text escaped, every message within the limits (limits.ts).
 */
import type { ArticleMeta, Excerpt } from '../../core/types.ts';
import { renderArticleHeading, renderQuotes } from './article.ts';
import { actions, blockTextLength, button, context, section } from './blocks.ts';
import { describeInstant } from './digest.ts';
import { cleanInlineText, inlineMrkdwn } from './escape.ts';
import { fallback } from './fallback.ts';
import { fitInline } from './fit.ts';
import { MAX_BLOCKS, MESSAGE_BLOCK_TEXT_BUDGET } from './limits.ts';
import type { KnownBlock, SlackMessage } from './types.ts';

/** "Stop this watch" on an alert or a Home tab entry: its value is the watch id. */
export const UNWATCH_ACTION = 'aigov_unwatch';

/** Alerts shown in the channel post itself; the rest of a batch goes in its thread. */
export const ALERTS_IN_CHANNEL_POST = 3;
/** Alerts per thread reply: an alert is at most ~2,200 characters, so four stay well within the text budget. */
export const ALERTS_PER_REPLY = 4;
/** Characters of the quoted sentence in an alert. */
const QUOTE_BUDGET = 500;
/** Characters of the watch query echoed in a headline. */
const QUERY_BUDGET = 150;
/** Characters of a pause reason shown (ours are under 250). */
const REASON_BUDGET = 250;
/** Characters of a user or channel shown when it is not a Slack id (never expected; bounded anyway). */
const NAME_BUDGET = 40;

/** A name, time or reason from the store shown inline: cleaned to one line, escaped, cut to `budget`. */
export function shownText(text: string, budget = NAME_BUDGET): string {
  return fitInline(cleanInlineText(text) || 'unknown', budget);
}

/** A new article a watch matched, with the sentence to quote. */
export interface WatchAlertItem {
  readonly article: ArticleMeta;
  readonly excerpt: Excerpt | null;
}

export interface WatchAlertBatch {
  readonly watchId: number;
  readonly query: string;
  readonly items: readonly WatchAlertItem[];
}

/** The watch's query as inline code-free mrkdwn, cut to fit. */
function shownQuery(query: string): string {
  return fitInline(query, QUERY_BUDGET, (shown) => `“${inlineMrkdwn(shown)}”`);
}

export function alertHeadline(batch: Pick<WatchAlertBatch, 'watchId' | 'query' | 'items'>): string {
  const n = batch.items.length;
  return `:bell: ${n === 1 ? 'A new article matches' : `${n} new articles match`} watch #${batch.watchId} ${shownQuery(batch.query)}`;
}

/** Title, source · date · link, and the matching sentence quoted: one alert, at most ~2,200 characters. */
export function renderAlertItem(item: WatchAlertItem): string {
  const quote = item.excerpt === null ? [] : renderQuotes([item.excerpt], QUOTE_BUDGET, QUOTE_BUDGET);
  return [renderArticleHeading(item.article), ...quote].join('\n');
}

/**
 * A batch as messages: the channel post (headline, the first
 * {@link ALERTS_IN_CHANNEL_POST} alerts, "N more in the thread"), then thread
 * replies of {@link ALERTS_PER_REPLY} alerts each.
 */
export function renderWatchAlertParts(batch: WatchAlertBatch): SlackMessage[] {
  const headline = alertHeadline(batch);
  const first = batch.items.slice(0, ALERTS_IN_CHANNEL_POST);
  const rest = batch.items.slice(ALERTS_IN_CHANNEL_POST);
  const blocks: KnownBlock[] = [section(headline), ...first.map((item) => section(renderAlertItem(item)))];
  const notes = [`Watch #${batch.watchId} · stop it with \`/aigov unwatch ${batch.watchId}\``];
  if (rest.length > 0) notes.unshift(`${rest.length} more in the thread.`);
  blocks.push(context(notes));
  const parts: SlackMessage[] = [{ text: fallback(headline), blocks }];
  for (let i = 0; i < rest.length; i += ALERTS_PER_REPLY) {
    const chunk = rest.slice(i, i + ALERTS_PER_REPLY);
    parts.push({ text: fallback(`${headline} (continued)`), blocks: chunk.map((item) => section(renderAlertItem(item))) });
  }
  for (const part of parts) checkMessage(part);
  return parts;
}

/** Said once a day when a watch matches more than its daily bound. */
export function overLimitText(watchId: number, query: string, limit: number): string {
  return (
    `:warning: Watch #${watchId} ${shownQuery(query)} matched more than ${limit} new articles today, so I stopped posting its matches until tomorrow. ` +
    `Narrow it with more words or a filter (\`source:\`, \`after:\`), e.g. \`/aigov unwatch ${watchId}\` then \`/aigov watch &lt;narrower query&gt;\`.`
  );
}

export function renderOverLimitNotice(watchId: number, query: string, limit: number): SlackMessage {
  const text = overLimitText(watchId, query, limit);
  return { text: fallback(text), blocks: [section(text), actions([button('Stop this watch', UNWATCH_ACTION, String(watchId))])] };
}

/** What `/aigov watch list` shows of one watch. */
export interface WatchListEntry {
  readonly id: number;
  readonly query: string;
  readonly createdBy: string;
  readonly lastFiredAt: Date | null;
  readonly paused: { readonly reason: string } | null;
}

/** Slack user ids are `U…`/`W…` and upper-case alphanumerics; anything else is shown as text, never as a mention. */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : shownText(userId);
}

/** One watch on one line: `#12 “sanctions” · by @ana · last alert …`, with the pause reason when paused. */
export function describeWatch(watch: WatchListEntry, timeZone = 'UTC'): string {
  const fired = watch.lastFiredAt === null ? 'no alert yet' : `last alert ${describeInstant(watch.lastFiredAt, timeZone)}`;
  const line = `*#${watch.id}* ${shownQuery(watch.query)} · by ${userMention(watch.createdBy)} · ${fired}`;
  return watch.paused === null ? line : `${line}\n:pause_button: Paused: ${shownText(watch.paused.reason, REASON_BUDGET)}`;
}

/**
 * Watches listed per section: a line is at most ~500 characters (query 150,
 * mention, time, pause reason), so five fit a section's 3,000.
 */
const WATCHES_PER_SECTION = 5;

/** The `/aigov watch list` reply for a channel. */
export function renderWatchList(watches: readonly WatchListEntry[], emptyText: string): SlackMessage {
  if (watches.length === 0) return { text: fallback(emptyText), blocks: [section(emptyText)] };
  const headline = `${watches.length === 1 ? 'One watch' : `${watches.length} watches`} in this conversation:`;
  const blocks: KnownBlock[] = [section(headline)];
  for (let i = 0; i < watches.length; i += WATCHES_PER_SECTION) {
    const text = watches.slice(i, i + WATCHES_PER_SECTION).map((w) => describeWatch(w)).join('\n');
    blocks.push(section(text));
  }
  blocks.push(context(['Stop one with `/aigov unwatch &lt;number&gt;`.']));
  const message = { text: fallback(headline), blocks };
  checkMessage(message);
  return message;
}

function checkMessage(message: SlackMessage): void {
  if (message.blocks.length > MAX_BLOCKS) throw new RangeError(`watch message: ${message.blocks.length} blocks, over ${MAX_BLOCKS}`);
  const length = blockTextLength(message.blocks);
  if (length > MESSAGE_BLOCK_TEXT_BUDGET) throw new RangeError(`watch message: ${length} characters of block text, over ${MESSAGE_BLOCK_TEXT_BUDGET}`);
}
