/**
 * The weights candidate answer sentences are ranked by, one per feature of
 * sentence-features.ts (FEATURE_NAMES, same order). Written by
 * `npm run fit-answers` (bench/fit-answer-weights.ts): a conditional logistic
 * regression fitted on the "fit" half of the SQuAD v1.1 dev pool
 * (4055 of its 4524 questions had both a right and a wrong candidate;
 * mean log loss 1.2013). Do not edit by hand: change the features or the
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
  features: ["coverage","corpusCoverage","articleCoverage","articleBm25","articleBestSentence","bestInArticle","rarityHeld","rarityMissed","exactShare","relevance","rankReciprocal","kindStrength","countsFocus","freshName","freshNumber","freshNameOther","freshNumberOther","period","density","order","neighbourCoverage","logWords","opening","focusShare","novelty","typoShare","coverageTimesArticle","coverageSquared","coverageTimesRelevance","coverageTimesKind","articleTimesRelevance"],
  bias: 0,
  weights: [3.84176,5.79507,0.45949,2.80825,0.64027,0.21313,0.00345,-0.00071,1.02889,1.90805,0.41267,2.20726,1.11709,-0.55991,0.26554,0.89116,-0.25391,1.96439,0.42709,-0.16037,0.4069,-0.16918,-0.16638,-0.91716,0.45037,0.37405,-4.21666,-1.53669,1.33386,-0.84398,-1.57637],
};
