/**
 * The tense a date expression is read in, after HeidelTime's
 * `ContextAnalyzer.getLastTense`: the tense marker nearest before the
 * expression decides (or, with none before, the nearest after); with no marker
 * at all, the sentence is read in the present ("runs until 31 July"), which
 * the rules treat as the article's own time. The markers are future phrases
 * and the past forms that outweigh them when nearer.
 */

export type Tense = 'past' | 'present' | 'future';

/** Phrases that put what follows in the future ("will take place", "is expected to", "ahead of"). */
const FUTURE_MARKERS =
  /\b(?:(?:will|won't|would|shall)(?:\s+(?:not|also|then|be|have|been))*(?:\s+[a-z]+)?|(?:is|are|was|were|be)\s+(?:expected|scheduled|set|due|slated|planned|going|poised|about|to\s+be\s+\w+ed)\s+to|(?:is|are)\s+to|plans?\s+to|planning\s+to|intends?\s+to|aims?\s+to|to\s+be\s+held|(?:scheduled|planned|set|slated|due)\s+(?:for|on|in)|upcoming|forthcoming|ahead\s+of|in\s+the\s+coming)\b|\w'll(?:\s+[a-z]+)?\b/gi;

/** Past forms: auxiliaries, common irregular verbs of news, and lower-case `-ed` words. */
const PAST_MARKERS =
  /\b(?:was|were|had|did|has\s+been|have\s+been|ago|said|held|met|took|made|began|gave|told|came|went|spoke|wrote|led|won|sent|brought|fell|rose|grew|saw|left|struck|became|chose|drew|fought|found|flew|got|heard|kept|knew|lost|meant|paid|ran|sat|sold|sought|spent|stood|taught|thought|threw|understood|withdrew|broke|bought|built|caught|felt|[a-z]{2,}ed)\b/g;

/** `-ed` words that are not past forms. */
const NOT_PAST = new Set(['need', 'indeed', 'speed', 'proceed', 'exceed', 'succeed', 'feed', 'seed', 'shed', 'breed', 'embed', 'bleed', 'heed', 'greed', 'weed']);

interface Marker {
  readonly start: number;
  readonly end: number;
  readonly tense: Tense;
}

function markers(sentence: string): Marker[] {
  const found: Marker[] = [];
  for (const match of sentence.matchAll(FUTURE_MARKERS)) {
    found.push({ start: match.index, end: match.index + match[0].length, tense: 'future' });
  }
  for (const match of sentence.matchAll(PAST_MARKERS)) {
    const start = match.index;
    const end = start + match[0].length;
    if (NOT_PAST.has(match[0])) continue;
    // A past form inside a future phrase ("is scheduled to") belongs to the phrase.
    if (found.some((marker) => marker.tense === 'future' && marker.start <= start && end <= marker.end)) continue;
    found.push({ start, end, tense: 'past' });
  }
  return found;
}

/**
 * The tense of the expression at `[index, index + length)` in `sentence`:
 * the nearest marker before it, else the nearest after it, else present.
 */
export function tenseAt(sentence: string, index: number, length = 0): Tense {
  let before: Marker | null = null;
  let after: Marker | null = null;
  for (const marker of markers(sentence)) {
    if (marker.end <= index) {
      if (before === null || marker.end > before.end) before = marker;
    } else if (marker.start >= index + length) {
      if (after === null || marker.start < after.start) after = marker;
    }
  }
  return (before ?? after)?.tense ?? 'present';
}
