/**
 * Parsing what a user types after `/aigov search`: free terms plus the filters
 * `after:`, `before:` and `source:`. A filter we cannot read is an error in
 * words, never silently ignored: a search that quietly dropped `after:yesterday`
 * would show results the user asked to exclude.
 */
import type { SearchFilters, SearchQuery } from '../types.ts';

/** Longest query searched; longer input is cut (and `capped` set) so one paste cannot cost a long search. */
export const MAX_QUERY_CHARS = 500;

export type ParseResult = { ok: true; query: SearchQuery } | { ok: false; error: string };

type FilterKey = keyof SearchFilters;

const DATE_FORMS = 'Write dates as YYYY-MM-DD, YYYY-MM or YYYY, e.g. `after:2024-01-01`, `before:2025-06` or `after:2024`.';
const SOURCE_FORMS = 'e.g. `source:Reuters`, or with quotes when the name has spaces: `source:"Global Times"`.';

/** A filter keyword at the start of a word: `after:`, `Before:`, `SOURCE:`. */
const FILTER_START = /^(after|before|source):/i;

/** Opening quote → the quotes that may close it. Slack clients may turn straight quotes into curly ones. */
const CLOSING_QUOTES: Readonly<Record<string, string>> = { '"': '"”', '“': '”"', '”': '”"' };

class QueryError extends Error {}

/**
 * Reads a date filter value: `2024-01-01`, `2024-01` (its first day) or `2024`
 * (January 1), returning ISO `YYYY-MM-DD`.
 */
function parseDateValue(key: 'after' | 'before', value: string): string {
  const shown = `\`${key}:${value}\``;
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (match === null) throw new QueryError(`I can't read the date in ${shown}. ${DATE_FORMS}`);
  const year = Number(match[1]);
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  if (month < 1 || month > 12) {
    throw new QueryError(`${shown} is not a date: there is no month ${month}. ${DATE_FORMS}`);
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (day < 1 || date.getUTCMonth() !== month - 1) {
    throw new QueryError(`${shown} is not a date: that month has no day ${day}. ${DATE_FORMS}`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Reads the value after `key:` starting at `start`; returns it and where it ends. */
function readValue(text: string, key: FilterKey, start: number): { value: string; end: number } {
  const opening = text.charAt(start);
  const closers = CLOSING_QUOTES[opening];
  if (closers !== undefined) {
    let close = start + 1;
    while (close < text.length && !closers.includes(text.charAt(close))) close++;
    if (close >= text.length) {
      throw new QueryError(
        `The quote after \`${key}:\` is not closed in \`${text.slice(start - key.length - 1)}\`. Close it, ${key === 'source' ? SOURCE_FORMS : DATE_FORMS}`,
      );
    }
    return { value: text.slice(start + 1, close).trim(), end: close + 1 };
  }
  let end = start;
  while (end < text.length && !/\s/.test(text.charAt(end))) end++;
  return { value: text.slice(start, end), end };
}

function setFilter(filters: { -readonly [K in FilterKey]?: string }, key: FilterKey, value: string): void {
  if (value.length === 0) {
    throw new QueryError(
      key === 'source' ? `\`source:\` needs a name, ${SOURCE_FORMS}` : `\`${key}:\` needs a date. ${DATE_FORMS}`,
    );
  }
  const parsed = key === 'source' ? value.replace(/\s+/g, ' ') : parseDateValue(key, value);
  const earlier = filters[key];
  if (earlier !== undefined) {
    throw new QueryError(`\`${key}:\` is given twice (\`${key}:${earlier}\` and \`${key}:${parsed}\`); give it once.`);
  }
  filters[key] = parsed;
}

/** Cuts `input` to MAX_QUERY_CHARS without leaving half of a surrogate pair. */
function cap(input: string): { text: string; capped: boolean } {
  if (input.length <= MAX_QUERY_CHARS) return { text: input, capped: false };
  let text = input.slice(0, MAX_QUERY_CHARS);
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  return { text, capped: true };
}

/**
 * Parses a search query. Terms may be empty when only filters are given (the
 * search then lists matching articles, newest first).
 *
 * @example parseSearchQuery('capacity building after:2024-01 source:"Global Times"')
 */
export function parseSearchQuery(input: string): ParseResult {
  const { text, capped } = cap(input.trim());
  const filters: { -readonly [K in FilterKey]?: string } = {};
  const words: string[] = [];
  try {
    let i = 0;
    while (i < text.length) {
      if (/\s/.test(text.charAt(i))) {
        i++;
        continue;
      }
      const keyMatch = FILTER_START.exec(text.slice(i, i + 7));
      if (keyMatch?.[1] !== undefined) {
        const key = keyMatch[1].toLowerCase() as FilterKey;
        const { value, end } = readValue(text, key, i + keyMatch[0].length);
        setFilter(filters, key, value);
        i = end;
        continue;
      }
      let end = i;
      while (end < text.length && !/\s/.test(text.charAt(end))) end++;
      words.push(text.slice(i, end));
      i = end;
    }
    if (filters.after !== undefined && filters.before !== undefined && filters.after >= filters.before) {
      throw new QueryError(
        `\`after:${filters.after}\` is not earlier than \`before:${filters.before}\`, so no article could match. ` +
          '`after:` includes its day and `before:` excludes its day, e.g. `after:2024-01-01 before:2025-01-01` is the year 2024.',
      );
    }
  } catch (err) {
    if (!(err instanceof QueryError)) throw err;
    const note = capped ? ` (Your query was cut to its first ${MAX_QUERY_CHARS} characters.)` : '';
    return { ok: false, error: err.message + note };
  }
  return { ok: true, query: { raw: text, terms: words.join(' '), filters, capped } };
}
