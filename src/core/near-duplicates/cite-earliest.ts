/**
 * Quick facts cite the first report of a story: when the sentence chosen
 * comes from a re-publication, the same sentence in the group's earliest
 * article is quoted instead (re-publications copy the wire text, so it is
 * there, perhaps lightly edited), and the other reports are named.
 */
import { toExcerpt, wordTerms } from '../search/excerpt.ts';
import type { Answer, ArticleMeta, QuotedSentence } from '../types.ts';
import type { DuplicateGroup } from './near-duplicate-index.ts';

/**
 * Share of words (their index terms, as sets) a sentence of the earliest
 * article must have in common with the quoted one to stand in for it. An
 * edited copy of a sentence keeps well over this; a different sentence of
 * the same story rarely does. Below it, the answer keeps its own citation.
 */
export const SAME_SENTENCE_MIN_OVERLAP = 0.6;

function termSet(sentence: string): Set<string> {
  return new Set(wordTerms(sentence).filter((t): t is string => t !== null));
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** The sentence of `sentences` closest to `sentence`, when it is close enough to be the same one. */
function sameSentence(sentences: readonly string[], sentence: string): string | null {
  const wanted = termSet(sentence);
  let best: { text: string; score: number } | null = null;
  for (const candidate of sentences) {
    const score = overlap(wanted, termSet(candidate));
    if (best === null || score > best.score) best = { text: candidate, score };
  }
  return best !== null && best.score >= SAME_SENTENCE_MIN_OVERLAP ? best.text : null;
}

/**
 * `answer` citing the earliest article of its best sentence's group (when
 * that article states the same sentence), with the group's other articles as
 * `alsoReportedBy`; supporting sentences from the same group are dropped,
 * since a copy of the story does not support it independently.
 */
export function citeEarliest(
  answer: Answer,
  groupOf: (id: string) => DuplicateGroup | null,
  sentencesOf: (meta: ArticleMeta) => readonly string[] | null,
): Answer {
  const group = groupOf(answer.best.article.id);
  if (group === null) return answer;
  let best: QuotedSentence = answer.best;
  if (group.earliest.id !== best.article.id) {
    const sentences = sentencesOf(group.earliest);
    const sentence = sentences === null ? null : sameSentence(sentences, best.excerpt.text);
    if (sentence !== null) {
      const matched = new Set(best.excerpt.segments.filter((s) => s.match).flatMap((s) => [...termSet(s.text)]));
      best = { article: group.earliest, excerpt: toExcerpt(sentence, matched) };
    }
  }
  const members = new Set([group.earliest.id, ...group.others.map((o) => o.id)]);
  const alsoReportedBy = [group.earliest, ...group.others].filter((m) => m.id !== best.article.id);
  return {
    ...answer,
    best,
    supporting: answer.supporting.filter((s) => !members.has(s.article.id)),
    alsoReportedBy,
  };
}
