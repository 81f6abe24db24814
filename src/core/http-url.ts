/** Why a text is not an http(s) URL. */
export type HttpUrlProblem = 'not-a-url' | 'not-http';

/**
 * Parses `text` as an absolute http or https URL. Other schemes
 * (`javascript:`, `data:`, `file:`, Slack's own) are refused: every URL the
 * bot accepts ends up as a link in a Slack message or as an API base.
 */
export function parseHttpUrl(text: string): { ok: true; url: URL } | { ok: false; problem: HttpUrlProblem } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'not-a-url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'not-http' };
  return { ok: true, url };
}
