/**
 * Plain data shared by the core (corpus, search, answers, digests) and the
 * Slack layer. Nothing here knows about Slack.
 */
import type { EventDate } from './dates/event-date.ts';

/**
 * How an article's date is known.
 * - `stated`: the date is written in the article text itself.
 * - `editorial`: the date was established by an editor from outside the text
 *   (front matter `date_editorial: true`); answers say so.
 * - `retrieved`: no publication date is known; the date is the day the
 *   article was fetched (front matter `date_basis: retrieved`); answers say so.
 */
export type DateKind = 'stated' | 'editorial' | 'retrieved';

/**
 * How an ingested article's date was established (front matter `date_basis`):
 * the page's metadata, the feed item, a date in the URL path, or `retrieved`:
 * no date was found, so the day it was fetched (then `dateKind` is
 * `retrieved` and answers never show it as a publication date).
 */
export type ArticleDateBasis = 'page' | 'feed' | 'url' | 'retrieved';

/** Everything about an article except its body: what rendering needs. */
export interface ArticleMeta {
  /** Stable id: the file name without its extension, e.g. `001_4a63fa4f0b33a94c`. */
  readonly id: string;
  /** File name relative to the corpus directory. */
  readonly file: string;
  readonly title: string;
  /** ISO `YYYY-MM-DD`, or null when unknown (shown as "date unknown", never guessed). */
  readonly date: string | null;
  /** Null when `date` is null. */
  readonly dateKind: DateKind | null;
  /** Publisher or origin, or null when unknown (shown as "source unknown"). */
  readonly source: string | null;
  readonly url: string | null;
  readonly tags: readonly string[];
  /** For ingested articles, how the date was established; absent or null for files written by hand. */
  readonly dateBasis?: ArticleDateBasis | null;
}

export interface Article extends ArticleMeta {
  /** The article text, without front matter or the `.txt` date line. */
  readonly body: string;
}

/** A file the loader refused, with the reason in words. */
export interface CorpusWarning {
  readonly file: string;
  readonly reason: string;
}

/** A run of text in an excerpt; `match` runs are the query's words (rendered bold). */
export interface TextSegment {
  readonly text: string;
  readonly match: boolean;
}

/** One sentence (or short passage) quoted from an article. */
export interface Excerpt {
  /** The sentence as in the article. */
  readonly text: string;
  /** `text` cut into runs, matched words marked; joining the runs gives `text`. */
  readonly segments: readonly TextSegment[];
}

export interface ArticleHit {
  readonly article: ArticleMeta;
  readonly score: number;
  /** One to three of the article's best-matching sentences, best first. */
  readonly excerpts: readonly Excerpt[];
  /** The other articles re-reporting the same story (near-duplicates/), earliest first; absent or empty when none. */
  readonly alsoReportedBy?: readonly ArticleMeta[];
}

/** Filters a search query may carry (`after:2024-01-01 before:2025-06 source:"Global Times"`). */
export interface SearchFilters {
  /** Inclusive lower bound, ISO `YYYY-MM-DD` (a month `2024-01` means its first day). */
  readonly after?: string;
  /** Exclusive upper bound, ISO `YYYY-MM-DD` (a month `2025-06` means its first day). */
  readonly before?: string;
  /** Case- and accent-insensitive substring of the article's source. */
  readonly source?: string;
}

/** A search query after parsing: free terms plus filters. */
export interface SearchQuery {
  /** The query as the user typed it (after capping to the maximum length). */
  readonly raw: string;
  /** The free-text part, filters removed. May be empty when only filters were given. */
  readonly terms: string;
  readonly filters: SearchFilters;
  /** True when the user's text was longer than the cap and was cut. */
  readonly capped: boolean;
}

/** One page of search results, grouped by article, best first. */
export interface SearchPage {
  readonly query: SearchQuery;
  readonly hits: readonly ArticleHit[];
  /** Position of `hits[0]` in the full ranked list (0 for the first page). */
  readonly offset: number;
  /** How many articles match in all. */
  readonly total: number;
  /** How many articles the corpus holds (for "3 of 5 articles"). */
  readonly corpusSize: number;
  /**
   * Non-null when articles matched only by very common words were ranked
   * among this many newest articles (passing the filters) and older ones left
   * out; `total` counts what was ranked. The user is told, and how to reach
   * older articles.
   */
  readonly rankedWithin: number | null;
}

/** A sentence quoted as an answer, with where it comes from. */
export interface QuotedSentence {
  readonly article: ArticleMeta;
  readonly excerpt: Excerpt;
}

/** What kind of fact a question asks for; decides which sentences are preferred. */
export type QuestionKind = 'when' | 'how-many' | 'who' | 'where' | 'other';

/**
 * How sure the answer is. `answer`: the sentence covers the question well
 * enough to be presented as the answer. `closest`: the best the corpus has,
 * but weak (find-answer.ts, STRONG_ANSWER_COVERAGE): shown as "the closest
 * passage I found", not as the answer.
 */
export type AnswerStrength = 'answer' | 'closest';

/** The answer to an @-mention question. */
export interface Answer {
  readonly question: string;
  readonly kind: QuestionKind;
  readonly strength: AnswerStrength;
  readonly best: QuotedSentence;
  /**
   * For a "when" question: the date the quoted sentence states (resolved
   * against its article's date, at the precision the text gives); null when
   * the question is not a "when" question or the sentence states no date.
   */
  readonly eventDate: EventDate | null;
  /** Up to two sentences from other articles that support the answer. */
  readonly supporting: readonly QuotedSentence[];
  /** The other articles re-reporting the story `best` is quoted from (it cites the earliest); absent or empty when none. */
  readonly alsoReportedBy?: readonly ArticleMeta[];
}
