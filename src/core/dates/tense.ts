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
  /\b(?:(?:will|won't|would|shall)(?:\s+(?:not|also|then|still|soon|likely|probably|only|just|never|again|now|be|have|been|being))*(?:\s+[a-z]+)?|(?:is|are|was|were|be)\s+(?:expected|scheduled|set|due|slated|planned|going|poised|about|to\s+be\s+\w+ed)\s+to|(?:is|are)\s+to|(?:planned|plans?|planning)|(?:intends?|intended|aims?|aimed|hopes?|hoped|wants?|wanted|expects?|expected|agreed|promised|vowed|threatened|prepared|preparing|ready)\s+to|to\s+be\s+held|(?:scheduled|planned|set|slated|due)\s+(?:for|on|in)|upcoming|forthcoming|ahead\s+of|in\s+the\s+coming|as\s+(?:soon|early)\s+as|no\s+later\s+than|deadline)\b|\w'll(?:\s+[a-z]+)?\b/gi;

/**
 * The present passive ("the case is heard in May", "talks are held on
 * Monday"): the participle in it is no past form.
 */
const PRESENT_MARKERS = /\b(?:is|are|am)\s+(?:being\s+)?(?:[a-z]{2,}ed|heard|held|made|seen|given|taken|done|known|shown|told|sent|kept|built|brought|set)\b/gi;

/** Past forms: auxiliaries, common irregular verbs of news, and lower-case `-ed` words. */
const PAST_MARKERS =
  /\b(?:was|were|had|did|has\s+been|have\s+been|ago|said|held|met|took|made|began|gave|told|came|went|spoke|wrote|led|won|sent|brought|fell|rose|grew|saw|left|struck|became|chose|drew|fought|found|flew|got|heard|kept|knew|lost|meant|paid|ran|sat|sold|sought|spent|stood|taught|thought|threw|understood|withdrew|broke|bought|built|caught|felt|[a-z]{2,}ed)\b/g;

/** `-ed` words that are not past forms. */
const NOT_PAST = new Set(['need', 'indeed', 'speed', 'proceed', 'exceed', 'succeed', 'feed', 'seed', 'shed', 'breed', 'embed', 'bleed', 'heed', 'greed', 'weed']);

interface Marker {
  readonly start: number;
  readonly end: number;
  readonly tense: Tense;
  /**
   * The tense when the marker follows the expression: a future phrase led by
   * a past form ("Clinton Saturday vowed to…", "was about to") tells of the
   * vowing, which is past; what it points ahead to comes after it.
   */
  readonly tenseAfter: Tense;
}

const PAST_LEAD = /^(?:was|were|[a-z]{2,}ed)\b/i;

function markers(sentence: string): Marker[] {
  const found: Marker[] = [];
  for (const match of sentence.matchAll(FUTURE_MARKERS)) {
    found.push({ start: match.index, end: match.index + match[0].length, tense: 'future', tenseAfter: PAST_LEAD.test(match[0]) ? 'past' : 'future' });
  }
  for (const match of sentence.matchAll(PRESENT_MARKERS)) {
    const start = match.index;
    const end = start + match[0].length;
    if (found.some((marker) => marker.start <= start && end <= marker.end)) continue;
    found.push({ start, end, tense: 'present', tenseAfter: 'present' });
  }
  for (const match of sentence.matchAll(PAST_MARKERS)) {
    const start = match.index;
    const end = start + match[0].length;
    if (NOT_PAST.has(match[0])) continue;
    // A past form inside a future or present phrase ("is scheduled to", "is heard") belongs to the phrase.
    if (found.some((marker) => marker.start <= start && end <= marker.end)) continue;
    found.push({ start, end, tense: 'past', tenseAfter: 'past' });
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
  if (after === null) return before?.tense ?? 'present';
  if (before === null) return after.tenseAfter;
  // The verb nearer the expression governs it ("after a court Thursday refused", far from an earlier "will").
  return after.start - (index + length) < index - before.end ? after.tenseAfter : before.tense;
}
