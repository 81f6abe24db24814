/** Votes in a real SQLite file: recorded, changed, commented, and summarised by feedbackSummary. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedbackSummary } from '../../src/feedback/feedback-summary.ts';
import { formatFeedbackSummary } from '../../src/cli/format-feedback.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';
import type { AnswerRecordInput } from '../../src/store/feedback-store.ts';
import { StoreError } from '../../src/store/store-error.ts';
import Database from 'better-sqlite3';
import { until } from '../support/until.ts';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-feedback-'));
  store = openSqliteStore(path.join(dir, 'aigov.sqlite'));
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const at = (minute: number) => new Date(Date.UTC(2025, 10, 24, 9, minute));
const answer = (question: string, kind: 'answer' | 'search' = 'answer'): AnswerRecordInput => ({
  kind,
  question,
  articleId: '001_4a63fa4f0b33a94c',
  sentence: 'The 2025 World AI Conference was held in Shanghai from July 26 to 28.',
  articleIds: ['001_4a63fa4f0b33a94c', '003_38defc6cec0c7f04'],
  askedBy: 'U1',
  channelId: 'C1',
  at: at(0),
});

describe('feedback store', () => {
  it('records an answer under an unguessable id and gives it back as recorded', async () => {
    const recorded = await store.recordAnswer(answer('when was WAIC 2025 held?'));
    expect(recorded.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await store.getAnswer(recorded.id)).toEqual(recorded);
    expect(await store.getAnswer('not-an-id')).toBeNull();
    expect(await store.getAnswer('A'.repeat(22))).toBeNull();
  });

  it("gives back a thread's answers, newest first, with every sentence each showed", async () => {
    const inThread = (question: string, n: number, shown: string[]): AnswerRecordInput => ({ ...answer(question), channelId: 'CT', threadTs: '1700.1', shown, at: at(n) });
    const first = await store.recordAnswer(inThread('when was WAIC 2025 held?', 1, ['One.', 'Two.']));
    const second = await store.recordAnswer(inThread('where — WAIC 2025?', 2, ['Three.']));
    await store.recordAnswer({ ...answer('elsewhere?'), channelId: 'CT', threadTs: '1700.2', at: at(3) });
    await store.recordAnswer({ ...answer('a search', 'search'), channelId: 'CT', threadTs: '1700.1', at: at(4) });
    const found = await store.answersInThread('CT', '1700.1', 10);
    expect(found).toEqual([second, first]);
    expect(found[1]?.shown).toEqual(['One.', 'Two.']);
    expect(await store.answersInThread('CT', '1700.1', 1)).toEqual([second]);
    expect(await store.answersInThread('C1', '1700.1', 10)).toEqual([]);
  });

  it('keeps one vote per user per answer: the latest counts, and says what it replaced', async () => {
    const { id } = await store.recordAnswer(answer('when was WAIC 2025 held?'));
    expect(await store.castVote(id, 'U1', 'down', at(1))).toEqual({ previous: null });
    expect(await store.setVoteComment(id, 'U1', 'wrong year', at(2))).toBe(true);
    expect(await store.castVote(id, 'U2', 'up', at(3))).toEqual({ previous: null });
    expect(await store.castVote(id, 'U1', 'down', at(4))).toEqual({ previous: 'down' });

    let votes = await store.votesSince(null, 10);
    expect(votes.map((v) => [v.userId, v.vote, v.comment])).toEqual([
      ['U1', 'down', 'wrong year'],
      ['U2', 'up', null],
    ]);
    expect(votes[0]?.answer.sentence).toContain('Shanghai');

    // Changed to 👍: the 👎 comment goes with it, and a comment can no longer be attached.
    expect(await store.castVote(id, 'U1', 'up', at(5))).toEqual({ previous: 'down' });
    expect(await store.setVoteComment(id, 'U1', 'late text', at(6))).toBe(false);
    votes = await store.votesSince(null, 10);
    expect(votes.map((v) => [v.userId, v.vote, v.comment, v.at.toISOString()])).toEqual([
      ['U1', 'up', null, at(5).toISOString()],
      ['U2', 'up', null, at(3).toISOString()],
    ]);
    expect(await store.votesSince(at(4), 10)).toHaveLength(1);
  });

  it('refuses a vote on an answer never recorded', async () => {
    await expect(store.castVote('B'.repeat(22), 'U1', 'up', at(1))).rejects.toBeInstanceOf(StoreError);
  });

  it('writes records behind: in one batch soon after, before any read, and at close', async () => {
    const file = path.join(dir, 'aigov.sqlite');
    const onDisk = (): number => {
      const other = new Database(file, { readonly: true });
      try {
        return (other.prepare('SELECT COUNT(*) AS n FROM feedback_answers').get() as { n: number }).n;
      } finally {
        other.close();
      }
    };
    const first = await store.recordAnswer(answer('one'));
    await store.recordAnswer(answer('two'));
    expect(onDisk()).toBe(0);
    await until(() => onDisk() === 2, 5_000);
    // A read writes what waits first: the vote finds the record it was shown with.
    const third = await store.recordAnswer(answer('three'));
    expect(await store.getAnswer(third.id)).toMatchObject({ question: 'three' });
    expect(onDisk()).toBe(3);
    await store.recordAnswer(answer('four'));
    await store.close();
    expect(onDisk()).toBe(4);
    store = openSqliteStore(file);
    expect(await store.getAnswer(first.id)).toMatchObject({ question: 'one' });
  });

  it('reports a batch that could not be written on the next call', async () => {
    await store.recordAnswer(answer('lost'));
    // The table goes away under the store (another process breaking the file): the batch fails.
    const other = new Database(path.join(dir, 'aigov.sqlite'));
    other.exec('DROP TABLE feedback_answers');
    other.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(store.recordAnswer(answer('next'))).rejects.toThrow(/feedback_answers/);
  });

  it('refuses a record with an invalid time at once, not in a later batch', async () => {
    await expect(store.recordAnswer({ ...answer('when?'), at: new Date(Number.NaN) })).rejects.toBeInstanceOf(StoreError);
  });

  it('keeps votes across a reopen', async () => {
    const { id } = await store.recordAnswer(answer('who co-hosted?'));
    await store.castVote(id, 'U9', 'up', at(1));
    await store.close();
    store = openSqliteStore(path.join(dir, 'aigov.sqlite'));
    expect((await store.votesSince(null, 10)).map((v) => v.userId)).toEqual(['U9']);
  });
});

describe('feedbackSummary', () => {
  it('reports the share helpful and the questions most often marked wrong, with what was wrong', async () => {
    const waic = await store.recordAnswer(answer('When was WAIC 2025 held?'));
    const waicAgain = await store.recordAnswer(answer('when was  waic 2025 held?'));
    const who = await store.recordAnswer(answer('who co-hosted the meeting?'));
    const search = await store.recordAnswer(answer('capacity-building', 'search'));
    await store.castVote(waic.id, 'U1', 'down', at(1));
    await store.setVoteComment(waic.id, 'U1', 'it quotes the 2024 conference', at(2));
    await store.castVote(waicAgain.id, 'U2', 'down', at(3));
    await store.castVote(who.id, 'U1', 'down', at(4));
    await store.castVote(who.id, 'U2', 'up', at(5));
    await store.castVote(search.id, 'U3', 'up', at(6));

    const summary = await feedbackSummary(store, null);
    expect(summary).toMatchObject({ votes: 5, helpful: 2, notHelpful: 3, helpfulShare: 0.4, truncated: false });
    expect(summary.mostMarkedWrong.map((q) => [q.question, q.down, q.up, q.comments])).toEqual([
      ['When was WAIC 2025 held?', 2, 0, ['it quotes the 2024 conference']],
      ['who co-hosted the meeting?', 1, 1, []],
    ]);
    expect(summary.recent[0]?.answer.kind).toBe('search');

    const since = await feedbackSummary(store, at(3), { maxVotes: 2 });
    expect(since).toMatchObject({ votes: 2, truncated: true });

    const text = formatFeedbackSummary(summary);
    expect(text).toContain('5 votes, 2 helpful, 3 not helpful: 40% helpful.');
    expect(text).toContain('1. [answer] "When was WAIC 2025 held?": 2 not helpful, 0 helpful');
    expect(text).toContain('what was wrong: it quotes the 2024 conference');
    expect(formatFeedbackSummary(await feedbackSummary(store, at(59)))).toMatch(/^No votes yet/);
  });
});
