import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_SIZE, estimateJaccard, exactJaccard, minhashOf, shingleSet, signatureOf } from '../../../src/core/near-duplicates/minhash.ts';

/** Two sets drawn from one pool, so their overlap ranges from none to all. */
const setPair = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 1, maxLength: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([pool, pa, pb]) => {
    const a = new Set(pool.filter((_, i) => (i * 0.618 + pa) % 1 < 0.7));
    const b = new Set(pool.filter((_, i) => (i * 0.382 + pb) % 1 < 0.7 || (a.has(pool[i] as number) && i % 3 === 0)));
    return { a: a.size === 0 ? new Set([pool[0] as number]) : a, b: b.size === 0 ? new Set([pool[0] as number]) : b };
  });

describe('MinHash', () => {
  it('estimates the Jaccard similarity of two sets within 0.2 (over 4.5 standard errors at 128 hashes)', () => {
    fc.assert(
      fc.property(setPair, ({ a, b }) => {
        expect(Math.abs(estimateJaccard(minhashOf(a), minhashOf(b)) - exactJaccard(a, b))).toBeLessThanOrEqual(0.2);
      }),
      { numRuns: 200 },
    );
  });

  it('is unbiased: over many pairs the mean error is near zero', () => {
    const errors = fc.sample(setPair, { numRuns: 300, seed: 42 }).map(({ a, b }) => estimateJaccard(minhashOf(a), minhashOf(b)) - exactJaccard(a, b));
    const mean = errors.reduce((x, y) => x + y, 0) / errors.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
  });

  it('gives identical sets 1 and disjoint sets 0 exactly or nearly', () => {
    const a = new Set([1, 2, 3, 4, 5]);
    expect(estimateJaccard(minhashOf(a), minhashOf(new Set(a)))).toBe(1);
    expect(estimateJaccard(minhashOf(a), minhashOf(new Set([6, 7, 8, 9])))).toBeLessThan(0.05);
  });

  it('is deterministic across calls (fixed seeds: signatures saved at one start compare at the next)', () => {
    const text = 'The Chinese Foreign Ministry said on Tuesday that China will continue to share AI dividends.';
    expect(signatureOf(text)).toEqual(signatureOf(text));
    expect(signatureOf(text)).toHaveLength(SIGNATURE_SIZE);
  });

  it('ignores case and accents, and treats a text with no words as resembling nothing', () => {
    expect(shingleSet('Vučić met the PRESIDENT today')).toEqual(shingleSet('vucic met the president today'));
    expect(estimateJaccard(signatureOf(''), signatureOf(''))).toBe(0);
  });
});
