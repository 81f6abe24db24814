/**
 * How the drivers (scheduler, `/aigov add`, the shortcut, the CLI) reach the
 * pipeline: through a runner, so the bot can put fetching and extraction in
 * a worker thread (news/ingest-worker/ingest-worker-client.ts) while the CLI runs them in
 * its own process ({@link createInlineIngestRunner}).
 */
import type { FeedPollResult, FeedToPoll, IngestDeps } from '../ingest/pipeline.ts';
import { ingestPage, pollFeed, previewFeed } from '../ingest/pipeline.ts';
import type { FeedPreview } from '../ingest/feed-preview.ts';
import type { IngestOutcome, IngestVia } from '../ingest/ingest-types.ts';

export interface IngestRunner {
  /** Fetches one page and adds its article (or says why not). Rejects only when the runner itself broke (see IngestWorkerCrashedError). */
  addPage(url: string, via: IngestVia): Promise<IngestOutcome>;
  /** Polls one feed; rejects only when the runner itself broke. */
  pollFeed(feed: FeedToPoll): Promise<FeedPollResult>;
  /** Fetches and reads a feed as a poll would, storing nothing; rejects only when the runner itself broke. */
  previewFeed(url: string): Promise<FeedPreview>;
  close(): Promise<void>;
}

/** The pipeline in this thread, for the CLI (a terminal can wait; a crash ends only that command). */
export function createInlineIngestRunner(deps: IngestDeps): IngestRunner {
  return {
    addPage: (url, via) => ingestPage(url, via, deps),
    pollFeed: (feed) => pollFeed(feed, deps),
    previewFeed: (url) => previewFeed(url, { fetcher: deps.fetcher, allowPrivate: deps.allowPrivate ?? [] }),
    close: () => deps.fetcher.close(),
  };
}
