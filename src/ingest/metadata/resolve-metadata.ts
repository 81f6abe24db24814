/**
 * The facts written in an article's front matter, each from the best source
 * that states it, and never invented: a date nobody states is the retrieval
 * day and says so (`date_basis: retrieved`); a source nobody states is the
 * host name.
 */
import type { DateBasis } from '../ingest-types.ts';
import { canonicalUrl, isHomePage, isSameSite } from '../url/canonical-url.ts';
import { addDays, dayOfUrlPath, utcDay } from './page-date.ts';
import type { PageMetadata } from './read-page-metadata.ts';

/** What a feed item says about the article (absent for a link added by hand). */
export interface FeedFacts {
  readonly title: string | null;
  /** The item's publication date, parsed. */
  readonly published: Date | null;
  /** Raw form, so a day written as `2025-06-10T…` keeps its own day. */
  readonly publishedRaw: string | null;
  /** The feed's title (a source when the page names no publisher). */
  readonly feedTitle: string | null;
}

export interface ResolvedMetadata {
  readonly title: string;
  readonly source: string;
  /** `YYYY-MM-DD`, never after the retrieval day. */
  readonly date: string;
  readonly dateBasis: DateBasis;
  /** Set when a stated date was in the future and not used (for the log). */
  readonly dateNote: string | null;
  /** The article's canonical URL (see {@link chooseCanonicalUrl}). */
  readonly canonicalUrl: string;
}

/**
 * A stated date up to this many days after the retrieval day (UTC) is a
 * publisher in a time zone ahead of UTC: clamped to the retrieval day. Later
 * than that it is a mistake or a scheduled post, and the next source is used.
 */
export const FUTURE_DATE_SLACK_DAYS = 1;

export function resolveMetadata(input: {
  readonly pageUrl: string;
  readonly page: PageMetadata | null;
  readonly extractedTitle: string | null;
  readonly feed: FeedFacts | null;
  readonly retrievedAt: Date;
}): ResolvedMetadata {
  const { pageUrl, page, feed } = input;
  const retrievedDay = utcDay(input.retrievedAt);
  const notes: string[] = [];
  const candidates: { day: string; basis: DateBasis; what: string }[] = [];
  for (const d of page?.dates ?? []) candidates.push({ day: d.day, basis: 'page', what: `page ${d.from} '${d.raw}'` });
  if (feed?.published) {
    const raw = feed.publishedRaw ?? '';
    const written = /^(\d{4}-\d{2}-\d{2})/.exec(raw.trim());
    candidates.push({ day: written ? written[1]! : utcDay(feed.published), basis: 'feed', what: `feed item '${raw}'` });
  }
  const urlDay = dayOfUrlPath(pageUrl);
  if (urlDay) candidates.push({ day: urlDay, basis: 'url', what: `URL path` });

  let date = retrievedDay;
  let dateBasis: DateBasis = 'retrieved';
  for (const candidate of candidates) {
    if (candidate.day <= retrievedDay) {
      date = candidate.day;
      dateBasis = candidate.basis;
      break;
    }
    if (candidate.day <= addDays(retrievedDay, FUTURE_DATE_SLACK_DAYS)) {
      notes.push(`${candidate.what} is after the retrieval day ${retrievedDay}: clamped to it`);
      date = retrievedDay;
      dateBasis = candidate.basis;
      break;
    }
    notes.push(`${candidate.what} is in the future (${candidate.day}): not used`);
  }

  const canonical = chooseCanonicalUrl(pageUrl, page?.canonicalHref ?? null);
  return {
    title: input.extractedTitle ?? page?.title ?? feed?.title ?? new URL(canonical).hostname,
    source: page?.siteName ?? feed?.feedTitle ?? new URL(canonical).hostname.replace(/^www\./, ''),
    date,
    dateBasis,
    dateNote: notes.length > 0 ? notes.join('; ') : null,
    canonicalUrl: canonical,
  };
}

/**
 * The page's `<link rel=canonical>` when it is an http(s) URL on the same site
 * and not a home page (a CMS that points every article at `/` would make them
 * all one article); otherwise the URL fetched. Canonicalised either way.
 */
export function chooseCanonicalUrl(pageUrl: string, canonicalHref: string | null): string {
  const page = new URL(pageUrl);
  if (canonicalHref !== null) {
    try {
      const candidate = new URL(canonicalHref);
      if ((candidate.protocol === 'https:' || candidate.protocol === 'http:') && isSameSite(page, candidate) && !isHomePage(candidate)) {
        return canonicalUrl(candidate.href);
      }
    } catch {
      // not a URL: the page's own URL stands
    }
  }
  return canonicalUrl(page.href);
}
