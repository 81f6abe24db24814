/**
 * The weights candidate answer sentences are ranked by, one per feature of
 * sentence-features.ts (FEATURE_NAMES, same order). Written by
 * `npm run fit-answers` (bench/fit-answer-weights.ts): a conditional logistic
 * regression fitted on the "fit" half of the SQuAD v1.1 dev pool
 * (4055 of its 4524 questions had both a right and a wrong candidate;
 * mean log loss 1.1986). Do not edit by hand: change the features or the
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
  features: ["coverage","corpusCoverage","articleCoverage","articleBm25","articleBestSentence","bestInArticle","rarityHeld","rarityMissed","exactShare","relevance","rankReciprocal","kindStrength","countsFocus","freshName","freshNumber","freshNameOther","freshNumberOther","period","density","order","neighbourCoverage","logWords","opening","definesSubject","focusShare","novelty","typoShare","coverageTimesArticle","coverageSquared","coverageTimesRelevance","coverageTimesKind","articleTimesRelevance"],
  bias: 0,
  weights: [3.88186,5.71103,0.50343,2.75692,0.66518,0.2143,0.00394,-0.00093,1.03007,1.95791,0.4106,2.2089,1.1172,-0.56059,0.26696,0.89846,-0.25551,1.9568,0.42242,-0.16408,0.4003,-0.16734,-0.16557,0.26171,-0.91031,0.46961,0.37675,-4.27552,-1.45383,1.29399,-0.85181,-1.59284],
};
