/**
 * A text read as the things it names rather than its exact words, so that a
 * question and a sentence that say the same thing in other words meet:
 * inflections share a stem (`negotiations` ~ `negotiating`, `hosted` ~
 * `host`), British and American spellings meet (`organisation` ~
 * `organization`), and a country's names, demonyms, codes and capital are one
 * concept (`South Korean` ~ `South Korea` ~ `ROK`; see aliases.ts).
 */
import { stemmer } from 'stemmer';
import { foldWord, indexTerm, splitWords } from '../text.ts';
import { aliasGroups, type AliasGroup } from './aliases.ts';

/** One thing a text names: a word's stem (`w:negoti`) or an alias group (`g:KOR`). */
export interface Concept {
  readonly key: string;
  /** The words of the text that name it, as written (`South`, `Korean`). */
  readonly words: readonly string[];
  /** Set for an alias group: its id (`KOR`). */
  readonly group: string | null;
}

/**
 * One spelling of British/American pairs, applied to both sides so they meet
 * (`organisation`/`organization`, `neighbour`/`neighbor`, `programme`/`program`).
 * Short words are left alone (`wise`, `rise`, `four`).
 */
export function americanSpelling(folded: string): string {
  if (folded.length < 6) return folded;
  return folded
    .replace(/is(e|ed|es|ing|ation|ations|er|ers)$/, 'iz$1')
    .replace(/our(s|ed|ing|able)?$/, 'or$1')
    .replace(/mme(s)?$/, 'm$1');
}

/** Keys already worked out: news reuses a small vocabulary, and stemming every word of every candidate sentence dominated a question's time. */
const KEY_CACHE = new Map<string, string>();
/** Bound on the cache (a few MB); it is cleared when full, which costs one slower question. */
const MAX_CACHED_KEYS = 100_000;

/** The form a word is compared in: folded, one spelling, stemmed (Porter). */
export function wordKey(word: string): string {
  let key = KEY_CACHE.get(word);
  if (key === undefined) {
    key = stemmer(americanSpelling(foldWord(word)));
    if (KEY_CACHE.size >= MAX_CACHED_KEYS) KEY_CACHE.clear();
    KEY_CACHE.set(word, key);
  }
  return key;
}

interface PhraseEntry {
  readonly group: string;
  /** The phrase's word count. */
  readonly length: number;
  /** A code or acronym: counts only when written in capitals. */
  readonly code: boolean;
  /** Written with a capital: in an article it counts only when capitalised (`China`, not `china` the porcelain). */
  readonly capitalised: boolean;
}

interface PhraseTable {
  /** By the key of the phrase's first word: its entries, longest first. */
  readonly byFirstWord: ReadonlyMap<string, readonly (PhraseEntry & { readonly keys: readonly string[] })[]>;
}

function buildPhraseTable(): PhraseTable {
  const byFirstWord = new Map<string, (PhraseEntry & { keys: string[] })[]>();
  const seen = new Set<string>();
  const add = (group: AliasGroup, name: string, code: boolean) => {
    const words = splitWords(name);
    if (words.length === 0) return;
    const keys = words.map(wordKey);
    const id = keys.join(' ');
    // A name two groups share (`Congo`) goes to the first: the package's order, then the hand list's additions.
    if (seen.has(`${code}:${id}`)) return;
    seen.add(`${code}:${id}`);
    const first = keys[0] as string;
    const entries = byFirstWord.get(first) ?? [];
    entries.push({ group: group.id, length: keys.length, code, capitalised: /^\p{Lu}/u.test(name), keys });
    byFirstWord.set(first, entries);
  };
  for (const group of aliasGroups()) {
    for (const name of group.names) add(group, name, false);
    for (const code of group.codes) add(group, code, true);
  }
  for (const entries of byFirstWord.values()) entries.sort((a, b) => b.length - a.length);
  return { byFirstWord };
}

/**
 * Built on first use (it takes a noticeable time: BENCHMARKS.md, "Figures
 * behind design choices"), not when the module loads: a warm start of the
 * corpus worker needs no answer before it is ready. The worker builds it
 * right after its index is ready ({@link prepareConcepts}), so no question waits for it.
 */
let table: ReturnType<typeof buildPhraseTable> | null = null;

/** Builds the table of names now, if it is not built yet. */
export function prepareConcepts(): void {
  table ??= buildPhraseTable();
}

const ALL_CAPITALS = /^\p{Lu}+$/u;
const CAPITALISED = /^\p{Lu}/u;

export interface ConceptOptions {
  /**
   * Match capitalised names only when capitalised in the text. On for
   * article sentences (edited text: `china` there is porcelain); off for
   * questions, which users type in lower case.
   */
  readonly caseSensitive: boolean;
}

/**
 * The concepts of `text`, in order: alias groups where a name of one is
 * written (longest name first), otherwise one concept per indexable word (stop
 * words and single letters dropped, as the index drops them).
 */
export function conceptsOf(text: string, options: ConceptOptions): Concept[] {
  table ??= buildPhraseTable();
  const { byFirstWord } = table;
  const words = splitWords(text);
  const keys = words.map(wordKey);
  const concepts: Concept[] = [];
  let i = 0;
  while (i < words.length) {
    const entries = byFirstWord.get(keys[i] as string);
    const entry = entries?.find((e) => {
      if (i + e.length > words.length) return false;
      for (let j = 1; j < e.length; j++) if (keys[i + j] !== e.keys[j]) return false;
      const written = words.slice(i, i + e.length);
      if (e.code) return written.every((w) => ALL_CAPITALS.test(w));
      return !options.caseSensitive || !e.capitalised || CAPITALISED.test(written[0] as string);
    });
    if (entry !== undefined) {
      concepts.push({ key: `g:${entry.group}`, words: words.slice(i, i + entry.length), group: entry.group });
      i += entry.length;
      continue;
    }
    const word = words[i] as string;
    if (indexTerm(word) !== null) concepts.push({ key: `w:${keys[i]}`, words: [word], group: null });
    i += 1;
  }
  return concepts;
}

/** The alias group with `id`, for the names a question's concept is searched by. */
export function aliasGroup(id: string): AliasGroup | undefined {
  return aliasGroups().find((g) => g.id === id);
}
