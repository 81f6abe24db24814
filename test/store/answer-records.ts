/** Answer records as the feedback tests record them (each engine's, and the SQLite write-behind's). */
import type { AnswerRecordInput } from '../../src/store/feedback-store.ts';

/** Minute `minute` of one morning. */
export const at = (minute: number): Date => new Date(Date.UTC(2025, 10, 24, 9, minute));

/** An answer (or search page) shown for `question`, at minute 0. */
export const answer = (question: string, kind: 'answer' | 'search' = 'answer'): AnswerRecordInput => ({
  kind,
  question,
  articleId: '001_4a63fa4f0b33a94c',
  sentence: 'The 2025 World AI Conference was held in Shanghai from July 26 to 28.',
  articleIds: ['001_4a63fa4f0b33a94c', '003_38defc6cec0c7f04'],
  askedBy: 'U1',
  channelId: 'C1',
  at: at(0),
});
