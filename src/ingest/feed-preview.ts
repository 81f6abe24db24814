/**
 * What subscribing to a feed would take, before subscribing: the feed read
 * exactly as polling reads it (read-feed.ts), each item as the pipeline
 * would handle it: its text taken from the feed or its page fetched, or
 * refused (no link, not http(s), a private address). Plain data, nothing
 * stored; the Slack command, the CLI and its `--jsonl` render it.
 */
import net from 'node:net';
import type { IngestFailureCode } from './ingest-types.ts';
import type { ParsedFeed } from './feed/parse-feed.ts';
import { carriesArticle, itemParagraphs } from './feed/item-text.ts';
import { checkAddress, type AddressRange } from './fetch/address-guard.ts';

/** How the pipeline would take one item. */
export type PreviewTake =
  | { readonly kind: 'from-feed' }
  | { readonly kind: 'page' }
  | { readonly kind: 'refused'; readonly reason: string };

export interface FeedPreviewItem {
  /** Plain text, or null. */
  readonly title: string | null;
  /** Absolute link, or null. */
  readonly url: string | null;
  readonly guid: string | null;
  /** The publication date, else the update date, as a UTC instant to the second (`2004-01-01T12:00:00Z`), or null. */
  readonly published: string | null;
  /** `published` is the item's update date (it states no publication date). */
  readonly dateIsUpdate: boolean;
  /** The plain text the bot would keep from the feed (paragraphs separated by a blank line); '' when none. */
  readonly text: string;
  readonly take: PreviewTake;
}

export type FeedPreview =
  | {
      readonly ok: true;
      /** As given (a URL or a file name). */
      readonly source: string;
      /** Where the feed was read from after redirects (a file's `file:` URL). */
      readonly location: string;
      readonly format: ParsedFeed['format'];
      readonly feed: { readonly title: string | null; readonly url: string | null };
      /** Why the XML was not well-formed (it was read leniently), or null. */
      readonly malformed: string | null;
      readonly items: readonly FeedPreviewItem[];
    }
  | {
      readonly ok: false;
      readonly source: string;
      /** The pipeline's failure code, or 'unreadable' for a file that could not be read. */
      readonly code: IngestFailureCode | 'unreadable';
      readonly error: string;
    };

/** An instant as the preview writes it: UTC, to the second (feeds rarely carry fractions, and readers compare seconds). */
export function previewInstant(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The preview of a feed already read. `allowPrivate` is FETCH_ALLOW_PRIVATE (an item link to a refused address literal is named). */
export function previewParsedFeed(source: string, location: string, feed: ParsedFeed, allowPrivate: readonly AddressRange[]): FeedPreview {
  return {
    ok: true,
    source,
    location,
    format: feed.format,
    feed: { title: feed.title, url: feed.link },
    malformed: feed.problem,
    items: feed.items.map((item) => {
      const paragraphs = itemParagraphs(item);
      const date = item.published ?? item.updated;
      return {
        title: item.title,
        url: item.link,
        guid: item.guid,
        published: date === null ? null : previewInstant(date),
        dateIsUpdate: item.published === null && item.updated !== null,
        text: paragraphs.join('\n\n'),
        take: takeOf(item.key, item.link, carriesArticle(paragraphs), allowPrivate),
      };
    }),
  };
}

function takeOf(key: string | null, link: string | null, fromFeed: boolean, allowPrivate: readonly AddressRange[]): PreviewTake {
  if (key === null) return { kind: 'refused', reason: 'neither a GUID nor a link: skipped' };
  if (link === null) return { kind: 'refused', reason: 'no link: not taken' };
  const url = new URL(link);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'refused', reason: 'not an http(s) link: not taken' };
  // A name is checked when fetched (its addresses are not known yet); an address literal can be judged now.
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (net.isIP(host) !== 0) {
    const verdict = checkAddress(host, allowPrivate);
    if (!verdict.ok) return { kind: 'refused', reason: `a ${verdict.range} address (${host}): not fetched` };
  }
  return fromFeed ? { kind: 'from-feed' } : { kind: 'page' };
}
