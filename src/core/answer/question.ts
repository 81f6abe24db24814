/**
 * A question read for answering: what it is about (its concepts: stems and
 * alias groups, see concepts.ts), the period it names, and the search that
 * finds candidate articles, each concept searched by all its forms.
 */
import type { Query } from 'minisearch';
import type { EventDate } from '../dates/event-date.ts';
import type { DateContext } from '../dates/resolve-dates.ts';
import type { ExpandedQuery } from '../search/corpus-index.ts';
import { MAX_QUERY_TERMS } from '../search/index-options.ts';
import { indexTerm, indexTerms } from '../text.ts';
import { aliasGroup, conceptsOf, type Concept } from './concepts.ts';
import { daySpanOf, type DaySpan } from './period.ts';

/**
 * Words that shape a question but are not what it is about; stop words are
 * dropped as well. `city`, `place`, `venue` name the kind of answer ("which
 * city hosted…"), which the sentence states without the word ("held in Busan").
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set([
  'many', 'much', 'date', 'dates', 'year', 'day', 'month', 'time', 'tell', 'please', 'know', 'anyone', 'someone', 'ago', 'since',
  'city', 'place', 'venue', 'location',
]);

/**
 * The question word and its auxiliary, after which the focus starts. Only
 * "which/what/who" name what they ask about; after "where/when/how many"
 * comes the scene, not the answer's subject.
 */
const FOCUS_OPENER = /\b(?:which|what|who|whom|whose)(?:\s+(?:is|are|was|were|did|does|do|will|would|could|should|has|have|had))?\s+(?:the\s+)?/i;

/** The focus is read from this many words after the opener (its concepts only). */
const FOCUS_WORDS = 4;

/**
 * "How many actions does the plan have": what is counted is the focus, the
 * words after "how many / how much" up to the verb; the rest is the scene.
 */
const COUNTED_FOCUS = /\bhow\s+(?:many|much)\s+(.*?)(?=\s+(?:is|are|was|were|did|does|do|will|would|could|should|has|have|had|can)\b|[?.!]|$)/i;

/** Slack mention and link markup (`<@U123>`, `<!channel>`), in case the caller left it in. */
const SLACK_MARKUP = /<[@!#][^>]*>/g;

/** Resolves the dates of a text; resolve-dates.ts's resolveEventDates, or a stand-in in tests. */
export type ResolveDates = (text: string, context: DateContext) => EventDate[];

export interface ReadQuestion {
  /** The question without Slack markup. */
  readonly text: string;
  /** What it is about, each concept once, in order (question words and the period left out). */
  readonly concepts: readonly Concept[];
  /**
   * Keys of its focus: the first concepts after the question word ("which
   * *Indonesian minister* attended…", "who was *South Korea's foreign minister*"),
   * what the answer must be about rather than the scene around it.
   */
  readonly focus: ReadonlySet<string>;
  /** The periods it names ("in December 2023"), as day spans; empty when it names none. */
  readonly periods: readonly DaySpan[];
  /** The expressions of those periods, as written (a sentence's date matching one is not news to the asker). */
  readonly periodExpressions: readonly string[];
}

/**
 * Reads `asked`: the periods it names are resolved against `today` (the day
 * it is asked) and taken out of the words to search, since articles rarely
 * repeat "last year"; what is left is read as concepts.
 */
export function readQuestion(asked: string, today: string, resolveDates: ResolveDates): ReadQuestion {
  const text = asked.replace(SLACK_MARKUP, ' ');
  const dates = resolveDates(text, { articleDate: today, articleDateEditorial: false });
  let withoutPeriods = text;
  // From the last to the first, so earlier offsets stay right.
  for (const date of [...dates].sort((a, b) => b.index - a.index)) {
    if (text.slice(date.index, date.index + date.expression.length) !== date.expression) continue;
    withoutPeriods = `${withoutPeriods.slice(0, date.index)} ${withoutPeriods.slice(date.index + date.expression.length)}`;
  }
  const seen = new Set<string>();
  const concepts = conceptsOf(withoutPeriods, { caseSensitive: false }).filter((concept) => {
    const term = concept.group === null ? indexTerm(concept.words[0] as string) : null;
    if (term !== null && QUESTION_WORDS.has(term)) return false;
    if (seen.has(concept.key)) return false;
    seen.add(concept.key);
    return true;
  });
  const opener = FOCUS_OPENER.exec(withoutPeriods);
  const counted = COUNTED_FOCUS.exec(withoutPeriods);
  const focusText =
    opener !== null
      ? withoutPeriods.slice(opener.index + opener[0].length).split(/\s+/).slice(0, FOCUS_WORDS).join(' ')
      : (counted?.[1] ?? '').split(/\s+/).slice(0, FOCUS_WORDS).join(' ');
  const focus = new Set(conceptsOf(focusText, { caseSensitive: false }).map((c) => c.key).filter((k) => seen.has(k)));
  return {
    text,
    concepts: concepts.slice(0, MAX_QUERY_TERMS),
    focus,
    periods: dates.map(daySpanOf),
    periodExpressions: dates.map((d) => d.expression),
  };
}

/** A name of several words must match as all of them (`south korea`, not any `south`). */
function phrase(name: string): Query {
  return indexTerms(name).length > 1 ? { combineWith: 'AND', queries: [name] } : name;
}

/**
 * The search for a question's candidate articles: each concept as the words
 * written, OR'ed with its other forms (an alias group's everyday names and
 * demonyms). Only the written words are typo-tolerant: fuzzy matching
 * every form would multiply the work.
 */
export function questionQuery(question: ReadQuestion): ExpandedQuery {
  const terms: string[] = [];
  const parts: Query[] = [];
  for (const concept of question.concepts) {
    const written = concept.words.join(' ');
    terms.push(...indexTerms(written));
    const forms = new Set<string>();
    // A word is searched as written (prefix-matched from 4 letters, as search does); its stem is not
    // searched: prefix walks of every stem multiplied a 10k-article question's p99 (BENCHMARKS.md, "Watches",
    // last paragraph, and "Figures behind design choices").
    // Stems still decide which sentence answers (find-answer.ts).
    if (concept.group !== null) {
      for (const name of aliasGroup(concept.group)?.searched ?? []) forms.add(name);
    }
    forms.delete(written);
    const own = phrase(written);
    parts.push(forms.size === 0 ? own : { combineWith: 'OR', queries: [own, { combineWith: 'OR', fuzzy: false, queries: [...forms].map(phrase) }] });
  }
  return { terms: [...new Set(terms)].slice(0, MAX_QUERY_TERMS), parts };
}
