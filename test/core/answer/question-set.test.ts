/**
 * The quick-fact question set (bench/question-set.ts): top-1 accuracy must not
 * fall below what the answer code achieves today, overall and per kind, so
 * that a change that loses paraphrased questions fails here.
 * `npm run bench -- --answers` prints the figures and the misses.
 */
import { describe, expect, it } from 'vitest';
import { formatQuestionSetReport, loadQuestionSet, runQuestionSet } from '../../../bench/question-set.ts';

/** What the code achieved when the floor was last raised (BENCHMARKS.md, Quick-fact question set). */
const FLOOR = { overall: 39, when: 7, who: 10, where: 6, 'how-many': 9, other: 7 } as const;

describe('quick-fact question set', () => {
  it('has at least 40 questions of every kind, each with an expected article and sentence', () => {
    const { questions } = loadQuestionSet();
    expect(questions.length).toBeGreaterThanOrEqual(40);
    for (const kind of ['when', 'who', 'where', 'how-many', 'other'] as const) {
      expect(questions.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(5);
    }
    for (const q of questions) {
      expect(q.article, q.question).toMatch(/^\d{3}$/);
      expect(q.expect.length, q.question).toBeGreaterThan(0);
    }
  });

  it('keeps top-1 accuracy at or above its floor, overall and per kind', async () => {
    const report = await runQuestionSet();
    const failure = formatQuestionSetReport(report);
    expect(report.overall.right, failure).toBeGreaterThanOrEqual(FLOOR.overall);
    for (const [kind, accuracy] of report.byKind) expect(accuracy.right, `${kind}\n${failure}`).toBeGreaterThanOrEqual(FLOOR[kind]);
  });
});
