/**
 * Quick facts on questions nobody on the project wrote: the SQuAD v1.1 dev
 * questions of ../shared/fixtures/question-sets/squad-dev.json (CC BY-SA 4.0,
 * read from there, never copied into the repo). Every paragraph of every
 * article is loaded as one article of a single pool, and every question is
 * asked against the whole pool, as a user meets the bot: it must find the
 * paragraph and then the sentence. A first quote answers when it contains one
 * of the question's gold spans.
 *
 * Beside the bot, on the same pool and questions: BM25 over every sentence of
 * the pool (what plain retrieval quotes first) and IDF-weighted word overlap
 * with the right paragraph given (the classic answer-sentence baseline).
 *
 * The articles are split in two by their order in the file ({@link squadSplit}):
 * the scoring is tuned and fitted on the "fit" half only; the "report" half is
 * what BENCHMARKS.md quotes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wordKey } from '../src/core/answer/concepts.ts';
import { findAnswer } from '../src/core/answer/find-answer.ts';
import { CorpusIndex } from '../src/core/search/corpus-index.ts';
import { indexTerms, splitSentences } from '../src/core/text.ts';
import type { Article } from '../src/core/types.ts';

export const SQUAD_FILE = fileURLToPath(new URL('../../shared/fixtures/question-sets/squad-dev.json', import.meta.url));

/** The day the questions are asked: SQuAD's paragraphs carry no date, so it only anchors "last year". */
const ASKED_ON = '2026-01-01';

interface SquadFile {
  readonly articles: readonly { readonly title: string; readonly paragraphs: readonly string[] }[];
  readonly questions: readonly { readonly article: string; readonly paragraph: number; readonly q: string; readonly answers: readonly string[] }[];
}

export interface SquadQuestion {
  readonly question: string;
  readonly answers: readonly string[];
  /** Id of the pool article (paragraph) it was written on. */
  readonly articleId: string;
  readonly half: SquadHalf;
}

export type SquadHalf = 'fit' | 'report';

export interface SquadPool {
  readonly articles: readonly Article[];
  readonly questions: readonly SquadQuestion[];
}

/**
 * Which half an article of the file belongs to: in the file's order, the
 * 1st, 3rd, 5th … article is "fit" (tuning and fitting), the 2nd, 4th … is
 * "report" (the figures quoted). By article, so no paragraph of a reported
 * article is seen while tuning.
 */
export function squadSplit(position: number): SquadHalf {
  return position % 2 === 0 ? 'fit' : 'report';
}

/** Reads the SQuAD file into a pool of articles (one per paragraph) and its questions. */
export function loadSquadPool(file = SQUAD_FILE): SquadPool {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as SquadFile;
  const articles: Article[] = [];
  const halfOf = new Map<string, SquadHalf>();
  raw.articles.forEach((entry, a) => {
    halfOf.set(entry.title, squadSplit(a));
    entry.paragraphs.forEach((body, p) => {
      const id = paragraphId(a, p);
      articles.push({
        id,
        file: `${id}.md`,
        title: `${entry.title} (part ${p + 1})`,
        date: null,
        dateKind: null,
        source: 'SQuAD v1.1 dev',
        url: null,
        tags: [],
        body,
      });
    });
  });
  const position = new Map(raw.articles.map((entry, a) => [entry.title, a]));
  const questions = raw.questions.flatMap((q): SquadQuestion[] => {
    const a = position.get(q.article);
    const half = halfOf.get(q.article);
    if (a === undefined || half === undefined) return [];
    return [{ question: q.q, answers: q.answers, articleId: paragraphId(a, q.paragraph), half }];
  });
  return { articles, questions };
}

const paragraphId = (article: number, paragraph: number): string =>
  `sq${String(article).padStart(2, '0')}_${String(paragraph).padStart(3, '0')}`;

/** A quote answers when it contains one of the gold spans. */
export const holdsAnswer = (sentence: string | null, answers: readonly string[]): boolean =>
  sentence !== null && answers.some((a) => sentence.includes(a.trim()));

/** Word forms compared by the baselines: the index's terms, stemmed as the bot compares them. */
const tokens = (text: string): string[] => indexTerms(text).map(wordKey);

interface PoolSentence {
  readonly articleId: string;
  readonly text: string;
  readonly tokens: readonly string[];
}

/** BM25 (k1 1.2, b 0.75) over every sentence of the pool, and IDF over the same sentences. */
class SentencePool {
  readonly sentences: PoolSentence[] = [];
  readonly byArticle = new Map<string, PoolSentence[]>();
  readonly #postings = new Map<string, Map<number, number>>();
  #averageLength = 0;

  constructor(articles: readonly Article[]) {
    let total = 0;
    for (const article of articles) {
      const own: PoolSentence[] = [];
      for (const text of splitSentences(article.body)) {
        const sentence = { articleId: article.id, text, tokens: tokens(text) };
        const n = this.sentences.push(sentence) - 1;
        own.push(sentence);
        total += sentence.tokens.length;
        for (const token of sentence.tokens) {
          const postings = this.#postings.get(token) ?? new Map<number, number>();
          postings.set(n, (postings.get(n) ?? 0) + 1);
          this.#postings.set(token, postings);
        }
      }
      this.byArticle.set(article.id, own);
    }
    this.#averageLength = total / Math.max(1, this.sentences.length);
  }

  idf(token: string): number {
    const df = this.#postings.get(token)?.size ?? 0;
    return Math.log(1 + (this.sentences.length - df + 0.5) / (df + 0.5));
  }

  /** The pool sentence BM25 ranks first for `question` (the earlier one among equals). */
  bm25First(question: string): PoolSentence | null {
    const k1 = 1.2;
    const b = 0.75;
    const scores = new Map<number, number>();
    for (const token of new Set(tokens(question))) {
      const idf = this.idf(token);
      for (const [n, tf] of this.#postings.get(token) ?? []) {
        const length = (this.sentences[n] as PoolSentence).tokens.length;
        const part = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / this.#averageLength));
        scores.set(n, (scores.get(n) ?? 0) + part);
      }
    }
    let best = -1;
    let bestScore = 0;
    for (const [n, score] of scores) if (score > bestScore || (score === bestScore && n < best)) [best, bestScore] = [n, score];
    return best < 0 ? null : (this.sentences[best] as PoolSentence);
  }

  /** The sentence of `articleId` sharing the most IDF-weighted distinct words with the question. */
  overlapFirst(question: string, articleId: string): PoolSentence | null {
    const asked = new Set(tokens(question));
    let best: PoolSentence | null = null;
    let bestScore = 0;
    for (const sentence of this.byArticle.get(articleId) ?? []) {
      let score = 0;
      for (const token of new Set(sentence.tokens)) if (asked.has(token)) score += this.idf(token);
      if (score > bestScore) [best, bestScore] = [sentence, score];
    }
    return best;
  }
}

export interface SquadRow {
  readonly half: SquadHalf;
  readonly questions: number;
  readonly bot: number;
  /** Of the bot's, those quoted from the paragraph the question was written on. */
  readonly botRightArticle: number;
  readonly bm25: number;
  readonly overlap: number;
}

export interface SquadOutcome {
  readonly question: SquadQuestion;
  readonly quoted: { readonly articleId: string; readonly text: string } | null;
  readonly right: boolean;
}

export interface SquadReport {
  readonly paragraphs: number;
  readonly sentences: number;
  readonly rows: readonly SquadRow[];
  readonly outcomes: readonly SquadOutcome[];
  readonly seconds: number;
}

export interface SquadRunOptions {
  /** Only these halves are asked (both by default). */
  readonly halves?: readonly SquadHalf[];
  /** Every n-th question only (1 by default): a quicker look while tuning. */
  readonly every?: number;
}

/** Asks the questions of the chosen halves against the whole pool, with both baselines beside. */
export function runSquad(pool: SquadPool = loadSquadPool(), options: SquadRunOptions = {}): SquadReport {
  const halves = options.halves ?? ['fit', 'report'];
  const every = Math.max(1, Math.floor(options.every ?? 1));
  const started = performance.now();
  const index = CorpusIndex.build(pool.articles);
  const sentences = new SentencePool(pool.articles);
  const outcomes: SquadOutcome[] = [];
  const rows: SquadRow[] = [];
  for (const half of halves) {
    const asked = pool.questions.filter((q) => q.half === half).filter((_, n) => n % every === 0);
    let bot = 0;
    let botRightArticle = 0;
    let bm25 = 0;
    let overlap = 0;
    for (const question of asked) {
      const answer = findAnswer(index, question.question, { today: ASKED_ON });
      const quoted = answer === null ? null : { articleId: answer.best.article.id, text: answer.best.excerpt.text };
      const right = holdsAnswer(quoted?.text ?? null, question.answers);
      outcomes.push({ question, quoted, right });
      if (right) bot += 1;
      if (right && quoted?.articleId === question.articleId) botRightArticle += 1;
      if (holdsAnswer(sentences.bm25First(question.question)?.text ?? null, question.answers)) bm25 += 1;
      if (holdsAnswer(sentences.overlapFirst(question.question, question.articleId)?.text ?? null, question.answers)) overlap += 1;
    }
    rows.push({ half, questions: asked.length, bot, botRightArticle, bm25, overlap });
  }
  return {
    paragraphs: pool.articles.length,
    sentences: sentences.sentences.length,
    rows,
    outcomes,
    seconds: (performance.now() - started) / 1000,
  };
}

const pct = (n: number, total: number): string => `${total === 0 ? '0.0' : ((100 * n) / total).toFixed(1)}%`;

/** The figures as a Markdown table, then a few of the report half's misses. */
export function formatSquadReport(report: SquadReport, misses = 0): string {
  const lines = [
    `SQuAD v1.1 dev, the whole pool (${report.paragraphs} paragraphs as articles, ${report.sentences} sentences), first quote holds a gold span:`,
    '',
    '| half | questions | aigov first quote | (from the right paragraph) | BM25 over every sentence | IDF overlap, paragraph given |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of report.rows) {
    lines.push(
      `| ${row.half} | ${row.questions} | ${pct(row.bot, row.questions)} | ${pct(row.botRightArticle, row.questions)} | ${pct(row.bm25, row.questions)} | ${pct(row.overlap, row.questions)} |`,
    );
  }
  lines.push('', `Split: articles 1st, 3rd, 5th … of the file fit, 2nd, 4th … report (bench/squad.ts). Took ${report.seconds.toFixed(1)} s.`);
  // Misses of the fit half only: the report half is not looked into, so nothing is tuned on it.
  const shown = report.outcomes.filter((o) => !o.right && o.question.half === 'fit').slice(0, misses);
  if (shown.length > 0) lines.push('', 'Misses (fit half):');
  for (const { question, quoted } of shown) {
    lines.push(`  - ${question.question}  [${question.answers.join(' | ')}]`);
    lines.push(quoted === null ? '      got: no answer' : `      got ${quoted.articleId}${quoted.articleId === question.articleId ? '' : ` (not ${question.articleId})`}: ${quoted.text.slice(0, 160)}`);
  }
  return lines.join('\n');
}

/** True when the SQuAD file is where the bench looks for it. */
export const squadAvailable = (): boolean => fs.existsSync(SQUAD_FILE);

export const squadFileShown = (): string => path.relative(process.cwd(), SQUAD_FILE);
