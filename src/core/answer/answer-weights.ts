/**
 * The weights candidate answer sentences are ranked by, one per feature of
 * sentence-features.ts (FEATURE_NAMES, same order). Written by
 * `npm run fit-answers` (bench/fit-answer-weights.ts): a conditional logistic
 * regression fitted on the "fit" half of the SQuAD v1.1 dev pool
 * (4055 of its 4524 questions had both a right and a wrong candidate;
 * mean log loss 1.1991). Do not edit by hand: change the features or the
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
  weights: [3.87671,5.76668,0.50001,2.77159,0.66271,0.21437,0.00327,-0.00067,1.02289,1.95728,0.41325,2.21457,1.12014,-0.55954,0.26219,0.89286,-0.25051,1.96725,0.42366,-0.16172,0.40392,-0.1736,-0.16503,-0.92091,0.46642,0.38074,-4.25723,-1.48584,1.31525,-0.8564,-1.60725],
};
