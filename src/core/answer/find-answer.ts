/**
 * Answering a quick-fact question (an @-mention) with a sentence quoted from
 * the corpus: the index finds candidate articles, then every sentence of
 * those is scored by how much of the question it covers, with a bonus when it
 * holds the kind of fact asked for (a date for "when", a number for "how many").
 */
import { termMapOf, type CorpusIndex, type RankedArticle } from '../search/corpus-index.ts';
import { toExcerpt } from '../search/excerpt.ts';
import { queryTerms } from '../search/index-options.ts';
import { MAX_QUERY_CHARS } from '../search/parse-query.ts';
import { matchSentences, rarityWeights, termScore, type SentenceMatch } from '../search/sentence-match.ts';
import { splitWords } from '../text.ts';
import type { Answer, QuestionKind, QuotedSentence } from '../types.ts';
import { classifyQuestion, kindCueStrength } from './question-kind.ts';

export { classifyQuestion } from './question-kind.ts';

/** Sentences are looked for in this many of the best-matching articles. */
export const MAX_CANDIDATE_ARTICLES = 5;

/**
 * The answer must cover at least this share of the question's (rarity-weighted)
 * terms. Below it, a sentence merely shares a word or two with the question;
 * "no answer" is better than a confident non-answer.
 */
export const MIN_ANSWER_COVERAGE = 0.4;

/** A supporting sentence must cover this share of the question … */
export const MIN_SUPPORT_COVERAGE = 0.5;
/** … and score at least this fraction of the best sentence's score. */
export const SUPPORT_SCORE_RATIO = 0.7;
export const MAX_SUPPORTING = 2;

/** Shorter "sentences" are headings and bylines ("Chinese Foreign Ministry"): they state nothing to quote. */
export const MIN_ANSWER_WORDS = 5;

/** Added to a sentence's coverage (0-1) when it holds the kind of fact asked for (scaled by how clearly). */
const KIND_BONUS = 0.25;
/**
 * Added in proportion to the article's rank score, to break near-ties in
 * favour of the article most about the question. Small, because that score is
 * dominated by title matches, which say little about one sentence.
 */
const RELEVANCE_BONUS = 0.05;

/** Words that shape a question but are not what it is about; stop words are dropped as well. */
const QUESTION_WORDS = new Set([
  'many', 'much', 'date', 'year', 'day', 'month', 'time', 'tell', 'please', 'know', 'anyone', 'someone', 'ago', 'since',
]);

/** Slack mention and link markup (`<@U123>`, `<!channel>`), in case the caller left it in. */
const SLACK_MARKUP = /<[@!#][^>]*>/g;

/** The terms a question is about: index terms without question words. */
export function questionTerms(question: string): string[] {
  return queryTerms(question.replace(SLACK_MARKUP, ' ')).filter((term) => !QUESTION_WORDS.has(term));
}

interface Candidate {
  readonly ranked: RankedArticle;
  readonly termMap: ReadonlyMap<string, string>;
  readonly sentence: SentenceMatch;
  readonly coverage: number;
  readonly score: number;
}

function quote(candidate: Candidate): QuotedSentence {
  const excerpt = toExcerpt(candidate.sentence.text, new Set(candidate.termMap.keys()));
  return { article: candidate.ranked.article, excerpt };
}

function scoreCandidates(index: CorpusIndex, ranked: readonly RankedArticle[], terms: readonly string[], kind: QuestionKind): Candidate[] {
  const perArticle = ranked.map((r) => {
    const termMap = termMapOf(r);
    const sentences = index.sentencesOf(r.article);
    return { r, termMap, sentences: sentences === null ? [] : matchSentences(sentences, termMap) };
  });
  // Rarity across all candidate sentences, so scores compare across articles.
  const weights = rarityWeights(
    perArticle.flatMap((p) => p.sentences),
    terms,
  );
  const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0);
  const topScore = ranked[0]?.score ?? 0;
  const candidates: Candidate[] = [];
  for (const { r, termMap, sentences } of perArticle) {
    const relevance = topScore > 0 ? r.score / topScore : 0;
    for (const sentence of sentences) {
      if (sentence.queryTerms.size === 0 || splitWords(sentence.text).length < MIN_ANSWER_WORDS) continue;
      const coverage = totalWeight > 0 ? termScore(sentence, weights) / totalWeight : 0;
      const bonus = KIND_BONUS * kindCueStrength(kind, sentence.text);
      candidates.push({ ranked: r, termMap, sentence, coverage, score: coverage + bonus + RELEVANCE_BONUS * relevance });
    }
  }
  // Best first; among equals the earlier sentence of the better-ranked article.
  return candidates.sort((a, b) => b.score - a.score);
}

/**
 * The articles that hold every question term as the word itself (or a longer
 * form), when there are any; otherwise all. Search may widen to typo matches
 * to find something, but an answer quoted from a near-miss article
 * (`bilateral` for "trilateral") is worse than one from the article that has
 * the words asked about.
 */
function preferWholeMatches(ranked: readonly RankedArticle[]): readonly RankedArticle[] {
  const whole = ranked.filter((r) => r.queryTerms.every((q) => r.indexTerms.some((t) => t.startsWith(q))));
  return whole.length > 0 ? whole : ranked;
}

/**
 * The sentence that best answers `question`, with up to two supporting
 * sentences from other articles; null when no sentence covers enough of the
 * question to count as an answer.
 */
export function findAnswer(index: CorpusIndex, asked: string): Answer | null {
  // The same cap as search: a Slack message may hold 40,000 characters, and a
  // single huge word costs fuzzy matching time and memory quadratic in its length.
  const question = asked.length > MAX_QUERY_CHARS ? asked.slice(0, MAX_QUERY_CHARS) : asked;
  const terms = questionTerms(question);
  if (terms.length === 0) return null;
  const ranked = preferWholeMatches(index.rank(terms.join(' ')).articles).slice(0, MAX_CANDIDATE_ARTICLES);
  if (ranked.length === 0) return null;
  const kind = classifyQuestion(question);
  const candidates = scoreCandidates(index, ranked, ranked[0]?.queryTerms ?? terms, kind);
  const best = candidates[0];
  if (best === undefined || best.coverage < MIN_ANSWER_COVERAGE) return null;

  const supporting: Candidate[] = [];
  const usedArticles = new Set([best.ranked.article.id]);
  for (const candidate of candidates) {
    if (supporting.length >= MAX_SUPPORTING) break;
    if (usedArticles.has(candidate.ranked.article.id)) continue;
    // The first candidate seen from an article is its best; only it may support.
    usedArticles.add(candidate.ranked.article.id);
    if (candidate.coverage >= MIN_SUPPORT_COVERAGE && candidate.score >= SUPPORT_SCORE_RATIO * best.score) {
      supporting.push(candidate);
    }
  }
  return { question, kind, best: quote(best), supporting: supporting.map(quote) };
}
