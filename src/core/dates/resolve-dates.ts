/**
 * Resolves the date expressions of one sentence to the calendar, relative to
 * its article's date, the way news is read (DATES-NOTES.md).
 *
 * INTERIM: the contract only; it finds no dates yet. The dates work replaces
 * this body (chrono-node plus the news rules) without changing the signature.
 */
import type { EventDate } from './event-date.ts';

/** The article facts a sentence's dates are resolved against. */
export interface DateContext {
  /** The article's date, `YYYY-MM-DD`, or null when unknown (then only dates whose year is written resolve). */
  readonly articleDate: string | null;
  /** True when the article's date is editorial: dates worked out from it are `derived`. */
  readonly articleDateEditorial: boolean;
}

/** Every date expression of `sentence`, in order of appearance. */
export function resolveEventDates(sentence: string, context: DateContext): EventDate[] {
  void sentence;
  void context;
  return [];
}
