/**
 * What is recorded when an answer or a page of results is shown with
 * feedback buttons: the question, the article and sentence quoted first and
 * every article shown. A vote then names what the user actually saw.
 */
import type { Answer, SearchPage } from '../core/types.ts';
import type { AnswerRecordInput } from '../store/feedback-store.ts';

/** Where and by whom the answer was asked. */
export interface AskedIn {
  readonly askedBy: string | null;
  readonly channelId: string | null;
  /** The thread the answer went to, when it was asked by a mention (follow-ups there read it back). */
  readonly threadTs?: string | null;
  readonly at: Date;
}

/** The record of a quick-fact answer. */
export function answerRecordOf(answer: Answer, asked: AskedIn): AnswerRecordInput {
  return {
    kind: 'answer',
    question: answer.question,
    articleId: answer.best.article.id,
    sentence: answer.best.excerpt.text,
    articleIds: [answer.best.article.id, ...answer.supporting.map((s) => s.article.id)],
    shown: [answer.best.excerpt.text, ...answer.supporting.map((s) => s.excerpt.text)],
    ...asked,
  };
}

/** The record of a page of search results (its top hit quoted first). */
export function searchRecordOf(page: SearchPage, asked: AskedIn): AnswerRecordInput {
  const top = page.hits[0];
  return {
    kind: 'search',
    question: page.query.raw,
    articleId: top?.article.id ?? null,
    sentence: top?.excerpts[0]?.text ?? null,
    articleIds: page.hits.map((hit) => hit.article.id),
    ...asked,
  };
}
