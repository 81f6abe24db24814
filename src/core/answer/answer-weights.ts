/**
 * The weights candidate answer sentences are ranked by, one per feature of
 * sentence-features.ts (FEATURE_NAMES, same order). Written by
 * `npm run fit-answers` (bench/fit-answer-weights.ts): a conditional logistic
 * regression fitted on the "fit" half of the SQuAD v1.1 dev pool
 * (4055 of its 4524 questions had both a right and a wrong candidate;
 * mean log loss 1.2645). Do not edit by hand: change the features or the
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
  features: ["coverage","corpusCoverage","articleCoverage","bestInArticle","rarityHeld","rarityMissed","exactShare","relevance","rankReciprocal","kindStrength","countsFocus","period","density","order","neighbourCoverage","logWords","opening","focusShare","novelty","typoShare","coverageTimesArticle"],
  bias: 0,
  weights: [3.42954,7.17733,1.51439,-0.02802,0.01087,-0.00278,0.65514,2.30688,0.42705,1.86327,1.08358,2.04603,0.43986,-0.3418,0.64896,-0.17425,-0.17791,-1.08894,0.55052,0.32338,-6.16621],
};
