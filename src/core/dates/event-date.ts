/**
 * A date expression found in a sentence and resolved to the calendar, the way
 * news is read (relative to the article's date; see README "Timelines and
 * event dates"). Resolved
 * once when the article is indexed and kept with the sentence, so search,
 * answers, timelines and digests read the same facts.
 */

/**
 * A calendar date at its precision, in ISO form: `2025` (a year), `2025-05`
 * (a month) or `2025-05-12` (a day). Never more precise than the text says.
 */
export type PartialIsoDate = string;

export interface EventDate {
  /** The expression as written in the sentence, e.g. `on Monday`, `July 26 to 28`. */
  readonly expression: string;
  /** Offset of `expression` in the sentence text (UTF-16 code units). */
  readonly index: number;
  /** The first (or only) day, month or year. */
  readonly start: PartialIsoDate;
  /** The last day, month or year of a range ("July 26 to 28" → `2025-07-28`); null when not a range. */
  readonly end: PartialIsoDate | null;
  /**
   * `text`: the sentence states the year itself ("September 25, 2024").
   * `article-date`: worked out from the article's date ("on Monday", "last May").
   */
  readonly anchor: 'text' | 'article-date';
  /**
   * True when the date was worked out from an article date that is itself
   * editorial (established outside the text): answers must say the date is
   * derived, not stated.
   */
  readonly derived: boolean;
}

/**
 * One sentence of an indexed article with the dates it states, as search,
 * answers, timelines and digests read it (`CorpusIndex.sentencesOf`). How the
 * sentences are stored between indexing and reading is the index's business.
 */
export interface DatedSentence {
  /** Position of the sentence in its article (0 for the first). */
  readonly position: number;
  /** The sentence as quoted (white space folded). */
  readonly text: string;
  readonly dates: readonly EventDate[];
}
