import type { ServedCorpus } from '../corpus/served-corpus.ts';
import { parseSearchQuery } from '../core/search/parse-query.ts';
import { notice } from './messages.ts';
import { renderQueryError } from './render/search-results.ts';
import { renderTimeline } from './render/timeline.ts';
import type { SlackMessage } from './render/types.ts';

/** Events shown per page: ten one-line events read at a glance and stay far below Block Kit's limits. */
export const EVENTS_PER_PAGE = 10;

/** Said for `/aigov timeline` with filters but no topic. */
export const TIMELINE_NEEDS_TOPIC = 'A timeline needs a topic, e.g. `/aigov timeline capacity-building after:2024-01`.';

/** Parses the topic and filters, builds and renders one page of the timeline, for `/aigov timeline` and its More button. */
export async function buildTimelineReply(corpus: Pick<ServedCorpus, 'timelineQueued'>, input: string, offset: number): Promise<SlackMessage> {
  const parsed = parseSearchQuery(input);
  if (!parsed.ok) return renderQueryError(parsed.error);
  if (parsed.query.terms.length === 0) return notice(TIMELINE_NEEDS_TOPIC);
  return renderTimeline(await corpus.timelineQueued(parsed.query, { offset, limit: EVENTS_PER_PAGE }));
}
