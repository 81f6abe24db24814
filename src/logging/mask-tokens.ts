// Apart from logger.ts (which loads Bolt) so src/main.ts can report start-up failures before Bolt loads.

/**
 * Slack tokens look like `xoxb-…`, `xoxp-…`, `xapp-…`. Anything shaped like one
 * is masked in free text too, because libraries sometimes log a request or an
 * error message that carries it.
 */
const TOKEN_PATTERN = /\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g;

/** Masks anything shaped like a Slack token in a string. */
export function maskTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, '$1-[REDACTED]');
}
