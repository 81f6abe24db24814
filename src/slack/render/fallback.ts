import { fitInline } from './fit.ts';
import { FALLBACK_TEXT_MAX } from './limits.ts';

/**
 * The top-level `text` sent with blocks, from one line of already-escaped
 * mrkdwn, cut to {@link FALLBACK_TEXT_MAX}. Slack reads this `text` as mrkdwn
 * too, so it must be escaped like the blocks.
 */
export function fallback(mrkdwnLine: string): string {
  if (mrkdwnLine.length <= FALLBACK_TEXT_MAX) return mrkdwnLine;
  // Cutting escaped text could split an entity (`&am…`): cut the plain text and escape it again.
  return fitInline(unescapeMrkdwn(mrkdwnLine), FALLBACK_TEXT_MAX);
}

function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
