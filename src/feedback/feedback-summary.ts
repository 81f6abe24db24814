/**
 * What the votes say: the share of answers found helpful and the questions
 * most often marked wrong, for `npm run cli -- feedback` and the admins'
 * App Home. Plain data from the store's feedback port; no Slack.
 */
import type { AnswerKind, FeedbackStore, VoteRecord } from '../store/feedback-store.ts';

/** One question (or query) and how it was voted, for the "most often marked wrong" list. */
export interface QuestionVotes {
  /** As first asked (the grouping ignores case and spacing). */
  readonly question: string;
  readonly kind: AnswerKind;
  readonly down: number;
  readonly up: number;
  /** The latest "what was wrong" texts given for it, newest first. */
  readonly comments: readonly string[];
}

export interface FeedbackSummary {
  /** Votes cast after this (all when null). */
  readonly since: Date | null;
  readonly votes: number;
  readonly helpful: number;
  readonly notHelpful: number;
  /** helpful ÷ votes, or null with no votes. */
  readonly helpfulShare: number | null;
  /** Questions with at least one 👎, most 👎 first. */
  readonly mostMarkedWrong: readonly QuestionVotes[];
  /** The latest votes, newest first. */
  readonly recent: readonly VoteRecord[];
  /** True when more votes than {@link FeedbackSummaryOptions.maxVotes} were cast: the figures cover the newest of them. */
  readonly truncated: boolean;
}

export interface FeedbackSummaryOptions {
  /** Latest votes listed (default 10). */
  readonly recent?: number;
  /** Questions listed as most often marked wrong (default 5). */
  readonly top?: number;
  /** Most votes read (default 50,000): a bound on the work, told as `truncated`. */
  readonly maxVotes?: number;
}

/** Most "what was wrong" texts kept per question in the summary. */
const COMMENTS_PER_QUESTION = 3;

function questionKey(kind: AnswerKind, question: string): string {
  return `${kind}\0${question.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

/**
 * The feedback summary since `since` (all time when null). App Home shows it
 * to admins; the CLI prints it.
 */
export async function feedbackSummary(
  store: Pick<FeedbackStore, 'votesSince'>,
  since: Date | null,
  options: FeedbackSummaryOptions = {},
): Promise<FeedbackSummary> {
  const maxVotes = options.maxVotes ?? 50_000;
  const fetched = await store.votesSince(since, maxVotes + 1);
  const truncated = fetched.length > maxVotes;
  const votes = truncated ? fetched.slice(0, maxVotes) : fetched;
  const helpful = votes.filter((v) => v.vote === 'up').length;

  const byQuestion = new Map<string, { question: string; kind: AnswerKind; down: number; up: number; comments: string[] }>();
  // Oldest first, so each question is shown as first asked; comments are then reversed to newest first.
  for (const vote of [...votes].reverse()) {
    const key = questionKey(vote.answer.kind, vote.answer.question);
    let entry = byQuestion.get(key);
    if (entry === undefined) byQuestion.set(key, (entry = { question: vote.answer.question, kind: vote.answer.kind, down: 0, up: 0, comments: [] }));
    if (vote.vote === 'up') entry.up += 1;
    else {
      entry.down += 1;
      if (vote.comment !== null && vote.comment.trim().length > 0) entry.comments.push(vote.comment);
    }
  }
  const mostMarkedWrong = [...byQuestion.values()]
    .filter((q) => q.down > 0)
    .sort((a, b) => b.down - a.down || a.up - b.up || (a.question < b.question ? -1 : 1))
    .slice(0, options.top ?? 5)
    .map((q) => ({ ...q, comments: q.comments.reverse().slice(0, COMMENTS_PER_QUESTION) }));

  return {
    since,
    votes: votes.length,
    helpful,
    notHelpful: votes.length - helpful,
    helpfulShare: votes.length === 0 ? null : helpful / votes.length,
    mostMarkedWrong,
    recent: votes.slice(0, options.recent ?? 10),
    truncated,
  };
}
