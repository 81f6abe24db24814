import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS, parseSearchQuery } from '../../../src/core/search/parse-query.ts';
import type { SearchQuery } from '../../../src/core/types.ts';

function parsed(input: string): SearchQuery {
  const result = parseSearchQuery(input);
  if (!result.ok) throw new Error(`expected '${input}' to parse, got: ${result.error}`);
  return result.query;
}

function errorOf(input: string): string {
  const result = parseSearchQuery(input);
  if (result.ok) throw new Error(`expected '${input}' to be refused, got ${JSON.stringify(result.query)}`);
  return result.error;
}

describe('parseSearchQuery', () => {
  it('separates free terms from filters', () => {
    const query = parsed('capacity building after:2024-01-01 before:2025-06 source:"Global Times"');
    expect(query.terms).toBe('capacity building');
    expect(query.filters).toEqual({ after: '2024-01-01', before: '2025-06-01', source: 'Global Times' });
    expect(query.capped).toBe(false);
  });

  it('reads a month as its first day and a year as January 1', () => {
    expect(parsed('before:2025-06').filters.before).toBe('2025-06-01');
    expect(parsed('after:2025').filters.after).toBe('2025-01-01');
    expect(parsed('after:2024-2-9').filters.after).toBe('2024-02-09');
  });

  it('accepts an unquoted source, curly quotes and any case of the keyword', () => {
    expect(parsed('source:Reuters ai').filters.source).toBe('Reuters');
    expect(parsed('Source:“Global Times” ai').filters.source).toBe('Global Times');
    expect(parsed('ai SOURCE:"Global   Times"').filters.source).toBe('Global Times');
  });

  it('allows filters without terms', () => {
    const query = parsed('source:Reuters');
    expect(query.terms).toBe('');
    expect(query.filters.source).toBe('Reuters');
  });

  it('leaves words that merely contain a colon as terms', () => {
    expect(parsed('https://example.org AI: governance').terms).toBe('https://example.org AI: governance');
  });

  it.each([
    ['after:yesterday', 'yesterday'],
    ['before:2025-13', '2025-13'],
    ['after:2025-02-30', '2025-02-30'],
    ['before:06/2025', '06/2025'],
  ])('refuses the date in %s, naming it and showing the accepted forms', (input, value) => {
    const error = errorOf(`ai ${input}`);
    expect(error).toContain(value);
    expect(error).toContain('YYYY-MM-DD');
    expect(error).toContain('after:2024-01-01');
  });

  it('refuses an empty source and an unclosed quote', () => {
    expect(errorOf('ai source:')).toMatch(/source:.*needs a name.*source:"Global Times"/s);
    expect(errorOf('ai source: Reuters')).toMatch(/needs a name/);
    const unclosed = errorOf('ai source:"Global Times');
    expect(unclosed).toContain('not closed');
    expect(unclosed).toContain('source:"Global Times');
  });

  it('explains an after date that is not before the before date', () => {
    const error = errorOf('ai after:2025-06 before:2025-01-01');
    expect(error).toContain('after:2025-06-01');
    expect(error).toContain('before:2025-01-01');
    expect(error).toMatch(/not earlier/);
    expect(errorOf('after:2025 before:2025')).toMatch(/not earlier/);
  });

  it('refuses a filter given twice', () => {
    expect(errorOf('after:2024 after:2025')).toMatch(/after:.*twice/);
  });

  it('caps long input and says so', () => {
    const query = parsed('governance '.repeat(100));
    expect(query.capped).toBe(true);
    expect(query.raw.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(parsed('governance').capped).toBe(false);
  });

  it('does not cut an emoji in half when capping', () => {
    const query = parsed(`${'a'.repeat(MAX_QUERY_CHARS - 1)}😀 more`);
    expect(query.capped).toBe(true);
    expect(query.raw).toBe('a'.repeat(MAX_QUERY_CHARS - 1));
  });
});
