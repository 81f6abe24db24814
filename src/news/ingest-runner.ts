/**
 * How the drivers (scheduler, `/aigov add`, the shortcut, the CLI) reach the
 * pipeline: through a runner, so the bot can put fetching and extraction in
 * a worker thread (news/ingest-worker/ingest-worker-client.ts) while the CLI runs them in
 * its own process ({@link createInlineIngestRunner}).
 */
import type { FeedPollResult, FeedToPoll, IngestDeps } from '../ingest/pipeline.ts';
import { ingestPage, pollFeed } from '../ingest/pipeline.ts';
import type { IngestOutcome, IngestVia } from '../ingest/ingest-types.ts';

export interface IngestRunner {
  /** Fetches one page and adds its article (or says why not). Rejects only when the runner itself broke (see IngestWorkerCrashedError). */
  addPage(url: string, via: IngestVia): Promise<IngestOutcome>;
  /** Polls one feed; rejects only when the runner itself broke. */
  pollFeed(feed: FeedToPoll): Promise<FeedPollResult>;
  close(): Promise<void>;
}

/** The pipeline in this thread, for the CLI (a terminal can wait; a crash ends only that command). */
export function createInlineIngestRunner(deps: IngestDeps): IngestRunner {
  return {
    addPage: (url, via) => ingestPage(url, via, deps),
    pollFeed: (feed) => pollFeed(feed, deps),
    close: () => deps.fetcher.close(),
  };
}
