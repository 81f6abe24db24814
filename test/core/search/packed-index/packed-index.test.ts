import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { INDEX_OPTIONS, toIndexedArticle, type IndexedArticle } from '../../../../src/core/search/index-options.ts';
import { packIndex, TreeBuilder, unpackIndex, type PackedChunk } from '../../../../src/core/search/packed-index/packed-index.ts';
import { ByteWriter } from '../../../../src/core/search/packed-index/byte-writer.ts';
import { treeOf } from '../../../../src/core/search/packed-index/minisearch-internals.ts';
import { fixtureArticles } from '../../../core/search/articles.ts';

const documents = (): IndexedArticle[] => fixtureArticles().map(toIndexedArticle);

function built(docs: readonly IndexedArticle[] = documents()): MiniSearch<IndexedArticle> {
  const search = new MiniSearch(INDEX_OPTIONS);
  search.addAll(docs);
  return search;
}

/** Through MiniSearch's own save and load: the reference a packed round trip must match. */
function reloaded(search: MiniSearch<IndexedArticle>): MiniSearch<IndexedArticle> {
  return MiniSearch.loadJSON(JSON.stringify(search), INDEX_OPTIONS);
}

/** Not `blocking`: a pause (one event-loop turn) awaited between chunks, as a serving thread does. */
async function roundTrip(search: MiniSearch<IndexedArticle>, blocking = true): Promise<MiniSearch<IndexedArticle>> {
  const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return unpackIndex(packIndex(search), INDEX_OPTIONS, blocking ? {} : { pause });
}

const QUERIES: [string, Parameters<MiniSearch['search']>[1]][] = [
  ['capacity building', {}],
  ['capacity building', { combineWith: 'AND' }],
  ['governan', { prefix: true }],
  ['goverment', { fuzzy: 0.2 }],
  ['vucic', { prefix: true, fuzzy: 0.3 }],
  ['united nations resolution', { boost: { title: 2 } }],
  ['zambia', {}],
];

function results(search: MiniSearch<IndexedArticle>): unknown[] {
  return QUERIES.map(([text, options]) => search.search(text, options));
}

describe('the packed index', () => {
  it('restores exactly what MiniSearch saves and loads: the same terms, in the same order, and the same results', async () => {
    const original = built();
    const packed = await roundTrip(original);
    expect(JSON.stringify(packed)).toBe(JSON.stringify(original));
    expect(results(packed)).toEqual(results(reloaded(original)));
    expect(packed.termCount).toBe(original.termCount);
  });

  it('answers the same whether its terms were opened by an earlier search or not, loaded in batches or in one go', async () => {
    const original = built();
    const once = await roundTrip(original, false);
    expect(results(once)).toEqual(results(original));
    // Second time over the same opened terms.
    expect(results(once)).toEqual(results(original));
  });

  it('takes additions, replacements and removals after loading as the original does', async () => {
    const original = built();
    const packed = await roundTrip(original);
    const [first, second] = documents();
    for (const search of [original, packed]) {
      search.add({ id: 'zz-new', title: 'Okapi accord on compute', text: 'Delegates in Kinshasa signed the okapi accord on compute and capacity building.' });
      search.replace({ ...first!, text: `${first!.text} Quokka observers attended.` });
      search.discard(second!.id);
    }
    expect(results(packed)).toEqual(results(original));
    expect(packed.search('okapi quokka')).toEqual(original.search('okapi quokka'));
    await Promise.all([original.vacuum(), packed.vacuum()]);
    expect(JSON.stringify(packed)).toBe(JSON.stringify(original));
  });

  it('packs again a loaded index whose terms are partly opened and changed, losing nothing', async () => {
    const original = built();
    const loaded = await roundTrip(original);
    loaded.search('capacity governance', { prefix: true });
    original.add({ id: 'zz-new', title: 'Tapir talks', text: 'The tapir talks on capacity ended.' });
    loaded.add({ id: 'zz-new', title: 'Tapir talks', text: 'The tapir talks on capacity ended.' });
    const again = await roundTrip(loaded);
    expect(JSON.stringify(again)).toBe(JSON.stringify(original));
    expect(results(again)).toEqual(results(original));
  });

  it('round-trips any documents and any sequence of changes (property)', async () => {
    const word = fc.constantFrom('ai', 'aid', 'aide', 'governance', 'govern', 'gov', 'café', 'naïve', 'Vučić', '北京', '😀', 'x'.repeat(40), 'talks', 'talk', 't');
    const doc = fc.record({ title: fc.array(word, { maxLength: 4 }).map((w) => w.join(' ')), text: fc.array(word, { maxLength: 30 }).map((w) => w.join(' ')) });
    await fc.assert(
      fc.asyncProperty(fc.array(doc, { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { maxLength: 10 }), async (docs, removals) => {
        const original = built(docs.map((d, i) => ({ id: `d${i}`, ...d })));
        const loaded = await roundTrip(original);
        for (const r of removals) {
          const id = `d${r % docs.length}`;
          for (const search of [original, loaded]) if (search.has(id)) search.discard(id);
        }
        expect(loaded.search('gov ai talk', { prefix: true, fuzzy: 0.2 })).toEqual(original.search('gov ai talk', { prefix: true, fuzzy: 0.2 }));
        expect(JSON.stringify(await roundTrip(loaded))).toBe(JSON.stringify(original));
      }),
      { numRuns: 60 },
    );
  });

  it('cuts a large index into chunks that rebuild the same tree', async () => {
    const docs = Array.from({ length: 400 }, (_, i) => ({ id: `g${i}`, title: `term${i}`, text: `word${i} shared w${i % 37} z${i * 7919}` }));
    const original = built(docs);
    const packed = packIndex(original, { termsPerChunk: 100 });
    expect(packed.chunks.length).toBeGreaterThan(5);
    expect(JSON.stringify(await unpackIndex(packed, INDEX_OPTIONS))).toBe(JSON.stringify(original));
  });

  it('keeps an empty index empty', async () => {
    const empty = new MiniSearch(INDEX_OPTIONS);
    const packed = await roundTrip(empty);
    expect(packed.documentCount).toBe(0);
    expect(packed.search('anything')).toEqual([]);
  });
});

describe('a damaged packed tree', () => {
  const ops = (...values: number[]): Uint8Array => {
    const out = new ByteWriter();
    for (const v of values) out.varint(v);
    return out.toBytes();
  };
  const build = (...chunks: PackedChunk[]) => () => {
    const builder = new TreeBuilder();
    for (const chunk of chunks) builder.add(chunk);
    return builder.finish();
  };

  it('is refused, not half loaded', () => {
    expect(build({ labels: ['a'], ops: ops(1) })).toThrow(/ends early/);
    expect(build({ labels: [], ops: ops(0) })).toThrow(/up from the root/);
    expect(build({ labels: [], ops: ops(9) })).toThrow(/unknown operation 9/);
    expect(build({ labels: [], ops: ops(1) })).toThrow(/without a label/);
    expect(build({ labels: ['a', 'b'], ops: ops(1, 0) })).toThrow(/labels left over/);
    expect(build({ labels: [], ops: ops(2, 50, 1) })).toThrow(/ends early/);
    expect(build({ labels: [], ops: new Uint8Array([0x81]) })).toThrow(/inside a number/);
  });

  it('fails the search that opens a term whose postings are not one term', async () => {
    const search = await unpackIndex({ state: packIndex(built()).state, chunks: [{ labels: ['zz'], ops: new Uint8Array([1, 2, 3, 1, 0x81, 0x81, 0]) }] }, INDEX_OPTIONS);
    expect(() => search.search('zz')).toThrow(/packed index/);
  });

  it('is refused when MiniSearch is not laid out as the packed index expects', () => {
    const search = built();
    (search as unknown as { _index: unknown })._index = new Map();
    expect(() => treeOf(search)).toThrow(/not laid out as minisearch 7\.2\.0/);
    expect(() => packIndex(search)).toThrow(/not laid out/);
  });
});
