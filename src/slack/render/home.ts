/**
 * The bot's Home tab, for one user: their watches and the workspace's others
 * (each with a Stop button), the digest subscriptions, the corpus (size,
 * newest articles, what came in today), and for admins the feeds with their
 * health and the feedback summary; a button opens the search modal. Pure,
 * and within Block Kit's view limits whatever the counts: long lists are cut
 * with "and N more".
 */
import type { ArticleMeta } from '../../core/types.ts';
import { renderMetaLine, UNTITLED } from './article.ts';
import { actions, blockTextLength, button, context, section } from './blocks.ts';
import { describeInstant } from './digest.ts';
import { boldMrkdwn, cleanInlineText } from './escape.ts';
import { fitInline } from './fit.ts';
import { HEADER_TEXT_MAX, VIEW_BLOCK_TEXT_BUDGET, VIEW_MAX_BLOCKS } from './limits.ts';
import type { KnownBlock } from './types.ts';
import { describeWatch, shownText, UNWATCH_ACTION, type WatchListEntry } from './watch.ts';

/** The Home tab's "Search the corpus" button: opens the search modal. */
export const HOME_SEARCH_ACTION = 'aigov_home_search';

/** Watches shown with a Stop button, per list (yours, others'); the rest are counted. */
export const HOME_WATCHES_SHOWN = 10;
/** Digest subscriptions listed. */
export const HOME_SUBSCRIPTIONS_SHOWN = 10;
/** Newest articles listed. */
export const HOME_NEWEST_SHOWN = 5;
/** Feeds listed for admins. */
export const HOME_FEEDS_SHOWN = 10;
/** Feedback summary lines shown to admins. */
export const HOME_FEEDBACK_LINES = 10;

export interface HomeWatch extends WatchListEntry {
  readonly channelId: string;
}

export interface HomeSubscription {
  readonly channelId: string;
  readonly time: string;
  readonly timeZone: string;
  readonly paused: { readonly reason: string } | null;
}

/** A feed and its health, as the feed store knows it (the fields App Home shows). */
export interface HomeFeed {
  readonly url: string;
  readonly title: string | null;
  readonly consecutiveFailures: number;
  readonly lastSuccessAt: Date | null;
  readonly lastError: { readonly message: string; readonly at: Date } | null;
  readonly stopped: { readonly reason: string } | null;
}

export interface HomeData {
  readonly userId: string;
  readonly isAdmin: boolean;
  readonly watches: readonly HomeWatch[];
  readonly subscriptions: readonly HomeSubscription[];
  readonly corpus: {
    readonly articles: number;
    readonly newest: readonly ArticleMeta[];
    /** Articles first seen since the start of today (UTC). */
    readonly today: number;
  };
  /** Null when this build has no feed store (admins are told). */
  readonly feeds: readonly HomeFeed[] | null;
  /** The feedback summary as lines of plain text, or null when there is none to show. */
  readonly feedback: readonly string[] | null;
}

/** A Home tab view, for `views.publish`. */
export interface HomeView {
  readonly type: 'home';
  readonly blocks: KnownBlock[];
}

export const HOME_TEXT = {
  noWatches: 'You have no watches. In a channel, `/aigov watch &lt;search&gt;` posts new matching articles there.',
  noOtherWatches: 'No one else has a watch.',
  noSubscriptions: 'No channel gets the daily digest. In a channel, `/aigov digest subscribe` starts one.',
  emptyCorpus: 'The corpus holds no articles yet.',
  noFeeds: 'No feeds yet. `/aigov feeds add &lt;feed url&gt;` subscribes to one.',
  feedsUnavailable: 'The feeds could not be listed just now.',
} as const;

function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: text.slice(0, HEADER_TEXT_MAX), emoji: true } };
}

function channelRef(channelId: string): string {
  return /^[CGD][A-Z0-9]+$/.test(channelId) ? (channelId.startsWith('D') ? 'a DM' : `<#${channelId}>`) : shownText(channelId);
}

function andMore(count: number, what: string): KnownBlock[] {
  return count > 0 ? [context([`…and ${count} more ${what}.`])] : [];
}

/** One watch with its Stop button. */
function watchBlock(watch: HomeWatch): KnownBlock {
  return {
    ...section(`${describeWatch(watch)}\nin ${channelRef(watch.channelId)}`),
    accessory: button('Stop', UNWATCH_ACTION, String(watch.id)),
  };
}

function watchSection(title: string, list: readonly HomeWatch[], empty: string): KnownBlock[] {
  const blocks: KnownBlock[] = [header(`${title} (${list.length})`)];
  if (list.length === 0) return [...blocks, section(empty)];
  return [...blocks, ...list.slice(0, HOME_WATCHES_SHOWN).map(watchBlock), ...andMore(list.length - HOME_WATCHES_SHOWN, 'watches')];
}

function subscriptionLine(sub: HomeSubscription): string {
  const line = `• ${channelRef(sub.channelId)} every day at ${shownText(sub.time)} (${shownText(sub.timeZone)})`;
  return sub.paused === null ? line : `${line}: paused (${shownText(sub.paused.reason, 120)})`;
}

function feedLine(feed: HomeFeed): string {
  const name = shownText(feed.title ?? feed.url, 120);
  let health: string;
  if (feed.stopped !== null) health = `:no_entry: stopped (${shownText(feed.stopped.reason)})`;
  else if (feed.consecutiveFailures > 0) {
    health = `:warning: ${feed.consecutiveFailures} failed polls in a row${feed.lastError === null ? '' : `: ${shownText(feed.lastError.message, 150)}`}`;
  } else health = feed.lastSuccessAt === null ? 'not polled yet' : `:white_check_mark: ok, last polled ${describeInstant(feed.lastSuccessAt, 'UTC')}`;
  return `• ${name}: ${health}`;
}

/** Lines in sections of at most `perSection` lines (each line ≤ ~500 characters, so a section stays under 3,000). */
function lineSections(lines: readonly string[], perSection: number): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < lines.length; i += perSection) blocks.push(section(lines.slice(i, i + perSection).join('\n')));
  return blocks;
}

/** An article on one line and its source · date (no link) on the next: at most ~400 characters. */
function newestLine(article: ArticleMeta): string {
  const title = fitInline(cleanInlineText(article.title) || UNTITLED, 150, (shown) => boldMrkdwn(shown, '• '));
  return `• ${title}\n   ${renderMetaLine(article, false)}`;
}

function corpusBlocks(corpus: HomeData['corpus']): KnownBlock[] {
  const blocks: KnownBlock[] = [header('The corpus')];
  if (corpus.articles === 0) return [...blocks, section(HOME_TEXT.emptyCorpus)];
  blocks.push(section(`*${corpus.articles}* articles · *${corpus.today}* came in today (UTC).`));
  const newest = corpus.newest.slice(0, HOME_NEWEST_SHOWN);
  if (newest.length > 0) blocks.push(context(['Newest articles:']), ...lineSections(newest.map(newestLine), HOME_NEWEST_SHOWN));
  return blocks;
}

function adminBlocks(data: HomeData): KnownBlock[] {
  const blocks: KnownBlock[] = [header('Feeds (admins)')];
  if (data.feeds === null) blocks.push(section(HOME_TEXT.feedsUnavailable));
  else if (data.feeds.length === 0) blocks.push(section(HOME_TEXT.noFeeds));
  else {
    blocks.push(...lineSections(data.feeds.slice(0, HOME_FEEDS_SHOWN).map(feedLine), 5));
    blocks.push(...andMore(data.feeds.length - HOME_FEEDS_SHOWN, 'feeds'));
  }
  if (data.feedback !== null && data.feedback.length > 0) {
    blocks.push(header('Feedback on answers (admins)'), ...lineSections(data.feedback.slice(0, HOME_FEEDBACK_LINES).map((l) => shownText(l, 400)), 5));
  }
  return blocks;
}

/** The Home tab for `data.userId`. @throws RangeError if a limit would be broken (a renderer bug). */
export function renderHome(data: HomeData): HomeView {
  const mine = data.watches.filter((w) => w.createdBy === data.userId);
  const others = data.watches.filter((w) => w.createdBy !== data.userId);
  const subs = data.subscriptions;
  const blocks: KnownBlock[] = [
    header('aigov: AI governance news'),
    actions([button('Search the corpus', HOME_SEARCH_ACTION, 'home')]),
    ...watchSection('Your watches', mine, HOME_TEXT.noWatches),
    ...watchSection("Others' watches", others, HOME_TEXT.noOtherWatches),
    header(`Daily digests (${subs.length})`),
    ...(subs.length === 0
      ? [section(HOME_TEXT.noSubscriptions)]
      : [...lineSections(subs.slice(0, HOME_SUBSCRIPTIONS_SHOWN).map(subscriptionLine), 5), ...andMore(subs.length - HOME_SUBSCRIPTIONS_SHOWN, 'subscriptions')]),
    ...corpusBlocks(data.corpus),
    ...(data.isAdmin ? adminBlocks(data) : []),
  ];
  if (blocks.length > VIEW_MAX_BLOCKS) throw new RangeError(`home view: ${blocks.length} blocks, over ${VIEW_MAX_BLOCKS}`);
  const length = blockTextLength(blocks);
  if (length > VIEW_BLOCK_TEXT_BUDGET) throw new RangeError(`home view: ${length} characters of block text, over ${VIEW_BLOCK_TEXT_BUDGET}`);
  return { type: 'home', blocks };
}
