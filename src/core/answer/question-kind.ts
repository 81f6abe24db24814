/**
 * What kind of fact a question asks for, and whether a sentence looks like it
 * holds that kind of fact. Plain patterns over English news text: they only
 * break ties between sentences that match the question's words equally.
 */
import type { QuestionKind } from '../types.ts';

/** Question openers per kind. The one that appears first in the question decides. */
const KIND_PATTERNS: readonly (readonly [Exclude<QuestionKind, 'other'>, RegExp])[] = [
  ['when', /\b(?:when|what (?:date|year|day|month|time)|which (?:date|year|day|month)|in what year|since when|how long ago)\b/i],
  ['how-many', /\b(?:how (?:many|much)|what number of)\b/i],
  ['where', /\b(?:where|in (?:which|what) (?:city|country|place|venue)|what (?:city|place|venue))\b/i],
  ['who', /\b(?:who|whom|whose|which (?:countries|country|person|people|minister|official|officials|leader|leaders))\b/i],
];

/**
 * Classifies a question by its first question phrase: `when …`, `what year …`
 * → when; `how many/much …` → how-many; `who …` → who; `where …` → where;
 * anything else → other.
 */
export function classifyQuestion(question: string): QuestionKind {
  let kind: QuestionKind = 'other';
  let earliest = Infinity;
  for (const [candidate, pattern] of KIND_PATTERNS) {
    const match = pattern.exec(question);
    if (match !== null && match.index < earliest) {
      kind = candidate;
      earliest = match.index;
    }
  }
  return kind;
}

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

/** Dates: `July 26 to 28`, `September 25, 2024`, `on Tuesday`, `2025-05-13`, a year, `last week`. */
const DATE_CUES: readonly RegExp[] = [
  new RegExp(`\\b${MONTH}\\.?\\s+\\d{1,2}\\b`),
  new RegExp(`\\b\\d{1,2}\\s+${MONTH}\\b`),
  new RegExp(`\\b(?:in|since|by|until|from|of)\\s+${MONTH}\\b`),
  new RegExp(`\\b${WEEKDAY}\\b`),
  /\b\d{4}-\d{2}-\d{2}\b/,
  /\b(?:1[89]|20)\d{2}\b/,
  /\b(?:yesterday|today|tomorrow|(?:last|next|this) (?:week|month|year))\b/i,
];

const NUMBER_WORDS =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?)\b/i;

/**
 * How strongly a sentence states a count: 1 for digits that are a count or an
 * amount (not a year, not the day after a month name), 0.5 for a spelled-out
 * number, 0 for none. Spelled-out numbers are weaker evidence ("one of the",
 * "Group of Seven"), and a count in digits is the more precise answer.
 */
function countStrength(sentence: string, known: ReadonlySet<string> = new Set()): number {
  for (const match of sentence.matchAll(/\d+(?:[.,]\d+)*/g)) {
    const digits = match[0];
    if (/^(?:1[89]|20)\d{2}$/.test(digits) || known.has(digits)) continue;
    const before = sentence.slice(Math.max(0, match.index - 12), match.index);
    if (new RegExp(`${MONTH}\\.?\\s+$`).test(before)) continue;
    // The second day of a range ("July 26 to 28") is a date too.
    const wider = sentence.slice(Math.max(0, match.index - 24), match.index);
    if (new RegExp(`${MONTH}\\.?\\s+\\d{1,2}\\s*(?:to|and|-|–)\\s*$`).test(wider)) continue;
    return 1;
  }
  const spelled = NUMBER_WORDS.exec(sentence);
  return spelled !== null && !known.has(spelled[0].toLowerCase()) ? 0.5 : 0;
}

const TITLES =
  /\b(?:President|Prime Minister|Premier|Minister|Secretary|Secretary-General|[Ss]pokes(?:person|man|woman)|Ambassador|Chancellor|Chair(?:man|woman)?|CEO|Director|[Rr]epresentatives?|Senator|Governor|Mayor|Commissioner|[Ee]nvoy|[Oo]fficials?)\b/;

/** A run of two or more capitalised words (`Wang Yi`, `Antony Blinken`), not counting the sentence's first word. */
const NAME = /(?<=\S\s+)\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)+/u;

/** An agent after `by`: `co-hosted by China and Zambia`. */
const BY_AGENT = /\bby\s+(?:the\s+)?\p{Lu}/u;

function hasPerson(sentence: string): boolean {
  return TITLES.test(sentence) || NAME.test(sentence) || BY_AGENT.test(sentence);
}

/** Not places although capitalised after "in"/"at". */
const NOT_PLACES = new RegExp(`^(?:${MONTH}|${WEEKDAY}|The|This|That|Its|His|Her|Their)$`);
const PLACE_WORDS = /\b(?:[Hh]eadquarters|[Cc]ity|[Cc]apital|[Pp]rovince|[Vv]enue|[Rr]egion)\b/;

function hasPlace(sentence: string): boolean {
  for (const match of sentence.matchAll(/\b(?:in|at|near)\s+(?:the\s+)?(\p{Lu}[\p{L}-]+)/gu)) {
    if (match[1] !== undefined && !NOT_PLACES.test(match[1])) return true;
  }
  return PLACE_WORDS.test(sentence);
}

/** What the asker already said: a sentence repeating it does not answer anything new. */
export interface AlreadyAsked {
  /** Concept keys of the question (concepts.ts) with their weights: a name whose every word is among them is not news. */
  readonly concepts: ReadonlyMap<string, number>;
  /** The question's numbers as written (`2025`, `ten`). */
  readonly numbers: ReadonlySet<string>;
  /** The question's own date expressions ("in December 2023"). */
  readonly dateExpressions: readonly string[];
}

/** A capitalised run (`South Korean Foreign Minister Park Jin`, `Zambia`), not counting the sentence's first word. */
const CAPITALISED_RUN = /(?<=\S\s+)\p{Lu}[\p{L}'’.-]*(?:\s+(?:of\s+|the\s+)?\p{Lu}[\p{L}'’.-]*)*/gu;

/** The strength of a fresh name alone; the rest comes from the question's words around it. */
const NAME_BASE = 0.5;
/** The strength of a fresh name after "in", "at" or "near" for "where". */
const PLACE_BASE = 0.8;
/** Added for "who" when the name carries a title (`Minister`, `spokesperson`). */
const TITLE_BONUS = 0.2;

/** A count of something: digits other than a year, or a spelled-out number. */
const COUNT_WORD = new RegExp(`^(?:\\d+(?:[.,]\\d+)*|${NUMBER_WORDS.source.replace(/^\\b|\\b$/g, '')})$`, 'i');
const YEAR = /^(?:1[89]|20)\d{2}$/;

/** A count stands at most this many words before what it counts ("13 feasible actions"). */
const COUNTED_REACH = 3;

/**
 * True when the sentence (its `words`) states a count of what the question counts: a number
 * standing just before a word of the question's focus ("how many *actions*":
 * "proposes 13 feasible actions"), not one counting something else ("five
 * major visions"). `keyOf` reads a word as a concept key (concepts.ts).
 */
export function countsFocus(words: readonly string[], focus: ReadonlySet<string>, known: ReadonlySet<string>, keyOf: (word: string) => string): boolean {
  if (focus.size === 0) return false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!COUNT_WORD.test(word) || YEAR.test(word) || known.has(word.toLowerCase())) continue;
    for (let j = i + 1; j <= i + COUNTED_REACH && j < words.length; j++) if (focus.has(keyOf(words[j] as string))) return true;
  }
  return false;
}

/** The numbers of a text as written: digits and spelled-out counts. */
export function numbersIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\d+(?:[.,]\d+)*/g)) found.add(m[0]);
  for (const m of text.matchAll(new RegExp(NUMBER_WORDS.source, 'gi'))) found.add(m[0].toLowerCase());
  return found;
}

/**
 * How strongly `sentence` holds an answer of the asked kind that the question
 * does not already contain, from 0 to 1: a name the question lacks for
 * "who" (1 when the name comes with words of the question, as in "South
 * Korean Foreign Minister Park Jin" for "South Korea's foreign minister"),
 * a place for "where", a count for "how many", a date for "when" (the
 * sentence's resolved dates, or date-like words while none are resolved).
 * `conceptKeys` reads a run of words as concept keys (concepts.ts).
 */
export function newAnswerStrength(
  kind: QuestionKind,
  sentence: { readonly text: string; readonly dates: readonly { readonly expression: string }[] },
  asked: AlreadyAsked,
  conceptKeys: (words: string) => readonly string[],
): number {
  const text = sentence.text;
  switch (kind) {
    case 'when': {
      const fresh = sentence.dates.filter((d) => !asked.dateExpressions.some((e) => e.includes(d.expression) || d.expression.includes(e)));
      if (fresh.length > 0) return 1;
      return sentence.dates.length === 0 && DATE_CUES.some((cue) => cue.test(text)) ? 1 : 0;
    }
    case 'how-many':
      return countStrength(text, asked.numbers);
    case 'who':
    case 'where': {
      if (kind === 'where' && !hasPlace(text)) return 0;
      const totalWeight = [...asked.concepts.values()].reduce((a, b) => a + b, 0) || 1;
      let best = 0;
      for (const match of text.matchAll(CAPITALISED_RUN)) {
        // A full stop ends the sentence, not the name ("on Monday.").
        const run = match[0].replace(/[.'’-]+$/, '');
        if (NOT_PLACES.test(run)) continue;
        // "in Nairobi" is a place, not who; a title ("Foreign Minister Jane Doe") marks a person.
        const place = /\b(?:in|at|near)\s+(?:the\s+)?$/.test(text.slice(Math.max(0, match.index - 10), match.index));
        if (kind === 'who' && place) continue;
        const keys = conceptKeys(run);
        const fresh = keys.filter((k) => !asked.concepts.has(k));
        if (fresh.length === 0) continue;
        // A name that comes with the question's words ("South Korean Foreign Minister Park Jin" for "South Korea's
        // foreign minister") answers it more surely than a name elsewhere in the sentence.
        const alongside = [...new Set(keys)].reduce((sum, k) => sum + (asked.concepts.get(k) ?? 0), 0);
        const titled = kind === 'who' && TITLES.test(run) ? TITLE_BONUS : 0;
        // For "where", a name after "in/at/near" is a place, which is what was asked: surer than a name elsewhere.
        const base = kind === 'where' && place ? PLACE_BASE : NAME_BASE;
        // The title closes part of the gap left, so it never saturates a name that holds less of the question.
        const held = base + (1 - base) * Math.min(1, alongside / totalWeight);
        best = Math.max(best, held + titled * (1 - held));
      }
      if (best > 0) return best;
      // A title alone ("the spokesperson said") hints at a person; a place word ("its headquarters") at a place.
      if (kind === 'who') return TITLES.test(text) || BY_AGENT.test(text) ? 0.25 : 0;
      return PLACE_WORDS.test(text) ? 0.5 : 0;
    }
    case 'other':
      return 0;
  }
}
