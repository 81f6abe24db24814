/**
 * A mention in a thread where the bot has answered, read with the thread's
 * earlier question: "@aigov and who attended?" after "when was the
 * capacity-building meeting at the UN?" asks who attended that meeting;
 * "@aigov more" asks for the next best sentence not yet shown. A question
 * that names its own subject is a new question, whatever the thread.
 */
import { indexTerm, splitWords } from '../text.ts';
import { QUESTION_WORDS } from './question.ts';

/** An answer the bot gave earlier in the thread, as recorded when shown. */
export interface EarlierAnswer {
  /** The question it answered (a continued question, as it was completed). */
  readonly question: string;
  /** The article quoted first. */
  readonly articleId: string | null;
  /** Every sentence shown with it. */
  readonly shown: readonly string[];
}

/** What a follow-up's answer is looked for with, beside its question (plain data: it crosses to the corpus worker). */
export interface Continuing {
  /** The article the earlier answer quoted, looked at first. */
  readonly preferArticleId?: string;
  /** Sentences already shown in the thread, not quoted again. */
  readonly skipSentences?: readonly string[];
}

/** The {@link Continuing} of a follow-up; undefined for a new question. */
export function continuingOf(followUp: FollowUp): Continuing | undefined {
  if (followUp.kind === 'new') return undefined;
  return {
    ...(followUp.preferArticleId === null ? {} : { preferArticleId: followUp.preferArticleId }),
    ...(followUp.kind === 'more' ? { skipSentences: [...followUp.skipSentences] } : {}),
  };
}

export type FollowUp =
  | { readonly kind: 'new'; readonly question: string }
  | {
      /** A question without a subject of its own, completed with the earlier one's. */
      readonly kind: 'continue';
      readonly question: string;
      /** The earlier question it continues (said in the reply). */
      readonly continues: string;
      readonly preferArticleId: string | null;
    }
  | {
      /** "more": the earlier question again, without the sentences already shown. */
      readonly kind: 'more';
      readonly question: string;
      readonly continues: string;
      readonly preferArticleId: string | null;
      readonly skipSentences: ReadonlySet<string>;
    };

/** "more", "tell me more", "anything else?", "next", "another one". */
const MORE = /^\s*(?:and\s+)?(?:(?:tell\s+me\s+|show\s+me\s+|any\s*)?more(?:\s+please)?|anything\s+else|what\s+else|next(?:\s+one)?|another(?:\s+one)?|go\s+on)\s*[?.!]*\s*$/i;

/** Openers that continue a conversation rather than start one: "and who…", "what about China?". */
const CONTINUING_OPENER = /^\s*(?:and|also|then|so|but|ok(?:ay)?,?)\b|^\s*(?:what|how)\s+about\b/i;

/** Words that point back at the earlier subject ("where was *it* held?", "who attended *there*?"). */
const POINTING_BACK = new Set(['it', 'its', 'they', 'them', 'their', 'there', 'this', 'that', 'these', 'those', 'he', 'she', 'him', 'her', 'his', 'then']);

/** A question word: a follow-up with one asks its own kind of question; without one it narrows the earlier. */
const QUESTION_WORD = /\b(?:who|whom|whose|what|which|when|where|why|how)\b/i;

/** The question word and auxiliary a question opens with ("when was", "how many", "who"), taken off to leave its subject. */
const OPENER = /^\s*(?:and\s+)?(?:who|whom|whose|what|which|when|where|why|how(?:\s+(?:many|much|long|often))?)\b(?:\s+(?:is|are|was|were|did|does|do|will|would|could|should|has|have|had|can))?\s*/i;

/** A follow-up with at most this many words of its own is taken to lack a subject when it points back or continues. */
const MAX_OWN_WORDS_WHEN_POINTING = 3;

/** The words of `text` that say what it is about (not stop words, not question words). */
function ownWords(text: string): string[] {
  return splitWords(text).filter((word) => {
    const term = indexTerm(word);
    return term !== null && !QUESTION_WORDS.has(term);
  });
}

/** True when `text` reads as continuing the earlier question rather than asking a new one. */
export function lacksSubject(text: string): boolean {
  const own = ownWords(text);
  if (own.length <= 1) return true;
  const pointsBack = splitWords(text).some((w) => POINTING_BACK.has(w.toLowerCase()));
  return (pointsBack || CONTINUING_OPENER.test(text)) && own.length <= MAX_OWN_WORDS_WHEN_POINTING;
}

const withoutEnd = (text: string): string => text.trim().replace(/[?.!\s]+$/, '');

/**
 * Stands between a follow-up's own words and the subject it was completed
 * with ("who attended — the meeting at the UN?"), so that the next follow-up
 * takes the same subject, not the words of this one.
 */
export const SUBJECT_MARK = ' — ';

/** What `question` asks about: after the mark of a completed question, else the question without its opener. */
export function subjectOf(question: string): string {
  const marked = question.lastIndexOf(SUBJECT_MARK);
  return withoutEnd(marked >= 0 ? question.slice(marked + SUBJECT_MARK.length) : question.replace(OPENER, ''));
}

/**
 * The follow-up completed with the earlier question's subject: a follow-up
 * with a question word asks it of that subject ("and who attended?" +
 * "when was the meeting at the UN?" → "who attended — the meeting at the
 * UN?"); one without narrows the earlier question ("what about China?" →
 * "when was the meeting at the UN, China?").
 */
export function completeQuestion(followUp: string, earlier: string): string {
  const own = withoutEnd(followUp.replace(CONTINUING_OPENER, ' ')).trim();
  if (QUESTION_WORD.test(own)) return `${own}${SUBJECT_MARK}${subjectOf(earlier)}?`;
  return `${withoutEnd(earlier)}, ${own}?`;
}

/**
 * How to answer `asked`, given the bot's earlier answers in the same thread
 * (newest first; empty outside a thread or where it never answered).
 */
export function readFollowUp(asked: string, thread: readonly EarlierAnswer[]): FollowUp {
  const question = asked.trim();
  const earlier = thread[0];
  if (earlier === undefined) return { kind: 'new', question };
  if (MORE.test(question)) {
    // Everything shown for this question, over every "more" already asked.
    const skipSentences = new Set(thread.filter((a) => a.question === earlier.question).flatMap((a) => a.shown));
    return { kind: 'more', question: earlier.question, continues: earlier.question, preferArticleId: earlier.articleId, skipSentences };
  }
  if (question.length === 0 || !lacksSubject(question)) return { kind: 'new', question };
  return { kind: 'continue', question: completeQuestion(question, earlier.question), continues: earlier.question, preferArticleId: earlier.articleId };
}
