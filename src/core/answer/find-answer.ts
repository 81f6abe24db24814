/**
 * Answering a quick-fact question (an @-mention) with a sentence quoted from
 * the corpus: the index finds candidate articles, then every sentence of
 * those is scored by how much of the question it covers, with a bonus when it
 * holds the kind of fact asked for (a date for "when", a number for "how many").
 */
import type { DatedSentence, EventDate } from '../dates/event-date.ts';
import { resolveEventDates } from '../dates/resolve-dates.ts';
import { termMapOf, type CorpusIndex, type RankedArticle } from '../search/corpus-index.ts';
import { toExcerpt } from '../search/excerpt.ts';
import { queryTerms } from '../search/index-options.ts';
import { MAX_QUERY_CHARS } from '../search/parse-query.ts';
import { rarityWeights, termScore, type SentenceMatch } from '../search/sentence-match.ts';
import { indexTerm, splitWords } from '../text.ts';
import type { Answer, QuestionKind, QuotedSentence } from '../types.ts';
import { conceptsOf, wordKey } from './concepts.ts';
import { inPeriod, type DaySpan } from './period.ts';
import { QUESTION_WORDS, questionQuery, readQuestion, type ReadQuestion, type ResolveDates } from './question.ts';
import { classifyQuestion, newAnswerStrength, numbersIn, type AlreadyAsked } from './question-kind.ts';

export { classifyQuestion } from './question-kind.ts';

/** Sentences are looked for in this many of the best-matching articles. */
export const MAX_CANDIDATE_ARTICLES = 5;

/**
 * A sentence must cover at least this share of the question's
 * (rarity-weighted) concepts to be quoted at all, even as the closest
 * passage. Below it, a sentence merely shares a common word with the
 * question; "nothing answers" is better than a non-answer.
 */
export const MIN_ANSWER_COVERAGE = 0.2;

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

/**
 * The answer must cover at least this share of the question's (rarity-weighted)
 * concepts to be presented as the answer; between MIN_ANSWER_COVERAGE and
 * this it is shown as "the closest passage I found". Set from the question
 * set (BENCHMARKS.md): most right answers cover 0.5 or more, most wrong
 * ones less.
 */
export const STRONG_ANSWER_COVERAGE = 0.5;

/** Added to a sentence's score when it states a date in the period the question names (and half that when only its article is dated in it). */
const PERIOD_BONUS = 0.2;

/** How much more the question's focus ("which *Indonesian minister*") weighs than the words that set the scene. */
const FOCUS_WEIGHT = 2;

/** Candidate articles looked at when the question names a period, before those of the period are put first. */
const MAX_PERIOD_CANDIDATES = 20;

/** The terms a question is about: index terms without question words (used to suggest a search). */
export function questionTerms(question: string): string[] {
  return queryTerms(question.replace(/<[@!#][^>]*>/g, ' ')).filter((term) => !QUESTION_WORDS.has(term));
}

interface Candidate {
  readonly ranked: RankedArticle;
  readonly sentence: DatedSentence;
  /** Index terms of the sentence's words that name a concept of the question (marked in the quote). */
  readonly matched: ReadonlySet<string>;
  readonly coverage: number;
  readonly score: number;
}

function quote(candidate: Candidate): QuotedSentence {
  return { article: candidate.ranked.article, excerpt: toExcerpt(candidate.sentence.text, candidate.matched) };
}

/** The concept keys of a run of words, as an article writes them. */
const articleConceptKeys = (words: string): string[] => conceptsOf(words, { caseSensitive: true }).map((c) => c.key);

interface SentenceConcepts {
  readonly match: SentenceMatch;
  readonly dated: DatedSentence;
  readonly matched: ReadonlySet<string>;
}

/**
 * A sentence read as concepts, with those of the question it holds. A word
 * the search matched only as a typo of a question word (`organisation` for
 * `organization` is a stem match; `capacty` is a typo) counts as that word,
 * at TYPO_MATCH_CREDIT.
 */
function readSentence(dated: DatedSentence, question: ReadonlySet<string>, typoMap: ReadonlyMap<string, string>, keyOfTerm: ReadonlyMap<string, string>): SentenceConcepts {
  const found = new Set<string>();
  const typoOnly = new Set<string>();
  const matched = new Set<string>();
  for (const concept of conceptsOf(dated.text, { caseSensitive: true })) {
    if (question.has(concept.key)) {
      found.add(concept.key);
      for (const word of concept.words) {
        const term = indexTerm(word);
        if (term !== null) matched.add(term);
      }
      continue;
    }
    if (concept.group !== null) continue;
    const term = indexTerm(concept.words[0] as string);
    const asked = term === null ? undefined : typoMap.get(term);
    const key = asked === undefined ? undefined : keyOfTerm.get(asked);
    if (term !== null && key !== undefined) {
      typoOnly.add(key);
      matched.add(term);
    }
  }
  for (const key of found) typoOnly.delete(key);
  for (const key of typoOnly) found.add(key);
  return { match: { position: dated.position, text: dated.text, queryTerms: found, typoOnly }, dated, matched };
}

function scoreCandidates(index: CorpusIndex, ranked: readonly RankedArticle[], question: ReadQuestion, kind: QuestionKind): Candidate[] {
  const keys = new Set(question.concepts.map((c) => c.key));
  // A question word's key, for typo matches the search made (mapped to the word through term-match.ts).
  const keyOfTerm = new Map<string, string>();
  for (const concept of question.concepts) {
    if (concept.group === null) keyOfTerm.set(indexTerm(concept.words[0] as string) ?? '', concept.key);
  }
  const perArticle = ranked.map((r) => {
    const typoMap = termMapOf(r);
    const sentences = index.sentencesOf(r.article) ?? [];
    return { r, sentences: sentences.map((s) => readSentence(s, keys, typoMap, keyOfTerm)) };
  });
  // Rarity across all candidate sentences, so scores compare across articles.
  // Squared: among a few hundred sentences the plain inverse frequency barely separates a word in one
  // sentence ("Serbian") from one in twenty ("meeting"), and the rare word is the one the asker is after.
  // The focus weighs more only where some sentence holds it: a focus no candidate states ("how many *people*"
  // over sentences counting delegations) must not sink every sentence below the answer threshold.
  const matches = perArticle.flatMap((p) => p.sentences.map((s) => s.match));
  const stated = (k: string): boolean => matches.some((m) => m.queryTerms.has(k));
  const weights = new Map(
    [...rarityWeights(matches, keys)].map(([k, w]) => [k, w * w * (question.focus.has(k) && stated(k) ? FOCUS_WEIGHT : 1)]),
  );
  const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0);
  const asked: AlreadyAsked = { concepts: weights, numbers: numbersIn(question.text), dateExpressions: question.periodExpressions };
  const topScore = ranked[0]?.score ?? 0;
  const candidates: Candidate[] = [];
  for (const { r, sentences } of perArticle) {
    const relevance = topScore > 0 ? r.score / topScore : 0;
    const articleInPeriod = inPeriod(r.article.date, question.periods);
    for (const { match, dated, matched } of sentences) {
      if (match.queryTerms.size === 0 || splitWords(match.text).length < MIN_ANSWER_WORDS) continue;
      const coverage = totalWeight > 0 ? termScore(match, weights) / totalWeight : 0;
      const bonus = KIND_BONUS * newAnswerStrength(kind, dated, asked, articleConceptKeys);
      const sentenceInPeriod = dated.dates.some((d) => inPeriod(d, question.periods));
      const period = sentenceInPeriod ? PERIOD_BONUS : articleInPeriod ? PERIOD_BONUS / 2 : 0;
      candidates.push({ ranked: r, sentence: dated, matched, coverage, score: coverage + bonus + period + RELEVANCE_BONUS * relevance });
    }
  }
  // Best first; among equals the earlier sentence of the better-ranked article.
  return candidates.sort((a, b) => b.score - a.score);
}

/**
 * The articles that hold every word of the question in some form (its stem
 * or a longer form; a name through any of its aliases), when there are any;
 * otherwise all. Search may widen to typo matches to find something, but an
 * answer quoted from a near-miss article (`bilateral` for "trilateral") is
 * worse than one from the article that has the words asked about.
 */
function preferWholeMatches(ranked: readonly RankedArticle[], question: ReadQuestion): readonly RankedArticle[] {
  const stems = question.concepts.filter((c) => c.group === null).map((c) => wordKey(c.words[0] as string));
  const whole = ranked.filter((r) => stems.every((stem) => r.indexTerms.some((t) => t.startsWith(stem))));
  return whole.length > 0 ? whole : ranked;
}

/**
 * With a period named, only the articles dated in it when there are any
 * ("the trilateral meeting in December 2023" is not the 2019 one); all of
 * them otherwise, since a later article may report the period's events (its
 * sentences dated in the period still get PERIOD_BONUS).
 */
function preferPeriod(ranked: readonly RankedArticle[], periods: readonly DaySpan[]): readonly RankedArticle[] {
  if (periods.length === 0) return ranked;
  const inside = ranked.filter((r) => inPeriod(r.article.date, periods));
  return inside.length > 0 ? inside : ranked;
}

/**
 * The date a "when" answer states: of the sentence's dates that the question
 * did not give, the one nearest the question's words in it ("said on Tuesday
 * that … it opened the workshop … on Monday": the opening is Monday).
 */
function eventDateOf(kind: QuestionKind, candidate: Candidate, question: ReadQuestion): EventDate | null {
  if (kind !== 'when') return null;
  const { text, dates } = candidate.sentence;
  const fresh = dates.filter((d) => !question.periodExpressions.some((e) => e.includes(d.expression) || d.expression.includes(e)));
  const positions = [...text.matchAll(/[\p{L}\p{N}]+/gu)].filter((m) => candidate.matched.has(indexTerm(m[0]) ?? '')).map((m) => m.index);
  const distance = (d: EventDate) => Math.min(Infinity, ...positions.map((p) => (p < d.index ? d.index - p : p - (d.index + d.expression.length))));
  return fresh.reduce<EventDate | null>((best, d) => (best === null || distance(d) < distance(best) ? d : best), null);
}

export interface FindAnswerOptions {
  /** The day the question is asked, `YYYY-MM-DD` ("last year" is resolved against it); today (UTC) by default. */
  readonly today?: string;
  /** Resolves the question's dates; resolveEventDates by default (a stand-in in tests). */
  readonly resolveDates?: ResolveDates;
}

/**
 * The sentence that best answers `question`, with up to two supporting
 * sentences from other articles; null when no sentence covers enough of the
 * question to be worth quoting. A weak best sentence is returned as
 * `closest`, for the reader to judge.
 */
export function findAnswer(index: CorpusIndex, asked: string, options: FindAnswerOptions = {}): Answer | null {
  // The same cap as search: a Slack message may hold 40,000 characters, and a
  // single huge word costs fuzzy matching time and memory quadratic in its length.
  const capped = asked.length > MAX_QUERY_CHARS ? asked.slice(0, MAX_QUERY_CHARS) : asked;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const question = readQuestion(capped, today, options.resolveDates ?? resolveEventDates);
  if (question.concepts.length === 0) return null;
  const candidatesWanted = question.periods.length > 0 ? MAX_PERIOD_CANDIDATES : MAX_CANDIDATE_ARTICLES;
  const found = preferPeriod(index.rankExpanded(questionQuery(question)).articles.slice(0, candidatesWanted), question.periods);
  const ranked = preferWholeMatches(found, question).slice(0, MAX_CANDIDATE_ARTICLES);
  if (ranked.length === 0) return null;
  const kind = classifyQuestion(capped);
  const candidates = scoreCandidates(index, ranked, question, kind);
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
  return {
    question: capped,
    kind,
    strength: best.coverage >= STRONG_ANSWER_COVERAGE ? 'answer' : 'closest',
    best: quote(best),
    eventDate: eventDateOf(kind, best, question),
    supporting: supporting.map(quote),
  };
}
