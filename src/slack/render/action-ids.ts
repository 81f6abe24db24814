/**
 * Action ids of the buttons we render, and the encoding of their values. The
 * action handlers register on these ids and decode these values; both sides
 * import them from here.
 */
import { BUTTON_VALUE_MAX } from './limits.ts';
import type { SearchButtonPayload } from './types.ts';

/** "More results": shows the next page of the same search. */
export const MORE_RESULTS = 'aigov_more_results';

/** "Share in channel": posts the current page of results for everyone to see. */
export const SHARE_RESULTS = 'aigov_share_results';

/** 👍 under an answer or a page of results; the value is the answer record's id (store/feedback-store.ts). */
export const FEEDBACK_HELPFUL = 'aigov_feedback_helpful';

/** 👎 under an answer or a page of results; opens the "what was wrong" form. */
export const FEEDBACK_NOT_HELPFUL = 'aigov_feedback_not_helpful';

/** The "what was wrong" modal (its `callback_id`). */
export const FEEDBACK_MODAL = 'aigov_feedback_what_was_wrong';

/** The modal's text input: its block and action ids, where the submitted text is found in `view.state.values`. */
export const FEEDBACK_COMMENT_BLOCK = 'aigov_feedback_comment';
export const FEEDBACK_COMMENT_INPUT = 'aigov_feedback_comment_input';

/**
 * Encodes a search button's payload as JSON for the button's `value`.
 * @throws RangeError when `o` is not a non-negative safe integer, or when the
 *   encoded value is longer than {@link BUTTON_VALUE_MAX} (a 500-character
 *   query fits unless it is mostly control characters, which JSON spells
 *   as six characters each).
 */
export function encodeSearchButtonValue(payload: SearchButtonPayload): string {
  if (!isOffset(payload.o)) throw new RangeError(`search button value: offset must be a non-negative integer, got ${payload.o}`);
  const value = JSON.stringify({ q: payload.q, o: payload.o });
  if (value.length > BUTTON_VALUE_MAX) {
    throw new RangeError(
      `search button value: ${value.length} characters for a ${payload.q.length}-character query, over the ${BUTTON_VALUE_MAX}-character limit`,
    );
  }
  return value;
}

/**
 * Decodes a search button's `value`. Returns null for anything that is not
 * exactly what {@link encodeSearchButtonValue} produces (values come back from
 * Slack in an interaction payload and are checked like any other input).
 */
export function decodeSearchButtonValue(value: string): SearchButtonPayload | null {
  if (typeof value !== 'string' || value.length > BUTTON_VALUE_MAX) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const keys = Object.keys(parsed);
  if (keys.length !== 2 || !keys.includes('q') || !keys.includes('o')) return null;
  const { q, o } = parsed as Record<string, unknown>;
  if (typeof q !== 'string' || !isOffset(o)) return null;
  return { q, o };
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * "More events": shows the next page of the same timeline. Its value is a
 * {@link SearchButtonPayload} too (the topic as typed, and the offset), made by
 * {@link encodeSearchButtonValue}.
 */
export const MORE_TIMELINE = 'aigov_more_timeline';
