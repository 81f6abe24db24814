/**
 * How an answer is chosen beyond matching words: the bonus for an answer of
 * the asked kind that the question does not already hold, the period a
 * question names, the weak-answer threshold, and the date a "when" answer states.
 */
import { describe, expect, it } from 'vitest';
import { findAnswer, MIN_ANSWER_COVERAGE, STRONG_ANSWER_COVERAGE } from '../../../src/core/answer/find-answer.ts';
import { newAnswerStrength, type AlreadyAsked } from '../../../src/core/answer/question-kind.ts';
import { conceptsOf } from '../../../src/core/answer/concepts.ts';
import type { EventDate } from '../../../src/core/dates/event-date.ts';
import { CorpusIndex } from '../../../src/core/search/corpus-index.ts';
import { makeArticle, seedArticles } from '../search/articles.ts';

const keysOf = (words: string) => conceptsOf(words, { caseSensitive: true }).map((c) => c.key);

function asked(question: string, dateExpressions: string[] = []): AlreadyAsked {
  const concepts = new Map(conceptsOf(question, { caseSensitive: false }).map((c) => [c.key, 1]));
  return { concepts, numbers: new Set(question.match(/\d+/g) ?? []), dateExpressions };
}

const sentence = (text: string, dates: EventDate[] = []) => ({ text, dates });

function date(expression: string, start: string, overrides: Partial<EventDate> = {}): EventDate {
  return { expression, index: 0, start, end: null, anchor: 'text', derived: false, ...overrides };
}

describe('newAnswerStrength: an answer of the asked kind the question does not already hold', () => {
  it('who: a new name counts, more with the question’s words around it; a name from the question does not', () => {
    const q = asked("who was South Korea's foreign minister?");
    const attached = newAnswerStrength('who', sentence('Officials said South Korean Foreign Minister Park Jin agreed.'), q, keysOf);
    const elsewhere = newAnswerStrength('who', sentence('Officials said the minister met Park Jin later.'), q, keysOf);
    expect(attached).toBeGreaterThan(elsewhere);
    expect(elsewhere).toBeGreaterThan(0);
    expect(newAnswerStrength('who', sentence('They met in Seoul, South Korea.'), asked('who met in Seoul, South Korea?'), keysOf)).toBe(0);
  });

  it('how many: a count the question does not give; not a year, not a day of a date range', () => {
    expect(newAnswerStrength('how-many', sentence('Delegates from 80 countries came.'), asked('how many countries came?'), keysOf)).toBe(1);
    expect(newAnswerStrength('how-many', sentence('The 2025 meeting ran from July 26 to 28.'), asked('how many came in 2025?'), keysOf)).toBe(0);
    expect(newAnswerStrength('how-many', sentence('The 13 actions were listed.'), asked('were the 13 actions listed?'), keysOf)).toBe(0);
  });

  it('where: a place the question does not name', () => {
    expect(newAnswerStrength('where', sentence('The meeting was held in Busan on Monday.'), asked('where was the meeting held?'), keysOf)).toBeGreaterThan(0);
    expect(newAnswerStrength('where', sentence('The meeting was held in Busan on Monday.'), asked('where in Busan was the meeting held?'), keysOf)).toBe(0);
  });

  it('when: a resolved date of the sentence that is not the question’s own period', () => {
    const monday = date('on Monday', '2025-05-12', { anchor: 'article-date' });
    expect(newAnswerStrength('when', sentence('It opened on Monday.', [monday]), asked('when did it open?'), keysOf)).toBe(1);
    const december = date('December 2023', '2023-12');
    expect(newAnswerStrength('when', sentence('It opened in December 2023.', [december]), asked('when in December 2023 did it open?', ['December 2023']), keysOf)).toBe(0);
  });
});

describe('findAnswer: periods, weak answers and the date of a "when" answer', () => {
  const earlier = makeArticle({ id: 'zz-2019', date: '2019-08-21', dateKind: 'stated', body: 'The trilateral summit of ministers was held in Beijing on Wednesday.' });
  const later = makeArticle({ id: 'zz-2023', date: '2023-12-04', dateKind: 'stated', body: 'The trilateral summit of ministers was held in Busan on Sunday.' });
  const index = CorpusIndex.build([earlier, later]);
  /** A stand-in resolver for the question's period: the code is written against resolveEventDates's contract. */
  const resolveDates = (text: string): EventDate[] => {
    const at = text.indexOf('in 2019');
    return at < 0 ? [] : [{ expression: 'in 2019', index: at, start: '2019', end: null, anchor: 'text', derived: false }];
  };

  it('prefers the article of the period the question names', () => {
    // A stand-in resolver, then the real one.
    expect(findAnswer(index, 'where was the trilateral summit of ministers held in 2019?', { resolveDates })?.best.article.id).toBe('zz-2019');
    expect(findAnswer(index, 'where was the trilateral summit of ministers held in 2019?', { today: '2025-01-01' })?.best.article.id).toBe('zz-2019');
    expect(findAnswer(index, 'where was the trilateral summit of ministers held in December 2023?', { today: '2025-01-01' })?.best.article.id).toBe('zz-2023');
  });

  it('resolves "last year" with the real resolver against the day asked', () => {
    const today = '2020-03-01';
    expect(findAnswer(index, 'where was the trilateral summit of ministers held last year?', { today })?.best.article.id).toBe('zz-2019');
  });

  it('states the resolved date of a "when" answer, and none for other kinds', () => {
    const found = findAnswer(index, 'when was the trilateral summit in Busan held?', { today: '2024-01-01' });
    expect(found?.best.article.id).toBe('zz-2023');
    expect(found?.eventDate).toMatchObject({ expression: expect.stringMatching(/Sunday/), start: '2023-12-03' });
    expect(findAnswer(index, 'where was the trilateral summit held in Busan?')?.eventDate).toBeNull();
  });

  it('marks a weak best sentence as the closest passage, keeps a strong one as the answer, and says nothing below the floor', () => {
    expect(MIN_ANSWER_COVERAGE).toBeLessThan(STRONG_ANSWER_COVERAGE);
    const seeds = CorpusIndex.build(seedArticles());
    expect(findAnswer(seeds, 'how many actions does the action plan have?')?.strength).toBe('answer');
    // Shares "Shanghai" and "conference" with the corpus, but not the catering it asks about.
    expect(findAnswer(seeds, 'who paid for the Shanghai conference catering?')?.strength).toBe('closest');
    expect(findAnswer(seeds, 'what is the capital of Peru?')).toBeNull();
  });
});
