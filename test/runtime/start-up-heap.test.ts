import { describe, expect, it } from 'vitest';
import { startedHeapGrowthPercent } from '../../src/runtime/start-up-heap.ts';

// Lifting the flag itself changes the whole process's collector, so it is not done in the test runner:
// its effect is measured by `npm run bench` (warm restart), BENCHMARKS.md.
describe('the heap growth lifted for a warm start', () => {
  it('reads the growth node was started with, in either spelling, and none when absent', () => {
    expect(startedHeapGrowthPercent(['--expose-gc', '--heap-growing-percent=20', '--max-semi-space-size=4'])).toBe(20);
    expect(startedHeapGrowthPercent(['--heap_growing_percent=35'])).toBe(35);
    expect(startedHeapGrowthPercent(['--expose-gc'])).toBeNull();
    expect(startedHeapGrowthPercent([])).toBeNull();
  });

});
