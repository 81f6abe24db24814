/**
 * The weights candidate answer sentences are ranked by, one per feature of
 * sentence-features.ts (FEATURE_NAMES, same order). Written by
 * `npm run fit-answers` (bench/fit-answer-weights.ts): a conditional logistic
 * regression fitted on the "fit" half of the SQuAD v1.1 dev pool
 * (4055 of its 4524 questions had both a right and a wrong candidate;
 * mean log loss 1.2020). Do not edit by hand: change the features or the
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
  weights: [3.86865,5.76633,0.48616,2.77632,0.65122,0.21171,0.00355,-0.00076,1.02327,1.93794,0.41688,2.21001,1.11912,-0.55886,0.26501,0.89088,-0.25389,1.96788,0.4236,-0.16149,0.40726,-0.16868,-0.16579,-0.91683,0.4469,0.37574,-4.22023,-1.52333,1.32616,-0.84699,-1.59989],
};
