/**
 * The one place that reads and writes MiniSearch's private state, for the
 * packed index (packed-index.ts). MiniSearch offers no way to save its terms
 * other than `toJSON`, whose load rebuilds every map; this module reaches
 * the radix tree the terms live in (`_index._tree`: nested Maps, edge label
 * → child node, '' → the term's postings) and the counters `toJSON` saves.
 *
 * Written against minisearch 7.2.0, pinned exactly in package.json. Every
 * access checks the layout first and throws when it differs (a load then
 * falls back to rebuilding the index); test/core/search/packed-index.test.ts
 * compares a packed round trip with MiniSearch's own, so an upgrade that
 * changes the layout fails there before it ships.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { TermData } from './term-postings.ts';

/** The key under which a radix-tree node keeps its term's value (minisearch's `LEAF`). */
export const LEAF = '';

/** A radix-tree node: edge label → child node, or {@link LEAF} → the postings of the term ending here. */
export type TreeNode = Map<string, TreeNode | TermData>;

/** Everything `toJSON` saves except the terms: document ids, field lengths, counters. */
export type IndexState = Omit<AsPlainObject, 'index'>;

interface SearchableMapState {
  get(term: string): TermData | undefined;
  _tree: TreeNode;
  _prefix: string;
  _size: number | undefined;
  get(term: string): TermData | undefined;
  atPrefix(prefix: string): Iterable<[string, TermData]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [TermData, number]>;
}

interface MiniSearchState {
  _index: SearchableMapState;
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, Record<string, unknown>>;
  _dirtCount: number;
}

/** @throws Error when `search` is not laid out as minisearch 7.2 lays it out. */
function stateOf(search: MiniSearch<never> | MiniSearch<unknown>): MiniSearchState {
  const state = search as unknown as Partial<MiniSearchState>;
  const index = state._index as Partial<SearchableMapState> | undefined;
  if (
    !(index?._tree instanceof Map) ||
    index._prefix !== '' ||
    typeof state._documentCount !== 'number' ||
    typeof state._nextId !== 'number' ||
    !(state._documentIds instanceof Map) ||
    !(state._fieldLength instanceof Map) ||
    !(state._storedFields instanceof Map) ||
    !Array.isArray(state._avgFieldLength) ||
    typeof state._fieldIds !== 'object' ||
    typeof state._dirtCount !== 'number'
  ) {
    throw new Error('packed index: MiniSearch is not laid out as minisearch 7.2.0 is (was it upgraded?)');
  }
  return state as MiniSearchState;
}

/** The radix tree of `search`'s terms, as it is (not a copy). */
export function treeOf<T>(search: MiniSearch<T>): TreeNode {
  return stateOf(search as MiniSearch<unknown>)._index._tree;
}

/**
 * About how many documents hold `term` exactly: the most of any one field's
 * postings (MiniSearch's own `SearchableMap.get`; a packed term is opened).
 * A title's words are nearly always in the text too, so the union of the
 * fields, which costs a set of every document for a common word, would add little.
 * A discarded document still counts until the vacuum removes its postings.
 */
export function documentFrequencyOf<T>(search: MiniSearch<T>, term: string): number {
  // Through termLookupsOf, which refuses a MiniSearch not laid out as 7.2.0 is, rather than counting 0.
  const data = termLookupsOf(search).get(term);
  let most = 0;
  for (const postings of data?.values() ?? []) most = Math.max(most, postings.size);
  return most;
}

/**
 * The lookups MiniSearch's own search makes in its term tree (minisearch 7.2's SearchableMap:
 * `get`, `atPrefix`, `fuzzyGet`), for counting what a search would walk without running it
 * (search-scope.ts), and the field ids the postings are filed under.
 */
export interface TermLookups {
  get(term: string): TermData | undefined;
  atPrefix(prefix: string): Iterable<[string, TermData]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [TermData, number]>;
  readonly fieldIds: Readonly<Record<string, number>>;
  /** Whether a short document id is still indexed (discarded ones keep postings until vacuumed). */
  hasDocument(shortId: number): boolean;
}

/** `search`'s term lookups (see {@link TermLookups}); the tree is read, never changed. */
export function termLookupsOf<T>(search: MiniSearch<T>): TermLookups {
  const state = stateOf(search as MiniSearch<unknown>);
  const index = state._index;
  if (typeof index.get !== 'function' || typeof index.atPrefix !== 'function' || typeof index.fuzzyGet !== 'function') {
    throw new Error('packed index: MiniSearch is not laid out as minisearch 7.2.0 is (was it upgraded?)');
  }
  return {
    get: (term) => index.get(term),
    atPrefix: (prefix) => index.atPrefix(prefix),
    fuzzyGet: (term, maxDistance) => index.fuzzyGet(term, maxDistance),
    fieldIds: state._fieldIds,
    hasDocument: (shortId) => state._documentIds.has(shortId),
  };
}

/** Exactly what `toJSON` saves besides the terms (same code, minisearch 7.2's `toJSON`). */
export function indexStateOf<T>(search: MiniSearch<T>): IndexState {
  const state = stateOf(search as MiniSearch<unknown>);
  return {
    documentCount: state._documentCount,
    nextId: state._nextId,
    documentIds: Object.fromEntries(state._documentIds) as AsPlainObject['documentIds'],
    fieldIds: state._fieldIds,
    fieldLength: Object.fromEntries(state._fieldLength) as AsPlainObject['fieldLength'],
    averageFieldLength: state._avgFieldLength,
    storedFields: Object.fromEntries(state._storedFields) as AsPlainObject['storedFields'],
    dirtCount: state._dirtCount,
    serializationVersion: 2,
  };
}

/**
 * A MiniSearch index with `state` (through its own `loadJS`, with no terms)
 * and `tree` as its terms.
 * @throws Error when the state is not MiniSearch's or the layout differs.
 */
export function miniSearchWith<T>(state: IndexState, tree: TreeNode, options: Options<T>): MiniSearch<T> {
  const search = MiniSearch.loadJS<T>({ ...state, index: [] }, options);
  const index = stateOf(search as MiniSearch<unknown>)._index;
  index._tree = tree;
  index._size = undefined;
  return search;
}
