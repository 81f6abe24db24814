/**
 * "Also reported by Global Times (2025-05-13), China Daily (2025-05-14)": the
 * other outlets that carried a story shown once (near-duplicates/), with
 * their dates, under a search hit, an answer or a digest entry.
 */
import { describeArticleMeta } from './article-meta.ts';
import { cleanInlineText } from './escape.ts';
import { fitInline } from './fit.ts';
import type { ArticleMeta } from '../../core/types.ts';

/** Opens the line. */
export const ALSO_REPORTED_BY = 'Also reported by';

/** Most outlets named; the rest are counted. */
export const MAX_ALSO_REPORTED = 5;

/** Most characters of one outlet's name. */
const SOURCE_BUDGET = 80;

/**
 * The line as mrkdwn, or null when there are no others. Sources and
 * dates are corpus text: cleaned and escaped; unknown ones are said so.
 * At most about 700 characters.
 */
export function alsoReportedByLine(others: readonly ArticleMeta[] | undefined): string | null {
  if (others === undefined || others.length === 0) return null;
  const named = others.slice(0, MAX_ALSO_REPORTED).map((other) => {
    const words = describeArticleMeta({
      source: other.source === null ? null : cleanInlineText(other.source),
      date: other.date === null ? null : cleanInlineText(other.date),
      dateKind: other.dateKind,
    });
    return `${fitInline(words.source, SOURCE_BUDGET)} (${fitInline(words.date, 40)})`;
  });
  const more = others.length - named.length;
  return `${ALSO_REPORTED_BY} ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
