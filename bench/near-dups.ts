/**
 * `npm run bench -- --near-dups [--sizes 1k,10k]`: what grouping re-reports
 * costs (src/core/near-duplicates/), and the measurements behind its
 * threshold.
 *
 * 1. Threshold: exact and estimated Jaccard between each seed article
 *    (corpus/) and edited copies of it (bench/edited-copies.ts), and between
 *    the seed articles themselves.
 * 2. Cost, per corpus size (the bench's synthetic corpora): signing every
 *    article (per article and in all), the index's memory, the saved
 *    signatures (size, save, restore) against recomputing them from the
 *    files at load, and grouping a new article (an edited copy of a random
 *    article: it must land in that article's group).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadCorpus } from '../src/corpus/load-corpus.ts';
import { estimateJaccard, exactJaccard, shingleSet, signatureOf } from '../src/core/near-duplicates/minhash.ts';
import { NEAR_DUPLICATE_THRESHOLD, NearDuplicateIndex } from '../src/core/near-duplicates/near-duplicate-index.ts';
import { EDITS, editedCopy } from './edited-copies.ts';
import { ensureCorpus, seededRandom } from './generate-corpus.ts';
import { fmt, summarise } from './stats.ts';

const SEED_CORPUS = path.resolve(import.meta.dirname, '../corpus');

/** Exact / estimated Jaccard of each edit, per seed article; and the highest between two seed articles. */
export async function thresholdTable(): Promise<string> {
  const { articles } = await loadCorpus(SEED_CORPUS);
  const lines = ['| edit | exact J per seed article | estimated J (128 hashes) | grouped at ≥ ' + NEAR_DUPLICATE_THRESHOLD + ' |', '|---|---|---|---|'];
  for (const [i, edit] of EDITS.entries()) {
    const pairs = articles.map((a, n) => {
      const copy = editedCopy(a.body, edit, i * 10 + n + 1);
      return [exactJaccard(shingleSet(a.body), shingleSet(copy)), estimateJaccard(signatureOf(a.body), signatureOf(copy))] as const;
    });
    const grouped = pairs.filter(([, est]) => est >= NEAR_DUPLICATE_THRESHOLD).length;
    lines.push(`| ${edit.name} | ${pairs.map(([x]) => x.toFixed(2)).join(' ')} | ${pairs.map(([, y]) => y.toFixed(2)).join(' ')} | ${grouped}/${pairs.length} |`);
  }
  let exact = 0;
  let estimated = 0;
  for (const a of articles) {
    for (const b of articles) {
      if (a.id >= b.id) continue;
      exact = Math.max(exact, exactJaccard(shingleSet(a.body), shingleSet(b.body)));
      estimated = Math.max(estimated, estimateJaccard(signatureOf(a.body), signatureOf(b.body)));
    }
  }
  lines.push(`| two different seed articles (highest of ${(articles.length * (articles.length - 1)) / 2} pairs) | ${exact.toFixed(3)} | ${estimated.toFixed(3)} | never |`);
  return lines.join('\n');
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heapMb = (): number => {
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.external + m.arrayBuffers) / 2 ** 20;
};

export interface NearDupCost {
  readonly size: number;
  readonly signMsPerArticle: { p50: number; p99: number };
  readonly signTotalS: number;
  /** CPU time of this thread: what the figure would be on an idle machine (the bench may share the cores). */
  readonly signCpuS: number;
  readonly restoreCpuMs: number;
  readonly recomputeCpuS: number;
  readonly linkS: number;
  readonly indexMb: number;
  readonly savedMb: number;
  readonly saveMs: number;
  readonly restoreMs: number;
  readonly recomputeAtLoadS: number;
  readonly groupNewMs: { p50: number; p99: number };
  readonly candidatesPerNew: number;
  readonly newGrouped: string;
  readonly groupsInCorpus: number;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** The cost figures at one corpus size. */
export async function measureCost(size: number, cacheDir?: string): Promise<NearDupCost> {
  const dir = ensureCorpus(size, cacheDir);
  const { articles } = await loadCorpus(dir);
  const before = heapMb();
  const perArticle: number[] = [];
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const signatures = articles.map((article) => {
    const t0 = performance.now();
    const signature = signatureOf(article.body);
    perArticle.push(performance.now() - t0);
    return [article.id, signature] as const;
  });
  const t4 = performance.now();
  const index = NearDuplicateIndex.fromSignatures(signatures);
  const linkS = (performance.now() - t4) / 1000;
  const signTotalS = (performance.now() - started) / 1000;
  const signCpuS = cpuSeconds(cpuStarted);
  signatures.length = 0;
  const indexMb = heapMb() - before;

  const t1 = performance.now();
  const saved = JSON.stringify(index.save());
  const saveMs = performance.now() - t1;
  const t2 = performance.now();
  const cpuRestore = process.cpuUsage();
  NearDuplicateIndex.restore(JSON.parse(saved) as ReturnType<NearDuplicateIndex['save']>);
  const restoreMs = performance.now() - t2;
  const restoreCpuMs = cpuSeconds(cpuRestore) * 1000;

  // Recomputing at load instead: every file read back and signed, as a start without saved signatures would.
  const t3 = performance.now();
  const cpuRecompute = process.cpuUsage();
  const again = new NearDuplicateIndex();
  for (const article of articles) {
    const text = fs.readFileSync(path.join(dir, article.file), 'utf8');
    again.set(article.id, signatureOf(text));
  }
  const recomputeAtLoadS = (performance.now() - t3) / 1000;
  const recomputeCpuS = cpuSeconds(cpuRecompute);

  const random = seededRandom(7);
  const times: number[] = [];
  let grouped = 0;
  const runs = Math.min(200, articles.length);
  for (let i = 0; i < runs; i++) {
    const original = articles[Math.floor(random() * articles.length)]!;
    const copy = editedCopy(original.body, EDITS[1]!, i + 1);
    const t0 = performance.now();
    index.set('bench-new', signatureOf(copy));
    times.push(performance.now() - t0);
    if (index.groupIds('bench-new').includes(original.id)) grouped += 1;
    index.delete('bench-new');
  }
  const groupsInCorpus = new Set(articles.map((a) => index.groupKey(a.id))).size;
  const sign = summarise(perArticle);
  const add = summarise(times);
  return {
    size: articles.length,
    signMsPerArticle: { p50: sign.p50, p99: sign.p99 },
    signTotalS,
    signCpuS,
    restoreCpuMs,
    recomputeCpuS,
    linkS,
    indexMb,
    savedMb: Buffer.byteLength(saved) / 2 ** 20,
    saveMs,
    restoreMs,
    recomputeAtLoadS,
    groupNewMs: { p50: add.p50, p99: add.p99 },
    candidatesPerNew: index.candidateCount(signatureOf(articles[0]!.body)),
    newGrouped: `${grouped}/${runs}`,
    groupsInCorpus,
  };
}

export function renderCostTable(results: readonly NearDupCost[]): string {
  const rows: [string, (r: NearDupCost) => string][] = [
    ['articles', (r) => String(r.size)],
    ['sign one article (shingles + MinHash), p50 / p99 (ms)', (r) => `${fmt(r.signMsPerArticle.p50)} / ${fmt(r.signMsPerArticle.p99)}`],
    ['sign every article and build the index in one pass (s): total / of which bands and links / CPU time in all', (r) => `${fmt(r.signTotalS)} / ${fmt(r.linkS)} / ${fmt(r.signCpuS)}`],
    ['index memory: signatures, LSH buckets, links (MB)', (r) => fmt(r.indexMb)],
    ['saved signatures: size (MB) / save (ms) / restore incl. re-linking (ms; CPU ms)', (r) => `${fmt(r.savedMb)} / ${fmt(r.saveMs)} / ${fmt(r.restoreMs)} (${fmt(r.restoreCpuMs)})`],
    ['recomputed at load instead: read every file and sign it (s; CPU s)', (r) => `${fmt(r.recomputeAtLoadS)} (${fmt(r.recomputeCpuS)})`],
    ['group a new article (sign + LSH + verify), p50 / p99 (ms)', (r) => `${fmt(r.groupNewMs.p50)} / ${fmt(r.groupNewMs.p99)}`],
    ['LSH candidates compared for one article', (r) => String(r.candidatesPerNew)],
    ['new edited copies (10% of words changed) grouped with their original', (r) => r.newGrouped],
    ['groups among the generated articles (none are copies)', (r) => `${r.groupsInCorpus} groups for ${r.size} articles`],
  ];
  const header = `| | ${results.map((r) => `${r.size.toLocaleString('en')} articles`).join(' | ')} |`;
  const rule = `|---|${results.map(() => '---').join('|')}|`;
  return [header, rule, ...rows.map(([label, cell]) => `| ${label} | ${results.map(cell).join(' | ')} |`)].join('\n');
}

/** Runs both parts and returns the Markdown. */
export async function runNearDupBench(sizes: readonly number[], cacheDir?: string): Promise<string> {
  const threshold = await thresholdTable();
  const costs: NearDupCost[] = [];
  for (const size of sizes) {
    process.stderr.write(`[bench near-dups] corpus of ${size} articles\n`);
    costs.push(await measureCost(size, cacheDir));
  }
  return `${threshold}\n\n${renderCostTable(costs)}\n`;
}
