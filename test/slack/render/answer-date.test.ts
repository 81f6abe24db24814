/** The date line of a "when" answer and the "closest passage" heading, in Slack and in the terminal. */
import { describe, expect, it } from 'vitest';
import { formatAnswer } from '../../../src/cli/format-plain.ts';
import type { EventDate } from '../../../src/core/dates/event-date.ts';
import { renderAnswer } from '../../../src/slack/render/answer.ts';
import {
  CLOSEST_PASSAGE_TEXT,
  DERIVED_DATE_MARK,
  HAPPENED_LABEL,
  REPORTED_LABEL,
  describeAnswerDate,
  describeAnsweredDate,
} from '../../../src/slack/render/event-date-words.ts';
import type { SlackMessage } from '../../../src/slack/render/types.ts';
import { answer, article, excerpt } from './fixtures.ts';
import { messageProblems } from './message-checks.ts';

function eventDate(start: string, overrides: Partial<EventDate> = {}): EventDate {
  return { expression: 'on Monday', index: 0, start, end: null, anchor: 'article-date', derived: false, ...overrides };
}

const firstSection = (message: SlackMessage): string => {
  const block = message.blocks[0];
  return block?.type === 'section' && block.text ? block.text.text : '';
};

describe('the date a "when" answer states', () => {
  it('says a date at its precision', () => {
    expect(describeAnsweredDate({ start: '2025-05-12', end: null })).toBe('Monday 12 May 2025');
    expect(describeAnsweredDate({ start: '2025-05', end: null })).toBe('May 2025');
    expect(describeAnsweredDate({ start: '2025', end: null })).toBe('2025');
  });

  it('labels both dates when the event happened on another day than the article’s', () => {
    const found = answer({ eventDate: eventDate('2025-05-12'), best: { article: article({ date: '2025-05-13', dateKind: 'stated' }), excerpt: excerpt('It opened on Monday.') } });
    const line = `${HAPPENED_LABEL} Monday 12 May 2025 · ${REPORTED_LABEL} 2025-05-13`;
    expect(describeAnswerDate(found)).toBe(line);
    const message = renderAnswer(found);
    expect(firstSection(message)).toBe(`*${line}*`);
    expect(message.text).toContain(line);
    expect(messageProblems(message)).toEqual([]);
    expect(formatAnswer(found, found.question).split('\n')[0]).toBe(line);
  });

  it('states one date when the event is the article’s own day', () => {
    const found = answer({ eventDate: eventDate('2024-03-21'), best: { article: article({ date: '2024-03-21', dateKind: 'stated' }), excerpt: excerpt('It was adopted today.') } });
    expect(firstSection(renderAnswer(found))).toBe('*Thursday 21 March 2024*');
  });

  it('says when a date was worked out from an editorial article date', () => {
    const found = answer({
      eventDate: eventDate('2025-05-12', { derived: true }),
      best: { article: article({ date: '2025-05-13', dateKind: 'editorial' }), excerpt: excerpt('It opened on Monday.') },
    });
    expect(describeAnswerDate(found)).toBe(`${HAPPENED_LABEL} Monday 12 May 2025 ${DERIVED_DATE_MARK} · ${REPORTED_LABEL} 2025-05-13 (editorial date)`);
  });

  it('keeps a range and a month at their precision', () => {
    const range = answer({ eventDate: eventDate('2025-07-26', { end: '2025-07-28', anchor: 'text' }), best: { article: article({ date: '2025-07-30' }), excerpt: excerpt('Held from July 26 to 28.') } });
    expect(describeAnswerDate(range)).toBe(`${HAPPENED_LABEL} 26–28 July 2025 · ${REPORTED_LABEL} 2025-07-30`);
    const month = answer({ eventDate: eventDate('2024-09', { anchor: 'text' }), best: { article: article({ date: '2025-05-13' }), excerpt: excerpt('Proposed in September 2024.') } });
    expect(describeAnswerDate(month)).toBe(`${HAPPENED_LABEL} September 2024 · ${REPORTED_LABEL} 2025-05-13`);
  });

  it('shows no date line without an event date', () => {
    const message = renderAnswer(answer());
    expect(firstSection(message)).toMatch(/^> /);
  });
});

describe('a weak answer', () => {
  it('is headed "The closest passage I found:" in Slack and the terminal, never presented as the answer', () => {
    const found = answer({ strength: 'closest' });
    const message = renderAnswer(found);
    expect(firstSection(message)).toBe(CLOSEST_PASSAGE_TEXT);
    expect(message.text.startsWith(CLOSEST_PASSAGE_TEXT)).toBe(true);
    expect(messageProblems(message)).toEqual([]);
    expect(formatAnswer(found, found.question).split('\n')[0]).toBe(CLOSEST_PASSAGE_TEXT);
    expect(firstSection(renderAnswer(answer()))).not.toContain(CLOSEST_PASSAGE_TEXT);
  });
});
