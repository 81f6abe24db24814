/**
 * The messages between {@link WorkerCorpus} (main thread) and the corpus
 * worker (corpus-worker-thread.ts). Everything crossing is plain data, copied by
 * structured clone.
 */
import type { LoadReport } from '../corpus-service.ts';
import type { TimelinePage } from '../../core/timeline/timeline.ts';
import type { DatedSentence } from '../../core/dates/event-date.ts';
import type { Answer, Article, ArticleMeta, SearchPage, SearchQuery } from '../../core/types.ts';
import type { WatchMatch, WatchQuery } from '../../core/watch/match-watches.ts';
import type { DuplicateGroup } from '../../core/near-duplicates/near-duplicate-index.ts';
import type { ParseResult } from '../../core/corpus/parse-article.ts';
import type { Continuing } from '../../core/answer/follow-up.ts';

/** What the worker is started with (`workerData`). */
export interface CorpusWorkerData {
  /** URL of the module worker-bootstrap.mjs imports (corpus-worker-thread.ts) when run from source; unused compiled. */
  readonly entry: string;
  readonly corpusDir: string;
  readonly snapshotDir: string | null;
  /** Test builds only: the worker obeys `crash` (see WorkerCorpusOptions.faultInjection). */
  readonly faultInjection: boolean;
}

/** A request and the value its answer carries. */
export interface CorpusOps {
  load: { args: Record<string, never>; value: { report: LoadReport; articles: ArticleMeta[] } };
  search: { args: { query: SearchQuery; page: { offset: number; limit: number } }; value: SearchPage };
  answer: { args: { question: string; continuing?: Continuing }; value: Answer | null };
  timeline: { args: { query: SearchQuery; page: { offset: number; limit: number } }; value: TimelinePage };
  /** Reads and parses corpus files (load-corpus.ts `loadArticleFilesSync`): the watcher's batch, parsed off the main thread. */
  readArticleFiles: { args: { dir: string; files: readonly string[] }; value: ParseResult[] };
  /** Several at once: the watcher hands over a batch of files in one request. */
  upsert: { args: { articles: readonly Article[] }; value: null };
  remove: { args: { id: string }; value: boolean };
  articles: { args: { ids: readonly string[] }; value: Article[] };
  sentences: { args: { ids: readonly string[] }; value: [string, DatedSentence[]][] };
  flush: { args: Record<string, never>; value: null };
  duplicateGroups: { args: { ids: readonly string[] }; value: [string, DuplicateGroup][] };
  /** Test builds only: throw an uncaught error, as a bug would. Ignored unless `faultInjection` is set. */
  crash: { args: Record<string, never>; value: null };
  /** The watches one indexed article fires (core/watch/match-watches.ts); empty when the article is not indexed. */
  matchWatches: { args: { articleId: string; watches: readonly WatchQuery[] }; value: WatchMatch[] };
}

export type CorpusOp = keyof CorpusOps;

export interface CorpusRequest<K extends CorpusOp = CorpusOp> {
  readonly seq: number;
  readonly op: K;
  readonly args: CorpusOps[K]['args'];
}

/** An error as it crosses threads: enough to rebuild a named error on the other side. */
export interface WireError {
  readonly name: string;
  readonly message: string;
}

export type CorpusReply =
  | { readonly seq: number; readonly ok: true; readonly value: unknown }
  | { readonly seq: number; readonly ok: false; readonly error: WireError }
  /** Sent unasked: saving the snapshot failed (the worker keeps serving). */
  | { readonly seq: null; readonly saveError: WireError };
