/**
 * A topic's timeline as plain data: the dated events of the articles matching
 * the topic, in event-date order (README "Timelines and event dates"; what an
 * entry is follows timeline-summarisation research, build-timeline.ts).
 */
import type { PartialIsoDate } from '../dates/event-date.ts';
import type { ArticleMeta, Excerpt, SearchQuery } from '../types.ts';

/**
 * Where an entry's date comes from.
 * - `sentence`: a day-precision expression of the sentence ("on Monday", "July 26 to 28").
 * - `article-date`: the sentence is the article's lead, attached to the article's own date.
 */
export type TimelineDateBasis = 'sentence' | 'article-date';

export interface TimelineEntry {
  /** The event's first day, `YYYY-MM-DD`. */
  readonly start: PartialIsoDate;
  /** The last day of a range, or null. */
  readonly end: PartialIsoDate | null;
  readonly basis: TimelineDateBasis;
  /**
   * True when the date was worked out from the article's date rather than
   * written with its year ("on Monday"), or is the article's date itself.
   */
  readonly fromArticleDate: boolean;
  /** True when that article date is editorial: the event date is derived, not stated. */
  readonly derived: boolean;
  /** The sentence that states the event, its date expression marked as a match (bold when rendered). */
  readonly sentence: Excerpt;
  /** The article the sentence is quoted from (the best-ranked of those reporting the event). */
  readonly article: ArticleMeta;
  /** How many other articles report the same event ("+N sources"). */
  readonly otherSources: number;
}

/** One page of a timeline. */
export interface TimelinePage {
  readonly query: SearchQuery;
  readonly entries: readonly TimelineEntry[];
  /** Position of `entries[0]` in the whole timeline. */
  readonly offset: number;
  /** Entries in the whole timeline. */
  readonly total: number;
  /** Articles whose sentences were read (the best-ranked matches, at most MAX_TIMELINE_ARTICLES). */
  readonly articlesRead: number;
  /** Articles matching the topic in all. */
  readonly articlesMatching: number;
}
