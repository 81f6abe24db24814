/** The feedback summary as terminal text, for `npm run cli -- feedback`. */
import type { FeedbackSummary } from '../feedback/feedback-summary.ts';

/** Most characters of a question or sentence on one line of the listing. */
const LINE_BUDGET = 120;

function oneLine(text: string, max = LINE_BUDGET): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** Summary first (share helpful, questions most often marked wrong), then the latest votes. */
export function formatFeedbackSummary(summary: FeedbackSummary): string {
  const scope = summary.since === null ? 'all time' : `since ${summary.since.toISOString()}`;
  if (summary.votes === 0) return `No votes yet (${scope}).`;
  const lines = [
    `Feedback (${scope}): ${summary.votes} ${summary.votes === 1 ? 'vote' : 'votes'}, ` +
      `${summary.helpful} helpful, ${summary.notHelpful} not helpful: ${percent(summary.helpfulShare ?? 0)} helpful.`,
  ];
  if (summary.truncated) lines.push(`(Counted over the newest ${summary.votes} votes only.)`);
  if (summary.mostMarkedWrong.length > 0) {
    lines.push('', 'Most often marked wrong:');
    summary.mostMarkedWrong.forEach((q, i) => {
      lines.push(`${i + 1}. [${q.kind}] "${oneLine(q.question)}": ${q.down} not helpful, ${q.up} helpful`);
      for (const comment of q.comments) lines.push(`   what was wrong: ${oneLine(comment)}`);
    });
  }
  lines.push('', 'Latest votes:');
  for (const vote of summary.recent) {
    const mark = vote.vote === 'up' ? '👍' : '👎';
    lines.push(`${vote.at.toISOString()} ${mark} ${vote.userId} [${vote.answer.kind}] "${oneLine(vote.answer.question)}"`);
    if (vote.answer.articleId !== null) {
      lines.push(`   quoted ${vote.answer.articleId}${vote.answer.sentence === null ? '' : `: "${oneLine(vote.answer.sentence)}"`}`);
    }
    if (vote.comment !== null) lines.push(`   what was wrong: ${oneLine(vote.comment)}`);
  }
  return lines.join('\n');
}
