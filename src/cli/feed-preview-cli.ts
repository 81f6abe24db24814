/**
 * `npm run cli -- feeds preview [--jsonl] <url or file>…`: what each feed
 * would bring if subscribed, nothing stored. A URL is fetched exactly as a
 * subscribed feed is (the one fetcher: address guard, limits, headers); a
 * file is read as bytes, as a fetched feed without a charset header would
 * be. Both are read by readFeed, the function polling uses. One source
 * after another, in the order given; exit 0 once every source was tried.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createFetcher, MAX_BODY_BYTES } from '../ingest/fetch/fetcher.ts';
import { BodyTooLargeError } from '../ingest/fetch/fetch-errors.ts';
import type { AddressRange } from '../ingest/fetch/address-guard.ts';
import { NotAFeedError } from '../ingest/feed/parse-feed.ts';
import { readFeed } from '../ingest/feed/read-feed.ts';
import { previewParsedFeed, type FeedPreview } from '../ingest/feed-preview.ts';
import { previewFeed } from '../ingest/pipeline.ts';
import { FAILURE_WORDS, NEWS_TEXT, previewDateWords, previewTakeWords } from '../slack/render/news.ts';

/** Items the plain-text preview prints per feed (`--jsonl` gives them all). */
export const PREVIEW_TEXT_ITEMS = 20;

export const PREVIEW_USAGE = `Usage: npm run cli -- feeds preview [--jsonl] <feed url or file> [<feed url or file>…]
  What subscribing would take, nothing stored. --jsonl: one JSON line per source, in order.`;

type Line = (line: string) => void;

/** Reads a feed from a file as a fetched feed without a charset header would be read, under the same body cap. */
export function previewFeedFile(source: string, allowPrivate: readonly AddressRange[], maxBytes = MAX_BODY_BYTES): FeedPreview {
  const file = path.resolve(source);
  let bytes: Buffer;
  try {
    if (fs.statSync(file).size > maxBytes) {
      const tooLarge = new BodyTooLargeError(maxBytes);
      return { ok: false, source, code: tooLarge.code, error: tooLarge.message };
    }
    bytes = fs.readFileSync(file);
  } catch (err) {
    return { ok: false, source, code: 'unreadable', error: `cannot read '${source}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  const location = pathToFileURL(file).href;
  try {
    return previewParsedFeed(source, location, readFeed(bytes, { url: location, charset: null, contentLocation: null }), allowPrivate);
  } catch (err) {
    if (err instanceof NotAFeedError) return { ok: false, source, code: 'not-a-feed', error: err.message };
    throw err;
  }
}

/** The `--jsonl` line of one source. */
export function previewJsonLine(preview: FeedPreview): string {
  if (!preview.ok) return JSON.stringify({ source: preview.source, ok: false, error: preview.error });
  return JSON.stringify({
    source: preview.source,
    ok: true,
    feed: { title: preview.feed.title, url: preview.feed.url },
    items: preview.items.map((item) => ({ title: item.title, url: item.url, guid: item.guid, published: item.published, text: item.text })),
  });
}

/** The plain-text preview of one source. */
export function previewText(preview: FeedPreview): string {
  if (!preview.ok) return `${preview.source}\n  failed: ${preview.code === 'unreadable' ? 'could not be read' : FAILURE_WORDS[preview.code]} (${preview.error})`;
  const lines = [preview.source, `  feed: ${preview.feed.title ?? '(no title)'}  ${preview.feed.url ?? '(no home page)'}  [${preview.format}]`];
  if (preview.malformed !== null) lines.push(`  warning: ${NEWS_TEXT.malformed} (${preview.malformed})`);
  lines.push(`  ${preview.items.length} ${preview.items.length === 1 ? 'item' : 'items'}`);
  preview.items.slice(0, PREVIEW_TEXT_ITEMS).forEach((item, i) => {
    lines.push(`  ${i + 1}. ${item.title ?? '(no title)'}`);
    lines.push(`     ${item.url ?? 'no link'}`);
    lines.push(`     ${previewDateWords(item)} · ${previewTakeWords(item.take)}`);
  });
  if (preview.items.length > PREVIEW_TEXT_ITEMS) lines.push(`  …and ${preview.items.length - PREVIEW_TEXT_ITEMS} more (--jsonl lists all)`);
  return lines.join('\n');
}

export async function runFeedPreviewCli(args: readonly string[], allowPrivate: readonly AddressRange[], out: Line, err: Line): Promise<number> {
  const jsonl = args.includes('--jsonl');
  const sources = args.filter((a) => a !== '--jsonl');
  if (sources.length === 0) {
    err(PREVIEW_USAGE);
    return 2;
  }
  const fetcher = createFetcher({ allowPrivate });
  try {
    for (const source of sources) {
      let preview: FeedPreview;
      try {
        preview = /^https?:\/\//i.test(source) ? await previewFeed(source, { fetcher, allowPrivate }) : previewFeedFile(source, allowPrivate);
      } catch (error) {
        // One source that breaks the reader (say, markup nested past the stack) must not cost the others their line.
        preview = { ok: false, source, code: 'not-a-feed', error: `could not be read (${error instanceof Error ? error.message : String(error)})` };
      }
      out(jsonl ? previewJsonLine(preview) : previewText(preview));
    }
  } finally {
    await fetcher.close();
  }
  return 0;
}
