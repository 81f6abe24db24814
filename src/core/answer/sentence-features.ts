/**
 * What is measured of a candidate answer sentence, as numbers a fitted model
 * weighs (answer-weights.ts, fitted by bench/fit-answer-weights.ts): how much
 * of the question it holds (by the rarity of its words among the candidates
 * and in the whole corpus), how much of the question its article holds, how
 * close together and in what order the question's words stand in it, whether
 * it holds an answer of the kind asked that the question does not already
 * give, and where it and its article stand. Plain arithmetic over plain data.
 */

/** The feature names, in the order of a feature vector (the weights file follows it). */
export const FEATURE_NAMES = [
  'coverage',
  'corpusCoverage',
  'articleCoverage',
  'articleBm25',
  'articleBestSentence',
  'bestInArticle',
  'rarityHeld',
  'rarityMissed',
  'exactShare',
  'relevance',
  'rankReciprocal',
  'kindStrength',
  'countsFocus',
  'freshName',
  'freshNumber',
  'freshNameOther',
  'freshNumberOther',
  'period',
  'density',
  'order',
  'neighbourCoverage',
  'logWords',
  'opening',
  'definesSubject',
  'focusShare',
  'novelty',
  'typoShare',
  'coverageTimesArticle',
  'coverageSquared',
  'coverageTimesRelevance',
  'coverageTimesKind',
  'articleTimesRelevance',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** A sentence as the concept keys it names, in order, those of the question mapped to the question's keys. */
export interface SentenceKeys {
  readonly keys: readonly string[];
  /** Question keys it holds only as a typo match. */
  readonly typoOnly: ReadonlySet<string>;
}

/** Of the concept keys, the question's keys present, counting each once. */
function present(sentence: SentenceKeys, question: ReadonlyMap<string, number>): Set<string> {
  const found = new Set<string>();
  for (const key of sentence.keys) if (question.has(key)) found.add(key);
  return found;
}

/** Share of `weights`' total that `found` holds (typo-only matches at half). */
export function weightedShare(found: ReadonlySet<string>, weights: ReadonlyMap<string, number>, typoOnly: ReadonlySet<string> = new Set()): number {
  let total = 0;
  let held = 0;
  for (const [key, weight] of weights) {
    total += weight;
    if (found.has(key)) held += typoOnly.has(key) ? weight / 2 : weight;
  }
  return total > 0 ? held / total : 0;
}

/**
 * How tightly the question's words stand together: the number of distinct
 * question keys found over the length (in concepts) of the shortest run of
 * the sentence holding all of them; 0 when it holds none, 1 for adjacent words.
 */
export function density(sentence: SentenceKeys, question: ReadonlyMap<string, number>): number {
  const wanted = present(sentence, question);
  if (wanted.size === 0) return 0;
  if (wanted.size === 1) return 1;
  const counts = new Map<string, number>();
  let covered = 0;
  let best = Infinity;
  let start = 0;
  const keys = sentence.keys;
  for (let end = 0; end < keys.length; end++) {
    const key = keys[end] as string;
    if (!wanted.has(key)) continue;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n === 1) covered += 1;
    while (covered === wanted.size) {
      best = Math.min(best, end - start + 1);
      const first = keys[start] as string;
      if (wanted.has(first)) {
        const left = (counts.get(first) ?? 0) - 1;
        counts.set(first, left);
        if (left === 0) covered -= 1;
      }
      start += 1;
    }
  }
  return wanted.size / best;
}

/** Words of a question pair counted as in order when at most this many concepts apart. */
const ORDER_REACH = 3;

/**
 * Share of the question's consecutive concept pairs ("capacity building",
 * "foreign minister") that the sentence holds in the same order, close together.
 */
export function orderShare(sentence: SentenceKeys, questionOrder: readonly string[]): number {
  if (questionOrder.length < 2) return 0;
  const positions = new Map<string, number[]>();
  sentence.keys.forEach((key, i) => {
    const list = positions.get(key);
    if (list === undefined) positions.set(key, [i]);
    else list.push(i);
  });
  let pairs = 0;
  for (let i = 0; i + 1 < questionOrder.length; i++) {
    const before = positions.get(questionOrder[i] as string);
    const after = positions.get(questionOrder[i + 1] as string);
    if (before === undefined || after === undefined) continue;
    if (before.some((p) => after.some((q) => q > p && q - p <= ORDER_REACH))) pairs += 1;
  }
  return pairs / (questionOrder.length - 1);
}

/** A definition names its subject within this many words before its verb ("Interlibrary loan (abbreviated ILL) is…"). */
const DEFINITION_REACH = 8;
const DEFINING_VERB = /^(?:is|are|was|were|refers|means|describes)$/i;

/**
 * True when the sentence opens by defining `subject` (a concept key): the
 * subject among its first words, then "is/are/was/refers…" — what "what is
 * X?" and "how does X work?" are answered by.
 */
export function definesSubject(words: readonly string[], subject: string | undefined, keyOf: (word: string) => string): boolean {
  if (subject === undefined) return false;
  let named = false;
  for (let i = 0; i < Math.min(words.length, DEFINITION_REACH + 1); i++) {
    const word = words[i] as string;
    if (DEFINING_VERB.test(word)) return named;
    if (keyOf(word) === subject) named = true;
  }
  return false;
}

/** Share of the sentence's concepts the question does not name: what it adds. */
export function novelty(sentence: SentenceKeys, question: ReadonlyMap<string, number>): number {
  if (sentence.keys.length === 0) return 0;
  return sentence.keys.filter((k) => !question.has(k)).length / sentence.keys.length;
}

/** The score of a feature vector under `weights` (a bias, then one weight per feature). */
export function linearScore(features: readonly number[], weights: { readonly bias: number; readonly weights: readonly number[] }): number {
  let score = weights.bias;
  for (let i = 0; i < features.length; i++) score += (features[i] as number) * (weights.weights[i] ?? 0);
  return score;
}
