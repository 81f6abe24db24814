import { describe, expect, it } from 'vitest';
import { EDITS, editedCopy } from '../../../bench/edited-copies.ts';
import { signatureOf } from '../../../src/core/near-duplicates/minhash.ts';
import { NEAR_DUPLICATE_THRESHOLD, NearDuplicateIndex } from '../../../src/core/near-duplicates/near-duplicate-index.ts';
import { estimateJaccard } from '../../../src/core/near-duplicates/minhash.ts';
import { groupsOf } from '../../../src/corpus/saved-near-duplicates.ts';
import type { ArticleMeta } from '../../../src/core/types.ts';
import { makeArticle, seedArticles } from '../search/articles.ts';

const seeds = seedArticles();
const [wire, other] = [seeds[1]!, seeds[3]!];

describe('near-duplicate index', () => {
  it('links every edited copy of every seed article (each edit the threshold was measured on)', () => {
    for (const seed of seeds) {
      for (const [i, edit] of EDITS.entries()) {
        if (edit.name.startsWith('20%')) continue; // a rewrite, grouped only sometimes (README)
        const index = new NearDuplicateIndex();
        index.set(seed.id, signatureOf(seed.body));
        index.set('copy', signatureOf(editedCopy(seed.body, edit, i + 7)));
        expect(index.groupIds('copy').sort(), `${seed.id}: ${edit.name}`).toEqual(['copy', seed.id].sort());
      }
    }
  });

  it('never links two different seed articles, though all are about AI governance', () => {
    const index = groupsOf(seeds);
    for (const seed of seeds) expect(index.groupIds(seed.id)).toEqual([seed.id]);
    for (const a of seeds) for (const b of seeds) if (a !== b) expect(estimateJaccard(signatureOf(a.body), signatureOf(b.body))).toBeLessThan(NEAR_DUPLICATE_THRESHOLD / 3);
  });

  it('groups through a chain, names the earliest, and follows changes and removals', () => {
    const copy = editedCopy(wire.body, EDITS[0]!, 3);
    const index = new NearDuplicateIndex();
    index.set('a', signatureOf(wire.body));
    index.set('b', signatureOf(copy));
    index.set('c', signatureOf(other.body));
    const metas = new Map<string, ArticleMeta>([
      ['a', { ...wire, id: 'a', date: '2025-05-14', source: 'Global Times' }],
      ['b', { ...wire, id: 'b', date: '2025-05-13', source: 'Xinhua' }],
      ['c', { ...other, id: 'c' }],
    ]);
    const group = index.groupOf('a', (id) => metas.get(id));
    expect(group?.earliest.id).toBe('b');
    expect(group?.others.map((o) => [o.id, o.source, o.date])).toEqual([['a', 'Global Times', '2025-05-14']]);
    expect(index.groupOf('c', (id) => metas.get(id))).toBeNull();
    expect(index.groupKey('a')).toBe(index.groupKey('b'));

    // b is changed into a different story: the link goes.
    index.set('b', signatureOf(other.body.replace(/China/g, 'Chile')));
    expect(index.groupIds('a')).toEqual(['a']);
    // and back; then removed.
    index.set('b', signatureOf(copy));
    expect(index.groupIds('a').sort()).toEqual(['a', 'b']);
    expect(index.delete('b')).toBe(true);
    expect(index.groupIds('a')).toEqual(['a']);
    expect(index.delete('b')).toBe(false);
  });

  it('saves its signatures compactly and restores the same groups', () => {
    const articles = [...seeds, makeArticle({ id: 'copy', body: editedCopy(wire.body, EDITS[1]!, 5) })];
    const index = groupsOf(articles);
    const saved = index.save();
    expect(saved.values.byteLength).toBe(articles.length * 512);
    const restored = NearDuplicateIndex.restore(saved);
    for (const a of articles) expect(restored.groupIds(a.id).sort()).toEqual(index.groupIds(a.id).sort());
    expect(restored.groupIds('copy').sort()).toEqual(['copy', wire.id].sort());
    expect(() => NearDuplicateIndex.restore({ ids: ['x'], values: saved.values.slice() })).toThrow(RangeError);
  });

  it('restores its links as saved (no signature compared again), and recomputes them for a file saved without', () => {
    const copy = makeArticle({ id: 'copy', body: editedCopy(wire.body, EDITS[1]!, 5) });
    const index = groupsOf([...seeds, copy]);
    const saved = index.save();
    const position = (id: string) => saved.ids.indexOf(id);
    expect(saved.links).toEqual([Math.min(position('copy'), position(wire.id)), Math.max(position('copy'), position(wire.id))]);
    // A link as saved is taken as it is: two different seed articles linked in the file are one group once restored.
    const [a, b] = seeds.filter((s) => s.id !== wire.id);
    const trusted = NearDuplicateIndex.restore({ ...saved, links: [...saved.links!, position(a!.id), position(b!.id)] });
    expect(trusted.groupIds(a!.id).sort()).toEqual([a!.id, b!.id].sort());
    // Without links (a file from before they were saved): found again from the signatures.
    const { links: _links, ...older } = saved;
    const recomputed = NearDuplicateIndex.restore(older);
    expect(recomputed.groupIds('copy').sort()).toEqual(['copy', wire.id].sort());
    expect(recomputed.groupIds(a!.id)).toEqual([a!.id]);
  });

  it('files a restored index\'s bands a band at a time, or all at once when a new article must be compared', () => {
    const copy = makeArticle({ id: 'copy', body: editedCopy(wire.body, EDITS[1]!, 5) });
    const saved = groupsOf([...seeds, copy]).save();
    for (const filedFirst of [0, 10, 64]) {
      const restored = NearDuplicateIndex.restore(saved);
      for (let i = 0; i < filedFirst; i++) expect(restored.fileRestoredBand()).toBe(i < 63);
      restored.set('second-copy', signatureOf(editedCopy(wire.body, EDITS[2]!, 7)));
      expect(restored.groupIds('second-copy').sort()).toEqual(['copy', 'second-copy', wire.id].sort());
      expect(restored.fileRestoredBand()).toBe(false);
    }
  });

  it('refuses saved links that do not match the ids', () => {
    const saved = groupsOf(seeds).save();
    expect(() => NearDuplicateIndex.restore({ ...saved, links: [0] })).toThrow(/without its pair/);
    expect(() => NearDuplicateIndex.restore({ ...saved, links: [0, seeds.length] })).toThrow(/outside/);
    expect(() => NearDuplicateIndex.restore({ ...saved, links: [0, 1.5] })).toThrow(/outside/);
  });

  it('finds the same groups online (merging its buckets as it grows) as built in one pass, deletions included', () => {
    const mix = (x: number) => {
      let h = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      return (h ^ (h >>> 16)) >>> 0;
    };
    const word = (i: number, k: number) => `w${mix(i * 40 + k + 1) % 5000}`; // random-looking: no two reports share a run of words
    const texts = Array.from({ length: 1500 }, (_, i) => `Report ${i}: ${Array.from({ length: 40 }, (_, k) => word(i, k)).join(' ')}.`);
    const entries: [string, Uint32Array][] = texts.map((text, i) => [`n${i}`, signatureOf(text)]);
    // Re-reports of three stories, among the others.
    for (const i of [3, 700, 1499]) entries.push([`copy${i}`, signatureOf(`${texts[i]} Republished with permission.`)]);
    const online = new NearDuplicateIndex();
    for (const [id, signature] of entries) online.set(id, signature);
    for (const id of ['n700', 'n5', 'n6']) online.delete(id);
    const bulk = NearDuplicateIndex.fromSignatures(entries.filter(([id]) => !['n700', 'n5', 'n6'].includes(id)));
    for (const [id] of entries) {
      if (['n700', 'n5', 'n6'].includes(id)) continue;
      expect(online.groupIds(id).sort(), id).toEqual(bulk.groupIds(id).sort());
    }
    expect(online.groupIds('copy3').sort()).toEqual(['copy3', 'n3']);
    expect(online.groupIds('copy700')).toEqual(['copy700']);
    expect(online.candidateCount(signatureOf(texts[700]!))).toBeGreaterThan(0); // its copy is still there
    expect(online.size).toBe(entries.length - 3);
  });
});
