/**
 * `npm run bench -- --watches 1000 [--sizes 10k]`: what watches cost.
 *
 * 1. Matching: `--watches` watch queries (the benchmark's exact, prefix, rare
 *    and common queries, a third with a filter) evaluated against each of 300
 *    articles of the corpus as if it had just entered (WatchMatcher, as the
 *    corpus worker runs it): per-article cost p50/p99. For comparison, the
 *    naive way (one index search per watch) on 3 articles.
 * 2. Through the real bot: startBot over a copy of the corpus with the
 *    watches in its store and one watch on a word only the new articles
 *    hold; articles written one by one; time from the file being written
 *    (an upper bound of "from indexed") to the alert's chat.postMessage at
 *    the Slack stand-in, with the batch window at 0 (the pipeline) and at
 *    its default (what users see).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { CorpusService } from '../src/corpus/corpus-service.ts';
import { parseSearchQuery } from '../src/core/search/parse-query.ts';
import { articleFilter, hasFilters } from '../src/core/search/filters.ts';
import type { WatchQuery } from '../src/core/watch/match-watches.ts';
import { loadConfig } from '../src/config/config.ts';
import { createLogger } from '../src/logging/logger.ts';
import { startBot } from '../src/app/start-bot.ts';
import { ALERT_BATCH_WINDOW_MS } from '../src/watch/deliver-alerts.ts';
import { startSlackApiStandIn } from '../test/support/slack-api-stand-in.ts';
import { buildQueries } from './queries.ts';
import { fmt, summarise, type Latency } from './stats.ts';

export interface WatchBenchResult {
  readonly size: number;
  readonly watches: number;
  readonly matchPerArticleMs: Latency;
  readonly naivePerArticleMs: number;
  readonly alertMsNoWindow: Latency;
  readonly alertMsDefaultWindow: Latency;
}

const FILTERS = ['after:2024-01-01', 'source:Reuters', 'before:2025-06'];

function watchQueries(size: number, count: number): WatchQuery[] {
  const { search } = buildQueries(size, Math.ceil(count / 4));
  const texts = [...search.exact, ...search.prefix, ...search.rare, ...search.common];
  return Array.from({ length: count }, (_, i) => {
    const text = texts[i % texts.length] ?? 'governance';
    return { id: i + 1, query: i % 3 === 0 ? `${text} ${FILTERS[i % FILTERS.length]}` : text };
  });
}

async function matchingCost(corpusDir: string, watches: readonly WatchQuery[]): Promise<{ match: Latency; naive: number }> {
  const corpus = new CorpusService(corpusDir);
  await corpus.load();
  const metas = corpus.index.all();
  const step = Math.max(1, Math.floor(metas.length / 300));
  const times: number[] = [];
  for (let i = 0; i < metas.length && times.length < 300; i += step) {
    const started = performance.now();
    await corpus.matchWatches(metas[i]!.id, watches);
    times.push(performance.now() - started);
  }
  const naive: number[] = [];
  for (const meta of metas.slice(0, 3)) {
    const started = performance.now();
    for (const watch of watches) {
      const parsed = parseSearchQuery(watch.query);
      // Stage 1 only (the ranking), no excerpts: the cheapest honest "would search list it".
      if (parsed.ok) corpus.index.rank(parsed.query.terms, hasFilters(parsed.query.filters) ? { filter: articleFilter(parsed.query.filters) } : {}).articles.some((r) => r.article.id === meta.id);
    }
    naive.push(performance.now() - started);
  }
  return { match: summarise(times), naive: naive.reduce((a, b) => a + b, 0) / naive.length };
}

async function alertLatency(corpusDir: string, watches: readonly WatchQuery[], windowMs: number, articles: number): Promise<Latency> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-bench-watch-'));
  const copy = path.join(work, 'corpus');
  fs.cpSync(corpusDir, copy, { recursive: true });
  const api = await startSlackApiStandIn();
  const config = {
    ...loadConfig({ SLACK_BOT_TOKEN: 'xoxb-bench-0000', SLACK_SIGNING_SECRET: 'bench-secret', SLACK_API_URL: api.url, CORPUS_DIR: copy, DATA_DIR: path.join(work, 'data'), LOG_LEVEL: 'warn' }),
    port: 0,
  };
  const sink = new Writable({ write: (_c, _e, done) => done() });
  const bot = await startBot(config, createLogger(config.logLevel, sink), { watchBatchWindowMs: windowMs });
  try {
    await bot.ready;
    const at = new Date(Date.now() - 60_000);
    for (const w of watches) await bot.store.watches.createWatch({ channelId: `CBENCH${w.id % 50}`, query: w.query, createdBy: 'UBENCH', at });
    await bot.store.watches.createWatch({ channelId: 'CPROBE', query: 'zorblax', createdBy: 'UBENCH', at });
    const times: number[] = [];
    for (let i = 0; i < articles; i++) {
      const before = api.calls('chat.postMessage').filter((c) => c.args.channel === 'CPROBE').length;
      const started = performance.now();
      fs.writeFileSync(path.join(copy, `zz-watch-bench-${windowMs}-${i}.md`), `---\ntitle: Zorblax accord ${i}\ndate: 2026-01-01\nsource: Bench Wire\n---\nThe zorblax accord on AI governance was signed, round ${i}.\n`);
      await api.waitForCall('chat.postMessage', (c) => c.args.channel === 'CPROBE' && api.calls('chat.postMessage').filter((x) => x.args.channel === 'CPROBE').length > before, 120_000);
      times.push(performance.now() - started);
    }
    return summarise(times);
  } finally {
    await bot.stop();
    await api.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export async function runWatchBench(corpusDir: string, size: number, count: number): Promise<WatchBenchResult> {
  const watches = watchQueries(size, count);
  const { match, naive } = await matchingCost(corpusDir, watches);
  const alertMsNoWindow = await alertLatency(corpusDir, watches, 0, 20);
  const alertMsDefaultWindow = await alertLatency(corpusDir, watches, ALERT_BATCH_WINDOW_MS, 2);
  return { size, watches: count, matchPerArticleMs: match, naivePerArticleMs: naive, alertMsNoWindow, alertMsDefaultWindow };
}

export function renderWatchTable(results: readonly WatchBenchResult[]): string {
  const rows = results.map((r) =>
    `| ${r.size} | ${r.watches} | ${fmt(r.matchPerArticleMs.p50)} / ${fmt(r.matchPerArticleMs.p99)} | ${fmt(r.naivePerArticleMs)} | ` +
    `${fmt(r.alertMsNoWindow.p50)} / ${fmt(r.alertMsNoWindow.p99)} | ${fmt(r.alertMsDefaultWindow.p50)} / ${fmt(r.alertMsDefaultWindow.max)} |`,
  );
  return [
    '| articles | watches | match per new article, ms p50 / p99 | naive (a search per watch), ms per article | file written → alert, window 0, ms p50 / p99 | file written → alert, default window, ms p50 / max |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
