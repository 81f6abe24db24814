/**
 * Names that mean the same thing in a question and in an article: a country's
 * name, official name, other spellings, demonyms, codes and capital ("South
 * Korean", "ROK", "Republic of Korea", "Seoul" all mean South Korea), and a
 * few organisations. Countries come from the `world-countries` package
 * (mledoze/countries), not a hand list; only what it lacks is listed here.
 */
import { createRequire } from 'node:module';
import type { Countries, Country } from 'world-countries';

/** One thing with its names, each name as written (`People's Republic of China`). */
export interface AliasGroup {
  /** Stable key: the country's ISO alpha-3 code (`KOR`) or the organisation's short name (`UN`). */
  readonly id: string;
  /**
   * Every name that counts as the group when met in a text. Names in
   * `codes` count only when written in capitals (`US` is not `us`).
   */
  readonly names: readonly string[];
  /** Codes and acronyms (`UK`, `ROK`, `US`): matched only when written in capitals. */
  readonly codes: readonly string[];
  /**
   * The few names searched for when a question names the group: its
   * everyday names and demonyms. Official names, other spellings and capitals
   * only help choose the sentence; searching all of them would multiply the
   * work of a question for little gain.
   */
  readonly searched: readonly string[];
}

/**
 * What `world-countries` lacks: organisations, and short forms that news
 * uses but the package does not list (it has `KR` and `Republic of Korea`,
 * not `ROK`; `CN` and `People's Republic of China`, not `PRC`). Kept short on
 * purpose: every entry is a name news text uses for the same thing.
 */
const HAND_ALIASES: readonly AliasGroup[] = [
  { id: 'UN', names: ['United Nations', 'U.N.'], codes: ['UN', 'U.N.'], searched: ['United Nations', 'UN'] },
  { id: 'EU', names: ['European Union'], codes: ['EU'], searched: ['European Union', 'EU'] },
  { id: 'AI', names: ['artificial intelligence', 'AI'], codes: [], searched: ['artificial intelligence', 'AI'] },
  // Short forms of countries, merged into the package's groups by id.
  { id: 'KOR', names: ['Korea', 'Korean'], codes: ['ROK'], searched: ['ROK', 'Korea'] },
  { id: 'PRK', names: [], codes: ['DPRK'], searched: ['DPRK'] },
  { id: 'CHN', names: [], codes: ['PRC'], searched: ['PRC'] },
  { id: 'USA', names: ['America', 'U.S.', 'Washington'], codes: ['US', 'U.S.', 'U.S.A.'], searched: ['US', 'U.S.'] },
  { id: 'GBR', names: ['Britain'], codes: [], searched: ['Britain', 'UK'] },
];

/** Letters only in Latin script (with accents): other scripts' spellings are never in English news. */
const LATIN = /^[\p{Script=Latin}\p{M}\s.'’,-]+$/u;

/** A code is a short all-capitals word (`KR`, `UK`); other altSpellings are names. */
const CODE = /^[A-Z]{2,3}$/;

function countryGroup(country: Country): AliasGroup {
  const demonyms = country.demonyms['eng'];
  const everyday = [country.name.common, ...(demonyms === undefined ? [] : [demonyms.m, demonyms.f])];
  const other = [country.name.official, ...country.altSpellings.filter((s) => !CODE.test(s)), ...country.capital];
  // "Korea, Republic of" is an index form, not a name a text uses.
  const names = [...new Set([...everyday, ...other])].filter((n) => LATIN.test(n) && !n.includes(','));
  // The ISO codes themselves are left out: news rarely uses them, and they collide with words and acronyms
  // (`AI` is Anguilla's, `IT` Italy's, `CAN` Canada's). Other short forms the package lists (`USA`, `UK`, `UAE`) stay.
  const codes = country.altSpellings.filter((s) => CODE.test(s) && s !== country.cca2 && s !== country.cca3);
  return { id: country.cca3, names, codes, searched: [...new Set(everyday)] };
}

function merge(a: AliasGroup, b: AliasGroup): AliasGroup {
  const union = (x: readonly string[], y: readonly string[]) => [...new Set([...x, ...y])];
  return { id: a.id, names: union(a.names, b.names), codes: union(a.codes, b.codes), searched: union(a.searched, b.searched) };
}

let groups: readonly AliasGroup[] | null = null;


/**
 * Every alias group: the countries of `world-countries` with the hand list
 * merged in. Read once (the package's JSON is large, BENCHMARKS.md "Figures behind design choices"; only
 * the names are kept).
 */
export function aliasGroups(): readonly AliasGroup[] {
  if (groups !== null) return groups;
  // The package's ESM entry re-exports its JSON without an import attribute, which Node 20 refuses; its CommonJS entry loads everywhere.
  const countries = createRequire(import.meta.url)('world-countries') as Countries;
  // UN members first: a demonym several share (`American`: the United States and its territories) goes to the member.
  const ordered = [...countries].sort((a, b) => Number(b.unMember) - Number(a.unMember));
  const byId = new Map<string, AliasGroup>(ordered.map((c) => [c.cca3, countryGroup(c)]));
  for (const hand of HAND_ALIASES) {
    const known = byId.get(hand.id);
    byId.set(hand.id, known === undefined ? hand : merge(known, hand));
  }
  // The hand list's organisations first: their names win over a country's that reads the same.
  const countryIds = new Set(countries.map((c) => c.cca3));
  const all = [...byId.values()];
  groups = [...all.filter((g) => !countryIds.has(g.id)), ...all.filter((g) => countryIds.has(g.id))];
  return groups;
}
