/**
 * One engine over one corpus, in its own process so its memory figures are
 * its own: build time, memory, search latency per query kind and, for ours,
 * saving and loading the persisted index.
 *
 *   node --expose-gc --import tsx bench/index-phase.ts <engine> <corpusDir> <perKind> <workDir>
 *
 * Prints one JSON line (an {@link IndexPhaseResult}) on stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TextsFromFiles } from '../src/corpus/texts-from-files.ts';
import { loadCorpus } from '../src/corpus/load-corpus.ts';
import { CorpusIndex } from '../src/core/search/corpus-index.ts';
import { findAnswer } from '../src/core/answer/find-answer.ts';
import { loadSnapshot, saveSnapshot } from '../src/corpus/index-snapshot/persisted-index.ts';
import type { Article } from '../src/core/types.ts';
import { buildQueries, QUERY_KINDS, type QueryKind } from './queries.ts';
import { memoryMb, summarise, withLoopDelay, type Latency } from './stats.ts';
import { NaiveSentenceIndex } from './engines/naive-sentence-index.ts';
import { FlexsearchIndex } from './engines/flexsearch-index.ts';

/** Queries per kind for the naive baseline (its p99 is then the second-worst of 50). */
const NAIVE_MAX_QUERIES = 50;

export type EngineName = 'ours' | 'naive' | 'flexsearch';

export interface IndexPhaseResult {
  readonly engine: EngineName;
  readonly articles: number;
  readonly parseMs: number;
  readonly buildMs: number;
  /** Heap and RSS growth from building the index (the parsed articles were already in memory). */
  readonly indexHeapMb: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly search: Record<QueryKind, Latency>;
  readonly answer: Latency | null;
  /** Ours only. */
  readonly persist: {
    readonly packMs: number;
    readonly saveMs: number;
    readonly saveMaxBlockMs: number;
    readonly bytes: number;
    readonly loadMs: number;
    readonly loadMaxBlockMs: number;
    readonly loadedRssMb: number;
  } | null;
}

/** What the engines share for the benchmark: a page of up to three articles with their best sentences. */
export interface BenchEngine {
  search(text: string): unknown;
}

function timeAll(queries: readonly string[], run: (q: string) => unknown): number[] {
  for (const q of queries.slice(0, 10)) run(q); // warm-up: JIT and caches
  return queries.map((q) => {
    const started = performance.now();
    run(q);
    return performance.now() - started;
  });
}

async function main(): Promise<void> {
  const [engineArg, corpusDir, perKindArg, workDir] = process.argv.slice(2);
  const engine = engineArg as EngineName;
  if (!['ours', 'naive', 'flexsearch'].includes(engine) || corpusDir === undefined || workDir === undefined) {
    throw new Error(`index-phase: usage: <ours|naive|flexsearch> <corpusDir> <perKind> <workDir>, got ${process.argv.slice(2).join(' ')}`);
  }
  const perKind = Number(perKindArg ?? 200);

  let started = performance.now();
  const { articles } = await loadCorpus(corpusDir);
  const parseMs = performance.now() - started;
  const queries = buildQueries(articles.length, perKind);
  const before = memoryMb();

  started = performance.now();
  let search: (text: string) => unknown;
  let ours: CorpusIndex | null = null;
  let keep: unknown;
  if (engine === 'ours') {
    // As the bot does: texts are read back from the files when shown, not kept in memory.
    ours = CorpusIndex.build(articles, new TextsFromFiles(corpusDir));
    const index = ours;
    search = (text) => index.search({ raw: text, terms: text, filters: {}, capped: false }, { offset: 0, limit: 3 });
  } else if (engine === 'naive') {
    const index = NaiveSentenceIndex.build(articles);
    search = (text) => index.search(text);
    keep = index;
  } else {
    const index = FlexsearchIndex.build(articles);
    search = (text) => index.search(text);
    keep = index;
  }
  const buildMs = performance.now() - started;
  const after = memoryMb();

  const searchLatency = {} as Record<QueryKind, Latency>;
  // The naive baseline takes seconds per pathological query at 10k: fewer queries keep the run in minutes.
  const count = engine === 'naive' ? Math.min(perKind, NAIVE_MAX_QUERIES) : perKind;
  for (const kind of QUERY_KINDS) searchLatency[kind] = summarise(timeAll(queries.search[kind].slice(0, count), search));
  let answer: Latency | null = null;
  if (ours !== null) {
    const index = ours;
    answer = summarise(timeAll(queries.questions, (q) => findAnswer(index, q.replace(/<@\w+>\s*/, ''))));
  }

  let persist: IndexPhaseResult['persist'] = null;
  if (ours !== null) {
    const dir = path.join(workDir, 'snapshot');
    fs.rmSync(dir, { recursive: true, force: true });
    let t = performance.now();
    ours.pack();
    const packMs = performance.now() - t;
    const stamps = articles.map((a) => ({ file: a.file, size: 0, mtimeMs: 0 }));
    const built = ours;
    const saved = await withLoopDelay(() => saveSnapshot(dir, { index: built, stamps, warnings: [] }));
    // Drop the built index before loading, so the loaded figure is not two indexes.
    ours = null;
    search = () => undefined;
    const loaded = await withLoopDelay(() => loadSnapshot(dir, new TextsFromFiles(corpusDir)));
    if (!loaded.value.ok) throw new Error(`index-phase: snapshot did not load: ${loaded.value.reason}`);
    t = performance.now();
    const loadedRssMb = memoryMb().rss;
    void t;
    persist = {
      packMs,
      saveMs: saved.ms,
      saveMaxBlockMs: saved.maxBlockMs,
      bytes: saved.value.bytes,
      loadMs: loaded.ms,
      loadMaxBlockMs: loaded.maxBlockMs,
      loadedRssMb,
    };
    keep = loaded.value;
  }

  const result: IndexPhaseResult = {
    engine,
    articles: articles.length,
    parseMs,
    buildMs,
    indexHeapMb: after.heapUsed + after.external - before.heapUsed - before.external,
    rssMb: after.rss,
    heapMb: after.heapUsed,
    search: searchLatency,
    answer,
    persist,
  };
  void keep;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export type { Article };

await main();
