/**
 * `npm run bench [-- --sizes 1k,10k,100k]`: generates (or reuses) seeded
 * synthetic corpora and measures, in one run and on the same queries:
 * index build, persisted-index save and load, memory, search latency by
 * query kind, for our index, a naive baseline (sentence per document, fuzzy
 * everywhere) and flexsearch; then the real bot end to end (answers, acks,
 * restart to healthy, RSS). Prints a Markdown table and writes the figures
 * as JSON beside the cached corpora.
 *
 * Options:
 *   --sizes 1k,10k        corpus sizes (default 1k,10k; 100k takes ~10 minutes and ~3 GB)
 *   --per-kind 200        queries per kind in the in-process search measurements
 *   --commands 300        /aigov search commands per end-to-end run (c=1 and c=20)
 *   --mentions 150        @-mentions per end-to-end run
 *   --e2e-runs 1          end-to-end runs (fresh bot each); figures are their medians
 *   --naive-max 10000     skip the naive baseline above this size (it does not fit at 100k)
 *   --cache-dir DIR       where corpora and results go (default bench/.cache)
 *   --out FILE            also write the Markdown table to FILE
 *   --dates               only the date resolver: its accuracy on TempEval-3's AQUAINT TimeML news
 *                         (dev and held-out halves, beside chrono-node alone; dates-accuracy.ts), then
 *                         its cost per sentence and per article (dates-phase.ts), on the seeds, the
 *                         resolver's table and the first --sizes corpus
 *   --dates-misses        instead: every expression the resolver misses or misreads on the dev half
 *   --faults              instead: inject the faults of issue 11 into the real bot and
 *                         measure recovery (bench/faults.ts; BENCHMARKS.md, Fault injection)
 *   --answers             instead of all that: the quick-fact question set's top-1
 *                         accuracy, overall and per question kind (bench/question-set.ts), then
 *                         SQuAD dev asked against the whole pool beside BM25 and IDF overlap
 *                         (bench/squad.ts); --half fit|report only that half, --every N every
 *                         N-th question, --misses N prints N misses of the fit half
 *   --ingest              instead: adding news while the bot answers (bench/ingest-phase.ts)
 *   --ingest-items 1000   items in the feed it imports
 *   --watches 1000        instead of the above: what watches cost (bench/watch-phase.ts), at each size
 *   --feeds [--verbose [--suite S]] [--cost]  instead: feed reading against gofeed's and rss-parser's suites, beside rss-parser
 *                         (bench/feeds-phase.ts); --cost adds the time to read a large and two hostile feeds
 *   --replicas            instead: one instance on SQLite against three on one PostgreSQL, and how soon an
 *                         article added through one is found through another (bench/replicas-phase.ts)
 *   --previous DIR        a checkout of the previous release (its own npm ci): the issue-18 table
 *                         (release-table.ts) measures it beside this one, interleaved, at each size ≥ 10k
 *   --release             only that table (with --e2e-runs N: medians of N interleaved runs)
 *   --profile             instead: CPU profiles of both of the bot's threads during 80 searches, as a
 *                         table of ms per search step (profile-search.ts); with --previous, that one too
 *   --near-dups           instead: the cost of grouping re-reports and the threshold's measurements (bench/near-dups.ts; default size 10k)
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CACHE_DIR, ensureCorpus } from './generate-corpus.ts';
import { buildQueries, QUERY_KINDS } from './queries.ts';
import { devMisses, renderAccuracyTable, runDatesAccuracy } from './dates-accuracy.ts';
import { renderDatesTable, runDatesBench } from './dates-phase.ts';
import { formatQuestionSetReport, runQuestionSet } from './question-set.ts';
import { ROOT, medianOfRuns, runE2e, type E2eResult } from './e2e-phase.ts';
import { renderReleaseTable, runReleaseTable } from './release-table.ts';
import type { EngineName, IndexPhaseResult } from './index-phase.ts';
import { fmt, type Latency } from './stats.ts';
import { runIngestBench, type IngestResult } from './ingest-phase.ts';
import { renderWatchTable, runWatchBench } from './watch-phase.ts';

const run = promisify(execFile);

interface Options {
  sizes: number[];
  perKind: number;
  commands: number;
  mentions: number;
  e2eRuns: number;
  naiveMax: number;
  cacheDir: string;
  out: string | null;
  /** Run only the date resolver's benchmark. */
  dates: boolean;
  /** Set: run only the watch benchmark, with this many watches. */
  watches: number | null;
  /** Skip the naive and flexsearch engines (`--no-baselines`): our figures only, in a fraction of the time. */
  baselines: boolean;
  /** `--previous DIR`: a checkout of the previous release (its own `npm ci`), measured end to end beside this one. */
  previous: string | null;
  /** `--release`: only the issue's table (release-table.ts), this checkout beside `--previous`. */
  releaseOnly: boolean;
}

function parseSize(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)(k?)$/i.exec(raw.trim());
  if (m === null) throw new Error(`bench: bad size '${raw}' (expected e.g. 300, 1k, 10k)`);
  return Math.round(Number(m[1]) * (m[2] === '' ? 1 : 1000));
}

export function parseOptions(argv: readonly string[]): Options {
  const options: Options = { sizes: [1000, 10000], perKind: 200, commands: 300, mentions: 150, e2eRuns: 1, naiveMax: 10_000, cacheDir: CACHE_DIR, out: null, dates: false, watches: null, baselines: true, previous: null, releaseOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--dates') {
      options.dates = true;
      continue;
    }
    if (flag === '--release') {
      options.releaseOnly = true;
      continue;
    }
    if (flag === '--no-baselines') {
      options.baselines = false;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`bench: ${flag} needs a value`);
    i++;
    switch (flag) {
      case '--sizes': options.sizes = value.split(',').map(parseSize); break;
      case '--per-kind': options.perKind = Number(value); break;
      case '--commands': options.commands = Number(value); break;
      case '--mentions': options.mentions = Number(value); break;
      case '--e2e-runs': options.e2eRuns = Math.max(1, Math.floor(Number(value))); break;
      case '--naive-max': options.naiveMax = parseSize(value); break;
      case '--cache-dir': options.cacheDir = path.resolve(value); break;
      case '--out': options.out = path.resolve(value); break;
      case '--previous': options.previous = path.resolve(value); break;
      case '--watches': options.watches = Math.max(1, Math.floor(Number(value))); break;
      default: throw new Error(`bench: unknown option '${flag}'`);
    }
  }
  return options;
}

async function indexPhase(engine: EngineName, corpusDir: string, perKind: number): Promise<IndexPhaseResult> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `aigov-bench-${engine}-`));
  try {
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=6144', '--import', 'tsx', path.join(import.meta.dirname, 'index-phase.ts'), engine, corpusDir, String(perKind), work],
      { maxBuffer: 16 * 1024 * 1024, timeout: 60 * 60_000 },
    );
    const line = stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(line) as IndexPhaseResult;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export interface SizeResult {
  readonly size: number;
  readonly ours: IndexPhaseResult;
  readonly naive: IndexPhaseResult | null;
  /** Null with `--no-baselines`. */
  readonly flexsearch: IndexPhaseResult | null;
  readonly e2e: E2eResult;
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export async function runBench(options: Options): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    log(`corpus of ${size} articles`);
    const corpusDir = ensureCorpus(size, options.cacheDir);
    log('ours: build, search, save, load');
    const ours = await indexPhase('ours', corpusDir, options.perKind);
    let flexsearch: IndexPhaseResult | null = null;
    if (options.baselines) {
      log('flexsearch');
      flexsearch = await indexPhase('flexsearch', corpusDir, options.perKind);
    }
    let naive: IndexPhaseResult | null = null;
    if (options.baselines && size <= options.naiveMax) {
      log('naive baseline');
      naive = await indexPhase('naive', corpusDir, options.perKind);
    }
    log('end to end: the bot in a child process');
    const runs: E2eResult[] = [];
    for (let i = 0; i < options.e2eRuns; i++) {
      runs.push(
        await runE2e({
          corpusDir,
          queries: buildQueries(size, options.perKind),
          commands: options.commands,
          mentions: options.mentions,
          concurrency: 20,
        }),
      );
    }
    const e2e = medianOfRuns(runs);
    results.push({ size, ours, naive, flexsearch, e2e });
  }
  return results;
}

const lat = (l: Latency | null | undefined): string => (l == null ? '—' : `${fmt(l.p50)} / ${fmt(l.p99)}`);
const ratio = (a: number | null | undefined, b: number | null | undefined): string =>
  a == null || b == null || b === 0 ? '—' : `${fmt(a / b)}×`;

/** The table's rows: a label and how to fill its cell for one corpus size. */
const ROWS: readonly [string, (r: SizeResult) => string][] = [
    ['articles indexed', (r) => String(r.ours.articles)],
    ['read + parse all files (s)', (r) => fmt(r.ours.parseMs / 1000)],
    ['index build (s): ours / naive / flexsearch', (r) => `${fmt(r.ours.buildMs / 1000)} / ${fmt(r.naive ? r.naive.buildMs / 1000 : null)} / ${fmt(r.flexsearch ? r.flexsearch.buildMs / 1000 : null)}`],
    ['index memory, heap+external (MB): ours / naive / flexsearch', (r) => `${r.ours.indexHeapMb} / ${r.naive?.indexHeapMb ?? '—'} / ${r.flexsearch?.indexHeapMb ?? '—'}`],
    ['process RSS after build (MB): ours / naive / flexsearch', (r) => `${r.ours.rssMb} / ${r.naive?.rssMb ?? '—'} / ${r.flexsearch?.rssMb ?? '—'}`],
    ['saved index: size (MB)', (r) => fmt((r.ours.persist?.bytes ?? 0) / 1048576)],
    ['saved index: pack, blocking (ms)', (r) => fmt(r.ours.persist?.packMs)],
    ['saved index: save total (s)', (r) => fmt((r.ours.persist?.saveMs ?? 0) / 1000)],
    ['saved index: load (s)', (r) => fmt((r.ours.persist?.loadMs ?? 0) / 1000)],
    ['saved index: longest event-loop block while loading (ms)', (r) => fmt(r.ours.persist?.loadMaxBlockMs)],
    ['saved index: load vs build', (r) => ratio(r.ours.buildMs, r.ours.persist?.loadMs)],
    ...QUERY_KINDS.map((kind): [string, (r: SizeResult) => string] => [
      `search ${kind} p50 / p99 (ms): ours | naive | flexsearch`,
      (r) => `${lat(r.ours.search[kind])} | ${lat(r.naive?.search[kind])} | ${lat(r.flexsearch?.search[kind])}`,
    ]),
    ['search, worst query of any kind (ms): ours | naive | flexsearch', (r) => {
      const worst = (x: IndexPhaseResult | null) => (x === null ? null : Math.max(...QUERY_KINDS.map((k) => x.search[k].max)));
      return `${fmt(worst(r.ours))} | ${fmt(worst(r.naive))} | ${fmt(worst(r.flexsearch))}`;
    }],
    ['naive ÷ ours: build, memory, common p99', (r) => r.naive === null ? 'skipped' : `${ratio(r.naive.buildMs, r.ours.buildMs)}, ${ratio(r.naive.indexHeapMb, r.ours.indexHeapMb)}, ${ratio(r.naive.search.common.p99, r.ours.search.common.p99)}`],
    ['flexsearch ÷ ours: build, memory, common p99', (r) => r.flexsearch === null ? 'skipped' : `${ratio(r.flexsearch.buildMs, r.ours.buildMs)}, ${ratio(r.flexsearch.indexHeapMb, r.ours.indexHeapMb)}, ${ratio(r.flexsearch.search.common.p99, r.ours.search.common.p99)}`],
    ['quick-fact answer, in process, p50 / p99 (ms)', (r) => lat(r.ours.answer)],
    ['end-to-end runs, fresh bot each (figures below are their medians)', (r) => String(r.e2e.runs)],
    ['e2e /aigov search answer, c=1, p50 / p99 (ms)', (r) => lat(r.e2e.search1)],
    ['e2e /aigov search answer, c=20, p50 / p99 (ms)', (r) => lat(r.e2e.searchN)],
    ['e2e ack, c=1, p50 / p99 (ms)', (r) => lat(r.e2e.ack1)],
    ['e2e ack, c=20, p50 / p99 (ms)', (r) => lat(r.e2e.ackN)],
    ['e2e @-mention answer, c=1, p50 / p99 (ms)', (r) => lat(r.e2e.mention1)],
    ['e2e @-mention answer, c=20, p50 / p99 (ms)', (r) => lat(r.e2e.mentionN)],
    ['start to healthy, cold: read, build, save (s)', (r) => fmt(r.e2e.coldStartMs / 1000)],
    ['restart to healthy, warm: median (every restart) (s)', (r) => `${fmt(r.e2e.warmStartMs / 1000)} (${r.e2e.warmStartRunsMs.map((m) => fmt(m / 1000)).join(', ')})`],
    ['npm start: tsc -b up-to-date check before the bot starts (s)', (r) => fmt(r.e2e.buildCheckMs / 1000)],
    ['bot RSS: right after the load / 5 s later / peak (MB)', (r) => `${r.e2e.rssMb} / ${r.e2e.restRssMb} / ${r.e2e.peakRssMb}`],
];

/** The label of every row a run prints (the smoke test checks each is there and filled). */
export const ROW_LABELS: readonly string[] = ROWS.map(([label]) => label);

/** The results as one Markdown table: a row per figure, a column per corpus size. */
export function renderTable(results: readonly SizeResult[]): string {
  const rows = ROWS;
  const header = `| | ${results.map((r) => `${r.size.toLocaleString('en')} articles`).join(' | ')} |`;
  const rule = `|---|${results.map(() => '---').join('|')}|`;
  // A bare `|` inside a cell would end it: the "ours | naive | flexsearch" columns are escaped.
  const escape = (text: string) => text.replaceAll('|', '\\|');
  const body = rows.map(([label, cell]) => `| ${escape(label)} | ${results.map((r) => escape(cell(r))).join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

function renderIngestTable(r: IngestResult): string {
  return [
    '| adding news (feed of ' + r.items + ' items, pages fetched from 127.0.0.1) | figure | target |',
    '|---|---|---|',
    `| articles written | ${r.articlesWritten} | ${r.items} |`,
    `| import time (s) | ${fmt(r.importMs / 1000)} | |`,
    `| articles imported per second | ${fmt(r.articlesPerSecond)} | ≥ 20 |`,
    `| ack p50 / p99 (ms), 20 commands in flight during the import (${r.commandsDuringImport} commands) | ${fmt(r.ack.p50)} / ${fmt(r.ack.p99)} | p99 ≤ 50 |`,
    `| control: ack p50 / p99 (ms), same load just before the import (${r.ackBefore.n} commands) | ${fmt(r.ackBefore.p50)} / ${fmt(r.ackBefore.p99)} | |`,
    `| RSS during the import, peak of samples (MB) | ${r.rssDuringPeakMb} | |`,
    `| RSS after, 5 s of rest (MB) | ${r.rssAfterMb} | |`,
    `| page fetched → found by search, p50 / max of 10 samples (s) | ${fmt(r.fetchToSearchable.p50 / 1000)} / ${fmt(r.fetchToSearchable.max / 1000)} | ≤ 10 |`,
    `| the load thread's own event-loop delay p99 (ms), control / import: part of every ack it times | ${fmt(r.benchLoopDelayP99Ms.control)} / ${fmt(r.benchLoopDelayP99Ms.import)} | |`,
    `| the bot's ack thread: CPU per command (ms), control / import | ${fmt(r.ackThread.control.cpuMsPerCommand)} / ${fmt(r.ackThread.import.cpuMsPerCommand)} | |`,
    `| the bot's ack thread: busy / waiting for a core (% of the phase), control; import | ${fmt(r.ackThread.control.busyPct)} / ${fmt(r.ackThread.control.waitingForCorePct)}; ${fmt(r.ackThread.import.busyPct)} / ${fmt(r.ackThread.import.waitingForCorePct)} | |`,
  ].join('\n');
}

async function mainIngest(argv: readonly string[]): Promise<void> {
  const at = argv.indexOf('--ingest-items');
  const items = at >= 0 ? Number(argv[at + 1]) : 1000;
  if (!Number.isInteger(items) || items < 10) throw new Error(`bench: --ingest-items must be a whole number ≥ 10, not '${argv[at + 1]}'`);
  const result = await runIngestBench(items, (line) => process.stderr.write(`bench: ${line}\n`));
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}`;
  process.stdout.write(`${renderIngestTable(result)}\n\nMachine: ${machine}; load average ${fmt(result.loadAverage)} when the bench started.\n`);
}

async function main(): Promise<void> {
  // `--near-dups [--sizes 1k,10k]`: the re-report grouping figures instead (bench/near-dups.ts).
  if (process.argv.includes('--near-dups')) {
    if ((globalThis as { gc?: unknown }).gc === undefined) {
      // Memory is measured after a collection: run again with --expose-gc.
      const { spawnSync } = await import('node:child_process');
      const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, ...process.argv.slice(2)], { stdio: 'inherit' });
      process.exitCode = child.status ?? 1;
      return;
    }
    const { runNearDupBench } = await import('./near-dups.ts');
    const options = parseOptions(process.argv.slice(2).filter((a) => a !== '--near-dups'));
    process.stdout.write(await runNearDupBench(process.argv.includes('--sizes') ? options.sizes : [10_000], options.cacheDir));
    return;
  }
  if (process.argv.includes('--faults')) {
    const { runFaults } = await import('./faults.ts');
    process.stdout.write(await runFaults());
    return;
  }
  if (process.argv.slice(2).includes('--answers')) {
    const args = process.argv.slice(2);
    const value = (name: string): string | undefined => args[args.indexOf(name) + 1];
    process.stdout.write(`${formatQuestionSetReport(await runQuestionSet())}\n\n`);
    const { formatSquadReport, runSquad, squadAvailable, squadFileShown } = await import('./squad.ts');
    if (!squadAvailable()) {
      process.stdout.write(`SQuAD: ${squadFileShown()} not found, skipped.\n`);
      return;
    }
    const half = args.includes('--half') ? value('--half') : undefined;
    if (half !== undefined && half !== 'fit' && half !== 'report') throw new Error(`bench: --half must be fit or report, not '${half}'`);
    const report = runSquad(undefined, {
      ...(half === undefined ? {} : { halves: [half] }),
      every: args.includes('--every') ? Number(value('--every')) : 1,
    });
    process.stdout.write(`${formatSquadReport(report, args.includes('--misses') ? Number(value('--misses')) : 0)}\n`);
    return;
  }
  if (process.argv.includes('--ingest')) return mainIngest(process.argv.slice(2));
  if (process.argv.includes('--dates-misses')) {
    for (const m of devMisses()) process.stdout.write(`${m.doc}\t${m.kind}\t${m.text}\tgold ${m.gold ?? '-'}\tours ${m.value ?? '-'}\t${m.context}\n`);
    return;
  }
  if (process.argv.includes('--replicas')) {
    const { mainReplicas } = await import('./replicas-phase.ts');
    return mainReplicas();
  }
  if (process.argv.includes('--feeds')) {
    const { mainFeeds } = await import('./feeds-phase.ts');
    return mainFeeds(process.argv.slice(2));
  }
  if (process.argv.includes('--profile')) {
    const { runProfile } = await import('./profile-search.ts');
    const options = parseOptions(process.argv.slice(2).filter((a) => a !== '--profile'));
    const roots = options.previous === null ? [undefined] : [options.previous, undefined];
    for (const root of roots) process.stdout.write(`${await runProfile(options.sizes.at(-1) ?? 10_000, options.cacheDir, root)}\n`);
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  if (options.dates) {
    const accuracy = renderAccuracyTable(runDatesAccuracy());
    process.stdout.write(`${accuracy}\n\n`);
    const cost = renderDatesTable(await runDatesBench(options.sizes[0] ?? 1000, options.cacheDir));
    const table = `${accuracy}\n\n${cost}`;
    process.stdout.write(`${cost}\n\nNode ${process.version}, ${os.cpus().length} cores. Run took ${fmt((performance.now() - started) / 1000)} s.\n`);
    if (options.out !== null) fs.writeFileSync(options.out, `${table}\n`);
    return;
  }
  if (options.watches !== null) {
    const watchResults = [];
    for (const size of options.sizes) watchResults.push(await runWatchBench(ensureCorpus(size, options.cacheDir), size, options.watches));
    process.stdout.write(`${renderWatchTable(watchResults)}\n\nRun took ${fmt((performance.now() - started) / 1000)} s.\n`);
    return;
  }
  const release = async (): Promise<string> => {
    const tables: string[] = [];
    for (const size of options.sizes.filter((n) => n >= 10_000)) {
      const t = await runReleaseTable(size, ensureCorpus(size, options.cacheDir), options.previous, options.e2eRuns, log);
      tables.push(renderReleaseTable(t));
    }
    const against = options.previous === null ? 'no previous release given (`--previous DIR`)' : `previous release: ${options.previous}`;
    return tables.length === 0 ? '' : `${tables.join('\n\n')}\n\n(${against}; this checkout: ${ROOT})\n\n`;
  };
  if (options.releaseOnly) {
    const text = await release();
    process.stdout.write(`${text}Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => fmt(l)).join(' ')} at the end. Run took ${fmt((performance.now() - started) / 1000)} s.\n`);
    if (options.out !== null) fs.writeFileSync(options.out, text);
    return;
  }
  const results = await runBench(options);
  const table = `${await release()}${renderTable(results)}`;
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  const text = `${table}\n\nMachine: ${machine}. Run took ${fmt((performance.now() - started) / 1000)} s.\n`;
  process.stdout.write(`${text}`);
  fs.mkdirSync(options.cacheDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(options.cacheDir, `results-${stamp}.json`), JSON.stringify({ machine, options, results }, null, 2));
  if (options.out !== null) fs.writeFileSync(options.out, text);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
