/**
 * One spelling per article URL, so the same story reached through a feed
 * (`?utm_source=rss`), a Slack message (`#comments`) and a search engine
 * (`?gclid=…`) is recognised as one. Like Miniflux's `urlcleaner`.
 */

/** Query parameters that only track who clicked: dropped. `utm_*` is matched by prefix. */
export const TRACKING_PARAMETERS: ReadonlySet<string> = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'mc_cid', 'mc_eid', 'igshid', 'ref_src', 'ref_url', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id',
  'vero_id', 'wickedid', '__s', 's_cid', 'cmpid', 'ncid', 'sr_share', 'spm', 'at_medium', 'at_campaign',
]);

const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_'];

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMETERS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * The canonical spelling of an http(s) URL: lower-case scheme and host (WHATWG
 * URL does both), no fragment, no default port, no tracking parameters, the
 * remaining parameters sorted (stable order, values kept), no `?` when none
 * remain. The path is kept as is: servers may treat case and trailing slashes
 * as different pages.
 */
export function canonicalUrl(text: string): string {
  const url = new URL(text);
  url.hash = '';
  // WHATWG URL already drops :80 on http and :443 on https.
  const kept = [...url.searchParams].filter(([name]) => !isTracking(name));
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  url.search = kept.length === 0 ? '' : new URLSearchParams(kept).toString();
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  return url.href;
}

/** The host without a leading `www.`, lower-case: what "same site" compares. */
export function siteOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

/**
 * True when `candidate` is on the same site as `page`: the same host (give or
 * take `www.`), or one is a subdomain of the other (`edition.cnn.com` and
 * `cnn.com`).
 */
export function isSameSite(page: URL, candidate: URL): boolean {
  const a = siteOf(page);
  const b = siteOf(candidate);
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** True for a site's home page (`/`, `/index.html`, `/en/`): never the canonical URL of an article. */
export function isHomePage(url: URL): boolean {
  return url.search === '' && /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/?)?(?:index\.\w+)?$/i.test(url.pathname);
}
