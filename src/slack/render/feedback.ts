/**
 * 👍 / 👎 under answers and search results, what the voter is told, and the
 * optional "what was wrong" form. The buttons carry only the id of the answer
 * as recorded when it was shown (store/feedback-store.ts): nothing the client
 * sends back is trusted beyond naming that record.
 */
import type { types } from '@slack/bolt';
import {
  FEEDBACK_COMMENT_BLOCK,
  FEEDBACK_COMMENT_INPUT,
  FEEDBACK_HELPFUL,
  FEEDBACK_MODAL,
  FEEDBACK_NOT_HELPFUL,
} from './action-ids.ts';
import { button } from './blocks.ts';
import { cleanInlineText } from './escape.ts';
import { INPUT_LABEL_MAX, MODAL_BUTTON_MAX, MODAL_TITLE_MAX, PLAIN_TEXT_INPUT_MAX, VIEW_PRIVATE_METADATA_MAX, SECTION_TEXT_MAX } from './limits.ts';
import { fitInline } from './fit.ts';
import type { Button } from './types.ts';
import type { VoteValue } from '../../store/feedback-store.ts';

export const HELPFUL_LABEL = '👍 Helpful';
export const NOT_HELPFUL_LABEL = '👎 Not helpful';

/** What the voter is told (only they see it). */
export const VOTE_ACK = {
  up: 'Thanks: you marked this answer helpful.',
  down: 'Thanks: you marked this answer not helpful.',
  /** Added when the vote replaced an earlier one. */
  changed: 'This replaces your earlier vote: only your latest vote counts.',
  /** Added to a first vote. */
  changeable: 'You can change your vote at any time: only your latest counts.',
  /** Added to a 👎 when the form was opened. */
  formOpened: 'A form has opened where you can say what was wrong (optional).',
} as const;

/** Said when a feedback button names no answer we recorded (forged, or from a database since reset). */
export const UNKNOWN_ANSWER_TEXT = 'This answer can no longer be voted on. Ask again to vote on a fresh answer.';

/** Said after the form is sent. */
export const COMMENT_THANKS = 'Thanks: what you wrote is stored with your vote.';

/** Most characters accepted in the "what was wrong" text. */
export const COMMENT_MAX = 1000;

export const MODAL_TITLE = 'What was wrong?';
export const MODAL_SUBMIT = 'Send';
export const MODAL_CLOSE = 'Skip';
export const MODAL_LABEL = 'What was wrong with this answer? (optional)';
export const MODAL_HINT = 'E.g. the wrong article, an outdated date, a sentence that does not answer. Only the bot’s maintainers read it.';

/** The two vote buttons for the answer recorded as `answerId`. */
export function feedbackButtons(answerId: string): Button[] {
  return [button(HELPFUL_LABEL, FEEDBACK_HELPFUL, answerId), button(NOT_HELPFUL_LABEL, FEEDBACK_NOT_HELPFUL, answerId)];
}

/** The acknowledgement of a vote, in one line. */
export function voteAckText(vote: VoteValue, previous: VoteValue | null, formOpened: boolean): string {
  const parts: string[] = [VOTE_ACK[vote], previous === null ? VOTE_ACK.changeable : VOTE_ACK.changed];
  if (formOpened) parts.push(VOTE_ACK.formOpened);
  return parts.join(' ');
}

/** What the modal carries back: the answer id and the question it shows (private_metadata). */
export interface FeedbackModalMetadata {
  readonly answerId: string;
}

/**
 * The optional "what was wrong" form for the answer to `question`. The
 * question is echoed (cleaned, cut) so the user knows what they are
 * commenting on.
 */
export function renderFeedbackModal(answerId: string, question: string): types.ModalView {
  const metadata = JSON.stringify({ answerId } satisfies FeedbackModalMetadata);
  if (metadata.length > VIEW_PRIVATE_METADATA_MAX) throw new RangeError(`feedback modal: private_metadata of ${metadata.length} characters`);
  for (const [what, text, max] of [
    ['title', MODAL_TITLE, MODAL_TITLE_MAX],
    ['submit', MODAL_SUBMIT, MODAL_BUTTON_MAX],
    ['close', MODAL_CLOSE, MODAL_BUTTON_MAX],
    ['label', MODAL_LABEL, INPUT_LABEL_MAX],
  ] as const) {
    if (text.length > max) throw new RangeError(`feedback modal: ${what} of ${text.length} characters, over ${max}`);
  }
  if (COMMENT_MAX > PLAIN_TEXT_INPUT_MAX) throw new RangeError('feedback modal: COMMENT_MAX over PLAIN_TEXT_INPUT_MAX');
  const asked = cleanInlineText(question);
  const echoed = asked.length === 0 ? 'the answer' : `“${fitInline(asked, Math.min(300, SECTION_TEXT_MAX))}”`;
  return {
    type: 'modal',
    callback_id: FEEDBACK_MODAL,
    private_metadata: metadata,
    title: { type: 'plain_text', text: MODAL_TITLE },
    submit: { type: 'plain_text', text: MODAL_SUBMIT },
    close: { type: 'plain_text', text: MODAL_CLOSE },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `You marked ${echoed} not helpful.`, verbatim: true } },
      {
        type: 'input',
        block_id: FEEDBACK_COMMENT_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: MODAL_LABEL },
        hint: { type: 'plain_text', text: MODAL_HINT },
        element: { type: 'plain_text_input', action_id: FEEDBACK_COMMENT_INPUT, multiline: true, max_length: COMMENT_MAX },
      },
    ],
  };
}

/** The answer id in a submitted modal's private_metadata, or null when it is not one we wrote. */
export function decodeFeedbackModalMetadata(raw: unknown): FeedbackModalMetadata | null {
  if (typeof raw !== 'string' || raw.length > VIEW_PRIVATE_METADATA_MAX) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { answerId } = parsed as Record<string, unknown>;
    return typeof answerId === 'string' ? { answerId } : null;
  } catch {
    return null;
  }
}
