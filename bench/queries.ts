/**
 * The benchmark's queries, drawn from the generated articles themselves so
 * they match something at every corpus size (article n is the same in every
 * corpus). Every engine gets the same queries.
 */
import { generateArticles } from './generate-corpus.ts';
import { seededRandom } from './generate-corpus.ts';

export type QueryKind = 'exact' | 'prefix' | 'typo' | 'common' | 'rare' | 'pathological';

export const QUERY_KINDS: readonly QueryKind[] = ['exact', 'prefix', 'typo', 'common', 'rare', 'pathological'];

export interface QuerySet {
  readonly search: Readonly<Record<QueryKind, readonly string[]>>;
  /** @-mention questions, for the quick-fact path. */
  readonly questions: readonly string[];
}

/** Common words of the domain: each is in a large share of the articles. */
const COMMON = ['ai governance', 'artificial intelligence', 'international cooperation', 'safety', 'government regulation', 'ai', 'model risk', 'countries development'];

/** Queries found costly for MiniSearch at scale: possessives, short prefixes, pasted paragraphs, stop words only
 * (BENCHMARKS.md, "What is measured"; src/core/search/index-options.ts says why each is guarded). */
const PATHOLOGICAL = [
  "government's ai",
  "china's minister's",
  'a i s t',
  'the of and to in',
  'ai ai ai ai ai ai',
  'internationa cooperatio governanc regulatio',
];

function typo(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const letters = 'aeioulnrst';
  let replacement = letters[Math.floor(random() * letters.length)] as string;
  if (replacement === word[at]) replacement = 'x';
  return word.slice(0, at) + replacement + word.slice(at + 1);
}

/** `perKind` queries of each kind, from the first articles of the generated corpus (at most `corpusSize`). */
export function buildQueries(corpusSize: number, perKind: number): QuerySet {
  const random = seededRandom(42);
  const sources = [...generateArticles(Math.min(corpusSize, Math.max(perKind, 50)))];
  const at = (i: number) => sources[i % sources.length]!;
  const lower = (w: string) => w.toLowerCase();
  const longTopic = (i: number, min: number) => at(i).topics.map(lower).find((t) => t.length >= min && /^[a-z]+$/.test(t));
  const exact: string[] = [];
  const prefix: string[] = [];
  const typos: string[] = [];
  const rare: string[] = [];
  const questions: string[] = [];
  for (let i = 0; exact.length < perKind; i++) {
    const a = at(i);
    const [t1, t2] = a.topics;
    exact.push(`${t1} ${t2}`);
    const long = longTopic(i, 7) ?? longTopic(i, 5) ?? lower(a.entities[0] ?? 'governance');
    prefix.push(long.slice(0, Math.max(4, Math.min(6, long.length - 2))));
    typos.push(typo(longTopic(i, 6) ?? 'governance', random));
    rare.push(lower(a.entities[i % a.entities.length] ?? 'zzz'));
    questions.push(`<@UBOT> what did ${a.entities[0]} say about ${t1} and ${t2}?`);
  }
  const cycle = (items: readonly string[]) => Array.from({ length: perKind }, (_, i) => items[i % items.length] as string);
  return {
    search: {
      exact,
      prefix,
      typo: typos,
      common: cycle(COMMON),
      rare,
      pathological: [...cycle(PATHOLOGICAL).slice(0, perKind - 1), `${'capacity building international cooperation '.repeat(12)}`],
    },
    questions,
  };
}
