/**
 * Near-duplicate text by shingling and MinHash: an article becomes the set of
 * its overlapping word runs (shingles), and that set a short signature whose
 * agreement with another article's estimates the Jaccard similarity of the two
 * sets (the share of positions where the minima agree). A wire story and its
 * re-publications with small edits share most shingles; unrelated articles on
 * the same topic share few.
 *
 * Written here rather than taken from a package: the candidates on npm are
 * either unmaintained (`minhash` 0.0.9) or a large probabilistic-structures
 * library (`bloom-filters`) whose MinHash draws random seeds per instance, so
 * signatures would not compare across restarts. This is ~60 lines with fixed
 * seeds, deterministic, and has a property test against exact Jaccard.
 */
import { foldWord, splitWords } from '../text.ts';

/**
 * Words per shingle. Three scores a re-publication with one word in ten
 * changed higher than four words do, while different stories on the same topic
 * share very few shingles (measured on the seed articles, README "Re-reports
 * grouped"; BENCHMARKS.md, "The threshold: edited copies of the seed articles"
 * and "Figures behind design choices").
 */
export const SHINGLE_WORDS = 3;

/**
 * Hash functions per signature. The estimate's standard error is
 * sqrt(J(1-J)/n): at most 0.044 for 128, which separates a re-publication
 * (J ≥ 0.3 with small edits, BENCHMARKS.md) from a different story (J < 0.1).
 */
export const SIGNATURE_SIZE = 128;

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The seeds of the hash functions: fixed, so a signature saved at one start compares with one made at the next. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let state = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    seeds[i] = mix32(state);
  }
  return seeds;
})();

const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;

/**
 * The hashed shingles of a text: runs of {@link SHINGLE_WORDS} folded words
 * (accents and case ignored), each once. A shingle's hash combines its words'
 * hashes, each rotated by its position, so word order counts and no string
 * is built per shingle.
 */
export function shingleSet(text: string): Set<number> {
  const words = splitWords(text).map((word) => fnv1a(foldWord(word)));
  const shingles = new Set<number>();
  if (words.length === 0) return shingles;
  const width = Math.min(SHINGLE_WORDS, words.length);
  for (let i = 0; i + width <= words.length; i++) {
    let h = 0;
    for (let k = 0; k < width; k++) h ^= rotl(words[i + k] as number, (k * 11) % 32);
    shingles.add(mix32(h));
  }
  return shingles;
}

/**
 * The MinHash signature of a set of shingle hashes: for each seed, the least
 * value of mix32(shingle ^ seed). An empty set gives all 0xffffffff, which
 * {@link estimateJaccard} treats as sharing nothing.
 */
export function minhashOf(shingles: Iterable<number>): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = mix32(shingle ^ (SEEDS[i] as number));
      if (h < (signature[i] as number)) signature[i] = h;
    }
  }
  return signature;
}

/** The signature of a text ({@link shingleSet} then {@link minhashOf}). */
export function signatureOf(text: string): Uint32Array {
  return minhashOf(shingleSet(text));
}

/** True for the signature of a text with no words (it resembles nothing). */
export function isEmptySignature(signature: Uint32Array): boolean {
  return signature.every((v) => v === 0xffffffff);
}

/** The share of positions where two signatures agree: an unbiased estimate of the Jaccard similarity of their sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError(`minhash: signatures of ${a.length} and ${b.length} values`);
  if (isEmptySignature(a) || isEmptySignature(b)) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same += 1;
  return same / a.length;
}

/** |A ∩ B| / |A ∪ B|; 0 for two empty sets. What {@link estimateJaccard} estimates (tests and measurements). */
export function exactJaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}
