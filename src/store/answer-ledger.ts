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

/** How long a new claim is held for the instance that made it, before it first takes the lease itself. */
export const ANSWER_CLAIM_HOLD_MS = 60_000;

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
  /**
   * Takes or renews the lease on delivering an owed answer until `until`:
   * true when no other instance holds an unexpired one (a new claim is held
   * for {@link ANSWER_CLAIM_HOLD_MS}, by whoever claimed it) and the answer is
   * still owed. An instance posts only while it holds the lease, so two never
   * post the same answer, and one that dies leaves it to the others.
   */
  holdAnswer(eventId: string, owner: string, at: Date, until: Date): Promise<boolean>;
  /**
   * Takes the lease on every answer still owed, claimed after `claimedAfter`,
   * whose lease is free or expired; returns them, oldest first. What a dead
   * instance left undelivered is taken up this way by the living.
   */
  adoptOwedAnswers(owner: string, at: Date, until: Date, claimedAfter: Date): Promise<OwedAnswer[]>;
  /** Gives back `owner`'s leases (a graceful stop), so the next instance takes those answers up at once. */
  releaseAnswers(owner: string): Promise<number>;
  /** The state of one event's answer, or null when it was never claimed with {@link claimAnswer}. */
  answerState(eventId: string): Promise<AnswerState | null>;
  /** Forgets answers claimed before `at`; returns how many were removed. */
  pruneAnswersBefore(at: Date): Promise<number>;
}
