/**
 * `npm run bench -- --dates`: what resolving dates costs, per sentence and per
 * article, on the seed articles (corpus/), on the resolver's table of news
 * sentences (test/core/dates/), and on a synthetic corpus (`--sizes`, first
 * size; sentences from bench/generate-corpus.ts, which hold few dates: the
 * common case of a sentence chrono scans and finds nothing in). Dates are
 * resolved once per sentence at indexing, so this is indexing cost, not
 * question latency.
 */
import path from 'node:path';
import { loadCorpus } from '../src/corpus/load-corpus.ts';
import { resolveEventDates } from '../src/core/dates/resolve-dates.ts';
import { splitSentences } from '../src/core/text.ts';
import { DATE_CASES } from '../test/core/dates/resolve-dates-table.ts';
import { ensureCorpus } from './generate-corpus.ts';
import { fmt, summarise, type Latency } from './stats.ts';

interface Sample {
  readonly sentence: string;
  readonly articleDate: string | null;
}

export interface DatesRow {
  readonly name: string;
  readonly sentences: number;
  /** Per sentence, in microseconds. */
  readonly perSentenceUs: Latency;
  /** Per article (every sentence of it), in milliseconds; null for the table, which has no articles. */
  readonly perArticleMs: Latency | null;
  readonly datesFound: number;
}

/** Most sentences timed from the synthetic corpus. */
const MAX_SYNTHETIC_SENTENCES = 20_000;

function time(samples: readonly Sample[]): { us: number[]; found: number } {
  const us: number[] = [];
  let found = 0;
  for (const { sentence, articleDate } of samples) {
    const started = performance.now();
    found += resolveEventDates(sentence, { articleDate, articleDateEditorial: false }).length;
    us.push((performance.now() - started) * 1000);
  }
  return { us, found };
}

async function articlesOf(dir: string, limit: number): Promise<Sample[][]> {
  const { articles } = await loadCorpus(dir);
  return articles.slice(0, limit).map((a) => splitSentences(a.body).map((sentence) => ({ sentence, articleDate: a.date })));
}

function row(name: string, articles: readonly Sample[][]): DatesRow {
  const perArticle: number[] = [];
  const perSentence: number[] = [];
  let found = 0;
  for (const samples of articles) {
    const timed = time(samples);
    perSentence.push(...timed.us);
    perArticle.push(timed.us.reduce((a, b) => a + b, 0) / 1000);
    found += timed.found;
  }
  return { name, sentences: perSentence.length, perSentenceUs: summarise(perSentence), perArticleMs: summarise(perArticle), datesFound: found };
}

export async function runDatesBench(size: number, cacheDir: string): Promise<DatesRow[]> {
  const seeds = await articlesOf(path.resolve(import.meta.dirname, '../corpus'), Infinity);
  const table = DATE_CASES.map((c) => ({ sentence: c.sentence, articleDate: c.date === undefined ? '2025-05-13' : c.date }));
  // Warm up chrono's patterns and the JIT, so the first rows are not charged for compiling them.
  for (let i = 0; i < 20; i++) {
    for (const article of seeds) time(article);
    time(table);
  }
  const tableTimed = time(table);
  const synthetic: Sample[][] = [];
  let count = 0;
  for (const article of await articlesOf(ensureCorpus(size, cacheDir), size)) {
    if (count >= MAX_SYNTHETIC_SENTENCES) break;
    synthetic.push(article);
    count += article.length;
  }
  return [
    row('seed articles (corpus/)', seeds),
    { name: 'resolver table (news sentences)', sentences: table.length, perSentenceUs: summarise(tableTimed.us), perArticleMs: null, datesFound: tableTimed.found },
    row(`synthetic corpus (${size} articles)`, synthetic),
  ];
}

export function renderDatesTable(rows: readonly DatesRow[]): string {
  const lines = [
    '| sentences of | n | per sentence p50 / p99 (µs) | per article p50 / p99 (ms) | dates found |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const article = r.perArticleMs === null ? '–' : `${fmt(r.perArticleMs.p50)} / ${fmt(r.perArticleMs.p99)}`;
    lines.push(`| ${r.name} | ${r.sentences} | ${fmt(r.perSentenceUs.p50)} / ${fmt(r.perSentenceUs.p99)} | ${article} | ${r.datesFound} |`);
  }
  return lines.join('\n');
}
