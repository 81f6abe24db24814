/**
 * The quick-fact question set (test/fixtures/question-set/): questions written
 * in other words than the articles use, each with the article and the
 * sentence that answers it. Measures top-1 accuracy, overall and per question
 * kind: `npm run bench -- --answers` prints it, and the test suite asserts a
 * floor (test/core/answer/question-set.test.ts) so that a regression fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findAnswer } from '../src/core/answer/find-answer.ts';
import { loadCorpus } from '../src/corpus/load-corpus.ts';
import { CorpusIndex } from '../src/core/search/corpus-index.ts';
import type { Article, QuestionKind } from '../src/core/types.ts';

const QUESTION_SET_DIR = fileURLToPath(new URL('../test/fixtures/question-set/', import.meta.url));
const SEED_CORPUS_DIR = fileURLToPath(new URL('../test/fixtures/corpus/', import.meta.url));

/** The command that prints the figures (quoted in BENCHMARKS.md). */
export const QUESTION_SET_COMMAND = 'npm run bench -- --answers';

export interface SetQuestion {
  readonly question: string;
  /** The kind the question is written as (checked against classifyQuestion by the tests). */
  readonly kind: QuestionKind;
  /** Id prefix of the article that answers it (`'000'`). */
  readonly article: string;
  /** The answer is right when the quoted sentence contains one of these. */
  readonly expect: readonly string[];
  readonly tests: string;
}

export interface QuestionSet {
  /** The day the questions are asked, `YYYY-MM-DD` ("last year" resolves against it). */
  readonly today: string;
  readonly questions: readonly SetQuestion[];
}

export function loadQuestionSet(): QuestionSet {
  const raw = JSON.parse(fs.readFileSync(path.join(QUESTION_SET_DIR, 'questions.json'), 'utf8')) as QuestionSet;
  return { today: raw.today, questions: raw.questions };
}

/** The five seed articles plus the question set's own fixtures. */
export async function questionSetArticles(): Promise<Article[]> {
  const seeds = (await loadCorpus(SEED_CORPUS_DIR)).articles.filter((a) => /^00[0-4]_/.test(a.id));
  const extra = await loadCorpus(path.join(QUESTION_SET_DIR, 'articles'));
  if (seeds.length !== 5 || extra.warnings.length > 0) {
    throw new Error(`question set: expected 5 seeds and clean fixtures, got ${seeds.length} and ${JSON.stringify(extra.warnings)}`);
  }
  return [...seeds, ...extra.articles];
}

export interface QuestionOutcome {
  readonly question: SetQuestion;
  readonly right: boolean;
  /** What was quoted (article id and sentence), or null for no answer. */
  readonly got: { readonly article: string; readonly text: string } | null;
}

export interface Accuracy {
  readonly right: number;
  readonly total: number;
}

export interface QuestionSetReport {
  readonly outcomes: readonly QuestionOutcome[];
  readonly overall: Accuracy;
  readonly byKind: ReadonlyMap<QuestionKind, Accuracy>;
}

/** Asks every question of the set against an index of its articles. */
export async function runQuestionSet(set: QuestionSet = loadQuestionSet()): Promise<QuestionSetReport> {
  const index = CorpusIndex.build(await questionSetArticles());
  const outcomes = set.questions.map((question): QuestionOutcome => {
    const answer = findAnswer(index, question.question, { today: set.today });
    if (answer === null) return { question, right: false, got: null };
    const { article, excerpt } = answer.best;
    const right = article.id.startsWith(question.article) && question.expect.some((e) => excerpt.text.includes(e));
    return { question, right, got: { article: article.id, text: excerpt.text } };
  });
  const byKind = new Map<QuestionKind, Accuracy>();
  for (const { question, right } of outcomes) {
    const kind = byKind.get(question.kind) ?? { right: 0, total: 0 };
    byKind.set(question.kind, { right: kind.right + (right ? 1 : 0), total: kind.total + 1 });
  }
  const overall = { right: outcomes.filter((o) => o.right).length, total: outcomes.length };
  return { outcomes, overall, byKind };
}

const percent = ({ right, total }: Accuracy): string => `${right}/${total} (${total === 0 ? 0 : Math.round((100 * right) / total)}%)`;

/** The report as text: overall and per-kind accuracy, then each miss with what was quoted instead. */
export function formatQuestionSetReport(report: QuestionSetReport): string {
  const lines = [`Quick-fact question set, top-1 accuracy: ${percent(report.overall)}`];
  for (const kind of ['when', 'who', 'where', 'how-many', 'other'] as const) {
    const accuracy = report.byKind.get(kind);
    if (accuracy !== undefined) lines.push(`  ${kind}: ${percent(accuracy)}`);
  }
  const misses = report.outcomes.filter((o) => !o.right);
  if (misses.length > 0) lines.push('', 'Misses:');
  for (const { question, got } of misses) {
    lines.push(`  - [${question.kind}] ${question.question}`, `      expected ${question.article}: ${question.expect.join(' | ')}`);
    lines.push(got === null ? '      got: no answer' : `      got ${got.article.slice(0, 3)}: ${got.text.slice(0, 160)}`);
  }
  lines.push('', `Command: ${QUESTION_SET_COMMAND}`);
  return lines.join('\n');
}
