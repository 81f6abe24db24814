/**
 * RSS 2.0, Atom, RDF (RSS 1.0) and JSON Feed, parsed by feedsmith, reduced to
 * one shape the pipeline reads. Dates stay raw here (feedsmith gives strings)
 * and are parsed with {@link parseFeedDate}; links are made absolute against
 * the feed's own URL.
 */
import { parseFeed as feedsmithParse } from 'feedsmith';
import { htmlToLine } from '../extract/html-to-text.ts';
import { parseHttpUrl } from '../../core/http-url.ts';

/** The document is not RSS, Atom, RDF or JSON Feed (or is broken past reading). */
export class NotAFeedError extends Error {
  override readonly name = 'NotAFeedError';
  readonly code = 'not-a-feed' as const;
  constructor(reason: string) {
    super(`not a feed (${reason})`);
  }
}

export interface FeedItem {
  /** What identifies the item in this feed: guid/id, else the link; null when it has neither (skipped). */
  readonly key: string | null;
  /** Absolute http(s) link to the article page, or null. */
  readonly link: string | null;
  readonly title: string | null;
  /** The item's publication date as written in the feed (never Atom `updated`), or null. */
  readonly publishedRaw: string | null;
  /** `publishedRaw` parsed, or null when absent or unreadable. */
  readonly published: Date | null;
  readonly categories: readonly string[];
  /** The item's full body as HTML (`content:encoded`, Atom `content`, `content_html`/`content_text`), or null. */
  readonly contentHtml: string | null;
}

export interface ParsedFeed {
  readonly format: 'rss' | 'atom' | 'rdf' | 'json';
  readonly title: string | null;
  /** RSS `<ttl>` in minutes, or null. */
  readonly ttlMinutes: number | null;
  readonly items: readonly FeedItem[];
}

/** Parses a feed document; throws {@link NotAFeedError} for anything else. */
export function parseFeedDocument(text: string, feedUrl: string): ParsedFeed {
  let parsed: ReturnType<typeof feedsmithParse>;
  try {
    parsed = feedsmithParse(text);
  } catch (err) {
    throw new NotAFeedError(err instanceof Error ? err.message : 'unreadable');
  }
  const base = feedUrl;
  switch (parsed.format) {
    case 'rss': {
      const feed = parsed.feed;
      return {
        format: 'rss',
        title: line(feed.title),
        ttlMinutes: typeof feed.ttl === 'number' && feed.ttl > 0 ? feed.ttl : null,
        items: (feed.items ?? []).map((item) => {
          const guid = item.guid?.value ?? null;
          const guidLink = item.guid && item.guid.isPermaLink !== false ? guid : null;
          const link = absolute(item.link ?? null, base) ?? absolute(guidLink, base);
          const publishedRaw = raw(item.pubDate) ?? raw(item.dc?.dates?.[0]);
          return makeItem({
            key: guid ?? link,
            link,
            title: item.title ?? null,
            publishedRaw,
            categories: (item.categories ?? []).map((c) => c.name ?? ''),
            contentHtml: item.content?.encoded ?? null,
          });
        }),
      };
    }
    case 'rdf': {
      const feed = parsed.feed;
      return {
        format: 'rdf',
        title: line(feed.title),
        ttlMinutes: null,
        items: (feed.items ?? []).map((item) => {
          const link = absolute(item.link ?? item.rdf?.about ?? null, base);
          return makeItem({
            key: item.rdf?.about ?? link,
            link,
            title: item.title ?? null,
            publishedRaw: raw(item.dc?.dates?.[0]),
            categories: item.dc?.subjects ?? [],
            contentHtml: item.content?.encoded ?? null,
          });
        }),
      };
    }
    case 'atom': {
      const feed = parsed.feed;
      return {
        format: 'atom',
        title: line(feed.title?.value ?? null),
        ttlMinutes: null,
        items: (feed.entries ?? []).map((entry) => {
          const alternate = (entry.links ?? []).find((l) => (l.rel ?? 'alternate') === 'alternate' && l.href);
          const link = absolute(alternate?.href ?? null, base) ?? absolute(entry.id ?? null, base);
          const content = entry.content;
          // Atom content with a `src` is a link to the content, not the content.
          const contentHtml = content?.value ? (content.type === 'text' ? escapeText(content.value) : content.value) : null;
          return makeItem({
            key: entry.id ?? link,
            link,
            title: entry.title?.value ?? null,
            publishedRaw: raw(entry.published),
            categories: (entry.categories ?? []).map((c) => c.label ?? c.term ?? ''),
            contentHtml,
          });
        }),
      };
    }
    case 'json': {
      const feed = parsed.feed;
      return {
        format: 'json',
        title: line(feed.title ?? null),
        ttlMinutes: null,
        items: (feed.items ?? []).map((item) => {
          const link = absolute(item.url ?? null, base) ?? absolute(item.external_url ?? null, base);
          return makeItem({
            key: item.id !== undefined && item.id !== null ? String(item.id) : link,
            link,
            title: item.title ?? null,
            publishedRaw: raw(item.date_published),
            categories: item.tags ?? [],
            contentHtml: item.content_html ?? (item.content_text ? escapeText(item.content_text) : null),
          });
        }),
      };
    }
  }
}

function makeItem(fields: Omit<FeedItem, 'published' | 'categories'> & { categories: readonly string[] }): FeedItem {
  const categories: string[] = [];
  for (const raw of fields.categories) {
    const tag = line(typeof raw === 'string' ? raw : null);
    if (tag && !categories.includes(tag)) categories.push(tag);
  }
  return {
    key: fields.key?.trim() || null,
    link: fields.link,
    title: line(fields.title),
    publishedRaw: fields.publishedRaw?.trim() || null,
    published: parseFeedDate(fields.publishedRaw ?? null),
    categories,
    contentHtml: fields.contentHtml?.trim() ? fields.contentHtml : null,
  };
}

/**
 * Parses a feed date: RFC 822 (`Tue, 10 Jun 2025 04:00:00 GMT`, with or
 * without the day name, two-digit years, named US zones) and ISO 8601 /
 * W3C-DTF (`2025-06-10`, `2025-06-10T04:00:00+02:00`). Null when unreadable.
 */
export function parseFeedDate(raw: string | null): Date | null {
  if (raw === null) return null;
  const text = raw.trim();
  if (text.length === 0) return null;
  // A bare ISO day is a calendar day, not midnight somewhere: read it as UTC so it stays that day.
  const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (isoDay) return validDate(Date.UTC(Number(isoDay[1]), Number(isoDay[2]) - 1, Number(isoDay[3])));
  return validDate(Date.parse(text));
}

/** feedsmith types dates as `DateLike` (strings unless asked otherwise). */
function raw(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return null;
}

function validDate(time: number): Date | null {
  return Number.isNaN(time) ? null : new Date(time);
}

function line(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = htmlToLine(String(value));
  return text.length > 0 ? text : null;
}

function absolute(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  let resolved: string;
  try {
    resolved = new URL(href.trim(), base).href;
  } catch {
    return null;
  }
  return parseHttpUrl(resolved).ok ? resolved : null;
}

function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .split(/\n\s*\n/)
    .map((p) => `<p>${p}</p>`)
    .join('');
}
