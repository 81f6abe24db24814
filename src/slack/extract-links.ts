/**
 * The http(s) links in text as Slack sends it: `<https://…|label>` and
 * `<https://…>` (how Slack wraps links in messages and escaped commands), and
 * bare URLs (a command typed with `should_escape: false`). Entities are
 * decoded (`&amp;` in a query string is `&`). Order kept, duplicates dropped.
 */
import { parseHttpUrl } from '../core/http-url.ts';

const WRAPPED = /<([^<>|]+)(?:\|[^<>]*)?>/g;
const BARE = /\bhttps?:\/\/[^\s<>]+/gi;
/** Punctuation that ends a sentence rather than a URL: `see https://a.org/x.` */
const TRAILING = /[.,;:!?)\]}'"]+$/;

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function extractHttpLinks(text: string): string[] {
  const found: string[] = [];
  const rest = text.replace(WRAPPED, (_whole, target: string) => {
    found.push(decodeEntities(target));
    return ' ';
  });
  for (const match of rest.matchAll(BARE)) found.push(decodeEntities(match[0].replace(TRAILING, '')));
  const links: string[] = [];
  for (const candidate of found) {
    const parsed = parseHttpUrl(candidate.trim());
    if (parsed.ok && !links.includes(parsed.url.href)) links.push(parsed.url.href);
  }
  return links;
}
