/**
 * Small Block Kit builders that check Slack's limits as they build, so that a
 * renderer that breaks a limit fails in our tests instead of in Slack.
 * Every mrkdwn text object is `verbatim`: Slack then does not turn bare URLs,
 * `#channel` names or `@here`-style words into links or mentions on its own.
 * @see https://docs.slack.dev/reference/block-kit/composition-objects/text-object
 */
import {
  ACTION_ID_MAX,
  ACTIONS_ELEMENTS_MAX,
  BUTTON_LABEL_MAX,
  BUTTON_VALUE_MAX,
  CONTEXT_ELEMENTS_MAX,
  SECTION_TEXT_MAX,
} from './limits.ts';
import type { ActionsBlock, Button, ContextBlock, MrkdwnElement, SectionBlock } from './types.ts';

/** A mrkdwn text object. @throws RangeError when `text` is empty or over {@link SECTION_TEXT_MAX}. */
export function mrkdwn(text: string): MrkdwnElement {
  if (text.length < 1 || text.length > SECTION_TEXT_MAX) {
    throw new RangeError(`mrkdwn text: ${text.length} characters, must be 1-${SECTION_TEXT_MAX}: '${text.slice(0, 80)}'`);
  }
  return { type: 'mrkdwn', text, verbatim: true };
}

/** A section block showing mrkdwn `text` (1-{@link SECTION_TEXT_MAX} characters). */
export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/** A context block of mrkdwn lines. @throws RangeError when there are none or more than {@link CONTEXT_ELEMENTS_MAX}. */
export function context(texts: readonly string[]): ContextBlock {
  if (texts.length < 1 || texts.length > CONTEXT_ELEMENTS_MAX) {
    throw new RangeError(`context block: ${texts.length} elements, must be 1-${CONTEXT_ELEMENTS_MAX}`);
  }
  return { type: 'context', elements: texts.map(mrkdwn) };
}

/** A button. @throws RangeError when the label, action id or value is over its limit. */
export function button(label: string, actionId: string, value: string): Button {
  if (label.length < 1 || label.length > BUTTON_LABEL_MAX) {
    throw new RangeError(`button label '${label}': ${label.length} characters, must be 1-${BUTTON_LABEL_MAX}`);
  }
  if (actionId.length < 1 || actionId.length > ACTION_ID_MAX) {
    throw new RangeError(`button action_id '${actionId}': ${actionId.length} characters, must be 1-${ACTION_ID_MAX}`);
  }
  if (value.length > BUTTON_VALUE_MAX) {
    throw new RangeError(`button '${actionId}' value: ${value.length} characters, over ${BUTTON_VALUE_MAX}`);
  }
  return { type: 'button', text: { type: 'plain_text', text: label, emoji: true }, action_id: actionId, value };
}

/** An actions block. @throws RangeError when there are no buttons or more than {@link ACTIONS_ELEMENTS_MAX}. */
export function actions(buttons: readonly Button[]): ActionsBlock {
  if (buttons.length < 1 || buttons.length > ACTIONS_ELEMENTS_MAX) {
    throw new RangeError(`actions block: ${buttons.length} elements, must be 1-${ACTIONS_ELEMENTS_MAX}`);
  }
  return { type: 'actions', elements: [...buttons] };
}

/**
 * The characters of text in `blocks` as counted against
 * `MESSAGE_BLOCK_TEXT_BUDGET`: every `text` string and every button `value`,
 * at any depth. Slack does not document what it counts for
 * `msg_blocks_too_long`, so this counts everything a user or a payload sees.
 */
export function blockTextLength(blocks: readonly unknown[]): number {
  let total = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string') {
          if (key === 'text' || key === 'value') total += value.length;
        } else {
          visit(value);
        }
      }
    }
  };
  visit(blocks);
  return total;
}
