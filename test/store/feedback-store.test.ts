/** Votes in a real database (each engine): recorded, changed, commented, and summarised by feedbackSummary. */
import { beforeEach, describe, expect, it } from 'vitest';
import { formatFeedbackSummary } from '../../src/cli/format-feedback.ts';
import { feedbackSummary } from '../../src/feedback/feedback-summary.ts';
import type { AnswerRecordInput } from '../../src/store/feedback-store.ts';
import { answer, at } from './answer-records.ts';
import { StoreError } from '../../src/store/store-error.ts';
import type { Store } from '../../src/store/store.ts';
import { ENGINES, storesOn } from './engines.ts';


describe.each(ENGINES)('feedback on $name', (engine) => {
  const { open, restart } = storesOn(engine);
  let store: Store;

  beforeEach(async () => {
    store = await open();
  });

  describe('feedback store', () => {
    it('records an answer under an unguessable id and gives it back as recorded', async () => {
      const recorded = await store.feedback.recordAnswer(answer('when was WAIC 2025 held?'));
      expect(recorded.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(await store.feedback.getAnswer(recorded.id)).toEqual(recorded);
      expect(await store.feedback.getAnswer('not-an-id')).toBeNull();
      expect(await store.feedback.getAnswer('A'.repeat(22))).toBeNull();
    });

    it('keeps one vote per user per answer: the latest counts, and says what it replaced', async () => {
      const { id } = await store.feedback.recordAnswer(answer('when was WAIC 2025 held?'));
      expect(await store.feedback.castVote(id, 'U1', 'down', at(1))).toEqual({ previous: null });
      expect(await store.feedback.setVoteComment(id, 'U1', 'wrong year', at(2))).toBe(true);
      expect(await store.feedback.castVote(id, 'U2', 'up', at(3))).toEqual({ previous: null });
      expect(await store.feedback.castVote(id, 'U1', 'down', at(4))).toEqual({ previous: 'down' });

      let votes = await store.feedback.votesSince(null, 10);
      expect(votes.map((v) => [v.userId, v.vote, v.comment])).toEqual([
        ['U1', 'down', 'wrong year'],
        ['U2', 'up', null],
      ]);
      expect(votes[0]?.answer.sentence).toContain('Shanghai');

      // Changed to 👍: the 👎 comment goes with it, and a comment can no longer be attached.
      expect(await store.feedback.castVote(id, 'U1', 'up', at(5))).toEqual({ previous: 'down' });
      expect(await store.feedback.setVoteComment(id, 'U1', 'late text', at(6))).toBe(false);
      votes = await store.feedback.votesSince(null, 10);
      expect(votes.map((v) => [v.userId, v.vote, v.comment, v.at.toISOString()])).toEqual([
        ['U1', 'up', null, at(5).toISOString()],
        ['U2', 'up', null, at(3).toISOString()],
      ]);
      expect(await store.feedback.votesSince(at(4), 10)).toHaveLength(1);
    });

    it("gives back a thread's answers, newest first, with every sentence each showed", async () => {
      const inThread = (question: string, n: number, shown: string[]): AnswerRecordInput => ({ ...answer(question), channelId: 'CT', threadTs: '1700.1', shown, at: at(n) });
      const first = await store.feedback.recordAnswer(inThread('when was WAIC 2025 held?', 1, ['One.', 'Two.']));
      const second = await store.feedback.recordAnswer(inThread('where — WAIC 2025?', 2, ['Three.']));
      await store.feedback.recordAnswer({ ...answer('elsewhere?'), channelId: 'CT', threadTs: '1700.2', at: at(3) });
      await store.feedback.recordAnswer({ ...answer('a search', 'search'), channelId: 'CT', threadTs: '1700.1', at: at(4) });
      const found = await store.feedback.answersInThread('CT', '1700.1', 10);
      expect(found).toEqual([second, first]);
      expect(found[1]?.shown).toEqual(['One.', 'Two.']);
      expect(await store.feedback.answersInThread('CT', '1700.1', 1)).toEqual([second]);
      expect(await store.feedback.answersInThread('C1', '1700.1', 10)).toEqual([]);
    });

    it('refuses a vote on an answer never recorded', async () => {
      await expect(store.feedback.castVote('B'.repeat(22), 'U1', 'up', at(1))).rejects.toBeInstanceOf(StoreError);
    });



    it('refuses a record with an invalid time at once, not in a later batch', async () => {
      await expect(store.feedback.recordAnswer({ ...answer('when?'), at: new Date(Number.NaN) })).rejects.toBeInstanceOf(StoreError);
    });

    it('keeps votes across a reopen', async () => {
      const { id } = await store.feedback.recordAnswer(answer('who co-hosted?'));
      await store.feedback.castVote(id, 'U9', 'up', at(1));
      store = await restart(store);
      expect((await store.feedback.votesSince(null, 10)).map((v) => v.userId)).toEqual(['U9']);
    });
  });

  describe('feedbackSummary', () => {
    it('reports the share helpful and the questions most often marked wrong, with what was wrong', async () => {
      const waic = await store.feedback.recordAnswer(answer('When was WAIC 2025 held?'));
      const waicAgain = await store.feedback.recordAnswer(answer('when was  waic 2025 held?'));
      const who = await store.feedback.recordAnswer(answer('who co-hosted the meeting?'));
      const search = await store.feedback.recordAnswer(answer('capacity-building', 'search'));
      await store.feedback.castVote(waic.id, 'U1', 'down', at(1));
      await store.feedback.setVoteComment(waic.id, 'U1', 'it quotes the 2024 conference', at(2));
      await store.feedback.castVote(waicAgain.id, 'U2', 'down', at(3));
      await store.feedback.castVote(who.id, 'U1', 'down', at(4));
      await store.feedback.castVote(who.id, 'U2', 'up', at(5));
      await store.feedback.castVote(search.id, 'U3', 'up', at(6));

      const summary = await feedbackSummary(store.feedback, null);
      expect(summary).toMatchObject({ votes: 5, helpful: 2, notHelpful: 3, helpfulShare: 0.4, truncated: false });
      expect(summary.mostMarkedWrong.map((q) => [q.question, q.down, q.up, q.comments])).toEqual([
        ['When was WAIC 2025 held?', 2, 0, ['it quotes the 2024 conference']],
        ['who co-hosted the meeting?', 1, 1, []],
      ]);
      expect(summary.recent[0]?.answer.kind).toBe('search');

      const since = await feedbackSummary(store.feedback, at(3), { maxVotes: 2 });
      expect(since).toMatchObject({ votes: 2, truncated: true });

      const text = formatFeedbackSummary(summary);
      expect(text).toContain('5 votes, 2 helpful, 3 not helpful: 40% helpful.');
      expect(text).toContain('1. [answer] "When was WAIC 2025 held?": 2 not helpful, 0 helpful');
      expect(text).toContain('what was wrong: it quotes the 2024 conference');
      expect(formatFeedbackSummary(await feedbackSummary(store.feedback, at(59)))).toMatch(/^No votes yet/);
    });
  });
});
