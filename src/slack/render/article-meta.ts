/**
 * The words for where an article comes from and when, shared by the Slack
 * renderers and the terminal CLI so both say the same thing. Unknown stays
 * unknown: nothing is guessed.
 */
import type { ArticleMeta } from '../../core/types.ts';

/** Shown when an article's source is not known. */
export const SOURCE_UNKNOWN = 'source unknown';

/** Shown when an article's date is not known. */
export const DATE_UNKNOWN = 'date unknown';

/** Follows a date that an editor established from outside the article text. */
export const EDITORIAL_DATE_MARK = '(editorial date)';

/**
 * Follows a date that is only the day the bot fetched the article: the page,
 * its feed and its URL stated no publication date.
 */
export const RETRIEVED_DATE_MARK = '(retrieved; publication date unknown)';

/** An article's source and date in words (raw text, not escaped for any output). */
export interface ArticleMetaWords {
  /** The source, or {@link SOURCE_UNKNOWN}. */
  readonly source: string;
  /** `2024-09-25`, `2024-04-26 (editorial date)`, `2025-08-01 (retrieved; publication date unknown)`, or {@link DATE_UNKNOWN}. */
  readonly date: string;
}

/** Describes an article's source and date in words, e.g. `{ source: 'source unknown', date: '2024-04-26 (editorial date)' }`. */
export function describeArticleMeta(meta: Pick<ArticleMeta, 'source' | 'date' | 'dateKind'>): ArticleMetaWords {
  const source = meta.source !== null && meta.source.trim().length > 0 ? meta.source : SOURCE_UNKNOWN;
  let date = DATE_UNKNOWN;
  if (meta.date !== null && meta.date.trim().length > 0) {
    date =
      meta.dateKind === 'editorial' ? `${meta.date} ${EDITORIAL_DATE_MARK}` : meta.dateKind === 'retrieved' ? `${meta.date} ${RETRIEVED_DATE_MARK}` : meta.date;
  }
  return { source, date };
}
