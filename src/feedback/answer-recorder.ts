/**
 * Records answers and result pages as they are shown, so their 👍 / 👎
 * buttons carry only a record id. A failure to record never costs the user
 * the answer: it is logged and the answer goes out without buttons.
 */
import type { Answer, SearchPage } from '../core/types.ts';
import type { Logger } from '../logging/logger.ts';
import type { FeedbackStore } from '../store/feedback-store.ts';
import { answerRecordOf, searchRecordOf, type AskedIn } from './answer-records.ts';

/** Who asked where, without the time (the recorder's clock sets it). */
export type Asker = Omit<AskedIn, 'at'>;

export interface AnswerRecorder {
  /** The id of the recorded answer, or null when it could not be recorded. */
  answer(answer: Answer, asker: Asker): Promise<string | null>;
  /** The id of the recorded page, or null when it could not be recorded (or has no hits: nothing to vote on). */
  searchPage(page: SearchPage, asker: Asker): Promise<string | null>;
}

export function createAnswerRecorder(store: Pick<FeedbackStore, 'recordAnswer'>, logger: Logger, now: () => Date = () => new Date()): AnswerRecorder {
  const log = logger.child({ component: 'feedback' });
  const record = async (input: Parameters<FeedbackStore['recordAnswer']>[0]): Promise<string | null> => {
    try {
      return (await store.recordAnswer(input)).id;
    } catch (err) {
      log.warn({ err, kind: input.kind }, 'could not record the answer; it is shown without feedback buttons');
      return null;
    }
  };
  return {
    answer: (answer, asker) => record(answerRecordOf(answer, { ...asker, at: now() })),
    searchPage: async (page, asker) => (page.hits.length === 0 ? null : record(searchRecordOf(page, { ...asker, at: now() }))),
  };
}
