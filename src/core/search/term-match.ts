/**
 * Which query term an index term answers. MiniSearch reports the document
 * terms that matched (`capacity` for the typo `capacty`, `sanctions` for the
 * prefix `sanction`) but not which query term each one came from; sentence
 * scoring needs that, so that two expansions of one query term count once.
 */
import { allowedEditDistance, MIN_PREFIX_LENGTH } from './index-options.ts';

/** Levenshtein distance, giving up (returning `max + 1`) once it must exceed `max`. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/**
 * The query term that `indexTerm` answers, preferring an exact match, then a
 * prefix expansion, then the closest typo; null when it answers none (the
 * caller got it from somewhere else).
 */
export function queryTermFor(indexTerm: string, queryTerms: readonly string[]): string | null {
  if (queryTerms.includes(indexTerm)) return indexTerm;
  const prefixOf = queryTerms.find((q) => q.length >= MIN_PREFIX_LENGTH && indexTerm.startsWith(q));
  if (prefixOf !== undefined) return prefixOf;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const q of queryTerms) {
    const max = allowedEditDistance(q);
    if (max === 0) continue;
    const distance = boundedEditDistance(q, indexTerm, max);
    if (distance <= max && distance < bestDistance) {
      best = q;
      bestDistance = distance;
    }
  }
  return best;
}

/** Maps each matched index term to the query term it answers, dropping any that answer none. */
export function mapToQueryTerms(indexTerms: readonly string[], queryTerms: readonly string[]): Map<string, string> {
  const mapping = new Map<string, string>();
  for (const term of indexTerms) {
    const query = queryTermFor(term, queryTerms);
    if (query !== null) mapping.set(term, query);
  }
  return mapping;
}
