/**
 * The feed-reading bench (bench/feeds-phase.ts) on the shared suites: both
 * readers are scored on every field of every suite, and the table names them.
 */
import { describe, expect, it } from 'vitest';
import { renderFeedBench, runFeedBench } from '../../bench/feeds-phase.ts';

describe('npm run bench -- --feeds', () => {
  it('scores aigov and rss-parser on the same expectations of each suite, field by field', async () => {
    const bench = await runFeedBench();
    expect([...bench.results.keys()].sort()).toEqual(['gofeed parser', 'gofeed translator', 'rss-parser']);
    for (const [suite, byReader] of bench.results) {
      expect([...byReader.keys()]).toEqual(['aigov', 'rss-parser']);
      const [ours, theirs] = [byReader.get('aigov')!, byReader.get('rss-parser')!];
      for (const field of Object.keys(ours) as (keyof typeof ours)[]) {
        expect(ours[field].total, `${suite} ${field}`).toBe(theirs[field].total);
        expect(ours[field].total, `${suite} ${field}`).toBeGreaterThan(0);
      }
      // A regression guard, not a figure (BENCHMARKS.md has those): every feed of the suites is read.
      expect(ours['feeds read'].met, suite).toBe(ours['feeds read'].total);
    }
    const table = renderFeedBench(bench);
    expect(table).toContain('| gofeed parser | aigov |');
    expect(table).toContain('| rss-parser | rss-parser |');
  }, 60_000);
});
