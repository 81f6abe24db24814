/**
 * Every Slack limit the renderers respect, in one place. Slack counts
 * "characters"; we measure JavaScript string length (UTF-16 code units), which
 * is never smaller than the number of code points, so staying under a limit
 * here stays under it in Slack. Lengths are measured after mrkdwn escaping,
 * since `&` becomes `&amp;` in what Slack receives.
 */

/**
 * Most blocks in one message (a modal or Home tab allows 100; a message 50).
 * @see https://docs.slack.dev/reference/block-kit/blocks
 */
export const MAX_BLOCKS = 50;

/**
 * Most characters in a section block's `text`, and in any text object
 * (minimum 1).
 * @see https://docs.slack.dev/reference/block-kit/blocks/section-block
 * @see https://docs.slack.dev/reference/block-kit/composition-objects/text-object
 */
export const SECTION_TEXT_MAX = 3000;

/**
 * Most characters in a button's label (`text`, plain_text).
 * @see https://docs.slack.dev/reference/block-kit/block-elements/button-element
 */
export const BUTTON_LABEL_MAX = 75;

/**
 * Most characters in a button's `value`, which comes back in the action payload.
 * @see https://docs.slack.dev/reference/block-kit/block-elements/button-element
 */
export const BUTTON_VALUE_MAX = 2000;

/**
 * Most characters in an `action_id` (and in a `block_id`).
 * @see https://docs.slack.dev/reference/block-kit/block-elements/button-element
 */
export const ACTION_ID_MAX = 255;

/**
 * Most elements in a context block.
 * @see https://docs.slack.dev/reference/block-kit/blocks/context-block
 */
export const CONTEXT_ELEMENTS_MAX = 10;

/**
 * Most elements in an actions block.
 * @see https://docs.slack.dev/reference/block-kit/blocks/actions-block
 */
export const ACTIONS_ELEMENTS_MAX = 25;

/**
 * Most characters in a header block's plain_text.
 * @see https://docs.slack.dev/reference/block-kit/blocks/header-block
 */
export const HEADER_TEXT_MAX = 150;

/**
 * Our own cap on the top-level `text` sent with blocks. Slack shows it in
 * notifications and reads it to screen readers, so it should say in one line
 * what the message is, not repeat it.
 * @see https://docs.slack.dev/reference/methods/chat.postMessage#text-usage
 */
export const FALLBACK_TEXT_MAX = 300;

/**
 * Our budget for all text in one message's blocks (every `text` and button
 * `value`, summed). Slack does not document this limit, but `chat.postMessage`
 * has been seen failing with `msg_blocks_too_long` from about 12,000-13,000
 * characters of block text; this keeps a margin below that.
 * @see https://github.com/slackapi/bolt-js/issues/2509
 * @see https://github.com/slackapi/bolt-js/issues/2867
 */
export const MESSAGE_BLOCK_TEXT_BUDGET = 11_000;

/**
 * Most blocks in a view (a Home tab or a modal); a message allows
 * {@link MAX_BLOCKS}.
 * @see https://docs.slack.dev/reference/views
 * @see https://docs.slack.dev/reference/block-kit/blocks
 */
export const VIEW_MAX_BLOCKS = 100;

/**
 * Most characters in a modal's `title`, `submit` and `close` (plain_text).
 * @see https://docs.slack.dev/reference/views#modal
 */
export const MODAL_TITLE_MAX = 24;

/**
 * Most characters in a view's `private_metadata`.
 * @see https://docs.slack.dev/reference/views
 */
export const VIEW_PRIVATE_METADATA_MAX = 3000;

/**
 * Most characters in a view's `callback_id`.
 * @see https://docs.slack.dev/reference/views
 */
export const VIEW_CALLBACK_ID_MAX = 255;

/**
 * Most characters in an input block's `label` (plain_text).
 * @see https://docs.slack.dev/reference/block-kit/blocks/input-block
 */
export const INPUT_LABEL_MAX = 2000;

/**
 * Most characters in a modal's submit and close button labels (plain_text).
 * @see https://docs.slack.dev/reference/views/modal-views
 */
export const MODAL_BUTTON_MAX = 24;

/**
 * Most characters a plain-text input holds (`max_length`, `initial_value`).
 * @see https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element
 */
export const PLAIN_TEXT_INPUT_MAX = 3000;

/**
 * Our budget for all text in one view's blocks (see `blockTextLength`).
 * Slack documents no total for views (only per-block limits and 100
 * blocks); we keep a view to about two and a half long messages
 * ({@link MESSAGE_BLOCK_TEXT_BUDGET}), so an answer like
 * `msg_blocks_too_long` cannot surprise us there either.
 * @see https://docs.slack.dev/reference/views
 */
export const VIEW_BLOCK_TEXT_BUDGET = 30_000;
