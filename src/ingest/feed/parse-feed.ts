/**
 * RSS 0.9x-2.0, RDF (RSS 1.0), Atom 0.3 and 1.0 and JSON Feed 1.0 and 1.1,
 * reduced to the one shape the pipeline and the preview read, the way careful
 * feed readers read them:
 * - titles are plain text: Atom text constructs by their `type` (text, html,
 *   xhtml; Atom 0.3 `mode`), RSS titles as HTML (publishers escape markup and
 *   entities in them, often twice);
 * - links are absolute, resolved against `xml:base`, then the document's
 *   `Content-Location`, then its own URL; an RSS `guid` is a link only when
 *   it is a permalink (`isPermaLink` absent or true) and an absolute URL;
 * - dates: the publication date, and apart the update date (feed-date.ts);
 * - ill-formed XML is read as far as it goes (xml-tree.ts) and marked
 *   `malformed`.
 * Reading the bytes (character sets) is read-feed.ts's.
 */
import { htmlToLine, collapse } from '../extract/html-to-text.ts';
import { parseFeedDate } from './feed-date.ts';
import { childByKey, childrenByKey, innerMarkup, parseXmlTree, textContent, type XmlElement } from './xml-tree.ts';

export { parseFeedDate } from './feed-date.ts';

/** The document is not RSS, Atom, RDF or JSON Feed (or is broken past reading). */
export class NotAFeedError extends Error {
  override readonly name = 'NotAFeedError';
  readonly code = 'not-a-feed' as const;
  constructor(reason: string) {
    super(`not a feed (${reason})`);
  }
}

export interface FeedItem {
  /** What identifies the item in this feed: the GUID (with the link when the feed reuses it), else the link; null when it has neither (skipped). */
  readonly key: string | null;
  /** RSS `guid`, Atom `id`, RDF `rdf:about`, JSON Feed `id`, as written (trimmed), or null. */
  readonly guid: string | null;
  /** Absolute link to the article page (http or https, or the document's own scheme for a local file), or null. */
  readonly link: string | null;
  /** Plain text. */
  readonly title: string | null;
  /** The item's publication date as written in the feed (never its update date), or null. */
  readonly publishedRaw: string | null;
  /** `publishedRaw` read as an instant, or null when absent or unreadable. */
  readonly published: Date | null;
  /** The item's last update (Atom `updated`, `dcterms:modified`, JSON `date_modified`), or null. */
  readonly updated: Date | null;
  readonly categories: readonly string[];
  /** The item's body as HTML (`content:encoded`, Atom `content`, `content_html`/`content_text`), or null. */
  readonly contentHtml: string | null;
  /** The item's summary as HTML (RSS `description`, Atom `summary`, JSON `summary`), or null. */
  readonly summaryHtml: string | null;
}

export interface ParsedFeed {
  readonly format: 'rss' | 'atom' | 'rdf' | 'json';
  /** Plain text. */
  readonly title: string | null;
  /** The feed's home page (RSS channel `link`, Atom alternate link, JSON `home_page_url`), absolute, or null. */
  readonly link: string | null;
  /** RSS `<ttl>` in minutes, or null. */
  readonly ttlMinutes: number | null;
  /** The XML was not well-formed (what could be read was read); see `problem`. */
  readonly malformed: boolean;
  readonly problem: string | null;
  readonly items: readonly FeedItem[];
}

/** Where the document came from: relative links resolve against `contentLocation`, else `url`. */
export interface FeedLocation {
  readonly url: string;
  readonly contentLocation?: string | null;
}

/** Parses a feed document; throws {@link NotAFeedError} for anything else. */
export function parseFeedDocument(text: string, location: string | FeedLocation): ParsedFeed {
  const where = typeof location === 'string' ? { url: location } : location;
  const base = documentBase(where);
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (start.length === 0) throw new NotAFeedError('the document is empty');
  if (start.startsWith('{')) return parseJsonFeed(start, base);
  const doc = parseXmlTree(start, base);
  const root = doc.root;
  if (root === null) throw new NotAFeedError('no XML element found');
  const context: Context = { scheme: schemeOf(base) };
  const marks = { malformed: doc.malformed, problem: doc.problem };
  switch (root.key) {
    case 'rss':
    case 'channel':
      return { format: 'rss', ...readRss(root, context), ...marks };
    case 'rdf:RDF':
      return { format: 'rdf', ...readRss(root, context), ...marks };
    case 'atom:feed':
    case 'feed':
      return { format: 'atom', ...readAtom(root, context), ...marks };
    default:
      throw new NotAFeedError(`the root element is <${root.name}>, not rss, rdf:RDF or feed`);
  }
}

interface Context {
  /** The document's own URL scheme (`https:`, `file:`): links in that scheme are kept besides http(s). */
  readonly scheme: string | null;
}

type FeedBody = Omit<ParsedFeed, 'format' | 'malformed' | 'problem'>;

function readRss(root: XmlElement, context: Context): FeedBody {
  const channel = root.key === 'channel' ? root : (childByKey(root, 'channel') ?? root);
  const itemElements = [...childrenByKey(channel, 'item'), ...(channel === root ? [] : childrenByKey(root, 'item'))];
  const ttl = Number(textOf(childByKey(channel, 'ttl')));
  return {
    title: rssLine(childByKey(channel, 'title', 'dc:title', 'atom:title')),
    link: rssLink(channel, context),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items: withKeys(itemElements.map((item) => readRssItem(item, context))),
  };
}

function readRssItem(item: XmlElement, context: Context): Omit<FeedItem, 'key'> {
  const guidElement = childByKey(item, 'guid');
  const guid = nonEmpty(textOf(guidElement)) ?? nonEmpty(item.attrs['rdf:about'] ?? item.attrs['about'] ?? null) ?? nonEmpty(textOf(childByKey(item, 'atom:id')));
  const permalink = guidElement !== null && (guidElement.attrs['isPermaLink'] ?? guidElement.attrs['ispermalink'] ?? 'true').trim().toLowerCase() !== 'false';
  const guidLink = permalink && guid !== null ? absoluteOnly(guid, context) : null;
  const published = firstDate(item, ['pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'atom:published', 'atom:issued', 'pubdate']);
  const content = childByKey(item, 'content:encoded', 'xhtml:body', 'xhtml:div', 'atom:content', 'encoded');
  const summary = childByKey(item, 'description', 'dc:description', 'atom:summary', 'itunes:summary', 'summary');
  return {
    guid,
    link: rssLink(item, context) ?? guidLink,
    title: rssLine(childByKey(item, 'title', 'dc:title', 'atom:title')),
    publishedRaw: published.raw,
    published: published.date,
    updated: firstDate(item, ['dcterms:modified', 'atom:updated', 'atom:modified']).date,
    categories: [...childrenByKey(item, 'category', 'dc:subject')].map((c) => textOf(c)),
    contentHtml: content === null ? null : content.key.startsWith('atom:') ? atomHtml(content) : rssHtml(content),
    summaryHtml: summary === null ? null : summary.key.startsWith('atom:') ? atomHtml(summary) : rssHtml(summary),
  };
}

/** The first `link` with text (or an `href`), else an Atom alternate link. */
function rssLink(element: XmlElement, context: Context): string | null {
  for (const link of childrenByKey(element, 'link')) {
    const value = nonEmpty(textOf(link)) ?? nonEmpty(link.attrs['href'] ?? null);
    const resolved = value === null ? null : absolute(value, link.base, context);
    if (resolved !== null) return resolved;
  }
  return atomLink(childrenByKey(element, 'atom:link'), context);
}

function readAtom(feed: XmlElement, context: Context): FeedBody {
  return {
    title: atomLine(childByKey(feed, 'atom:title', 'title')),
    link: atomLink(childrenByKey(feed, 'atom:link', 'link'), context),
    ttlMinutes: null,
    items: withKeys(childrenByKey(feed, 'atom:entry', 'entry').map((entry) => readAtomEntry(entry, context))),
  };
}

function readAtomEntry(entry: XmlElement, context: Context): Omit<FeedItem, 'key'> {
  const idElement = childByKey(entry, 'atom:id', 'id');
  const written = nonEmpty(textOf(idElement));
  // An id is an IRI, resolved against xml:base when the feed sets one (never against the feed's own URL).
  const guid = written !== null && idElement !== null && idElement.xmlBase ? resolveAgainst(written, idElement.base) : written;
  const published = firstDate(entry, ['atom:published', 'published', 'atom:issued', 'issued', 'atom:created', 'created', 'dc:date', 'dcterms:issued']);
  const content = childByKey(entry, 'atom:content', 'content');
  const summary = childByKey(entry, 'atom:summary', 'summary');
  return {
    guid,
    link: atomLink(childrenByKey(entry, 'atom:link', 'link'), context) ?? (guid === null ? null : absoluteOnly(guid, context)),
    title: atomLine(childByKey(entry, 'atom:title', 'title')),
    publishedRaw: published.raw,
    published: published.date,
    updated: firstDate(entry, ['atom:updated', 'updated', 'atom:modified', 'modified', 'dcterms:modified']).date,
    categories: childrenByKey(entry, 'atom:category', 'category').map((c) => c.attrs['label'] ?? c.attrs['term'] ?? textOf(c)),
    // Atom content with a `src` is a link to the content, not the content.
    contentHtml: content === null || content.attrs['src'] !== undefined ? null : atomHtml(content),
    summaryHtml: summary === null ? null : atomHtml(summary),
  };
}

/** The alternate link (rel absent or `alternate`), preferring an HTML one. */
function atomLink(links: readonly XmlElement[], context: Context): string | null {
  const alternates = links.filter((l) => (l.attrs['rel'] ?? 'alternate').trim().toLowerCase() === 'alternate' && nonEmpty(l.attrs['href'] ?? null) !== null);
  const html = alternates.find((l) => /html/i.test(l.attrs['type'] ?? 'text/html'));
  for (const link of html ? [html, ...alternates] : alternates) {
    const resolved = absolute(link.attrs['href']!, link.base, context);
    if (resolved !== null) return resolved;
  }
  return null;
}

/**
 * An Atom text construct as HTML: `type` text (escaped here), html (decoded
 * once), xhtml (the inline markup), or another media type, which Atom 1.0
 * carries in base64 (Atom 0.3: `mode="base64"`); a decoded payload is read as
 * HTML unless it says it is plain text.
 */
function atomHtml(element: XmlElement): string | null {
  const type = (element.attrs['type'] ?? 'text').trim().toLowerCase();
  const mode = (element.attrs['mode'] ?? '').trim().toLowerCase();
  const hasElements = element.children.some((c) => c.kind === 'element');
  let value: string;
  const base64 = mode === 'base64' || (!hasElements && isBinaryType(type)) ? fromBase64(textOf(element)) : null;
  if (base64 !== null) {
    value = base64;
    if (type === 'text/plain') return escapeText(value);
  } else if (type === 'xhtml' || type === 'application/xhtml+xml' || mode === 'xml') {
    const div = element.children.find((c): c is XmlElement => c.kind === 'element');
    value = div !== undefined && /(^|:)div$/.test(div.key) && element.children.every((c) => c === div || c.kind === 'text') ? innerMarkup(div) : innerMarkup(element);
  } else if (type === 'html' || type === 'text/html' || mode === 'escaped') {
    value = hasElements ? innerMarkup(element, true) : textOf(element);
  } else {
    // Text (or a text type); child elements in a text construct are markup the publisher forgot to escape.
    return hasElements ? innerMarkup(element, true) : escapeText(textOf(element));
  }
  return value.trim().length > 0 ? value : null;
}

/** Base64 that decodes to UTF-8 text, or null (an unknown media type may carry plain text: `test` is not base64 of anything readable). */
function fromBase64(text: string): string | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
    return /[\u0000-\u0008\u000e-\u001f]/.test(decoded) ? null : decoded;
  } catch {
    return null;
  }
}

/** A media type that is neither text nor XML: Atom 1.0 content of that type is base64. */
function isBinaryType(type: string): boolean {
  if (type === 'text' || type === 'html' || type === 'xhtml' || !type.includes('/')) return false;
  return !type.startsWith('text/') && !/[+/]xml$/.test(type);
}

function atomLine(element: XmlElement | null): string | null {
  if (element === null) return null;
  const type = (element.attrs['type'] ?? 'text').trim().toLowerCase();
  const mode = (element.attrs['mode'] ?? '').trim().toLowerCase();
  const markup = /html/.test(type) || mode === 'escaped' || mode === 'xml' || mode === 'base64' || isBinaryType(type) || element.children.some((c) => c.kind === 'element');
  if (!markup) return nonEmpty(collapse(textOf(element)));
  return line(atomHtml(element));
}

/** An RSS element's content as HTML: its text (entities decoded once), or markup left unescaped in it. */
function rssHtml(element: XmlElement): string | null {
  const value = element.children.some((c) => c.kind === 'element') ? innerMarkup(element, true) : textOf(element);
  return value.trim().length > 0 ? value : null;
}

function rssLine(element: XmlElement | null): string | null {
  if (element === null) return null;
  if (element.key.startsWith('atom:')) return atomLine(element);
  return line(rssHtml(element));
}

function parseJsonFeed(text: string, base: string | null): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new NotAFeedError(`invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const feed = record(data);
  const version = typeof feed?.['version'] === 'string' ? feed['version'] : '';
  // JSON Feed 1.0 and 1.1 name their version by URL; a sloppy `"version": "1.0"` or none (with a title) is still read.
  if (feed === null || !Array.isArray(feed['items']) || (version === '' && typeof feed['title'] !== 'string')) {
    throw new NotAFeedError('JSON without a JSON Feed version and items');
  }
  const context: Context = { scheme: schemeOf(base) };
  const items = (feed['items'] as unknown[]).map(record).filter((item): item is Record<string, unknown> => item !== null);
  return {
    format: 'json',
    title: nonEmpty(collapse(string(feed['title']) ?? '')),
    link: absolute(string(feed['home_page_url']), base, context),
    ttlMinutes: null,
    malformed: false,
    problem: null,
    items: withKeys(
      items.map((item) => {
        const id = item['id'];
        const contentHtml = string(item['content_html']) ?? mapText(string(item['content_text']));
        return {
          guid: typeof id === 'string' || typeof id === 'number' ? nonEmpty(String(id)) : null,
          link: absolute(string(item['url']), base, context) ?? absolute(string(item['external_url']), base, context),
          title: nonEmpty(collapse(string(item['title']) ?? '')),
          publishedRaw: nonEmpty(string(item['date_published'])),
          published: parseFeedDate(string(item['date_published'])),
          updated: parseFeedDate(string(item['date_modified'])),
          categories: Array.isArray(item['tags']) ? item['tags'].filter((t): t is string => typeof t === 'string') : [],
          contentHtml: contentHtml !== null && contentHtml.trim() !== '' ? contentHtml : null,
          summaryHtml: mapText(string(item['summary'])),
        };
      }),
    ),
  };
}

/**
 * Keys for the ledger: the GUID, but with the link beside it when the feed
 * gives one GUID to several items (Miniflux does the same), else the link.
 * Categories are cleaned here too.
 */
function withKeys(items: readonly Omit<FeedItem, 'key'>[]): FeedItem[] {
  const seen = new Map<string, number>();
  for (const item of items) if (item.guid !== null) seen.set(item.guid, (seen.get(item.guid) ?? 0) + 1);
  return items.map((item) => {
    const reused = item.guid !== null && (seen.get(item.guid) ?? 0) > 1;
    const categories: string[] = [];
    for (const raw of item.categories) {
      const tag = line(raw);
      if (tag && !categories.includes(tag)) categories.push(tag);
    }
    return { ...item, key: reused && item.link !== null ? `${item.guid} ${item.link}` : (item.guid ?? item.link), categories };
  });
}

function firstDate(element: XmlElement, keys: readonly string[]): { raw: string | null; date: Date | null } {
  let firstRaw: string | null = null;
  for (const key of keys) {
    for (const candidate of childrenByKey(element, key)) {
      const raw = nonEmpty(textOf(candidate));
      if (raw === null) continue;
      firstRaw ??= raw;
      const date = parseFeedDate(raw);
      if (date !== null) return { raw, date };
    }
  }
  return { raw: firstRaw, date: null };
}

function documentBase(where: FeedLocation): string | null {
  for (const candidate of [where.contentLocation, where.url]) {
    if (!candidate) continue;
    try {
      return new URL(candidate.trim(), where.url).href;
    } catch {
      continue;
    }
  }
  return null;
}

function schemeOf(base: string | null): string | null {
  if (base === null) return null;
  try {
    return new URL(base).protocol;
  } catch {
    return null;
  }
}

function absolute(href: string | null | undefined, base: string | null, context: Context): string | null {
  if (!href) return null;
  let resolved: URL;
  try {
    resolved = new URL(href.trim(), base ?? undefined);
  } catch {
    return null;
  }
  const kept = resolved.protocol === 'http:' || resolved.protocol === 'https:' || (resolved.protocol === context.scheme && context.scheme === 'file:');
  return kept ? resolved.href : null;
}

/** An absolute http(s) URL as written (a GUID or id used as a link is never resolved against the feed: `12345` is not a page). */
function absoluteOnly(value: string, context: Context): string | null {
  return /^https?:\/\//i.test(value.trim()) ? absolute(value, null, context) : null;
}

function resolveAgainst(value: string, base: string | null): string {
  try {
    return new URL(value, base ?? undefined).href;
  } catch {
    return value;
  }
}

function textOf(element: XmlElement | null): string {
  return element === null ? '' : textContent(element);
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function line(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = htmlToLine(keepUnknownTags(String(value)));
  return text.length > 0 ? text : null;
}

/** HTML element names: a `<` before anything else in a title is text (`Angular <ng-template> tips`, `a <3 b`). */
const HTML_ELEMENTS = new Set(
  (
    'a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body br button canvas caption center cite code col colgroup ' +
    'data datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head ' +
    'header hgroup hr html i iframe img input ins kbd label legend li link main map mark marquee menu meta meter nav nobr noframes noscript object ol ' +
    'optgroup option output p param picture pre progress q rp rt ruby s samp script search section select slot small source span strike strong style ' +
    'sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr math'
  ).split(' '),
);

function keepUnknownTags(html: string): string {
  if (!html.includes('<')) return html;
  return html.replace(/<(?!!)(\/?)([A-Za-z][\w:-]*)?/g, (match: string, slash: string, name: string | undefined) =>
    name !== undefined && HTML_ELEMENTS.has(name.toLowerCase()) ? match : `&lt;${slash}${name ?? ''}`,
  );
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function string(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function mapText(text: string | null): string | null {
  return text === null || text.trim() === '' ? null : escapeText(text);
}

/** Plain text as HTML: escaped, blank lines made paragraphs. */
function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .split(/\n\s*\n/)
    .map((p) => `<p>${p}</p>`)
    .join('');
}
