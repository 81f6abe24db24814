/**
 * The issue-18 table: the bot end to end as `npm start` starts it, this checkout beside a checkout of
 * the previous release (`--previous DIR`, with its own `npm ci`), measured in one run and interleaved
 * (previous, current, previous, current…) so both see the same machine load; each figure is the
 * median of the runs'. The load is the issue's: 80 `/aigov search` commands one after another over the
 * bench's query mix (after 20 warm-up commands), then @-mention quick facts one at a time; RSS right
 * after the searches and after 5 s of rest; restart on the saved index; first start (index built).
 */
import { medianOfRuns, runE2e, type E2eResult } from './e2e-phase.ts';
import { buildQueries } from './queries.ts';
import { fmt } from './stats.ts';


/** The load. */
export const RELEASE_SEARCHES = 80;
export const RELEASE_MENTIONS = 40;

/** The goals by corpus size (null: the issue sets none for that figure at that size). */
interface Goals {
  readonly searchP50: number | null;
  readonly searchP99: number | null;
  readonly rssMb: number | null;
  readonly restartS: number | null;
  readonly firstStartS: number | null;
}

function goalsFor(size: number): Goals {
  if (size >= 100_000) return { searchP50: null, searchP99: 300, rssMb: 1024, restartS: 10, firstStartS: null };
  return { searchP50: 20, searchP99: 80, rssMb: 300, restartS: 2, firstStartS: 10 };
}

export interface ReleaseTable {
  readonly size: number;
  readonly previous: E2eResult | null;
  readonly current: E2eResult;
  readonly previousRoot: string | null;
}

/** `runs` interleaved end-to-end runs of each checkout over `corpusDir`. */
export async function runReleaseTable(size: number, corpusDir: string, previousRoot: string | null, runs: number, log: (m: string) => void): Promise<ReleaseTable> {
  const queries = buildQueries(size, 200);
  const options = { corpusDir, queries, commands: RELEASE_SEARCHES, mentions: RELEASE_MENTIONS, concurrency: 1, oneAtATimeOnly: true } as const;
  const previous: E2eResult[] = [];
  const current: E2eResult[] = [];
  for (let i = 0; i < runs; i++) {
    if (previousRoot !== null) {
      log(`release table ${i + 1}/${runs}: previous release (${previousRoot})`);
      previous.push(await runE2e({ ...options, root: previousRoot }));
    }
    log(`release table ${i + 1}/${runs}: this checkout`);
    current.push(await runE2e(options));
  }
  return { size, previous: previousRoot === null ? null : medianOfRuns(previous), current: medianOfRuns(current), previousRoot };
}

const atMost = (goal: number | null, unit: string): string => (goal === null ? '' : `≤ ${goal}${unit}`);

/** The table as the issue prints it: a row per figure, previous release / now / goal. */
export function renderReleaseTable(t: ReleaseTable): string {
  const g = goalsFor(t.size);
  const rows: [string, (r: E2eResult) => string, string][] = [
    ['search answer p50', (r) => `${fmt(r.search1.p50)} ms`, atMost(g.searchP50, ' ms')],
    ['search answer p99', (r) => `${fmt(r.search1.p99)} ms`, atMost(g.searchP99, ' ms')],
    ['quick-fact answer p50 / p99', (r) => `${fmt(r.mention1.p50)} / ${fmt(r.mention1.p99)} ms`, 'no slower than searches'],
    ['RSS after the searches', (r) => `${r.rssAfterSearchesMb} MB`, atMost(g.rssMb, ' MB')],
    ['RSS at rest (5 s after the last request)', (r) => `${r.restRssMb} MB`, atMost(g.rssMb, ' MB')],
    ['restart on the saved index', (r) => `${fmt(r.warmStartMs / 1000)} s`, atMost(g.restartS, ' s')],
    ['first start (index built)', (r) => `${fmt(r.coldStartMs / 1000)} s`, atMost(g.firstStartS, ' s')],
  ];
  const runs = t.current.runs;
  const header = `| ${t.size.toLocaleString('en')} articles, medians of ${runs} interleaved run${runs === 1 ? '' : 's'} | previous release | now | goal |`;
  const lines = [header, '|---|---|---|---|'];
  for (const [label, cell, goal] of rows) lines.push(`| ${label} | ${t.previous === null ? '—' : cell(t.previous)} | ${cell(t.current)} | ${goal} |`);
  return lines.join('\n');
}
