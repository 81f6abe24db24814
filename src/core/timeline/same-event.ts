/**
 * When two dated sentences from different articles report the same event:
 * the same dates (start and end, so the same precision) and key terms in
 * common. Key terms are the sentence's index terms (folded, stop words out)
 * without the words of dates themselves, which the dates already compare, and
 * without the topic's own words, which every sentence of the timeline may share.
 * Two sentences share an event when they have at least MIN_SHARED_TERMS key
 * terms in common and those make at least MIN_SHARED_SHARE of the shorter
 * sentence's key terms: "the workshop opened in Beijing on Monday" and "the
 * second AI capacity-building workshop opened on Monday in Beijing" merge,
 * two unrelated meetings held the same day do not.
 */
import { indexTerms } from '../text.ts';

export const MIN_SHARED_TERMS = 2;
export const MIN_SHARED_SHARE = 0.3;

const DATE_WORDS = new Set([
  ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  ...['yesterday', 'today', 'tomorrow', 'week', 'month', 'year', 'last', 'next', 'said', 'local', 'time'],
]);

/** The key terms of a sentence (no numbers, no date words, none of `topic`'s terms). */
export function keyTerms(sentence: string, topic: ReadonlySet<string> = new Set()): ReadonlySet<string> {
  return new Set(indexTerms(sentence).filter((term) => !DATE_WORDS.has(term) && !topic.has(term) && !/^\d+$/.test(term)));
}

/** True when two sentences' key terms say they report the same event. */
export function sameEvent(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared >= MIN_SHARED_TERMS && shared >= MIN_SHARED_SHARE * Math.min(a.size, b.size);
}
