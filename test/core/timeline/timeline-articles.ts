/**
 * A fixture corpus for timelines: the seed articles plus made-up reports of
 * the same events from other sources, an unrelated event on the same day, and
 * an article without a date.
 */
import type { Article } from '../../../src/core/types.ts';
import { makeArticle, seedArticles } from '../search/articles.ts';

export const SECOND_REPORT = makeArticle({
  id: '960_workshop-second-report',
  title: 'Second AI capacity-building workshop opens in Beijing',
  date: '2025-05-14',
  dateKind: 'stated',
  source: 'Fixture Wire',
  body: 'The second Workshop on AI Capacity Building opened in Beijing on Monday with participants from nearly 40 countries.\nOrganisers said the workshop would run for a week.',
});

export const THIRD_REPORT = makeArticle({
  id: '961_workshop-third-report',
  title: 'Beijing hosts AI capacity workshop for developing countries',
  date: '2025-05-15',
  dateKind: 'editorial',
  source: 'Other Fixture Daily',
  body: 'Participants from developing countries gathered in Beijing on May 12 as the second capacity building workshop on AI opened.',
});

export const SAME_DAY_OTHER_EVENT = makeArticle({
  id: '962_same-day-other-event',
  title: 'Capacity-building fund for AI audits agreed in Nairobi',
  date: '2025-05-13',
  dateKind: 'stated',
  source: 'Fixture Wire',
  body: 'Donors agreed on Monday in Nairobi to finance an AI audit fund for capacity-building.',
});

export const UNDATED = makeArticle({
  id: '963_undated',
  title: 'AI capacity-building notes',
  body: 'The capacity-building network met on Tuesday to review AI training plans.',
});

export function timelineArticles(): Article[] {
  return [...seedArticles(), SECOND_REPORT, THIRD_REPORT, SAME_DAY_OTHER_EVENT, UNDATED];
}
