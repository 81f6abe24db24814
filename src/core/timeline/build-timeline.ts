/**
 * Builds a topic's timeline from the index (where the index lives: the corpus
 * worker in the bot). The search ranks the articles matching the topic; the
 * best MAX_TIMELINE_ARTICLES of them give their dated sentences; the same
 * event reported by several articles becomes one entry (same-event.ts); the
 * entries are sorted by event date.
 *
 * Which sentences count (as in timeline-summarisation research on news, the
 * Timeline17 and Crisis data sets and the "datewise" method of news-tls,
 * https://github.com/complementizer/news-tls; README "Timelines and event
 * dates"): a
 * sentence with a day-precision date expression, once per such date, and an
 * article's lead sentence (its first full sentence) attached to the article's
 * own date when the lead states no day itself. Months and years alone are too
 * coarse to order events by and are left out.
 */
import { precisionOf } from '../dates/calendar.ts';
import type { DatedSentence, EventDate } from '../dates/event-date.ts';
import type { CorpusIndex } from '../search/corpus-index.ts';
import { articleFilter } from '../search/filters.ts';
import { indexTerms } from '../text.ts';
import type { ArticleMeta, Excerpt, SearchQuery } from '../types.ts';
import { keyTerms, sameEvent } from './same-event.ts';
import type { TimelineEntry, TimelinePage } from './timeline.ts';

/**
 * Most articles whose sentences are read for one timeline. Reading one resolves
 * the dates of all its sentences (BENCHMARKS.md, "Event dates: resolver cost
 * per sentence" and "Figures behind design choices") until they are stored at
 * indexing; 40 well-ranked articles hold a topic's events without making a
 * broad topic cost seconds.
 */
export const MAX_TIMELINE_ARTICLES = 40;

/** A lead sentence has at least this many words and ends like a sentence (headings and bylines do not). */
const LEAD_MIN_WORDS = 6;
const SENTENCE_END = /[.!?]["'”’)]?$/;

interface Candidate {
  readonly entry: Omit<TimelineEntry, 'otherSources'>;
  readonly terms: ReadonlySet<string>;
  /** Rank of the article among the matches (0 best). */
  readonly rank: number;
}

/** The dated events of the articles matching `query.terms`, filtered by `query.filters` on event dates, one page. */
export function buildTimeline(
  index: Pick<CorpusIndex, 'rank' | 'sentencesOf'>,
  query: SearchQuery,
  page: { offset: number; limit: number },
): TimelinePage {
  const { source } = query.filters;
  // The source filter is the article's; the date filters apply to event dates below.
  const ranking = index.rank(query.terms, source === undefined ? {} : { filter: articleFilter({ source }) });
  const read = ranking.articles.slice(0, MAX_TIMELINE_ARTICLES);
  const topic = new Set(indexTerms(query.terms));
  const candidates: Candidate[] = [];
  read.forEach(({ article }, rank) => {
    const sentences = index.sentencesOf(article);
    if (sentences === null) return;
    for (const entry of entriesOf(article, sentences)) {
      if (inRange(entry.start, query)) candidates.push({ entry, terms: keyTerms(entry.sentence.text, topic), rank });
    }
  });
  const entries = mergeSameEvents(candidates).sort(byEventDate);
  return {
    query,
    entries: entries.slice(page.offset, page.offset + page.limit),
    offset: page.offset,
    total: entries.length,
    articlesRead: read.length,
    articlesMatching: ranking.articles.length,
  };
}

function isDay(date: EventDate): boolean {
  return precisionOf(date.start) === 'day' && (date.end === null || precisionOf(date.end) === 'day');
}

/** An article's dated sentences as timeline entries. */
function entriesOf(article: ArticleMeta, sentences: readonly DatedSentence[]): Omit<TimelineEntry, 'otherSources'>[] {
  const entries: Omit<TimelineEntry, 'otherSources'>[] = [];
  const lead = sentences.find((s) => s.text.split(/\s+/).length >= LEAD_MIN_WORDS && SENTENCE_END.test(s.text));
  for (const sentence of sentences) {
    const days = sentence.dates.filter(isDay);
    const seen = new Set<string>();
    for (const date of days) {
      const key = `${date.start}/${date.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({
        start: date.start,
        end: date.end,
        basis: 'sentence',
        fromArticleDate: date.anchor === 'article-date',
        derived: date.derived,
        sentence: marked(sentence.text, date),
        article,
      });
    }
    // A retrieval day is when the bot fetched the article, not when anything happened: never a timeline date.
    if (sentence === lead && days.length === 0 && article.date !== null && article.dateKind !== 'retrieved') {
      entries.push({
        start: article.date,
        end: null,
        basis: 'article-date',
        fromArticleDate: true,
        derived: article.dateKind === 'editorial',
        sentence: { text: sentence.text, segments: [{ text: sentence.text, match: false }] },
        article,
      });
    }
  }
  return entries;
}

/** The sentence with its date expression marked, so renderers can show it in bold. */
function marked(text: string, date: EventDate): Excerpt {
  const end = date.index + date.expression.length;
  const segments = [
    { text: text.slice(0, date.index), match: false },
    { text: date.expression, match: true },
    { text: text.slice(end), match: false },
  ].filter((segment) => segment.text.length > 0);
  return { text, segments };
}

/** `after:` (inclusive) and `before:` (exclusive) on the event's first day. */
function inRange(start: string, query: SearchQuery): boolean {
  const { after, before } = query.filters;
  return (after === undefined || start >= after) && (before === undefined || start < before);
}

/**
 * One entry per event: candidates with the same dates whose key terms match
 * (same-event.ts) are one event, quoted from the best-ranked article; each
 * other article reporting it counts once.
 */
function mergeSameEvents(candidates: readonly Candidate[]): TimelineEntry[] {
  const byDates = new Map<string, Candidate[]>();
  for (const candidate of [...candidates].sort((a, b) => a.rank - b.rank)) {
    const key = `${candidate.entry.start}/${candidate.entry.end}`;
    const list = byDates.get(key) ?? [];
    list.push(candidate);
    byDates.set(key, list);
  }
  const entries: TimelineEntry[] = [];
  for (const list of byDates.values()) {
    const events: { first: Candidate; articles: Set<string> }[] = [];
    for (const candidate of list) {
      const event = events.find((e) => sameEvent(e.first.terms, candidate.terms));
      if (event === undefined) events.push({ first: candidate, articles: new Set([candidate.entry.article.id]) });
      else event.articles.add(candidate.entry.article.id);
    }
    for (const { first, articles } of events) entries.push({ ...first.entry, otherSources: articles.size - 1 });
  }
  return entries;
}

/** By first day, then last day (a day before a range starting on it), then the most reported first. */
function byEventDate(a: TimelineEntry, b: TimelineEntry): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  const aEnd = a.end ?? a.start;
  const bEnd = b.end ?? b.start;
  if (aEnd !== bEnd) return aEnd < bEnd ? -1 : 1;
  return b.otherSources - a.otherSources;
}
