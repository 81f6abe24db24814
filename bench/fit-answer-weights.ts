/**
 * `npm run fit-answers`: fits the weights quick facts rank candidate
 * sentences by (src/core/answer/answer-weights.ts) on the "fit" half of the
 * SQuAD dev pool (bench/squad.ts; the "report" half is never read here), and
 * writes them to that file. Reproducible: the same data, the same start and
 * the same number of steps give the same weights.
 *
 * The model is a conditional logistic regression (a softmax over each
 * question's candidates): the probability that a candidate is the one that
 * holds the answer is exp(w·f) normalised over the question's candidates,
 * fitted by full-batch gradient descent (Adam) with an L2 penalty. Questions none of
 * whose candidates hold a gold span teach nothing about choosing, and are left out.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureCandidates } from '../src/core/answer/find-answer.ts';
import { FEATURE_NAMES } from '../src/core/answer/sentence-features.ts';
import { CorpusIndex } from '../src/core/search/corpus-index.ts';
import { holdsAnswer, loadSquadPool } from './squad.ts';

const WEIGHTS_FILE = fileURLToPath(new URL('../src/core/answer/answer-weights.ts', import.meta.url));

/** Gradient steps, step size and L2 penalty: enough steps for the loss to settle (it is printed). */
const STEPS = 800;
const STEP_SIZE = 0.05;
const BETA1 = 0.9;
const BETA2 = 0.999;
const L2 = 1e-3;

interface Group {
  readonly features: readonly (readonly number[])[];
  readonly right: readonly boolean[];
}

/**
 * Fits in standardised units (each feature less its mean, over its spread,
 * across every candidate), so that one step size suits features of any scale,
 * and returns the weights in the features' own units (a shift is the same for
 * every candidate of a question, so it cancels in the softmax).
 */
function fitStandardised(groups: readonly Group[], dimensions: number): { weights: number[]; loss: number } {
  const all = groups.flatMap((g) => g.features);
  const mean = Array.from({ length: dimensions }, (_, i) => all.reduce((sum, f) => sum + (f[i] as number), 0) / all.length);
  const spread = Array.from({ length: dimensions }, (_, i) => Math.sqrt(all.reduce((sum, f) => sum + ((f[i] as number) - (mean[i] as number)) ** 2, 0) / all.length) || 1);
  const scaled = groups.map((g) => ({ right: g.right, features: g.features.map((f) => f.map((x, i) => (x - (mean[i] as number)) / (spread[i] as number))) }));
  const { weights, loss } = fit(scaled, dimensions);
  return { weights: weights.map((w, i) => w / (spread[i] as number)), loss };
}

function fit(groups: readonly Group[], dimensions: number): { weights: number[]; loss: number } {
  const weights = new Array<number>(dimensions).fill(0);
  const first = new Array<number>(dimensions).fill(0);
  const second = new Array<number>(dimensions).fill(0);
  let loss = 0;
  for (let step = 0; step < STEPS; step++) {
    const gradient = new Array<number>(dimensions).fill(0);
    loss = 0;
    for (const group of groups) {
      const scores = group.features.map((f) => f.reduce((sum, x, i) => sum + x * (weights[i] as number), 0));
      const top = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - top));
      const total = exps.reduce((a, b) => a + b, 0);
      const positives = group.right.reduce((n, r) => n + (r ? 1 : 0), 0);
      // The target spreads over every candidate holding a span (a span may be in two sentences).
      group.features.forEach((f, c) => {
        const p = (exps[c] as number) / total;
        const target = group.right[c] ? 1 / positives : 0;
        if (target > 0) loss -= target * Math.log(Math.max(p, 1e-12));
        for (let i = 0; i < dimensions; i++) gradient[i] = (gradient[i] as number) + (p - target) * (f[i] as number);
      });
    }
    // Adam (Kingma & Ba 2015): steps scaled per weight, so correlated features still converge in a fixed number of steps.
    for (let i = 0; i < dimensions; i++) {
      const g = (gradient[i] as number) / groups.length + L2 * (weights[i] as number);
      first[i] = BETA1 * (first[i] as number) + (1 - BETA1) * g;
      second[i] = BETA2 * (second[i] as number) + (1 - BETA2) * g * g;
      const m = (first[i] as number) / (1 - BETA1 ** (step + 1));
      const v = (second[i] as number) / (1 - BETA2 ** (step + 1));
      weights[i] = (weights[i] as number) - STEP_SIZE * (m / (Math.sqrt(v) + 1e-8));
    }
    loss /= groups.length;
  }
  return { weights, loss };
}

function main(): void {
  const pool = loadSquadPool();
  const index = CorpusIndex.build(pool.articles);
  const groups: Group[] = [];
  let asked = 0;
  for (const question of pool.questions) {
    if (question.half !== 'fit') continue;
    asked += 1;
    const candidates = measureCandidates(index, question.question, { today: '2026-01-01' });
    const right = candidates.map((c) => holdsAnswer(c.text, question.answers));
    if (!right.some(Boolean) || right.every(Boolean)) continue;
    groups.push({ features: candidates.map((c) => c.features), right });
  }
  const { weights, loss } = fitStandardised(groups, FEATURE_NAMES.length);
  const chosen = groups.filter((g) => {
    const scores = g.features.map((f) => f.reduce((sum, x, i) => sum + x * (weights[i] as number), 0));
    return g.right[scores.indexOf(Math.max(...scores))] === true;
  }).length;
  const round = (x: number): number => Math.round(x * 1e5) / 1e5;
  const text = `/**
 * The weights candidate answer sentences are ranked by, one per feature of
 * sentence-features.ts (FEATURE_NAMES, same order). Written by
 * \`npm run fit-answers\` (bench/fit-answer-weights.ts): a conditional logistic
 * regression fitted on the "fit" half of the SQuAD v1.1 dev pool
 * (${groups.length} of its ${asked} questions had both a right and a wrong candidate;
 * mean log loss ${loss.toFixed(4)}). Do not edit by hand: change the features or the
 * fit, and run it again.
 */
import type { FeatureName } from './sentence-features.ts';

export interface AnswerModel {
  /** The features weighed, in order (FEATURE_NAMES when fitted with this code). */
  readonly features: readonly FeatureName[];
  readonly bias: number;
  readonly weights: readonly number[];
}

export const ANSWER_MODEL: AnswerModel = {
  features: ${JSON.stringify(FEATURE_NAMES)},
  bias: 0,
  weights: ${JSON.stringify(weights.map(round))},
};
`;
  fs.writeFileSync(WEIGHTS_FILE, text);
  process.stdout.write(
    `Fitted on ${groups.length} fit-half questions (of ${asked}); log loss ${loss.toFixed(4)}; the model chooses right in ${((100 * chosen) / groups.length).toFixed(1)}% of them.\n` +
      FEATURE_NAMES.map((name, i) => `  ${name}: ${round(weights[i] as number)}`).join('\n') +
      `\nWrote ${WEIGHTS_FILE}\n`,
  );
}

main();
