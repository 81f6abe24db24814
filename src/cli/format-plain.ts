import { describeEventDate } from '../core/dates/describe-event-date.ts';
import type { TimelinePage } from '../core/timeline/timeline.ts';
import type { Answer, ArticleMeta, Excerpt, QuotedSentence, SearchPage } from '../core/types.ts';
import { describeArticleMeta } from '../slack/render/article-meta.ts';
import { CLOSEST_PASSAGE_TEXT, describeAnswerDate } from '../slack/render/event-date-words.ts';
import { rankedWithinNote } from '../slack/render/search-results.ts';
import { ALSO_REPORTED_BY } from '../slack/render/also-reported.ts';
import { NO_EVENTS_TEXT, otherSourcesText, timelineCountLine, timelineDateLabel } from '../slack/render/timeline.ts';

/** Plain-text renderings for the terminal: the same content as the Slack messages, without Block Kit. */

function quote(excerpt: Excerpt): string {
  const text = excerpt.segments.map((s) => (s.match ? `*${s.text}*` : s.text)).join('');
  return `  > ${text}`;
}

function heading(meta: ArticleMeta): string {
  const { source, date } = describeArticleMeta(meta);
  return `${meta.title}\n  ${source} · ${date}${meta.url ? ` · ${meta.url}` : ''}`;
}

/** `  Also reported by Global Times (2025-05-13), …` for a re-reported story; empty when none. */
export function alsoReportedPlain(others: readonly ArticleMeta[] | undefined): string[] {
  if (others === undefined || others.length === 0) return [];
  const named = others.map((other) => {
    const { source, date } = describeArticleMeta(other);
    return `${source} (${date})`;
  });
  return [`  ${ALSO_REPORTED_BY} ${named.join(', ')}`];
}

export function formatSearchPage(page: SearchPage): string {
  if (page.total === 0) return `No article matches "${page.query.raw}". Try fewer or broader words, or drop a filter.`;
  const lines: string[] = [];
  if (page.query.capped) lines.push('(The query was cut to its maximum length.)', '');
  page.hits.forEach((hit, i) => {
    lines.push(`${page.offset + i + 1}. ${heading(hit.article)}`, ...alsoReportedPlain(hit.alsoReportedBy));
    for (const excerpt of hit.excerpts) lines.push(quote(excerpt));
    lines.push('');
  });
  const last = page.offset + page.hits.length;
  lines.push(`Articles ${page.offset + 1}-${last} of ${page.total} matching (corpus of ${page.corpusSize}).`);
  if (page.rankedWithin !== null) lines.push(rankedWithinNote(page.rankedWithin).replaceAll('`', ''));
  return lines.join('\n');
}

function quoted(sentence: QuotedSentence): string {
  return `${quote(sentence.excerpt)}\n  — ${heading(sentence.article)}`;
}

export function formatAnswer(answer: Answer | null, question: string): string {
  if (answer === null) {
    return `Nothing in the corpus answers "${question}". Try: npm run cli -- search <a few key words>`;
  }
  const lines: string[] = [];
  if (answer.strength === 'closest') lines.push(CLOSEST_PASSAGE_TEXT);
  const when = describeAnswerDate(answer);
  if (when !== null) lines.push(when);
  lines.push(quoted(answer.best), ...alsoReportedPlain(answer.alsoReportedBy));
  if (answer.supporting.length > 0) {
    lines.push('', 'Also supported by:');
    for (const s of answer.supporting) lines.push(quoted(s));
  }
  return lines.join('\n');
}

/** A timeline page: one event per paragraph, its date at its precision (labelled), the sentence, source and article date. */
export function formatTimeline(page: TimelinePage): string {
  if (page.entries.length === 0) return `${NO_EVENTS_TEXT} "${page.query.raw}". Try a broader topic, or drop a filter.`;
  const lines: string[] = [];
  for (const entry of page.entries) {
    const label = timelineDateLabel(entry);
    lines.push(`${describeEventDate(entry.start, entry.end)}${label === null ? '' : ` ${label}`}`);
    lines.push(quote(entry.sentence));
    const { source, date } = describeArticleMeta(entry.article);
    const sources = otherSourcesText(entry.otherSources);
    lines.push(`  ${source} · ${date}${sources === null ? '' : ` · ${sources}`}`, '');
  }
  lines.push(`${timelineCountLine(page, page.entries.length)}.`);
  return lines.join('\n');
}
