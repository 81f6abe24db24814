/**
 * The contract between the ingestion pipeline (fetch → parse feed → extract
 * page → metadata → canonical URL → de-duplicate → write corpus file) and what
 * drives it (the feed scheduler, `/aigov add`, the message shortcut, the CLI).
 * The pipeline decides nothing about when or for whom; its drivers decide
 * nothing about pages and feeds.
 */

import type { ArticleDateBasis } from '../core/types.ts';

/** How an ingested article's date was established (front matter `date_basis`); the core's type, so the loader reads what the pipeline writes. */
export type DateBasis = ArticleDateBasis;

/** Why a URL could not be ingested, as a code the Slack and CLI layers turn into words. */
export type IngestFailureCode =
  | 'invalid-url' // not an absolute http(s) URL
  | 'not-allowed' // the address is private/loopback/… and not in FETCH_ALLOW_PRIVATE
  | 'not-found' // 404 / 410
  | 'http-error' // any other non-2xx status
  | 'not-html' // a content type that is not a page (or, for a feed, not a feed)
  | 'too-large' // the body passed the cap (counted after decompression)
  | 'timed-out'
  | 'too-many-redirects'
  | 'network' // DNS failure, connection refused or reset, TLS error
  | 'no-article' // the page holds no extractable article text
  | 'not-a-feed'; // the document does not parse as RSS, Atom, RDF or JSON Feed

/** What happened to one URL (a page, or one item of a feed). */
export type IngestOutcome =
  | {
      readonly kind: 'added';
      readonly url: string;
      readonly canonicalUrl: string;
      readonly articleId: string;
      /** File name written in CORPUS_DIR. */
      readonly file: string;
      readonly title: string;
      readonly source: string | null;
      /** `YYYY-MM-DD`; with `dateBasis` 'retrieved' it is the day it was fetched, never shown as a publication date. */
      readonly date: string;
      readonly dateBasis: DateBasis;
    }
  | {
      readonly kind: 'duplicate';
      readonly url: string;
      readonly canonicalUrl: string;
      /** The article already in the corpus. */
      readonly articleId: string;
      readonly title: string | null;
      /** Same canonical URL, or the same extracted text under another URL. */
      readonly by: 'url' | 'content';
    }
  | {
      /** An admin removed this article earlier (`/aigov remove`); it is not brought back. */
      readonly kind: 'removed';
      readonly url: string;
      readonly canonicalUrl: string;
    }
  | {
      readonly kind: 'failed';
      readonly url: string;
      readonly code: IngestFailureCode;
      /** One line for people, naming the value (status, size, type…); never holds a token. */
      readonly message: string;
    };

/** Who or what brought an article in (front matter `via`). */
export type IngestVia =
  | { readonly kind: 'feed'; readonly feedId: number; readonly feedUrl: string; readonly feedTitle: string | null }
  | { readonly kind: 'user'; readonly userId: string } // a Slack user id
  | { readonly kind: 'cli' };
