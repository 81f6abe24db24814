/**
 * `npm run bench:sentences [-- --sizes 1k,10k]`: what working out sentences
 * (and their dates) once, at indexing, costs and what it protects.
 *
 * 1. Indexing cost, on the cached synthetic corpora of `npm run bench`: build
 *    time and heap of the index with no sentence tables, with them (dates from
 *    resolveEventDates on every sentence with a date cue), and with
 *    chrono-node alone in its place (what the parser costs without the news
 *    rules); the tables' bytes per article; the saved index's size and load
 *    time with them.
 * 2. A 5 MB article written as one paragraph (made of the corpus's own
 *    words, so common queries reach it) added to the same corpus: search
 *    latency by query kind and quick-fact answer latency, without it and with
 *    it, and how many of those queries showed it.
 *
 * Times are CPU time of the benchmark's process (the machine these figures
 * come from is shared: wall time there measures the neighbours).
 *
 *   npm run bench:sentences -- --sizes 1k,10k [--per-kind 200]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chrono from 'chrono-node';
import { findAnswer } from '../src/core/answer/find-answer.ts';
import { TextsFromFiles } from '../src/corpus/texts-from-files.ts';
import { loadCorpus } from '../src/corpus/load-corpus.ts';
import type { EventDate } from '../src/core/dates/event-date.ts';
import { CorpusIndex } from '../src/core/search/corpus-index.ts';
import { loadSnapshot, saveSnapshot } from '../src/corpus/index-snapshot/persisted-index.ts';
import { mayStateDate } from '../src/core/sentences/date-cues.ts';
import { analyseSentences, type SentenceAnalyser } from '../src/core/sentences/sentence-table.ts';
import { sentenceAt, sentenceSpans } from '../src/core/text.ts';
import type { Article } from '../src/core/types.ts';
import { ensureCorpus } from './generate-corpus.ts';
import { QUERY_KINDS, buildQueries, type QueryKind } from './queries.ts';
import { fmt, summarise, type Latency } from './stats.ts';

const LARGE_ARTICLE_CHARS = 5_000_000;
const LARGE_FILE = 'zz-one-paragraph-5mb.md';

function parseArgs(argv: readonly string[]): { sizes: number[]; perKind: number } {
  let sizes = [1000, 10_000];
  let perKind = 200;
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1] ?? '';
    if (argv[i] === '--sizes') sizes = value.split(',').map((s) => Math.round(Number(s.replace(/k$/i, '')) * (/k$/i.test(s) ? 1000 : 1)));
    else if (argv[i] === '--per-kind') perKind = Number(value);
    else throw new Error(`bench:sentences: unknown option '${argv[i]}'`);
  }
  return { sizes, perKind };
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('bench:sentences: run with --expose-gc (npm run bench:sentences does)');
  collect();
  collect();
}

const heapMb = (): number => {
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
};

/** An empty table: the index as it would be with no sentences stored. */
const noTables: SentenceAnalyser = (text) => ({ textLength: text.length, textHash: 0, spans: new Uint32Array(0), dates: null });

/** chrono-node on the sentence: what a real resolver costs at least (the news rules come on top). */
function chronoResolver(sentence: string, context: { articleDate: string | null }): EventDate[] {
  const reference = context.articleDate === null ? new Date() : new Date(`${context.articleDate}T12:00:00Z`);
  return chrono.parse(sentence, reference).map((r) => ({
    expression: r.text,
    index: r.index,
    start: r.start.date().toISOString().slice(0, 10),
    end: r.end === null || r.end === undefined ? null : r.end.date().toISOString().slice(0, 10),
    anchor: r.start.isCertain('year') ? 'text' : 'article-date',
    derived: false,
  }));
}
const withChrono: SentenceAnalyser = (text, context) => analyseSentences(text, context, chronoResolver);

interface BuildFigures {
  readonly buildMs: number;
  readonly heapMb: number;
}

/**
 * CPU milliseconds this process spent since `since` (user + system). On a
 * shared, loaded machine wall time mostly measures the neighbours; CPU time
 * measures the work (the figures below are CPU time unless said).
 */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function measureBuild(articles: readonly Article[], dir: string, analyse: SentenceAnalyser): { figures: BuildFigures; index: CorpusIndex } {
  const before = heapMb();
  const started = process.cpuUsage();
  const index = CorpusIndex.build(articles, new TextsFromFiles(dir), { analyse });
  const buildMs = cpuMs(started);
  return { figures: { buildMs, heapMb: heapMb() - before }, index };
}

function time(queries: readonly string[], run: (q: string) => unknown): Latency {
  for (const q of queries.slice(0, 10)) run(q);
  return summarise(queries.map((q) => {
    const started = process.cpuUsage();
    run(q);
    return cpuMs(started);
  }));
}

interface Latencies {
  readonly search: Record<QueryKind, Latency>;
  readonly answer: Latency;
  /** Queries (of all kinds, and questions) whose page or answer showed the large article. */
  readonly touched: number;
}

function latencies(index: CorpusIndex, articles: number, perKind: number, largeId: string | null): Latencies {
  const queries = buildQueries(articles, perKind);
  let touched = 0;
  const search = {} as Record<QueryKind, Latency>;
  for (const kind of QUERY_KINDS) {
    search[kind] = time(queries.search[kind], (q) => {
      const page = index.search({ raw: q, terms: q, filters: {}, capped: false }, { offset: 0, limit: 3 });
      if (largeId !== null && page.hits.some((h) => h.article.id === largeId)) touched += 1;
    });
  }
  const answer = time(queries.questions, (q) => {
    const found = findAnswer(index, q.replace(/<@\w+>\s*/, ''));
    if (largeId !== null && found?.best.article.id === largeId) touched += 1;
  });
  return { search, answer, touched };
}

/** The corpus's bodies run together on one line until 5 MB: one paragraph with the corpus's own words. */
function largeArticle(articles: readonly Article[]): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < LARGE_ARTICLE_CHARS; i++) {
    const body = (articles[i % articles.length]?.body ?? '').replace(/\s+/g, ' ');
    parts.push(body);
    length += body.length + 1;
  }
  const body = parts.join(' ').slice(0, LARGE_ARTICLE_CHARS);
  return `---\ntitle: One paragraph of five megabytes\ndate: 2025-06-01\nsource: Bench Wire\n---\n\n${body}\n`;
}

async function main(): Promise<void> {
  const { sizes, perKind } = parseArgs(process.argv.slice(2));
  const lines: string[] = [];
  const out = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  for (const size of sizes) {
    const corpusDir = ensureCorpus(size);
    const { articles } = await loadCorpus(corpusDir);
    out(`\n## ${articles.length.toLocaleString('en')} articles`);

    // 1. Indexing cost of the sentence tables (and of dates, with chrono-node standing in for the resolver).
    const bare = measureBuild(articles, corpusDir, noTables);
    const none = bare.figures;
    const tables = measureBuild(articles, corpusDir, analyseSentences);
    const dated = measureBuild(articles, corpusDir, withChrono).figures;
    let sentences = 0;
    let cued = 0;
    let spanBytes = 0;
    let datedSentences = 0;
    for (const a of articles) {
      const spans = sentenceSpans(a.body);
      sentences += spans.length;
      cued += spans.filter((s) => mayStateDate(sentenceAt(a.body, s))).length;
    }
    for (const table of tables.index.sentenceTables().values()) spanBytes += table.spans.byteLength;
    const chronoTables = CorpusIndex.build(articles, new TextsFromFiles(corpusDir), { analyse: withChrono }).sentenceTables();
    for (const table of chronoTables.values()) datedSentences += table.dates?.length ?? 0;
    /** Saves `index` and loads it back (blocking, as the corpus worker does): the warm restart's main cost. */
    const saveAndLoad = async (index: CorpusIndex): Promise<{ bytes: number; loadMs: number }> => {
      const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-bench-sentences-'));
      const saved = await saveSnapshot(snapshotDir, { index, stamps: [], warnings: [] });
      gc();
      const begun = process.cpuUsage();
      const loaded = await loadSnapshot(snapshotDir, new TextsFromFiles(corpusDir), { blocking: true });
      const loadMs = cpuMs(begun);
      if (!loaded.ok) throw new Error(`bench:sentences: snapshot did not load: ${loaded.reason}`);
      fs.rmSync(snapshotDir, { recursive: true, force: true });
      return { bytes: saved.bytes, loadMs };
    };
    const savedBare = await saveAndLoad(bare.index);
    const savedTables = await saveAndLoad(tables.index);
    const n = articles.length;
    out('| | no sentence tables | tables + dates (resolveEventDates) | tables + chrono-node alone |');
    out('|---|---|---|---|');
    out(`| index build, CPU (s) | ${fmt(none.buildMs / 1000)} | ${fmt(tables.figures.buildMs / 1000)} | ${fmt(dated.buildMs / 1000)} |`);
    out(`| index heap + array buffers (MB) | ${fmt(none.heapMb)} | ${fmt(tables.figures.heapMb)} | ${fmt(dated.heapMb)} |`);
    out(`| cost per article: build (ms) / heap (bytes) | — | ${fmt((tables.figures.buildMs - none.buildMs) / n)} / ${Math.round(((tables.figures.heapMb - none.heapMb) * 2 ** 20) / n)} | ${fmt((dated.buildMs - none.buildMs) / n)} / ${Math.round(((dated.heapMb - none.heapMb) * 2 ** 20) / n)} |`);
    out(`\nSentences: ${fmt(sentences / n)} per article, offsets ${fmt(spanBytes / n)} bytes per article; ${fmt((100 * cued) / sentences)}% pass the date-cue filter (resolver calls); chrono-node dated ${fmt((100 * datedSentences) / sentences)}% of all sentences.`);
    out(`Saved index: ${fmt(savedBare.bytes / 2 ** 20)} MB without tables, ${fmt(savedTables.bytes / 2 ** 20)} MB with (${Math.round((savedTables.bytes - savedBare.bytes) / n)} bytes per article); loaded (blocking, as on a warm restart) in ${fmt(savedBare.loadMs / 1000)} s without, ${fmt(savedTables.loadMs / 1000)} s with.`);

    // 2. A 5 MB one-paragraph article in the same corpus.
    const withLarge = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-bench-large-'));
    for (const file of fs.readdirSync(corpusDir)) fs.linkSync(path.join(corpusDir, file), path.join(withLarge, file));
    fs.writeFileSync(path.join(withLarge, LARGE_FILE), largeArticle(articles));
    const large = await loadCorpus(withLarge);
    const started = process.cpuUsage();
    const largeIndex = CorpusIndex.build(large.articles, new TextsFromFiles(withLarge));
    const largeBuildMs = cpuMs(started);
    const largeId = large.articles.find((a) => a.file === LARGE_FILE)?.id ?? null;
    const base = latencies(tables.index, n, perKind, null);
    const huge = latencies(largeIndex, n, perKind, largeId);
    out(`\nWith a 5 MB one-paragraph article (${LARGE_FILE}; index build ${fmt(largeBuildMs / 1000)} s with it):`);
    out('| CPU ms per request, p50 / p99 | without | with the 5 MB article |');
    out('|---|---|---|');
    for (const kind of QUERY_KINDS) out(`| search ${kind} | ${fmt(base.search[kind].p50)} / ${fmt(base.search[kind].p99)} | ${fmt(huge.search[kind].p50)} / ${fmt(huge.search[kind].p99)} |`);
    out(`| quick-fact answer | ${fmt(base.answer.p50)} / ${fmt(base.answer.p99)} | ${fmt(huge.answer.p50)} / ${fmt(huge.answer.p99)} |`);
    out(`\n${huge.touched} of ${QUERY_KINDS.length * perKind} searches and ${buildQueries(n, perKind).questions.length} questions showed the 5 MB article.`);
    fs.rmSync(withLarge, { recursive: true, force: true });
  }
  out(`\nMachine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}.`);
  out(`Reproduce: npm run bench:sentences -- --sizes ${sizes.map((s) => (s % 1000 === 0 ? `${s / 1000}k` : String(s))).join(',')} --per-kind ${perKind}`);
}

await main();
