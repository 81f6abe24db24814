/**
 * The benchmark must keep running as the code changes: a tiny corpus through
 * every phase (our index, the naive baseline, flexsearch, the real bot end
 * to end), checking that every row of the table is printed and filled.
 * Timings are never asserted: speed is for the benchmark itself (BENCHMARKS.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROW_LABELS, parseOptions, renderTable, runBench, type SizeResult } from '../../bench/run.ts';
import { QUERY_KINDS } from '../../bench/queries.ts';
import { renderDatesTable, runDatesBench } from '../../bench/dates-phase.ts';

const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-bench-smoke-'));
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

describe('npm run bench (smoke: 300 articles)', () => {
  let results: SizeResult[] = [];

  it('measures the date resolver (--dates) on the seeds, the table and a synthetic corpus', { timeout: 120_000 }, async () => {
    expect(parseOptions(['--dates', '--sizes', '300']).dates).toBe(true);
    expect(parseOptions(['--no-baselines', '--sizes', '300'])).toMatchObject({ baselines: false, sizes: [300] });
    expect(parseOptions(['--sizes', '300']).baselines).toBe(true);
    const rows = await runDatesBench(300, cacheDir);
    expect(rows.map((r) => r.sentences > 0 && Number.isFinite(r.perSentenceUs.p50))).toEqual([true, true, true]);
    expect(rows[1]!.datesFound).toBeGreaterThanOrEqual(60);
    expect(renderDatesTable(rows).split('\n')).toHaveLength(5);
  });

  it('runs every phase and reports every figure', { timeout: 120_000 }, async () => {
    const options = parseOptions(['--sizes', '300', '--per-kind', '20', '--commands', '30', '--mentions', '15', '--cache-dir', cacheDir]);
    results = await runBench(options);
    expect(results).toHaveLength(1);
    const [r] = results;
    expect(r!.ours.articles).toBe(300);
    expect(r!.naive?.articles).toBe(300);
    expect(r!.flexsearch?.articles).toBe(300);
    for (const kind of QUERY_KINDS) {
      expect(r!.ours.search[kind].n, kind).toBe(20);
      expect(r!.naive?.search[kind].n, kind).toBe(20);
      expect(Number.isFinite(r!.ours.search[kind].p99), kind).toBe(true);
    }
    const e2e = r!.e2e;
    for (const latency of [e2e.search1, e2e.searchN, e2e.ack1, e2e.ackN]) expect(latency?.n).toBe(30);
    for (const latency of [e2e.mention1, e2e.mentionN]) expect(latency?.n).toBe(15);
    expect(e2e.warmStartRunsMs).toHaveLength(3);
    expect(e2e.rssMb).toBeGreaterThan(0);
    expect(r!.ours.persist?.bytes).toBeGreaterThan(0);
  });

  it('prints a table with every row, each filled', () => {
    const table = renderTable(results);
    const lines = table.split('\n');
    expect(lines).toHaveLength(2 + ROW_LABELS.length);
    for (const label of ROW_LABELS) {
      const shown = label.replaceAll('|', '\\|');
      const line = lines.find((l) => l.startsWith(`| ${shown} |`));
      expect(line, label).toBeDefined();
      // Exactly one column per corpus size: a `|` inside a cell is escaped.
      expect(line!.split(/(?<!\\)\|/).length - 3, label).toBe(results.length);
      const cell = line!.slice(shown.length + 4);
      expect(cell, label).not.toMatch(/NaN|undefined|^\s*—\s*\|$/);
    }
  });
});
