/**
 * The one way a feed's bytes become a parsed feed, for polling and for the
 * preview alike: the character set (decode-feed.ts), then the document
 * (parse-feed.ts), with relative links resolved against `Content-Location`
 * when the server sent one, else the URL that answered.
 */
import { decodeFeedBytes } from './decode-feed.ts';
import { parseFeedDocument, type ParsedFeed } from './parse-feed.ts';

/** What is known of where the bytes came from (a fetched response, or a file read as a fetched feed without a charset would be). */
export interface FeedSource {
  /** The URL that answered (after redirects), or a file's `file:` URL. */
  readonly url: string;
  /** `charset=` of the Content-Type, or null. */
  readonly charset: string | null;
  /** The `Content-Location` header, or null. */
  readonly contentLocation: string | null;
}

/** Throws NotAFeedError (parse-feed.ts) when the bytes are not a feed. */
export function readFeed(bytes: Uint8Array, source: FeedSource): ParsedFeed {
  const { text } = decodeFeedBytes(bytes, source.charset);
  return parseFeedDocument(text, { url: source.url, contentLocation: source.contentLocation });
}
