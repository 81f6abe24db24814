/**
 * Making untrusted text (corpus titles, sources and sentences, users' queries
 * and questions) safe to place in Slack mrkdwn.
 *
 * Slack parses `&`, `<` and `>` as control characters: unescaped, `<!channel>`,
 * `<!here>`, `<@U…>` notify people and `<url|label>` makes a link with any
 * label. Escaping those three is all that is needed to stop that.
 * @see https://docs.slack.dev/messaging/formatting-message-text
 */

/**
 * Replaces `&`, `<` and `>` with `&amp;`, `&lt;` and `&gt;`, and nothing else:
 * Slack decodes only these three entities, so escaping anything more would
 * show up as literal `&…;` text.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** C0 and C1 control characters (tab and newline included) and the Unicode line and paragraph separators. */
const LINE_BREAKING_OR_CONTROL = /[\p{Cc}\u2028\u2029]/gu;

/**
 * Bidirectional embedding, override and isolate controls: one of these in a
 * title would reverse or reorder the rest of the line it is shown on.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Makes text fit on one line of a message: lone surrogates become U+FFFD (so
 * the JSON sent to Slack is well-formed UTF-8), control characters and line
 * breaks become spaces (so corpus text cannot start a line of its own, where
 * `>` would make a quote), bidi controls are dropped. Does not trim or
 * collapse spaces, so lengths and positions are kept apart from dropped bidi
 * controls; see {@link cleanInlineText} for that.
 */
export function cleanChars(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(LINE_BREAKING_OR_CONTROL, ' ').replace(BIDI_CONTROL, '');
}

/** {@link cleanChars}, then runs of white space collapsed to one space and the ends trimmed. */
export function cleanInlineText(text: string): string {
  return cleanChars(text).replace(/\s+/g, ' ').trim();
}

/** Untrusted text made into one safe line of mrkdwn: cleaned, then escaped. */
export function inlineMrkdwn(text: string): string {
  return escapeMrkdwn(cleanInlineText(text));
}

/**
 * mrkdwn formatting characters. Text containing one cannot be wrapped in
 * `*…*` safely: an inner `*` would close the bold early and leave a stray
 * asterisk; `_`, `~` and backticks could pair with the corpus text's own.
 */
const FORMATTING_CHARACTER = /[*_~`]/u;

/** A neighbour that stops Slack from reading `*` as bold: a letter or digit (`un*safe*ly`) or another formatting character. */
const BLOCKING_NEIGHBOUR = /^[\p{L}\p{N}\p{M}*_~`]$/u;

/**
 * Whether `text` can be made bold as `*text*` when it sits between the raw
 * characters `before` and `after` (empty at the start or end of a line).
 *
 * Slack only reads `*…*` as bold when the asterisks touch non-space characters
 * on the inside and are not inside a word on the outside; otherwise it shows
 * the asterisks. We chose not to bold what cannot be bolded cleanly rather
 * than insert zero-width spaces: Slack treats a zero-width space as a word
 * break, so inserting one *forces* formatting and would let a corpus `*` pair
 * with ours. The text is then shown as it is, just not bold.
 */
export function canBold(text: string, before = '', after = ''): boolean {
  if (text.length === 0 || FORMATTING_CHARACTER.test(text)) return false;
  if (/^\s|\s$/u.test(text)) return false;
  return !BLOCKING_NEIGHBOUR.test(lastChar(before)) && !BLOCKING_NEIGHBOUR.test(firstChar(after));
}

/**
 * Escapes raw text and wraps it in `*…*` when {@link canBold} allows, otherwise
 * returns it escaped and plain.
 */
export function boldMrkdwn(text: string, before = '', after = ''): string {
  const escaped = escapeMrkdwn(text);
  return canBold(text, before, after) ? `*${escaped}*` : escaped;
}

function lastChar(text: string): string {
  return Array.from(text.slice(-2)).at(-1) ?? '';
}

function firstChar(text: string): string {
  return Array.from(text.slice(0, 2))[0] ?? '';
}
