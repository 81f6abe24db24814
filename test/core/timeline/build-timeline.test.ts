import { describe, expect, it } from 'vitest';
import { CorpusIndex } from '../../../src/core/search/corpus-index.ts';
import { parseSearchQuery } from '../../../src/core/search/parse-query.ts';
import { buildTimeline, MAX_TIMELINE_ARTICLES } from '../../../src/core/timeline/build-timeline.ts';
import { keyTerms, sameEvent } from '../../../src/core/timeline/same-event.ts';
import type { TimelinePage } from '../../../src/core/timeline/timeline.ts';
import { makeArticle } from '../search/articles.ts';
import { SAME_DAY_OTHER_EVENT, SECOND_REPORT, THIRD_REPORT, UNDATED, timelineArticles } from './timeline-articles.ts';

const index = CorpusIndex.build(timelineArticles());

function timeline(input: string, page = { offset: 0, limit: 100 }): TimelinePage {
  const parsed = parseSearchQuery(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return buildTimeline(index, parsed.query, page);
}

/** The workshop of 12 May is reported by 004, 960 and 961; whichever ranks best is quoted. */
const WORKSHOP = new Set(['004', '960', '961']);
const line = (e: TimelinePage['entries'][number]) => {
  const id = e.article.id.slice(0, 3);
  return `${e.start}${e.end === null ? '' : `/${e.end}`} ${e.otherSources > 0 && WORKSHOP.has(id) ? 'workshop' : id} +${e.otherSources}`;
};

describe('buildTimeline', () => {
  it('lists the dated events of the matching articles in event-date order', () => {
    const page = timeline('capacity-building');
    const starts = page.entries.map((e) => e.start);
    expect(starts).toEqual([...starts].sort());
    expect(page.entries.map(line)).toEqual([
      '2024-09-25 001 +0',
      '2025-05-06 004 +0',
      '2025-05-12 workshop +2',
      '2025-05-12 962 +0',
      '2025-05-13 004 +0',
    ]);
    expect(page.total).toBe(5);
  });

  it('merges the same event reported by several articles into one entry with +N sources', () => {
    const workshop = timeline('capacity-building').entries.find((e) => e.start === '2025-05-12' && e.otherSources > 0)!;
    expect(workshop.sentence.text).toMatch(/second Workshop on AI Capacity Building.*Beijing on Monday/);
    expect(workshop.otherSources).toBe(2);
    // Only the second report among the matches: one other source.
    const narrow = timeline(`capacity-building before:2025-05-13 source:"Fixture Wire"`);
    expect(narrow.entries.map(line)).toEqual(['2025-05-12 960 +0', '2025-05-12 962 +0']);
  });

  it('keeps two different events of the same day apart', () => {
    const sameDay = timeline('capacity-building').entries.filter((e) => e.start === '2025-05-12');
    expect(sameDay.map((e) => e.article.id)).toContain(SAME_DAY_OTHER_EVENT.id);
    const topic = new Set(['capacity', 'building']);
    expect(sameEvent(keyTerms(SAME_DAY_OTHER_EVENT.body, topic), keyTerms(SECOND_REPORT.body, topic))).toBe(false);
    expect(sameEvent(keyTerms(THIRD_REPORT.body, topic), keyTerms(SECOND_REPORT.body, topic))).toBe(true);
  });

  it('applies after: and before: to event dates, not article dates', () => {
    // The article of 2025-05-13 reports events of 6, 12 and 13 May.
    const page = timeline('capacity-building after:2025-05-07 before:2025-05-13');
    expect(page.entries.map((e) => e.start)).toEqual(['2025-05-12', '2025-05-12']);
  });

  it('applies source: to the articles', () => {
    const page = timeline('capacity-building source:"Global Times"');
    expect(new Set(page.entries.map((e) => e.article.source))).toEqual(new Set(['Global Times']));
    expect(page.entries.find((e) => e.start === '2025-05-12')?.otherSources).toBe(0);
  });

  it('counts only day-precision dates, marks the bold expression, and says where each date comes from', () => {
    const page = timeline('capacity-building');
    // "China in September 2024 proposed …" is a month: not an entry.
    expect(page.entries.some((e) => e.start === '2024-09')).toBe(false);
    const stated = page.entries.find((e) => e.start === '2024-09-25')!;
    expect([stated.basis, stated.fromArticleDate, stated.derived]).toEqual(['sentence', false, false]);
    expect(stated.sentence.segments.filter((s) => s.match).map((s) => s.text)).toEqual(['September 25, 2024']);
    const monday = timeline('capacity-building source:"Global Times"').entries.find((e) => e.start === '2025-05-12')!;
    expect([monday.basis, monday.fromArticleDate, monday.derived]).toEqual(['sentence', true, true]);
    expect(monday.sentence.segments.map((s) => s.text).join('')).toBe(monday.sentence.text);
  });

  it("attaches an article's lead to its own date when the lead states no day, marked as such", () => {
    const page = timeline('World AI Conference');
    const lead = page.entries.find((e) => e.basis === 'article-date')!;
    expect(lead.start).toBe('2025-07-30');
    expect(lead.sentence.text).toMatch(/^BEIJING: Foreign Ministry spokesperson Guo Jiakun said/);
    const range = page.entries.find((e) => e.end !== null)!;
    expect([range.start, range.end]).toEqual(['2025-07-26', '2025-07-28']);
    // An editorial article date makes the lead's date derived.
    const talks = timeline('Blinken TikTok').entries.find((e) => e.basis === 'article-date')!;
    expect([talks.start, talks.derived]).toEqual(['2024-04-26', true]);
  });

  it('gives nothing dated from an article without a date but a weekday', () => {
    expect(timeline('capacity-building network training').entries.some((e) => e.article.id === UNDATED.id)).toBe(false);
  });

  it('pages through the entries', () => {
    const all = timeline('capacity-building').entries;
    const second = timeline('capacity-building', { offset: 2, limit: 2 });
    expect(second.entries).toEqual(all.slice(2, 4));
    expect([second.offset, second.total]).toEqual([2, all.length]);
  });

  it(`reads at most ${MAX_TIMELINE_ARTICLES} articles`, () => {
    const many = Array.from({ length: MAX_TIMELINE_ARTICLES + 5 }, (_, i) =>
      makeArticle({ id: `97${String(i).padStart(2, '0')}_zebra`, date: '2025-01-10', dateKind: 'stated', body: `Zebra council ${i} met on Monday to vote.` }),
    );
    const page = buildTimeline(CorpusIndex.build(many), { raw: 'zebra', terms: 'zebra', filters: {}, capped: false }, { offset: 0, limit: 100 });
    expect([page.articlesRead, page.articlesMatching]).toEqual([MAX_TIMELINE_ARTICLES, MAX_TIMELINE_ARTICLES + 5]);
  });
});
