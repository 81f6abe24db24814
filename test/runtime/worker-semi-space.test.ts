/**
 * withSemiSpace: the worker it starts gets the larger young generation, and
 * threads started afterwards get the process's own setting again. The probe
 * keeps many objects alive (as a search does) and reports the largest new
 * space V8 gave it, which is two semi-spaces.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { startSemiSpaceMb, withSemiSpace } from '../../src/runtime/worker-semi-space.ts';

const PROBE = new URL('./fixtures/semi-space-probe.mjs', import.meta.url);

function largestNewSpaceMb(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { largestNewSpaceMb: number }) => resolve(m.largestNewSpaceMb));
    worker.once('error', reject);
  });
}

describe('withSemiSpace', { timeout: 60_000 }, () => {
  it('gives the worker it starts its semi-spaces, and later workers the process setting', async () => {
    // The test process runs without the flag: V8 sizes semi-spaces itself, up to 16 MB on 64-bit.
    const before = await largestNewSpaceMb(withSemiSpace(1, () => new Worker(PROBE)));
    const larger = await largestNewSpaceMb(withSemiSpace(8, () => new Worker(PROBE)));
    expect(before).toBeLessThanOrEqual(2);
    expect(larger).toBeGreaterThan(before);
    expect(larger).toBeLessThanOrEqual(16);
    const after = await largestNewSpaceMb(withSemiSpace(1, () => new Worker(PROBE)));
    expect(after).toBeLessThanOrEqual(2);
  });

  it('reads the start setting from node\'s arguments', () => {
    expect(startSemiSpaceMb(['--expose-gc', '--max-semi-space-size=4'])).toBe(4);
    expect(startSemiSpaceMb(['--max_semi_space_size=12'])).toBe(12);
    expect(startSemiSpaceMb([])).toBe(0);
  });

  it('refuses a size that is not whole megabytes', () => {
    expect(() => withSemiSpace(0, () => new Worker(PROBE))).toThrow(/not a size in MB: 0/);
  });
});
