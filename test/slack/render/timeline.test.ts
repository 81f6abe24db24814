import { describe, expect, it } from 'vitest';
import { describeEventDate } from '../../../src/core/dates/describe-event-date.ts';
import type { TimelineEntry, TimelinePage } from '../../../src/core/timeline/timeline.ts';
import { decodeSearchButtonValue, MORE_TIMELINE } from '../../../src/slack/render/action-ids.ts';
import {
  DERIVED_DATE_LABEL,
  LEAD_DATE_LABEL,
  MORE_EVENTS_LABEL,
  NO_EVENTS_TEXT,
  RELATIVE_DATE_LABEL,
  renderTimeline,
} from '../../../src/slack/render/timeline.ts';
import { buttons, messageProblems, textObjects } from './message-checks.ts';

const ARTICLE = { id: 'a', file: 'a.md', title: 'T', date: '2025-05-13', dateKind: 'editorial' as const, source: 'Global Times', url: null, tags: [] };

function entry(overrides: Partial<TimelineEntry>): TimelineEntry {
  const text = 'The workshop opened in Beijing on Monday <!channel>.';
  return {
    start: '2025-05-12',
    end: null,
    basis: 'sentence',
    fromArticleDate: true,
    derived: true,
    sentence: { text, segments: [{ text: 'The workshop opened in Beijing ', match: false }, { text: 'on Monday', match: true }, { text: ' <!channel>.', match: false }] },
    article: ARTICLE,
    otherSources: 2,
    ...overrides,
  };
}

function page(entries: TimelineEntry[], total = entries.length): TimelinePage {
  return { query: { raw: 'workshop', terms: 'workshop', filters: {}, capped: false }, entries, offset: 0, total, articlesRead: 3, articlesMatching: 3 };
}

const allText = (p: TimelinePage) => textObjects(renderTimeline(p).blocks).map((t) => t.text).join('\n');

describe('describeEventDate', () => {
  it.each([
    ['2025-05-12', null, '12 May 2025'],
    ['2025-05', null, 'May 2025'],
    ['2025', null, '2025'],
    ['2025-05-12', '2025-05-14', '12–14 May 2025'],
    ['2025-04-30', '2025-05-02', '30 April – 2 May 2025'],
    ['2024-12-30', '2025-01-02', '30 December 2024 – 2 January 2025'],
    ['2025-01', '2025-03', 'January–March 2025'],
    ['2023', '2025', '2023–2025'],
  ])('%s to %s is “%s”', (start, end, words) => {
    expect(describeEventDate(start, end)).toBe(words);
  });
});

describe('renderTimeline', () => {
  it('shows each event: its date at its precision and where it comes from, the sentence with the expression in bold, source, article date and +N sources', () => {
    const text = allText(page([entry({})]));
    expect(text).toContain(`*12 May 2025* ${DERIVED_DATE_LABEL}`);
    expect(text).toContain('> The workshop opened in Beijing *on Monday* &lt;!channel&gt;.');
    expect(text).toContain('Global Times · 2025-05-13 (editorial date) · +2 sources');
    expect(text).not.toContain('<!channel>');
  });

  it('labels a lead dated by its article, and a date worked out from a stated article date; a written date needs no label', () => {
    expect(allText(page([entry({ basis: 'article-date', derived: false, otherSources: 0 })]))).toContain(`*12 May 2025* ${LEAD_DATE_LABEL}\n`);
    expect(allText(page([entry({ derived: false, otherSources: 1 })]))).toContain(`*12 May 2025* ${RELATIVE_DATE_LABEL}`);
    expect(allText(page([entry({ derived: false, otherSources: 1 })]))).toContain('· +1 source');
    expect(allText(page([entry({ end: '2025-05-14', fromArticleDate: false, derived: false })]))).toMatch(/\*12–14 May 2025\*\n/);
  });

  it('offers More events while events remain, paging from the first not shown', () => {
    const message = renderTimeline(page([entry({}), entry({})], 15));
    const [more] = buttons(message.blocks);
    expect(more?.action_id).toBe(MORE_TIMELINE);
    expect(more?.text.text).toBe(MORE_EVENTS_LABEL);
    expect(decodeSearchButtonValue(more?.value ?? '')).toEqual({ q: 'workshop', o: 2 });
    expect(buttons(renderTimeline(page([entry({})])).blocks)).toEqual([]);
  });

  it('stays within the limits with many long events, leaving the rest for the next page', () => {
    const long = 'word '.repeat(2000);
    const many = Array.from({ length: 60 }, () => entry({ sentence: { text: long, segments: [{ text: long, match: false }] } }));
    const message = renderTimeline(page(many, 60));
    expect(messageProblems(message)).toEqual([]);
    const o = decodeSearchButtonValue(buttons(message.blocks)[0]?.value ?? '')?.o ?? 0;
    expect(o).toBeGreaterThan(0);
    expect(o).toBeLessThan(60);
  });

  it('says when there are no dated events', () => {
    expect(renderTimeline(page([])).text).toContain(NO_EVENTS_TEXT);
  });
});
