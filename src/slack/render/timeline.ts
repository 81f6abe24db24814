/**
 * Messages for `/aigov timeline`: one page of a topic's dated events, oldest
 * first, each with its date at its precision (labelled when worked out from
 * an article date), the sentence that states it (the date expression in bold),
 * the source and the article's date, and "+N sources" when other articles
 * report it. The core decided what the page holds (build-timeline.ts); this
 * lays it out within Slack's limits.
 */
import { describeEventDate } from '../../core/dates/describe-event-date.ts';
import type { TimelineEntry, TimelinePage } from '../../core/timeline/timeline.ts';
import { encodeSearchButtonValue, MORE_TIMELINE } from './action-ids.ts';
import { renderExcerpt, renderMetaLine } from './article.ts';
import { actions, blockTextLength, button, context, section } from './blocks.ts';
import { cleanInlineText } from './escape.ts';
import { fallback } from './fallback.ts';
import { fitInline } from './fit.ts';
import { MAX_BLOCKS, MESSAGE_BLOCK_TEXT_BUDGET } from './limits.ts';
import type { KnownBlock, SlackMessage } from './types.ts';

/** Label of the button that shows the next page of events. */
export const MORE_EVENTS_LABEL = 'More events';

/** After a date taken from the article's own date: the sentence is the article's lead. */
export const LEAD_DATE_LABEL = "(article's date; its lead sentence)";
/** After a date worked out from the article's date ("on Monday"). */
export const RELATIVE_DATE_LABEL = '(worked out from the article date)';
/** After a date worked out from an editorial article date: derived, not stated. */
export const DERIVED_DATE_LABEL = '(derived from an editorial article date)';

/** Opens the message when the topic has no dated events. */
export const NO_EVENTS_TEXT = 'No dated events found for';

/** Suggests what to try after no events. */
export const NO_EVENTS_HINT =
  'Only sentences that name a day count (and each article\'s lead, at its date). Try a broader topic, or drop a filter. For example: `/aigov timeline capacity-building`';

/** Most characters of mrkdwn for the quoted sentence of one event. */
const SENTENCE_BUDGET = 700;
/** Most characters of mrkdwn for the echoed topic. */
const TOPIC_BUDGET = 300;
/** Blocks besides the events: heading, count context, buttons. */
const FIXED_BLOCKS = 3;
/** Most event sections a message can hold (one block each). */
export const MAX_EVENT_SECTIONS = MAX_BLOCKS - FIXED_BLOCKS;

/** The label after an entry's date saying where the date comes from, or null for a date written with its year. */
export function timelineDateLabel(entry: Pick<TimelineEntry, 'basis' | 'fromArticleDate' | 'derived'>): string | null {
  if (entry.derived) return entry.basis === 'article-date' ? `${LEAD_DATE_LABEL} ${DERIVED_DATE_LABEL}` : DERIVED_DATE_LABEL;
  if (entry.basis === 'article-date') return LEAD_DATE_LABEL;
  return entry.fromArticleDate ? RELATIVE_DATE_LABEL : null;
}

/** `+1 source`, `+3 sources`, or null for an event one article reports. */
export function otherSourcesText(count: number): string | null {
  return count === 0 ? null : `+${count} ${count === 1 ? 'source' : 'sources'}`;
}

/** "Events 1–10 of 23 · from the 40 best-matching of 120 articles". */
export function timelineCountLine(page: TimelinePage, shown: number): string {
  const from = page.offset + 1;
  const to = page.offset + shown;
  const range = from === to ? `Event ${from}` : `Events ${from}–${to}`;
  const articles =
    page.articlesRead < page.articlesMatching
      ? `from the ${page.articlesRead} best-matching of ${page.articlesMatching} articles`
      : `from ${page.articlesMatching} matching ${page.articlesMatching === 1 ? 'article' : 'articles'}`;
  return `${range} of ${page.total} · ${articles}`;
}

/** One event as the text of one section: date line, quoted sentence, source line. */
function renderEntry(entry: TimelineEntry): string {
  const label = timelineDateLabel(entry);
  const dateLine = `*${describeEventDate(entry.start, entry.end)}*${label === null ? '' : ` ${label}`}`;
  const sources = otherSourcesText(entry.otherSources);
  const meta = renderMetaLine(entry.article) + (sources === null ? '' : ` · ${sources}`);
  return `${dateLine}\n> ${renderExcerpt(entry.sentence, SENTENCE_BUDGET)}\n${meta}`;
}

/** `Timeline for “topic”`, cleaned, escaped and cut. */
function timelineHeading(raw: string): string {
  const topic = cleanInlineText(raw);
  return topic.length === 0 ? 'Timeline' : `Timeline for “${fitInline(topic, TOPIC_BUDGET)}”`;
}

/** The "More events" button value, or null when the topic cannot be encoded (then no button rather than a wrong page). */
function moreValue(raw: string, offset: number): string | null {
  try {
    return encodeSearchButtonValue({ q: raw, o: offset });
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}

/**
 * A page of a timeline. Events that would take the message past
 * MESSAGE_BLOCK_TEXT_BUDGET or MAX_BLOCKS are left for the next page, which
 * "More events" starts from. A page without events says so.
 */
export function renderTimeline(page: TimelinePage): SlackMessage {
  if (page.entries.length === 0) return renderNoEvents(page);
  const sections = page.entries.slice(0, MAX_EVENT_SECTIONS).map(renderEntry);
  for (let shown = sections.length; ; shown--) {
    const message = assemble(page, sections.slice(0, shown));
    if (shown === 1 || blockTextLength(message.blocks) <= MESSAGE_BLOCK_TEXT_BUDGET) return message;
  }
}

function assemble(page: TimelinePage, sections: readonly string[]): SlackMessage {
  const next = page.offset + sections.length;
  const count = timelineCountLine(page, sections.length);
  const blocks: KnownBlock[] = [section(timelineHeading(page.query.raw)), ...sections.map(section), context([count])];
  const value = next < page.total ? moreValue(page.query.raw, next) : null;
  if (value !== null) blocks.push(actions([button(MORE_EVENTS_LABEL, MORE_TIMELINE, value)]));
  return { text: fallback(`${timelineHeading(page.query.raw)}: ${count}`), blocks };
}

/** No dated events: says so, echoes the topic, suggests what to try. */
export function renderNoEvents(page: Pick<TimelinePage, 'query'>): SlackMessage {
  const topic = cleanInlineText(page.query.raw);
  const lead = `${NO_EVENTS_TEXT} “${fitInline(topic, TOPIC_BUDGET)}”.`;
  return { text: fallback(lead), blocks: [section(`${lead}\n${NO_EVENTS_HINT}`)] };
}
