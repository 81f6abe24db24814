import { truncate } from '../../core/text.ts';
import { escapeMrkdwn } from './escape.ts';

/**
 * Renders as much of `text` as fits in `budget` characters of output.
 *
 * `render` turns a prefix of `text` (and whether it was cut) into mrkdwn.
 * Escaping and formatting make the output longer than the prefix by an amount
 * that depends on the text (`&` becomes `&amp;`), so the prefix is shortened
 * in proportion to the overshoot until the output fits. Cuts fall on a word boundary where
 * {@link truncate} can find one; `render` is told that the prefix was cut so
 * it can add `…`.
 *
 * The result is at most `budget` characters as long as `render('', true)` is:
 * the empty prefix is the last resort.
 *
 * @throws RangeError when `budget` is under 1.
 */
export function fitText(text: string, budget: number, render: (prefix: string, cut: boolean) => string): string {
  if (!(budget >= 1)) throw new RangeError(`fitText: budget must be at least 1, got ${budget}`);
  let max = Math.min(text.length, budget);
  for (;;) {
    const cut = max < text.length;
    // truncate() keeps a prefix of the text and appends `…`; we want the prefix alone.
    const prefix = !cut ? text : max <= 1 ? '' : truncate(text, max).slice(0, -1);
    const rendered = render(prefix, cut);
    if (rendered.length <= budget || prefix.length === 0) return rendered;
    // Shrink in proportion to the overshoot (escaping may have made each character five),
    // and by at least one character so the loop ends.
    max = Math.max(0, Math.min(max - 1, Math.floor((prefix.length * budget) / rendered.length)));
  }
}

/**
 * {@link fitText} for one piece of inline text: `render` gets the text to show
 * (the kept prefix with `…` when cut) and returns its mrkdwn; by default it is
 * only escaped.
 */
export function fitInline(text: string, budget: number, render: (shown: string) => string = escapeMrkdwn): string {
  return fitText(text, budget, (prefix, cut) => render(cut ? `${prefix}…` : prefix));
}
