/**
 * Messages for the daily digest: the channel post and, when the digest is
 * long, thread replies under it. Splitting into a thread rather than cutting
 * keeps every listed article in the channel while each message stays within
 * Slack's limits (`MAX_BLOCKS`, `SECTION_TEXT_MAX`, `MESSAGE_BLOCK_TEXT_BUDGET`).
 * The core has already chosen the articles (`buildDigest`); this lays them out.
 */
import { DateTime } from 'luxon';
import type { Digest, DigestItem } from '../../core/digest/build-digest.ts';
import { DEFAULT_TIME_ZONE } from '../../core/digest/schedule.ts';
import type { ArticleMeta } from '../../core/types.ts';
import { LINK_LABEL, UNTITLED, articleLink, renderMetaLine, QUOTE_PREFIX } from './article.ts';
import { blockTextLength, context, section } from './blocks.ts';
import { alsoReportedByLine } from './also-reported.ts';
import { boldMrkdwn, cleanInlineText, escapeMrkdwn } from './escape.ts';
import { fallback } from './fallback.ts';
import { fitInline } from './fit.ts';
import { MAX_BLOCKS, MESSAGE_BLOCK_TEXT_BUDGET } from './limits.ts';
import type { KnownBlock, SlackMessage } from './types.ts';

/** Most articles shown in the channel post itself; the rest go to its thread, so the channel stays readable. */
export const CHANNEL_POST_MAX_ITEMS = 8;

/** From this many articles on, they are grouped under their article month. */
export const GROUP_FROM_ITEMS = 6;

/** Heading of the group of articles whose date is unknown. */
export const UNDATED_GROUP = 'Date unknown';

/** Most characters of mrkdwn for an article title and for its quoted key sentence. */
const TITLE_BUDGET = 300;
const KEY_SENTENCE_BUDGET = 600;

/** `Monday 24 November 2025` for a local date `2025-11-24`; the date itself when it cannot be read. */
export function describeLocalDate(localDate: string): string {
  const date = DateTime.fromISO(localDate, { zone: 'UTC', locale: 'en-GB' });
  return date.isValid ? date.toFormat('cccc d LLLL yyyy') : localDate;
}

/** `Mon 23 Nov 2025 09:00 (Europe/Brussels)`: an instant as read in a zone, for "since …" and "next …" lines. */
export function describeInstant(instant: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(instant, { zone: timeZone }).setLocale('en-GB');
  if (!local.isValid) return instant.toISOString();
  return `${local.toFormat('ccc d LLL yyyy HH:mm')} (${timeZone})`;
}

/** The digest's first line, in words (no corpus text): what day, how many articles it lists (those deferred are told in {@link deferredNote}). */
export function digestHeadline(digest: Pick<Digest, 'localDate' | 'items' | 'isFirst'>): string {
  const day = describeLocalDate(digest.localDate);
  const shown = digest.items.length;
  if (digest.isFirst) {
    return `aigov digest for ${day}: the latest ${shown} ${shown === 1 ? 'article' : 'articles'} in the corpus`;
  }
  return `aigov digest for ${day}: ${shown} new ${shown === 1 ? 'article' : 'articles'}`;
}

/** Under the headline of a channel's first digest. */
export const FIRST_DIGEST_NOTE =
  "This channel's first digest shows the latest articles in the corpus. From tomorrow on, each digest lists the articles added since the one before.";

/** In the channel post when the rest of the digest is in its thread. */
export function continuedInThreadNote(count: number): string {
  return count === 1 ? '1 more article in the thread below.' : `${count} more articles in the thread below.`;
}

/** In the channel post of a digest that left the newest articles for the next one (`Digest.deferred`). */
export function deferredNote(count: number): string {
  return count === 1 ? '1 more new article will follow in the next digest.' : `${count} more new articles will follow in the next digest.`;
}

/** The month heading an article is grouped under: `July 2025`, or {@link UNDATED_GROUP}. */
export function groupHeading(article: Pick<ArticleMeta, 'date'>): string {
  const month = /^(\d{4})-(\d{2})/.exec(article.date ?? '');
  if (month === null) return UNDATED_GROUP;
  const date = DateTime.fromObject({ year: Number(month[1]), month: Number(month[2]), day: 1 }, { zone: 'UTC', locale: 'en-GB' });
  return date.isValid ? date.toFormat('LLLL yyyy') : UNDATED_GROUP;
}

/**
 * The title as mrkdwn: a link to the article's URL when it has one Slack can
 * link safely (see `articleLink`), otherwise bold. Corpus text is cleaned and
 * escaped either way.
 */
function renderTitle(article: ArticleMeta): string {
  const title = cleanInlineText(article.title) || UNTITLED;
  const link = articleLink(article.url);
  if (link !== null) {
    // articleLink vets and escapes the URL; only its fixed label is swapped for the title.
    const target = link.slice(0, -(LINK_LABEL.length + 2));
    return `${target}|${fitInline(title, TITLE_BUDGET)}>`;
  }
  return fitInline(title, TITLE_BUDGET, (shown) => boldMrkdwn(shown));
}

/** One article as one section's text: title, source and date, then its key sentence quoted. */
export function renderDigestItem(item: DigestItem): string {
  const lines = [renderTitle(item.article), renderMetaLine(item.article, false)];
  const also = alsoReportedByLine(item.alsoReportedBy);
  if (also !== null) lines.push(also);
  const sentence = item.keySentence === null ? '' : cleanInlineText(item.keySentence);
  if (sentence.length > 0) lines.push(QUOTE_PREFIX + fitInline(sentence, KEY_SENTENCE_BUDGET));
  return lines.join('\n');
}

/** Groups with headings when the digest is long, newest month first and undated last; one unnamed group otherwise. */
function groupItems(items: readonly DigestItem[]): { heading: string | null; items: DigestItem[] }[] {
  if (items.length < GROUP_FROM_ITEMS) return [{ heading: null, items: [...items] }];
  const byMonth = new Map<string, { key: string; items: DigestItem[] }>();
  for (const item of items) {
    const heading = groupHeading(item.article);
    const key = heading === UNDATED_GROUP ? '' : (item.article.date ?? '').slice(0, 7);
    const group = byMonth.get(heading) ?? { key, items: [] };
    group.items.push(item);
    byMonth.set(heading, group);
  }
  return [...byMonth.entries()]
    .sort(([, a], [, b]) => (a.key === b.key ? 0 : a.key < b.key ? 1 : -1))
    .map(([heading, group]) => ({ heading, items: group.items }));
}

/** A block in the list with the group it belongs to, so a thread reply can repeat the heading it continues. */
interface Entry {
  readonly heading: string | null;
  readonly text: string;
  /** The article shown, then any re-reports of its story folded into it. */
  readonly articleIds: readonly string[];
}

/** Room a message keeps for what is not an article: the headline, the notes, a repeated group heading. */
const RESERVED_BLOCKS = 4;
const RESERVED_TEXT = 1_500;

/**
 * Cuts the entries into messages: the first at most {@link CHANNEL_POST_MAX_ITEMS}
 * articles, each message within the block and text budgets with room for its
 * notes. Every message gets at least one article, so this always ends.
 */
function packEntries(entries: readonly Entry[]): Entry[][] {
  const chunks: Entry[][] = [];
  let current: Entry[] = [];
  let text = 0;
  let blocks = 0;
  let lastHeading: string | null = null;
  for (const entry of entries) {
    const headingCost = entry.heading !== null && entry.heading !== lastHeading ? 1 : 0;
    const limitItems = chunks.length === 0 ? CHANNEL_POST_MAX_ITEMS : Number.POSITIVE_INFINITY;
    const full =
      current.length >= limitItems ||
      blocks + 1 + headingCost > MAX_BLOCKS - RESERVED_BLOCKS ||
      text + entry.text.length + (entry.heading?.length ?? 0) > MESSAGE_BLOCK_TEXT_BUDGET - RESERVED_TEXT;
    if (current.length > 0 && full) {
      chunks.push(current);
      current = [];
      text = 0;
      blocks = 0;
      lastHeading = null;
    }
    const needsHeading = entry.heading !== null && entry.heading !== lastHeading;
    current.push(entry);
    text += entry.text.length + (needsHeading ? (entry.heading?.length ?? 0) + 4 : 0);
    blocks += 1 + (needsHeading ? 1 : 0);
    lastHeading = entry.heading;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The article blocks of one message, with a group heading wherever a group starts or continues. */
function entryBlocks(entries: readonly Entry[], continued: boolean): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let lastHeading: string | null = null;
  entries.forEach((entry, i) => {
    if (entry.heading !== null && entry.heading !== lastHeading) {
      const suffix = i === 0 && continued ? ' (continued)' : '';
      blocks.push(section(`*${escapeMrkdwn(entry.heading)}*${suffix}`));
    }
    blocks.push(section(entry.text));
    lastHeading = entry.heading;
  });
  return blocks;
}

/** One message of a digest, with the articles it lists: what delivery needs to know which ones reached the channel. */
export interface DigestPart {
  readonly message: SlackMessage;
  /** Ids of the articles in this message, in the order shown. */
  readonly articleIds: readonly string[];
}

/**
 * A digest as Slack messages: the first is the channel post (headline, up to
 * {@link CHANNEL_POST_MAX_ITEMS} articles, a note when more follow in the
 * thread or in the next digest), the rest are replies to post in its thread.
 * Each article shows its title (linked when it has a URL), source and date
 * in words ("source unknown", "(editorial date)", "date unknown") and its key
 * sentence quoted. From {@link GROUP_FROM_ITEMS} articles on they are grouped
 * by article month, so a reply does not hold only the articles first seen
 * earliest. All corpus text is cleaned and escaped: nothing in it can
 * mention anyone.
 *
 * A digest without items renders as one message saying so (callers normally
 * post nothing instead, see `renderNothingNew`).
 */
export function renderDigestParts(digest: Digest): DigestPart[] {
  const headline = digestHeadline(digest);
  const headerBlocks: KnownBlock[] = [section(`*${escapeMrkdwn(headline)}*`)];
  if (digest.isFirst) headerBlocks.push(context([FIRST_DIGEST_NOTE]));
  const text = fallback(escapeMrkdwn(headline));

  const entries: Entry[] = groupItems(digest.items).flatMap((group) =>
    group.items.map((item) => ({ heading: group.heading, text: renderDigestItem(item), articleIds: [item.article.id, ...(item.grouped ?? [])] })),
  );
  if (entries.length === 0) {
    return [{ message: { text, blocks: [...headerBlocks, section('No articles to list.')] }, articleIds: [] }];
  }

  const chunks = packEntries(entries);
  const parts = chunks.map((chunk, i): DigestPart => {
    const first = i === 0;
    const blocks: KnownBlock[] = first ? [...headerBlocks] : [];
    const previous = chunks[i - 1]?.at(-1)?.heading ?? null;
    blocks.push(...entryBlocks(chunk, !first && previous !== null && previous === chunk[0]?.heading));
    const notes: string[] = [];
    if (first && chunks.length > 1) notes.push(continuedInThreadNote(entries.length - chunk.length));
    if (first && digest.deferred > 0) notes.push(deferredNote(digest.deferred));
    if (notes.length > 0) blocks.push(context(notes));
    const partText = first ? text : fallback(`${escapeMrkdwn(headline)} (part ${i + 1} of ${chunks.length})`);
    return { message: { text: partText, blocks }, articleIds: chunk.flatMap((entry) => entry.articleIds) };
  });
  for (const { message } of parts) {
    // packEntries leaves room for the notes; a failure here is a bug in this file, not bad input.
    if (message.blocks.length > MAX_BLOCKS || blockTextLength(message.blocks) > MESSAGE_BLOCK_TEXT_BUDGET) {
      throw new RangeError(`renderDigest: a message of ${message.blocks.length} blocks, ${blockTextLength(message.blocks)} characters`);
    }
  }
  return parts;
}

/** {@link renderDigestParts}, messages only. */
export function renderDigest(digest: Digest): SlackMessage[] {
  return renderDigestParts(digest).map((part) => part.message);
}

/** Said by `/aigov digest now` when nothing was added since the channel's last digest. */
export function nothingNewText(since: Date | null, timeZone = DEFAULT_TIME_ZONE): string {
  if (since === null) return 'Nothing to post: the corpus has no articles yet.';
  return `Nothing new since ${describeInstant(since, timeZone)}: no article was added after the last digest.`;
}

/** {@link nothingNewText} as a message. */
export function renderNothingNew(since: Date | null, timeZone = DEFAULT_TIME_ZONE): SlackMessage {
  const line = escapeMrkdwn(nothingNewText(since, timeZone));
  return { text: fallback(line), blocks: [section(line)] };
}
