/**
 * Answering a quick-fact question (an @-mention) with a sentence quoted from
 * the corpus: the index finds candidate articles, then their sentences are
 * measured (how much of the question each and its article hold, by rarity
 * among the candidates and in the corpus; word order and proximity; whether
 * it holds the kind of fact asked for: sentence-features.ts) and ranked by the
 * fitted weights of answer-weights.ts. How much of the question the best one
 * covers decides whether it is the answer, the closest passage, or nothing.
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
import { classifyQuestion, countsFocus, newAnswerStrength, numbersIn, type AlreadyAsked } from './question-kind.ts';
import { ANSWER_MODEL, type AnswerModel } from './answer-weights.ts';
import { definesSubject, density, FEATURE_NAMES, linearScore, novelty, orderShare, weightedShare, type FeatureName, type SentenceKeys } from './sentence-features.ts';

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
/** … and at least this fraction of what the answer covers. */
export const SUPPORT_SCORE_RATIO = 0.7;
export const MAX_SUPPORTING = 2;

/** Shorter "sentences" are headings and bylines ("Chinese Foreign Ministry"): they state nothing to quote. */
export const MIN_ANSWER_WORDS = 5;


/**
 * The answer must cover at least this share of the question's (rarity-weighted)
 * concepts to be presented as the answer; between MIN_ANSWER_COVERAGE and
 * this it is shown as "the closest passage I found". Set from the question
 * set (BENCHMARKS.md): most right answers cover 0.5 or more, most wrong
 * ones less.
 */
export const STRONG_ANSWER_COVERAGE = 0.5;


/** How much more the question's focus ("which *Indonesian minister*") weighs than the words that set the scene. */
const FOCUS_WEIGHT = 2;

/** Sentences measured in full per question: those holding most of the question (see scoreCandidates). */
const MAX_MEASURED_SENTENCES = 24;

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
  /** Share of the question's (rarity-weighted) concepts it holds, 0-1: what decides answer, closest passage or nothing. */
  readonly coverage: number;
  /** What the model weighs, in the order of FEATURE_NAMES. */
  readonly features: readonly number[];
  /** The model's score: the sentences are ranked by it. */
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
  /** Its concept keys in order, typo matches of question words as those words' keys. */
  readonly keys: SentenceKeys;
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
  const keys: string[] = [];
  for (const concept of conceptsOf(dated.text, { caseSensitive: true })) {
    if (question.has(concept.key)) {
      keys.push(concept.key);
      found.add(concept.key);
      for (const word of concept.words) {
        const term = indexTerm(word);
        if (term !== null) matched.add(term);
      }
      continue;
    }
    const term = concept.group !== null ? null : indexTerm(concept.words[0] as string);
    const asked = term === null ? undefined : typoMap.get(term);
    const key = asked === undefined ? undefined : keyOfTerm.get(asked);
    if (term !== null && key !== undefined) {
      typoOnly.add(key);
      matched.add(term);
      keys.push(key);
    } else {
      keys.push(concept.key);
    }
  }
  for (const key of found) typoOnly.delete(key);
  for (const key of typoOnly) found.add(key);
  return { match: { position: dated.position, text: dated.text, queryTerms: found, typoOnly }, dated, matched, keys: { keys, typoOnly } };
}

function scoreCandidates(index: CorpusIndex, ranked: readonly RankedArticle[], question: ReadQuestion, kind: QuestionKind, model: AnswerModel, skip: ReadonlySet<string> | undefined): Candidate[] {
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
  const focusFactor = (k: string): number => (question.focus.has(k) && stated(k) ? FOCUS_WEIGHT : 1);
  const weights = new Map([...rarityWeights(matches, keys)].map(([k, w]) => [k, w * w * focusFactor(k)]));
  const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0);
  // Rarity in the whole corpus: among the candidates an article's own subject is in most of its sentences.
  const corpusRarity = corpusRarityOf(index, question);
  const corpusWeights = new Map([...corpusRarity].map(([k, w]) => [k, w * focusFactor(k)]));
  const totalRarity = [...corpusRarity.values()].reduce((a, b) => a + b, 0);
  // The question's rarest plain word: what a definition would open with ("how does *interlibrary* loan work?").
  const rarestWord = [...corpusRarity].filter(([k]) => k.startsWith('w:')).sort((a, b) => b[1] - a[1])[0]?.[0];
  // The question's words as written (folded), for the share a sentence repeats word for word.
  const writtenTerms = new Set(question.concepts.flatMap((c) => c.words.map(indexTerm).filter((t): t is string => t !== null)));
  const order = question.concepts.map((c) => c.key);
  const asked: AlreadyAsked = { concepts: weights, numbers: numbersIn(question.text), dateExpressions: question.periodExpressions };
  const topScore = ranked[0]?.score ?? 0;
  // BM25 of each article over the question's concepts (stems and names, where the search matched written forms), relative to the best.
  const articleBm25 = perArticle.map(({ sentences }) => bm25OfArticle(sentences.map((s) => s.keys.keys), corpusRarity));
  const topBm25 = Math.max(0, ...articleBm25);
  interface Row {
    readonly r: RankedArticle;
    readonly s: SentenceConcepts;
    readonly at: number;
    readonly rank: number;
    readonly coverage: number;
    readonly corpusCoverage: number;
    readonly article: { readonly coverage: number; readonly bm25: number; readonly best: number; readonly inPeriod: boolean; readonly coverages: readonly number[] };
  }
  const shortlist: Row[] = [];
  perArticle.forEach(({ r, sentences }, rank) => {
    const articleFound = new Set(sentences.flatMap((s) => [...s.match.queryTerms]));
    const coverages = sentences.map((s) => weightedShare(s.match.queryTerms, corpusWeights, s.match.typoOnly));
    const article = {
      coverage: weightedShare(articleFound, corpusWeights),
      bm25: topBm25 > 0 ? (articleBm25[rank] as number) / topBm25 : 0,
      best: Math.max(0, ...coverages),
      inPeriod: inPeriod(r.article.date, question.periods),
      coverages,
    };
    sentences.forEach((s, at) => {
      const { match } = s;
      if (match.queryTerms.size === 0 || skip?.has(match.text) === true || splitWords(match.text).length < MIN_ANSWER_WORDS) return;
      const coverage = totalWeight > 0 ? termScore(match, weights) / totalWeight : 0;
      shortlist.push({ r, s, at, rank, coverage, corpusCoverage: coverages[at] as number, article });
    });
  });
  // Only the sentences holding most of the question are measured in full (answer kinds, order, products):
  // it bounds a question's cost whatever the articles' length, and a sentence far down this list does not win.
  shortlist.sort((a, b) => b.coverage + b.corpusCoverage - (a.coverage + a.corpusCoverage));
  const rows = shortlist.slice(0, MAX_MEASURED_SENTENCES).map(({ r, s, at, rank, coverage, corpusCoverage, article }) => {
    const { match, dated } = s;
    const sentenceInPeriod = dated.dates.some((d) => inPeriod(d, question.periods));
    const focusHeld = [...question.focus].filter((k) => match.queryTerms.has(k)).length;
    const kindStrength = newAnswerStrength(kind, dated, asked, articleConceptKeys);
    const features: Record<FeatureName, number> = {
      coverage,
      corpusCoverage,
      articleCoverage: article.coverage,
      articleBm25: article.bm25,
      articleBestSentence: article.best,
      bestInArticle: corpusCoverage >= article.best ? 1 : 0,
      rarityHeld: heldRarity(match.queryTerms, corpusRarity),
      rarityMissed: totalRarity - heldRarity(match.queryTerms, corpusRarity),
      exactShare: exactShare(s.matched, writtenTerms),
      relevance: topScore > 0 ? r.score / topScore : 0,
      rankReciprocal: 1 / (rank + 1),
      kindStrength,
      ...freshFacts(kind, kindStrength, dated, asked),
      countsFocus: kind === 'how-many' && countsFocus(splitWords(dated.text), question.focus, asked.numbers, focusKeyOf) ? 1 : 0,
      period: sentenceInPeriod ? 1 : article.inPeriod ? 0.5 : 0,
      density: density(s.keys, corpusWeights),
      order: orderShare(s.keys, order),
      neighbourCoverage: Math.max(article.coverages[at - 1] ?? 0, article.coverages[at + 1] ?? 0),
      logWords: Math.log(1 + s.keys.keys.length),
      opening: at === 0 ? 1 : 0,
      definesSubject: definesSubject(splitWords(dated.text), rarestWord, focusKeyOf) ? 1 : 0,
      focusShare: question.focus.size === 0 ? 1 : focusHeld / question.focus.size,
      novelty: novelty(s.keys, corpusWeights),
      typoShare: match.typoOnly.size / match.queryTerms.size,
      coverageTimesArticle: corpusCoverage * article.coverage,
      coverageSquared: 0,
      coverageTimesRelevance: 0,
      coverageTimesKind: 0,
      articleTimesRelevance: 0,
    };
    // The threshold reads the better of the two rarities: either alone misjudges some question.
    return { r, s, features, coverage: Math.max(coverage, corpusCoverage) };
  });
  const candidates = rows.map(({ r, s, features, coverage }): Candidate => {
    // A few products, so the linear model can weigh one feature by another (coverage counts more in a relevant article).
    features.coverageSquared = features.corpusCoverage ** 2;
    features.coverageTimesRelevance = features.corpusCoverage * features.relevance;
    features.coverageTimesKind = features.corpusCoverage * features.kindStrength;
    features.articleTimesRelevance = features.articleCoverage * features.relevance;
    const vector = FEATURE_NAMES.map((name) => features[name]);
    return { ranked: r, sentence: s.dated, matched: s.matched, coverage, features: vector, score: linearScore(vector, model) };
  });
  // Best first; among equals the earlier sentence of the better-ranked article (the sort is stable).
  return candidates.sort((a, b) => b.score - a.score);
}

/**
 * What the sentence states that the question does not, whatever the kind
 * asked: a name ("which NFL team…" wants one as much as "who"), a count. For
 * questions of no known kind ("what", "which") they are weighed apart, since
 * there they are the only sign of an answer.
 */
function freshFacts(
  kind: QuestionKind,
  kindStrength: number,
  dated: DatedSentence,
  asked: AlreadyAsked,
): Pick<Record<FeatureName, number>, 'freshName' | 'freshNumber' | 'freshNameOther' | 'freshNumberOther'> {
  // The kind's own strength is the same measure: not worked out twice.
  const freshName = kind === 'who' ? kindStrength : newAnswerStrength('who', dated, asked, articleConceptKeys);
  const freshNumber = kind === 'how-many' ? kindStrength : newAnswerStrength('how-many', dated, asked, articleConceptKeys);
  const other = kind === 'other' ? 1 : 0;
  return { freshName, freshNumber, freshNameOther: other * freshName, freshNumberOther: other * freshNumber };
}

/** A word as a concept key, as the question's focus holds them (a plain word's; names are not counted). */
const focusKeyOf = (word: string): string => `w:${wordKey(word)}`;

/** BM25's saturation and length weighting, at their usual values; the length is measured against a news paragraph's. */
const BM25_K1 = 1.2;
const BM25_B = 0.75;
const BM25_AVERAGE_LENGTH = 120;

/** BM25 of an article (its sentences as concept keys) for the question's concepts, weighted by their corpus rarity. */
function bm25OfArticle(sentences: readonly (readonly string[])[], rarity: ReadonlyMap<string, number>): number {
  const counts = new Map<string, number>();
  let length = 0;
  for (const keys of sentences) {
    length += keys.length;
    for (const key of keys) if (rarity.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let score = 0;
  for (const [key, tf] of counts) {
    score += ((rarity.get(key) ?? 0) * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * length) / BM25_AVERAGE_LENGTH));
  }
  return score;
}

/** The summed corpus rarity of the question's concepts in `found`. */
function heldRarity(found: ReadonlySet<string>, rarity: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const key of found) sum += rarity.get(key) ?? 0;
  return sum;
}

/** Share of the question's written words (folded, not stemmed) the sentence repeats as written (`matched`: its words naming the question's concepts). */
function exactShare(matched: ReadonlySet<string>, written: ReadonlySet<string>): number {
  if (written.size === 0) return 0;
  let held = 0;
  for (const term of written) if (matched.has(term)) held += 1;
  return held / written.size;
}

/**
 * How rare each of the question's concepts is in the whole corpus (an inverse
 * document frequency, BM25's): its rarest written word's. The sentences being
 * compared come from the few articles the search found, where the article's
 * own subject ("jerky" in the article on jerky) is in most sentences and so
 * looks common there, while it is the word that names what the asker is after.
 */
function corpusRarityOf(index: CorpusIndex, question: ReadQuestion): Map<string, number> {
  const total = index.size;
  const rarity = new Map<string, number>();
  for (const concept of question.concepts) {
    const terms = concept.words.map(indexTerm).filter((t): t is string => t !== null);
    const df = terms.length === 0 ? total : Math.min(...terms.map((t) => index.documentFrequency(t)));
    rarity.set(concept.key, Math.log(1 + (total - df + 0.5) / (df + 0.5)));
  }
  return rarity;
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
  /**
   * The article a follow-up continues (the one the earlier answer quoted): its
   * sentences are looked at even when the search ranks it low, and its best
   * sentence is the answer when it holds enough of the question (and, for a
   * "who/when/where/how many", an answer of that kind).
   */
  readonly preferArticleId?: string;
  /** Sentences already shown (their text): never quoted again ("more"). */
  readonly skipSentences?: ReadonlySet<string>;
  /** The weights the sentences are ranked by; the fitted ANSWER_MODEL by default. */
  readonly model?: AnswerModel;
}

/** A candidate sentence as measured, for fitting the model (bench/fit-answer-weights.ts). */
export interface MeasuredCandidate {
  readonly articleId: string;
  readonly text: string;
  readonly features: readonly number[];
}

/** The question read and its candidate sentences ranked, best first; null when nothing is searched. */
function rankCandidates(index: CorpusIndex, capped: string, options: FindAnswerOptions): { question: ReadQuestion; kind: QuestionKind; candidates: Candidate[] } | null {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const question = readQuestion(capped, today, options.resolveDates ?? resolveEventDates);
  if (question.concepts.length === 0) return null;
  const candidatesWanted = question.periods.length > 0 ? MAX_PERIOD_CANDIDATES : MAX_CANDIDATE_ARTICLES;
  const query = questionQuery(question);
  const found = preferPeriod(index.rankExpanded(query).articles.slice(0, candidatesWanted), question.periods);
  let ranked = preferWholeMatches(found, question).slice(0, MAX_CANDIDATE_ARTICLES);
  const preferred = options.preferArticleId === undefined ? undefined : index.get(options.preferArticleId);
  if (preferred !== undefined && !ranked.some((r) => r.article.id === preferred.id)) {
    ranked = [...ranked, { article: preferred, score: 0, queryTerms: query.terms, indexTerms: [] }];
  }
  if (ranked.length === 0) return null;
  const kind = classifyQuestion(capped);
  const skip = options.skipSentences;
  const candidates = scoreCandidates(index, ranked, question, kind, options.model ?? ANSWER_MODEL, skip);
  return { question, kind, candidates };
}

/** Every candidate sentence of `asked` with its features, best first (for fitting the model). */
export function measureCandidates(index: CorpusIndex, asked: string, options: FindAnswerOptions = {}): MeasuredCandidate[] {
  const ranked = rankCandidates(index, asked.slice(0, MAX_QUERY_CHARS), options);
  return (ranked?.candidates ?? []).map((c) => ({ articleId: c.ranked.article.id, text: c.sentence.text, features: c.features }));
}

const KIND_STRENGTH = FEATURE_NAMES.indexOf('kindStrength');

/**
 * The answer among ranked candidates: the best, unless a follow-up names the
 * article it continues and that article holds a good enough sentence.
 */
function chooseBest(candidates: readonly Candidate[], kind: QuestionKind, preferArticleId: string | undefined): Candidate | undefined {
  const best = candidates[0];
  if (preferArticleId === undefined) return best;
  const fromPreferred = candidates.find(
    (c) => c.ranked.article.id === preferArticleId && c.coverage >= MIN_ANSWER_COVERAGE && (kind === 'other' || (c.features[KIND_STRENGTH] ?? 0) > 0),
  );
  return fromPreferred ?? best;
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
  const ranked = rankCandidates(index, capped, options);
  if (ranked === null) return null;
  const { question, kind, candidates } = ranked;
  const best = chooseBest(candidates, kind, options.preferArticleId);
  if (best === undefined || best.coverage < MIN_ANSWER_COVERAGE) return null;

  const supporting: Candidate[] = [];
  const usedArticles = new Set([best.ranked.article.id]);
  for (const candidate of candidates) {
    if (supporting.length >= MAX_SUPPORTING) break;
    if (usedArticles.has(candidate.ranked.article.id)) continue;
    // The first candidate seen from an article is its best; only it may support.
    usedArticles.add(candidate.ranked.article.id);
    if (candidate.coverage >= MIN_SUPPORT_COVERAGE && candidate.coverage >= SUPPORT_SCORE_RATIO * best.coverage && candidate.score <= best.score) {
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
