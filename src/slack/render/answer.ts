/**
 * Messages for @-mention questions: the sentence the core chose as the
 * answer, quoted with where it comes from, or a plain "nothing answers this".
 */
import { indexTerm, splitWords } from '../../core/text.ts';
import type { Answer, QuotedSentence } from '../../core/types.ts';
import { QUOTE_PREFIX, renderArticleHeading, renderExcerpt, renderMetaLine } from './article.ts';
import { actions, context, section } from './blocks.ts';
import { alsoReportedByLine } from './also-reported.ts';
import { feedbackButtons } from './feedback.ts';
import { boldMrkdwn, cleanChars, cleanInlineText, escapeMrkdwn } from './escape.ts';
import { CLOSEST_PASSAGE_TEXT, describeAnswerDate } from './event-date-words.ts';
import { fallback } from './fallback.ts';
import { fitInline } from './fit.ts';
import { SECTION_TEXT_MAX } from './limits.ts';
import type { KnownBlock, SlackMessage } from './types.ts';

/** Heads the sentences from other articles that back the answer up. */
export const ALSO_SUPPORTED_BY = '*Also supported by*';

/** Most supporting sentences shown. */
export const MAX_SUPPORTING = 2;

/** Opens the echo of the user's question. */
export const QUESTION_LABEL = 'You asked:';

/** Says plainly that the corpus has no answer. */
export const NO_ANSWER_TEXT = 'Nothing in the corpus answers that question.';

/** Offers a search instead, before the suggested command. */
export const TRY_SEARCH_TEXT = 'You could search the articles instead:';

/** Suggested when the question has no words worth searching for. */
export const DEFAULT_SEARCH_SUGGESTION = '/aigov search capacity-building';

/** Most words taken from a question for the suggested search. */
const MAX_SUGGESTED_TERMS = 6;

/** Longer words are cut (by code point): a 10,000-letter "word" should not fill the reply. */
const MAX_SUGGESTED_WORD_LENGTH = 40;

/** Most characters of mrkdwn for a quoted sentence and for the echoed question. */
const SENTENCE_BUDGET = 1200;
const QUESTION_BUDGET = 300;

/** Most characters of mrkdwn for the date line above a "when" answer (an article date is corpus text, of any length). */
const DATE_LINE_BUDGET = 200;

/** Most characters of the answer sentence in the `text` fallback, leaving room for its source and date. */
const FALLBACK_SENTENCE_BUDGET = 180;

/** Opens the line saying which earlier question of the thread a follow-up continued. */
export const CONTINUING_LABEL = 'Continuing your earlier question:';

/** Opens the same line for "more". */
export const MORE_LABEL = 'More on:';

/** Says that "more" has found nothing not shown already. */
export const NOTHING_MORE_TEXT = 'Nothing more in the corpus answers that question.';

/** The earlier question a follow-up continued, and whether it was "more". */
export interface Continued {
  readonly question: string;
  readonly more: boolean;
}

export interface AnswerOptions {
  /** The recorded answer's id: adds 👍 / 👎 buttons that carry it (feedback.ts). */
  readonly feedbackId?: string;
  /** Set for a follow-up: a short line above the answer names the question it continued. */
  readonly continues?: Continued;
}

/** The short line naming the earlier question (user text: cleaned and escaped like the echoed question). */
function continuationLine(continued: Continued): KnownBlock {
  const label = continued.more ? MORE_LABEL : CONTINUING_LABEL;
  return context([`${label} “${fitInline(cleanInlineText(continued.question), QUESTION_BUDGET)}”`]);
}

/**
 * The answer: for a "when" question the date it happened stated plainly
 * (with the article's date labelled beside it when they differ; marked when
 * derived from an editorial date), a weak answer headed "The closest passage
 * I found:", then the best sentence quoted (matched words bold) above its
 * article's title, source and date (marked when the date is editorial), then
 * "Also supported by" with up to {@link MAX_SUPPORTING} more sentences from
 * other articles, and the question echoed in small print. When the story was
 * re-reported, the other outlets and dates follow the quote ("Also reported
 * by"); with `feedbackId`, 👍 / 👎 buttons close the message.
 */
export function renderAnswer(answer: Answer, options: AnswerOptions = {}): SlackMessage {
  // The article's date is corpus text: cleaned like any other before it is escaped.
  const dateLine = describeAnswerDate(answer);
  const when = dateLine === null ? null : cleanInlineText(dateLine);
  const dateMrkdwn = when === null ? null : fitInline(when, DATE_LINE_BUDGET, (shown) => boldMrkdwn(shown));
  const lead = [answer.strength === 'closest' ? CLOSEST_PASSAGE_TEXT : null, dateMrkdwn].filter((l) => l !== null);
  const blocks: KnownBlock[] = [
    ...(options.continues === undefined ? [] : [continuationLine(options.continues)]),
    ...(lead.length > 0 ? [section(lead.join('\n'))] : []),
    section(quotedSentence(answer.best)),
  ];
  const also = alsoReportedByLine(answer.alsoReportedBy);
  if (also !== null) blocks.push(context([also]));
  const supporting = answer.supporting.slice(0, MAX_SUPPORTING);
  if (supporting.length > 0) {
    blocks.push(section(ALSO_SUPPORTED_BY));
    for (const quoted of supporting) blocks.push(section(quotedSentence(quoted)));
  }
  const question = cleanInlineText(answer.question);
  if (question.length > 0) blocks.push(context([`${QUESTION_LABEL} ${fitInline(question, QUESTION_BUDGET)}`]));
  if (options.feedbackId !== undefined) blocks.push(actions(feedbackButtons(options.feedbackId)));

  const sentence = fitInline(cleanInlineText(answer.best.excerpt.text), FALLBACK_SENTENCE_BUDGET);
  const leadText = [answer.strength === 'closest' ? CLOSEST_PASSAGE_TEXT : null, when === null ? null : fitInline(when, DATE_LINE_BUDGET)].filter((l) => l !== null);
  const text = fallback(`${leadText.map((l) => `${l} `).join('')}“${sentence}” (${renderMetaLine(answer.best.article, false)})`);
  return { text, blocks };
}

/** A sentence as a `>` quote line, then its article's heading. */
function quotedSentence(quoted: QuotedSentence): string {
  const heading = renderArticleHeading(quoted.article);
  const budget = Math.min(SENTENCE_BUDGET, SECTION_TEXT_MAX - heading.length - QUOTE_PREFIX.length - 1);
  const line = renderExcerpt(quoted.excerpt, budget);
  return line.length === 0 ? heading : `${QUOTE_PREFIX}${line}\n${heading}`;
}

/**
 * Nothing in the corpus answers `question` (nothing more, for "more"): says so plainly and offers
 * `/aigov search` with the question's searchable words (stop words dropped),
 * or {@link DEFAULT_SEARCH_SUGGESTION} when it has none.
 */
export function renderNoAnswer(question: string, options: Pick<AnswerOptions, 'continues'> = {}): SlackMessage {
  const command = suggestedSearch(question);
  const plain = options.continues?.more === true ? NOTHING_MORE_TEXT : NO_ANSWER_TEXT;
  const blocks: KnownBlock[] = [
    ...(options.continues === undefined ? [] : [continuationLine(options.continues)]),
    section(`${plain}\n${TRY_SEARCH_TEXT} \`${escapeMrkdwn(command)}\``),
  ];
  const echoed = cleanInlineText(question);
  if (echoed.length > 0) blocks.push(context([`${QUESTION_LABEL} ${fitInline(echoed, QUESTION_BUDGET)}`]));
  return { text: fallback(plain), blocks };
}

/**
 * `/aigov search` with the question's words worth searching for, each once,
 * in the user's spelling. Words split on punctuation and symbols, so none
 * contains a backtick or other mrkdwn character.
 */
export function suggestedSearch(question: string): string {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const word of splitWords(cleanChars(question))) {
    const term = indexTerm(word);
    if (term === null || seen.has(term)) continue;
    seen.add(term);
    words.push(Array.from(word).slice(0, MAX_SUGGESTED_WORD_LENGTH).join(''));
    if (words.length === MAX_SUGGESTED_TERMS) break;
  }
  return words.length === 0 ? DEFAULT_SEARCH_SUGGESTION : `/aigov search ${words.join(' ')}`;
}
