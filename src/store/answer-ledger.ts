/**
 * The durable record of `@aigov` questions being answered, as a port.
 *
 * Why: an event is claimed before it is answered (so Slack's retries never
 * answer twice), which means that once claimed, Slack will not send it again.
 * If the post then fails, or the bot stops before posting, the answer is owed
 * and only this record knows it: the claim records `claimed`, a successful
 * post turns it `answered`, and what is still `claimed` is posted from here
 * (in the background while the bot runs, or at the next start).
 */

/** What answering a mention needs again after a restart. */
export interface AnswerRequest {
  /** The Events API `event_id`; also claimed in `answered_events` so `claimEvent` refuses it. */
  readonly eventId: string;
  readonly channelId: string;
  /** The thread the answer goes in (the mention's own `ts` when it was not in a thread). */
  readonly threadTs: string;
  /** The question as the user wrote it, decoded (the answer is computed again from it). */
  readonly question: string;
}

/**
 * Where an answer stands:
 * - `claimed`: owed; no post is known to have succeeded.
 * - `answered`: posted.
 * - `abandoned`: given up on (Slack refused it, e.g. `channel_not_found`, or
 *   the retries ran out); kept so a retry of the event is still refused.
 */
export type AnswerState = 'claimed' | 'answered' | 'abandoned';

/** An answer still owed. */
export interface OwedAnswer extends AnswerRequest {
  readonly claimedAt: Date;
  /** Posts tried so far. */
  readonly attempts: number;
}

export interface AnswerLedger {
  /**
   * Claims the event and records the answer as owed, in one transaction.
   * True the first time; false when the event id was claimed before (by
   * `claimEvent` or this), across processes and restarts.
   */
  claimAnswer(request: AnswerRequest, at: Date): Promise<boolean>;
  /** Counts a failed post (the answer stays owed); returns the attempts so far. */
  recordAnswerAttempt(eventId: string, error: string, at: Date): Promise<number>;
  /** The answer was posted (its `ts`, when known). */
  completeAnswer(eventId: string, messageTs: string | null, at: Date): Promise<void>;
  /** The answer will not be posted; `error` says why. */
  abandonAnswer(eventId: string, error: string, at: Date): Promise<void>;
  /** Answers still owed that were claimed after `claimedAfter`, oldest first. */
  owedAnswers(claimedAfter: Date): Promise<OwedAnswer[]>;
  /** The state of one event's answer, or null when it was never claimed with {@link claimAnswer}. */
  answerState(eventId: string): Promise<AnswerState | null>;
  /** Forgets answers claimed before `at`; returns how many were removed. */
  pruneAnswersBefore(at: Date): Promise<number>;
}
