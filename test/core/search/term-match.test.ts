import { describe, expect, it } from 'vitest';
import { boundedEditDistance, mapToQueryTerms, queryTermFor } from '../../../src/core/search/term-match.ts';

describe('queryTermFor', () => {
  it('prefers exact, then prefix, then the closest typo', () => {
    expect(queryTermFor('capacity', ['capacity', 'capacty'])).toBe('capacity');
    expect(queryTermFor('sanctions', ['sanction'])).toBe('sanction');
    expect(queryTermFor('capacity', ['capacty'])).toBe('capacty');
    expect(queryTermFor('building', ['buildng', 'capacty'])).toBe('buildng');
  });

  it('answers none for terms the search options would not have expanded to', () => {
    // Prefix needs 4+ characters, fuzzy 5+.
    expect(queryTermFor('aid', ['ai'])).toBeNull();
    expect(queryTermFor('peri', ['peru'])).toBeNull();
    expect(queryTermFor('zambia', ['capacity'])).toBeNull();
  });

  it('maps a result’s index terms and drops strays', () => {
    expect(mapToQueryTerms(['sanctions', 'tiktok'], ['sanction'])).toEqual(new Map([['sanctions', 'sanction']]));
  });
});

describe('boundedEditDistance', () => {
  it('computes small distances and gives up beyond the bound', () => {
    expect(boundedEditDistance('capacty', 'capacity', 2)).toBe(1);
    expect(boundedEditDistance('sanction', 'action', 2)).toBe(2);
    expect(boundedEditDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedEditDistance('governance', 'cooperation', 2)).toBe(3);
  });
});
