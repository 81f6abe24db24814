/**
 * The shipped weights (answer-weights.ts, written by `npm run fit-answers`)
 * must belong to the features the code computes: a feature added, dropped or
 * reordered without fitting again would weigh one feature by another's weight.
 */
import { describe, expect, it } from 'vitest';
import { ANSWER_MODEL } from '../../../src/core/answer/answer-weights.ts';
import { definesSubject, density, FEATURE_NAMES, linearScore, orderShare } from '../../../src/core/answer/sentence-features.ts';

describe('answer weights', () => {
  it('weigh exactly the features computed, in their order', () => {
    expect(ANSWER_MODEL.features).toEqual(FEATURE_NAMES);
    expect(ANSWER_MODEL.weights).toHaveLength(FEATURE_NAMES.length);
    expect(ANSWER_MODEL.weights.every(Number.isFinite)).toBe(true);
  });

  it('rank a sentence holding more of the question higher, all else equal', () => {
    const base = FEATURE_NAMES.map(() => 0.5);
    const more = FEATURE_NAMES.map((name) => (name === 'corpusCoverage' || name === 'coverage' ? 1 : 0.5));
    expect(linearScore(more, ANSWER_MODEL)).toBeGreaterThan(linearScore(base, ANSWER_MODEL));
  });
});

describe('sentence features', () => {
  const question = new Map([
    ['w:foreign', 1],
    ['w:minist', 1],
  ]);
  it('density: the question words over the shortest run holding them', () => {
    expect(density({ keys: ['w:a', 'w:foreign', 'w:minist', 'w:b'], typoOnly: new Set() }, question)).toBe(1);
    expect(density({ keys: ['w:foreign', 'w:a', 'w:b', 'w:minist'], typoOnly: new Set() }, question)).toBe(0.5);
    expect(density({ keys: ['w:a'], typoOnly: new Set() }, question)).toBe(0);
  });
  it('order: consecutive question words found in the same order, close together', () => {
    expect(orderShare({ keys: ['w:foreign', 'w:minist'], typoOnly: new Set() }, ['w:foreign', 'w:minist'])).toBe(1);
    expect(orderShare({ keys: ['w:minist', 'w:foreign'], typoOnly: new Set() }, ['w:foreign', 'w:minist'])).toBe(0);
  });
  it('definesSubject: the subject among the first words, then "is"', () => {
    const key = (w: string) => `w:${w.toLowerCase()}`;
    const words = (t: string) => t.split(/[\s()]+/).filter(Boolean);
    expect(definesSubject(words('Interlibrary loan (abbreviated ILL) is a service'), 'w:interlibrary', key)).toBe(true);
    expect(definesSubject(words('A user of one library is served by interlibrary loan'), 'w:interlibrary', key)).toBe(false);
    expect(definesSubject(words('Interlibrary loan grew in the 1990s'), 'w:interlibrary', key)).toBe(false);
    expect(definesSubject(words('Interlibrary loan is a service'), undefined, key)).toBe(false);
  });
});
