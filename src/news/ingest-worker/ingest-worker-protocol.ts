/** Messages between the bot's thread and the ingestion worker (ingest-worker-thread.ts). Plain data only: they are structured-cloned. */
import type { FeedPollResult, FeedToPoll } from '../../ingest/pipeline.ts';
import type { IngestOutcome, IngestVia } from '../../ingest/ingest-types.ts';
import type { FeedPreview } from '../../ingest/feed-preview.ts';

export interface IngestWorkerData {
  /** The module the bootstrap imports (a URL), when run from source. */
  readonly entry: string;
  readonly corpusDir: string;
  /** The SQLite file the worker opens for the ingestion ledger (its own connection, WAL). */
  /** DATA_DIR, absolute: the worker opens the store there (store/open-store.ts). */
  readonly dataDir: string;
  /** DATABASE_URL, or null for the SQLite file in dataDir. */
  readonly databaseUrl: string | null;
  /** `FETCH_ALLOW_PRIVATE` entries as text (parsed ranges are class instances and do not survive cloning). */
  readonly allowPrivate: readonly string[];
}

export type IngestRequest =
  | { readonly seq: number; readonly op: 'addPage'; readonly url: string; readonly via: IngestVia }
  | { readonly seq: number; readonly op: 'pollFeed'; readonly feed: FeedToPoll }
  | { readonly seq: number; readonly op: 'previewFeed'; readonly url: string };

export type IngestReply =
  | { readonly kind: 'result'; readonly seq: number; readonly ok: true; readonly value: IngestOutcome | FeedPollResult | FeedPreview }
  | { readonly kind: 'result'; readonly seq: number; readonly ok: false; readonly error: { readonly name: string; readonly message: string } }
  | {
      readonly kind: 'log';
      readonly level: 'debug' | 'info' | 'warn';
      readonly fields: Record<string, unknown>;
      readonly message: string;
    }
  | { readonly kind: 'ready' };
