/**
 * What feedback on answers needs from the store: the answers shown (so a
 * button carries only an id, and a vote names what was actually shown, not
 * what a client claims), and one vote per user per answer. A port: the
 * SQLite store implements it (sqlite/feedback-store.ts). Plain data and Promises.
 */

/** What was voted on: a quick-fact answer or a page of search results. */
export type AnswerKind = 'answer' | 'search';

/** A vote: helpful or not. */
export type VoteValue = 'up' | 'down';

/** An answer as shown, recorded when it is shown. */
export interface AnswerRecordInput {
  readonly kind: AnswerKind;
  /** The question (answers) or the query (searches), as the user typed it. */
  readonly question: string;
  /** The article quoted first (the answer's, or the page's top hit); null when none. */
  readonly articleId: string | null;
  /** The sentence quoted from it; null when none. */
  readonly sentence: string | null;
  /** Every article shown, in order (for a search page, its hits). */
  readonly articleIds: readonly string[];
  /** Who asked, when known. */
  readonly askedBy: string | null;
  readonly channelId: string | null;
  /** The thread it was answered in (the `thread_ts` replies went to), when known. */
  readonly threadTs?: string | null;
  /** Every sentence shown, the one quoted first first; absent when not recorded. */
  readonly shown?: readonly string[];
  readonly at: Date;
}

export interface AnswerRecord extends AnswerRecordInput {
  /** Opaque, unguessable id: what a feedback button carries. */
  readonly id: string;
}

/** A user's vote on an answer, with what the answer was. */
export interface VoteRecord {
  readonly answer: AnswerRecord;
  readonly userId: string;
  readonly vote: VoteValue;
  /** What was wrong, from the 👎 form; null when not given. */
  readonly comment: string | null;
  /** When the vote was last cast or changed. */
  readonly at: Date;
}

/** What {@link FeedbackStore.castVote} did. */
export interface CastVoteResult {
  /** The user's vote before this one, or null when this is their first. */
  readonly previous: VoteValue | null;
}

export interface FeedbackStore {
  /** Records an answer as shown; returns it with its id. */
  recordAnswer(input: AnswerRecordInput): Promise<AnswerRecord>;
  /** The answer with this id, or null (never recorded, or a forged id). */
  getAnswer(id: string): Promise<AnswerRecord | null>;
  /**
   * Sets the user's vote on an answer: one per user per answer, the latest
   * replaces the earlier (a change to 👍 drops a 👎 comment).
   * @throws StoreError `INVALID_INPUT` for an unknown answer id.
   */
  castVote(answerId: string, userId: string, vote: VoteValue, at: Date): Promise<CastVoteResult>;
  /** Stores what was wrong with the user's 👎 vote; false when the user has no 👎 vote on that answer. */
  setVoteComment(answerId: string, userId: string, comment: string, at: Date): Promise<boolean>;
  /**
   * The quick-fact answers shown in a thread, newest first, at most `limit`
   * (the thread's earlier question, for a follow-up in it).
   */
  answersInThread(channelId: string, threadTs: string, limit: number): Promise<AnswerRecord[]>;
  /** Votes cast or changed after `since` (all when null), newest first, at most `limit`. */
  votesSince(since: Date | null, limit: number): Promise<VoteRecord[]>;
}
