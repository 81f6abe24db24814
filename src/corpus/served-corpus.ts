/**
 * The corpus as the bot's handlers and digests use it. Two implementations:
 * {@link CorpusService} keeps the index in the calling thread (the CLIs and
 * most tests), {@link WorkerCorpus} keeps it in a worker thread (the bot), so
 * the main thread, which acks Slack's requests, never runs a search or
 * collects the index's garbage.
 */
import type { CorpusStatus } from './corpus-service.ts';
import type { Continuing } from '../core/answer/follow-up.ts';
import type { TimelinePage } from '../core/timeline/timeline.ts';
import type { DatedSentence } from '../core/dates/event-date.ts';
import type { Answer, Article, ArticleMeta, SearchPage, SearchQuery } from '../core/types.ts';
import type { WatchMatch, WatchQuery } from '../core/watch/match-watches.ts';
import type { DuplicateGroup } from '../core/near-duplicates/near-duplicate-index.ts';

/** Article metadata by id, answered without waiting (no bodies: those stay with the index). */
export interface ArticleCatalog {
  get(id: string): ArticleMeta | undefined;
  /** Every article's metadata, newest first. */
  all(): ArticleMeta[];
}

export interface ServedCorpus {
  readonly ready: boolean;
  readonly index: ArticleCatalog;
  /** What `GET /healthz` reports. */
  status(): CorpusStatus;
  /** One page of results; rejects with IndexNotReadyError before the corpus is loaded. */
  searchQueued(query: SearchQuery, page: { offset: number; limit: number }): Promise<SearchPage>;
  /** The quick-fact answer to `question`, or null; rejects with IndexNotReadyError before the corpus is loaded. */
  answerQueued(question: string, continuing?: Continuing): Promise<Answer | null>;
  /** One page of the timeline of `query`'s topic (build-timeline.ts); rejects with IndexNotReadyError before the corpus is loaded. */
  timelineQueued(query: SearchQuery, page: { offset: number; limit: number }): Promise<TimelinePage>;
  /** The articles with these ids, bodies included; unknown ids are left out. */
  articles(ids: readonly string[]): Promise<Map<string, Article>>;
  /**
   * For each id that re-reports a story with other articles (near-duplicates/),
   * its group: the earliest article and the others, with source and date.
   * Ids standing alone (or unknown) are left out. Digests and watch alerts use
   * it to show a story once.
   */
  duplicateGroups(ids: readonly string[]): Promise<Map<string, DuplicateGroup>>;
  /**
   * The sentences of the articles with these ids, with their dates, as the
   * index worked them out when it indexed them; unknown ids, and articles
   * whose text can no longer be had, are left out.
   */
  sentences(ids: readonly string[]): Promise<Map<string, DatedSentence[]>>;
  /**
   * The watches the indexed article `articleId` fires, evaluated where the
   * index lives against that one article (no search per watch); empty when
   * it is not indexed or its text can no longer be read.
   */
  matchWatches(articleId: string, watches: readonly WatchQuery[]): Promise<WatchMatch[]>;
}
