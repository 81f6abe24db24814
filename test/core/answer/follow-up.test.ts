import { describe, expect, it } from 'vitest';
import { completeQuestion, continuingOf, lacksSubject, readFollowUp, subjectOf, type EarlierAnswer } from '../../../src/core/answer/follow-up.ts';

const earlier: EarlierAnswer = { question: 'when was the capacity-building meeting at the UN?', articleId: '001', shown: ['First sentence.', 'Support.'] };

describe('lacksSubject', () => {
  it.each(['and who attended?', 'when?', 'where was it held?', 'who attended?', 'what about China?', 'and when did they meet?'])('%s continues', (text) => {
    expect(lacksSubject(text)).toBe(true);
  });
  it.each(['who is the South Korean foreign minister?', 'when was the 2025 World AI Conference held?', 'who is Wang Yi?'])('%s is a question of its own', (text) => {
    expect(lacksSubject(text)).toBe(false);
  });
});

describe('completeQuestion', () => {
  it('asks the follow-up of the earlier subject', () => {
    expect(completeQuestion('and who attended?', earlier.question)).toBe('who attended — the capacity-building meeting at the UN?');
    expect(completeQuestion('when?', 'who co-hosted the meeting?')).toBe('when — co-hosted the meeting?');
  });
  it('keeps the first subject along a chain of follow-ups', () => {
    const first = completeQuestion('and who attended?', earlier.question);
    expect(subjectOf(first)).toBe('the capacity-building meeting at the UN');
    expect(completeQuestion('where was it held?', first)).toBe('where was it held — the capacity-building meeting at the UN?');
  });
  it('narrows the earlier question with words that ask nothing of their own', () => {
    expect(completeQuestion('what about China?', earlier.question)).toBe('when was the capacity-building meeting at the UN, China?');
  });
});

describe('readFollowUp', () => {
  it('reads every mention as new where the bot never answered in the thread', () => {
    expect(readFollowUp('and who attended?', [])).toEqual({ kind: 'new', question: 'and who attended?' });
    expect(readFollowUp('more', [])).toEqual({ kind: 'new', question: 'more' });
  });
  it('continues the newest earlier answer, from its article first', () => {
    const older: EarlierAnswer = { question: 'who co-hosted the meeting?', articleId: '009', shown: [] };
    const read = readFollowUp('and who attended?', [earlier, older]);
    expect(read).toEqual({ kind: 'continue', question: 'who attended — the capacity-building meeting at the UN?', continues: earlier.question, preferArticleId: '001' });
    expect(continuingOf(read)).toEqual({ preferArticleId: '001' });
  });
  it('leaves a question with its own subject alone', () => {
    expect(readFollowUp('who is the South Korean foreign minister?', [earlier]).kind).toBe('new');
  });
  it('"more" asks the earlier question again without any sentence shown for it', () => {
    const more: EarlierAnswer = { question: earlier.question, articleId: '001', shown: ['Second.'] };
    const other: EarlierAnswer = { question: 'another question?', articleId: '002', shown: ['Unrelated.'] };
    const read = readFollowUp('@aigov more'.replace('@aigov ', ''), [more, earlier, other]);
    expect(read.kind).toBe('more');
    expect(read.question).toBe(earlier.question);
    expect(continuingOf(read)).toEqual({ preferArticleId: '001', skipSentences: ['Second.', 'First sentence.', 'Support.'] });
    for (const text of ['More?', 'tell me more', 'anything else?', 'next']) expect(readFollowUp(text, [earlier]).kind, text).toBe('more');
  });
});
