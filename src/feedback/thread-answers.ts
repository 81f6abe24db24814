/**
 * The bot's earlier answers in a thread, read back from the answers recorded
 * for feedback (no Slack history is read, so no further scope is needed): a
 * follow-up there is read with them (core/answer/follow-up.ts). A failure to
 * read never costs the user an answer: the mention is then read as a new question.
 */
import type { EarlierAnswer } from '../core/answer/follow-up.ts';
import type { Logger } from '../logging/logger.ts';
import type { FeedbackStore } from '../store/feedback-store.ts';

/** Answers read back per thread: "more" skips every sentence shown for the question, over this many answers. */
export const MAX_THREAD_ANSWERS = 20;

/** The bot's answers in a thread, newest first; empty where it never answered. */
export type ThreadAnswers = (channelId: string, threadTs: string) => Promise<EarlierAnswer[]>;

export function createThreadAnswers(store: Pick<FeedbackStore, 'answersInThread'>, logger: Logger): ThreadAnswers {
  const log = logger.child({ component: 'thread-answers' });
  return async (channelId, threadTs) => {
    try {
      const records = await store.answersInThread(channelId, threadTs, MAX_THREAD_ANSWERS);
      return records.map((r) => ({ question: r.question, articleId: r.articleId, shown: r.shown ?? (r.sentence === null ? [] : [r.sentence]) }));
    } catch (err) {
      log.warn({ err, channelId, threadTs }, 'could not read the earlier answers of the thread; the mention is read as a new question');
      return [];
    }
  };
}
