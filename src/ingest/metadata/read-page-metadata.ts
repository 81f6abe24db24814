/**
 * What a page's own markup says about itself: title, publisher, publication
 * date and canonical URL. Read before Readability runs (it mutates the DOM).
 *
 * Date order (README "Adding news: what is fetched and how", "Title, source,
 * date"): JSON-LD `datePublished` (also inside
 * `@graph`), `article:published_time`, `itemprop=datePublished`,
 * `meta name=date` / `citation_publication_date`, `<time datetime>`.
 * `dateModified` and `article:modified_time` are never read.
 */
import { collapse } from '../extract/html-to-text.ts';
import { dayOfDateString } from './page-date.ts';

/** The little of linkedom's document this module reads (the project compiles without the DOM lib). */
export interface MetaDocument {
  querySelectorAll(selector: string): ArrayLike<MetaElement>;
  querySelector(selector: string): MetaElement | null;
}
export interface MetaElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}

/** Where a page date was found (for logs and tests). */
export type PageDateSource = 'json-ld' | 'article:published_time' | 'itemprop' | 'meta-date' | 'time-element';

export interface PageMetadata {
  /** JSON-LD headline, `og:title`, `twitter:title`, else `<title>`; null when none. */
  readonly title: string | null;
  /** JSON-LD publisher name, else `og:site_name`; null when the page states none. */
  readonly siteName: string | null;
  /** Every dated candidate in the order of trust, first is best; empty when the page states none. */
  readonly dates: readonly { readonly day: string; readonly raw: string; readonly from: PageDateSource }[];
  /** `<link rel=canonical>` made absolute, unchecked (see canonicalFromPage); null when absent. */
  readonly canonicalHref: string | null;
}

/** A `<time>` marked like this states when the page changed, not when it was published. */
const MODIFIED_MARK = /modif|updat|edited|revis/i;

const ARTICLE_TYPES = /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|Report|ScholarlyArticle|TechArticle|WebPage|ItemPage|CreativeWork)$/;

export function readPageMetadata(document: MetaDocument, pageUrl: string): PageMetadata {
  const ld = readJsonLd(document);
  const dates: { day: string; raw: string; from: PageDateSource }[] = [];
  const add = (raw: string | null | undefined, from: PageDateSource): void => {
    if (!raw) return;
    const day = dayOfDateString(raw);
    if (day) dates.push({ day, raw: raw.trim(), from });
  };
  for (const raw of ld.datePublished) add(raw, 'json-ld');
  add(meta(document, 'property', 'article:published_time') ?? meta(document, 'name', 'article:published_time'), 'article:published_time');
  for (const el of Array.from(document.querySelectorAll('[itemprop="datePublished"]'))) add(el.getAttribute('content') ?? el.getAttribute('datetime'), 'itemprop');
  add(meta(document, 'name', 'date') ?? meta(document, 'name', 'citation_publication_date'), 'meta-date');
  // The first dated <time> that is not marked as a modification or update date.
  for (const el of Array.from(document.querySelectorAll('time[datetime]'))) {
    const marks = `${el.getAttribute('itemprop') ?? ''} ${el.getAttribute('class') ?? ''}`;
    if (MODIFIED_MARK.test(marks)) continue;
    add(el.getAttribute('datetime'), 'time-element');
  }

  const href = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  let canonicalHref: string | null = null;
  if (href) {
    try {
      canonicalHref = new URL(href.trim(), pageUrl).href;
    } catch {
      canonicalHref = null;
    }
  }
  return {
    title: text(ld.headline) ?? text(meta(document, 'property', 'og:title')) ?? text(meta(document, 'name', 'twitter:title')) ?? text(document.querySelector('title')?.textContent),
    siteName: text(ld.publisherName) ?? text(meta(document, 'property', 'og:site_name')),
    dates,
    canonicalHref,
  };
}

function meta(document: MetaDocument, attribute: 'name' | 'property', key: string): string | null {
  // Attribute values are compared case-insensitively, and `property` may hold several space-separated names.
  for (const el of Array.from(document.querySelectorAll(`meta[${attribute}]`))) {
    const names = (el.getAttribute(attribute) ?? '').toLowerCase().split(/\s+/);
    if (names.includes(key)) {
      const content = el.getAttribute('content');
      if (content && content.trim()) return content;
    }
  }
  return null;
}

function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const line = collapse(value);
  return line.length > 0 ? line : null;
}

interface JsonLdFacts {
  readonly datePublished: string[];
  readonly headline: string | null;
  readonly publisherName: string | null;
}

/** JSON-LD blocks, flattened through arrays and `@graph`; article-typed nodes first. */
function readJsonLd(document: MetaDocument): JsonLdFacts {
  const nodes: Record<string, unknown>[] = [];
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    // Pages wrap JSON-LD in `<![CDATA[ … ]]>` or HTML comments, sometimes behind `//`.
    const raw = (script.textContent ?? '')
      .replace(/^\s*(?:<!--)?\s*(?:\/\/\s*)?(?:<!\[CDATA\[)?/, '')
      .replace(/(?:\/\/\s*)?(?:\]\]>)?\s*(?:-->)?\s*$/, '');
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      continue;
    }
    collect(data, nodes, 0);
  }
  const byId = new Map<string, Record<string, unknown>>();
  for (const node of nodes) if (typeof node['@id'] === 'string') byId.set(node['@id'], node);
  const isArticle = (node: Record<string, unknown>): boolean => types(node).some((t) => ARTICLE_TYPES.test(t));
  const ordered = [...nodes.filter(isArticle).sort((a, b) => rank(a) - rank(b)), ...nodes.filter((n) => !isArticle(n))];

  const datePublished: string[] = [];
  let headline: string | null = null;
  let publisherName: string | null = null;
  for (const node of ordered) {
    const date = firstString(node['datePublished']);
    if (date) datePublished.push(date);
    if (headline === null && isArticle(node)) headline = firstString(node['headline']) ?? null;
    if (publisherName === null && isArticle(node)) {
      let publisher = Array.isArray(node['publisher']) ? node['publisher'][0] : node['publisher'];
      if (publisher && typeof publisher === 'object') {
        const ref = (publisher as Record<string, unknown>)['@id'];
        if (typeof ref === 'string' && byId.has(ref) && !(publisher as Record<string, unknown>)['name']) publisher = byId.get(ref);
        publisherName = firstString((publisher as Record<string, unknown>)['name']) ?? null;
      } else if (typeof publisher === 'string') publisherName = publisher;
    }
  }
  return { datePublished, headline, publisherName };
}

/** Web pages rank after the articles they describe. */
function rank(node: Record<string, unknown>): number {
  return types(node).some((t) => /^(?:WebPage|ItemPage|CreativeWork)$/.test(t)) ? 1 : 0;
}

function types(node: Record<string, unknown>): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** Bounded so a hostile page cannot recurse the parser to death. */
const MAX_JSON_LD_DEPTH = 8;

function collect(data: unknown, into: Record<string, unknown>[], depth: number): void {
  if (depth > MAX_JSON_LD_DEPTH || data === null || typeof data !== 'object') return;
  if (Array.isArray(data)) {
    for (const item of data) collect(item, into, depth + 1);
    return;
  }
  const node = data as Record<string, unknown>;
  into.push(node);
  if (Array.isArray(node['@graph'])) collect(node['@graph'], into, depth + 1);
  // An article nested as mainEntity / mainEntityOfPage of a WebPage.
  for (const key of ['mainEntity', 'mainEntityOfPage']) {
    const inner = node[key];
    if (inner && typeof inner === 'object' && types(inner as Record<string, unknown>).length > 0) collect(inner, into, depth + 1);
  }
}
