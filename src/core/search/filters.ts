/** Whether an article passes a query's filters (dates and source). */
import { foldWord } from '../text.ts';
import type { ArticleMeta, SearchFilters } from '../types.ts';

/** True when the query has any filter at all. */
export function hasFilters(filters: SearchFilters): boolean {
  return filters.after !== undefined || filters.before !== undefined || filters.source !== undefined;
}

/** Case- and accent-insensitive form of a source name, white space collapsed. */
function foldSource(source: string): string {
  return foldWord(source).replace(/\s+/g, ' ').trim();
}

/**
 * Builds the predicate for `filters`. `after` is inclusive and `before`
 * exclusive (ISO dates compare as strings). An article whose date is unknown
 * fails any date filter: we cannot claim it falls in the range. An article
 * whose source is unknown fails a source filter for the same reason.
 */
export function articleFilter(filters: SearchFilters): (meta: ArticleMeta) => boolean {
  const { after, before } = filters;
  const source = filters.source === undefined ? undefined : foldSource(filters.source);
  return (meta) => {
    if (after !== undefined || before !== undefined) {
      if (meta.date === null) return false;
      if (after !== undefined && meta.date < after) return false;
      if (before !== undefined && meta.date >= before) return false;
    }
    if (source !== undefined) {
      if (meta.source === null || !foldSource(meta.source).includes(source)) return false;
    }
    return true;
  };
}
