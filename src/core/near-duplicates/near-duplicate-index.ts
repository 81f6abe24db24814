/**
 * Which articles re-report the same story, kept current as articles are
 * indexed. Each article keeps only its MinHash signature (512 bytes); LSH
 * bands put signatures that agree on a whole band in one bucket, so a new
 * article is compared with the few articles sharing a bucket, not all of them.
 * Two articles whose estimated Jaccard similarity reaches
 * {@link NEAR_DUPLICATE_THRESHOLD} are linked; a group is the articles linked
 * directly or through others (a wire text and its re-publications).
 */
import type { ArticleMeta } from '../types.ts';
import { byDateDescending } from '../search/corpus-index.ts';
import { SIGNATURE_SIZE, estimateJaccard, isEmptySignature } from './minhash.ts';
import { LshBands, MAX_SLOTS } from './lsh-bands.ts';

/**
 * Estimated Jaccard similarity of 3-word shingles from which two articles are
 * the same story. Measured on edited copies of the five seed articles
 * (`npm run bench -- --near-dups`, BENCHMARKS.md "The threshold: edited copies
 * of the seed articles"; the scores once quoted here are in "Figures behind
 * design choices"): 0.25 groups every copy with small edits, the harshest
 * combination of edits with a margin, and stays far above what the seed
 * articles, all about AI governance and China, score against each other. A
 * fifth of the words changed is a rewrite, grouped most of the time.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.25;

/**
 * Bands × rows = {@link SIGNATURE_SIZE}. With 64 bands of 2 rows, a pair at
 * the threshold (J = 0.25) shares a band with probability 1-(1-0.25²)^64 ≈
 * 0.984, at 0.3 0.998; a pair of different stories (J ≈ 0.02) with
 * probability 0.025, so a new article is compared with a few percent of the
 * corpus at most (measured: BENCHMARKS.md, "Re-reports grouped
 * (near-duplicates)", Cost).
 */
export const LSH_BANDS = 64;
const ROWS = SIGNATURE_SIZE / LSH_BANDS;

/** An article's group: the earliest report, and the other reports with their source and date. */
export interface DuplicateGroup {
  /** The earliest article of the group (by date; unknown dates last; then by id). */
  readonly earliest: ArticleMeta;
  /** Every other article of the group, earliest first. */
  readonly others: readonly ArticleMeta[];
}

/** Earliest first: by date, unknown dates last, then by id. */
export function byDateAscending(a: ArticleMeta, b: ArticleMeta): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return byDateDescending(a, b);
}

/** The bucket key in `band` of the signature at `offset` in `values`: a hash of the band's {@link ROWS} values. */
function bandKey(values: Uint32Array, offset: number, band: number): number {
  let h = 0x811c9dc5 ^ band;
  for (let i = offset + band * ROWS; i < offset + (band + 1) * ROWS; i++) h = Math.imul(h ^ (values[i] as number), 0x01000193);
  return h >>> 0;
}

/** The signature's bucket key in each band. */
function bandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < LSH_BANDS; band++) keys.push(bandKey(signature, 0, band));
  return keys;
}

/** The signatures as saved with the index: ids, their values end to end, and the links found between them. */
export interface SavedSignatures {
  readonly ids: readonly string[];
  /** `ids.length * SIGNATURE_SIZE` values, end to end. */
  readonly values: Uint32Array;
  /**
   * The linked pairs, as positions in `ids` (two numbers a pair). Absent in
   * files saved before links were: the links are then found again from the
   * signatures (comparing every pair sharing a band: seconds of a 100k warm
   * start, BENCHMARKS.md "Where the targets stand now").
   */
  readonly links?: readonly number[];
}

export class NearDuplicateIndex {
  /** Article slots: ids by slot (null once freed), signatures end to end by slot. Slots are not reused (see {@link MAX_SLOTS}). */
  #ids: (string | null)[] = [];
  readonly #slotOf = new Map<string, number>();
  #signatures: Uint32Array<ArrayBufferLike> = new Uint32Array(SIGNATURE_SIZE * 64);
  #lsh = new LshBands(LSH_BANDS);
  /**
   * After a restore with saved links: the slots not yet filed in the bands,
   * and the next band to fill ({@link fileRestoredBand}). The bands are needed
   * only to compare a new signature, which files the rest first.
   */
  #unfiled: { slots: number[] | null; nextBand: number } | null = null;
  /** id → ids linked to it (similar enough). */
  readonly #links = new Map<string, Set<string>>();
  /**
   * The groups (connected parts of #links) as a union-find, kept up to date as
   * links are added and rebuilt from #links after a delete. Search asks for
   * the group of every hit: walking the links each time cost O(group size ×
   * links) per hit, which froze searches once a feed brought a thousand
   * near-identical items (one group).
   */
  readonly #parent = new Map<string, string>();
  /** Root → the group's members and least id. */
  readonly #groups = new Map<string, { members: string[]; least: string }>();
  #groupsStale = false;
  readonly #live = (slot: number): boolean => this.#ids[slot] != null;

  get size(): number {
    return this.#slotOf.size;
  }

  /** True when `id` has a signature here. */
  has(id: string): boolean {
    return this.#slotOf.has(id);
  }

  /**
   * A key shared by every article of a group and no other (the group's least
   * id): search keeps the first hit per key, so a group is shown once.
   */
  groupKey(id: string): string {
    if (!this.#links.has(id)) return id;
    return this.#groupOfRoot(id).least;
  }

  #find(id: string): string {
    let root = id;
    for (let up = this.#parent.get(root); up !== undefined && up !== root; up = this.#parent.get(root)) root = up;
    // Path compression: every id on the way now points at the root.
    for (let at = id, up = this.#parent.get(at); up !== undefined && up !== root; at = up, up = this.#parent.get(at)) this.#parent.set(at, root);
    return root;
  }

  #union(a: string, b: string): void {
    for (const id of [a, b]) {
      if (!this.#parent.has(id)) {
        this.#parent.set(id, id);
        this.#groups.set(id, { members: [id], least: id });
      }
    }
    let [ra, rb] = [this.#find(a), this.#find(b)];
    if (ra === rb) return;
    let [ga, gb] = [this.#groups.get(ra), this.#groups.get(rb)];
    if (ga === undefined || gb === undefined) return;
    // The smaller group joins the larger, so each id moves O(log n) times.
    if (ga.members.length < gb.members.length) [ra, rb, ga, gb] = [rb, ra, gb, ga];
    for (const member of gb.members) ga.members.push(member);
    if (gb.least < ga.least) ga.least = gb.least;
    this.#parent.set(rb, ra);
    this.#groups.delete(rb);
  }

  /** The group record of a linked id, rebuilding the union-find first when a delete left it stale. */
  #groupOfRoot(id: string): { members: string[]; least: string } {
    if (this.#groupsStale) {
      this.#parent.clear();
      this.#groups.clear();
      for (const [a, linked] of this.#links) for (const b of linked) if (a < b) this.#union(a, b);
      this.#groupsStale = false;
    }
    return this.#groups.get(this.#find(id)) ?? { members: [id], least: id };
  }

  #signatureAt(slot: number): Uint32Array {
    return this.#signatures.subarray(slot * SIGNATURE_SIZE, (slot + 1) * SIGNATURE_SIZE);
  }

  #newSlot(id: string, signature: Uint32Array): number {
    if (signature.length !== SIGNATURE_SIZE) throw new RangeError(`near-duplicates: signature of ${signature.length} values for '${id}'`);
    const slot = this.#ids.length;
    if (slot >= MAX_SLOTS) throw new RangeError(`near-duplicates: more than ${MAX_SLOTS} articles indexed since the last start`);
    if ((slot + 1) * SIGNATURE_SIZE > this.#signatures.length) {
      const grown = new Uint32Array(Math.max(this.#signatures.length * 2, (slot + 1) * SIGNATURE_SIZE));
      grown.set(this.#signatures);
      this.#signatures = grown;
    }
    this.#signatures.set(signature, slot * SIGNATURE_SIZE);
    this.#ids.push(id);
    this.#slotOf.set(id, slot);
    return slot;
  }

  /** Adds an article, or replaces its signature (a changed article is linked anew). */
  set(id: string, signature: Uint32Array): void {
    this.delete(id);
    const slot = this.#newSlot(id, signature);
    if (isEmptySignature(signature)) return;
    const keys = bandKeys(signature);
    this.#fileAllRestored();
    for (const other of this.#lsh.candidates(keys, this.#live)) {
      if (estimateJaccard(signature, this.#signatureAt(other)) >= NEAR_DUPLICATE_THRESHOLD) this.#link(id, this.#ids[other] as string);
    }
    this.#lsh.add(slot, keys, this.#live);
  }

  /** How many indexed articles share a band with `signature`: those a new article is compared with (for the bench). */
  candidateCount(signature: Uint32Array): number {
    this.#fileAllRestored();
    return this.#lsh.candidates(bandKeys(signature), this.#live).size;
  }

  /** Forgets an article; false when it was not there. Its bucket entries go at the next merge. */
  delete(id: string): boolean {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return false;
    this.#slotOf.delete(id);
    this.#ids[slot] = null;
    for (const other of this.#links.get(id) ?? []) {
      const theirs = this.#links.get(other);
      theirs?.delete(id);
      if (theirs?.size === 0) this.#links.delete(other);
    }
    // Only a linked article's leaving can split a group.
    if (this.#links.delete(id)) this.#groupsStale = true;
    return true;
  }

  /**
   * The index of many articles at once: one sort per band and each pair
   * sharing a bucket compared once.
   */
  static fromSignatures(entries: Iterable<readonly [string, Uint32Array]>): NearDuplicateIndex {
    const index = new NearDuplicateIndex();
    for (const [id, signature] of entries) {
      index.delete(id);
      index.#newSlot(id, signature);
    }
    index.#linkAll();
    return index;
  }

  /** Files every live slot in the bands at once (one sort per band) and links the pairs that are similar enough. */
  #linkAll(): void {
    const slots = this.#liveSignedSlots();
    const values = this.#signatures;
    this.#unfiled = null;
    this.#lsh = LshBands.build(LSH_BANDS, slots, (slot, band) => bandKey(values, slot * SIGNATURE_SIZE, band), (a, b) => {
      const [idA, idB] = [this.#ids[a], this.#ids[b]];
      if (idA == null || idB == null) return;
      if (estimateJaccard(this.#signatureAt(a), this.#signatureAt(b)) >= NEAR_DUPLICATE_THRESHOLD) this.#link(idA, idB);
    });
  }

  /** The slots of live articles with a signature (an empty text has none to compare). */
  #liveSignedSlots(): number[] {
    const slots: number[] = [];
    this.#ids.forEach((id, slot) => {
      if (id != null && !isEmptySignature(this.#signatureAt(slot))) slots.push(slot);
    });
    return slots;
  }

  #link(a: string, b: string): void {
    if (a === b) return;
    for (const [from, to] of [[a, b], [b, a]] as const) {
      let set = this.#links.get(from);
      if (set === undefined) this.#links.set(from, (set = new Set()));
      set.add(to);
    }
    if (!this.#groupsStale) this.#union(a, b);
  }

  /** The ids in `id`'s group, itself included; just `[id]` when it has no near-duplicate (or is unknown). */
  groupIds(id: string): string[] {
    if (!this.#links.has(id)) return [id];
    return [...this.#groupOfRoot(id).members];
  }

  /**
   * The group of `id` with each member's metadata (from `metaOf`; members it
   * no longer knows are left out), or null when the article stands alone.
   */
  groupOf(id: string, metaOf: (id: string) => ArticleMeta | undefined): DuplicateGroup | null {
    if (!this.#links.has(id)) return null;
    const members = this.groupIds(id).flatMap((member) => {
      const meta = metaOf(member);
      return meta === undefined ? [] : [meta];
    });
    if (members.length < 2) return null;
    const [earliest, ...others] = members.sort(byDateAscending);
    return { earliest: earliest as ArticleMeta, others };
  }

  /** The ids of every article with a signature here. */
  ids(): string[] {
    return [...this.#slotOf.keys()];
  }

  /** The signatures and links, for saving with the index. */
  save(): SavedSignatures {
    const ids = this.ids();
    const position = new Map(ids.map((id, i) => [id, i]));
    const values = new Uint32Array(ids.length * SIGNATURE_SIZE);
    ids.forEach((id, i) => values.set(this.#signatureAt(this.#slotOf.get(id) as number), i * SIGNATURE_SIZE));
    const links: number[] = [];
    for (const [a, linked] of this.#links) {
      for (const b of linked) {
        const [i, j] = [position.get(a), position.get(b)];
        if (i !== undefined && j !== undefined && i < j) links.push(i, j);
      }
    }
    return { ids, values, links };
  }

  /**
   * Files the next band of a restored index's slots; false when every band is
   * filed. The corpus worker calls it between requests after a warm start, so
   * neither the start nor the first new article waits for all 64 at once.
   */
  fileRestoredBand(): boolean {
    const unfiled = this.#unfiled;
    if (unfiled === null) return false;
    const values = this.#signatures;
    // The slots are listed at the first band, not at the restore: checking every signature was a noticeable
    // part of a 100k start (BENCHMARKS.md, "Figures behind design choices").
    unfiled.slots ??= this.#liveSignedSlots();
    this.#lsh.fill(unfiled.nextBand, unfiled.slots, (slot, band) => bandKey(values, slot * SIGNATURE_SIZE, band));
    unfiled.nextBand += 1;
    if (unfiled.nextBand >= LSH_BANDS) this.#unfiled = null;
    return this.#unfiled !== null;
  }

  #fileAllRestored(): void {
    while (this.fileRestoredBand());
  }

  /**
   * Rebuilds the index from saved signatures and links (without saved links,
   * they are recomputed in one pass: see BENCHMARKS.md). The saved values
   * become the index's own (no copy, no object per article: at every start
   * this runs over the whole corpus), so the caller must not change them
   * after. The bands are filed later ({@link fileRestoredBand}).
   * @throws RangeError when the saved values or links do not match the ids.
   */
  static restore(saved: SavedSignatures): NearDuplicateIndex {
    if (saved.ids.length >= MAX_SLOTS) throw new RangeError(`near-duplicates: more than ${MAX_SLOTS} signatures saved`);
    if (saved.values.length !== saved.ids.length * SIGNATURE_SIZE) {
      throw new RangeError(`near-duplicates: ${saved.values.length} values saved for ${saved.ids.length} signatures`);
    }
    const index = new NearDuplicateIndex();
    index.#signatures = saved.values;
    index.#ids = [...saved.ids];
    index.#ids.forEach((id, slot) => {
      // A repeated id (a damaged file): the later slot wins, as set() would have it.
      const earlier = index.#slotOf.get(id as string);
      if (earlier !== undefined) index.#ids[earlier] = null;
      index.#slotOf.set(id as string, slot);
    });
    if (saved.links === undefined) {
      index.#linkAll();
      return index;
    }
    const { links } = saved;
    if (links.length % 2 !== 0) throw new RangeError('near-duplicates: a saved link without its pair');
    for (let k = 0; k < links.length; k += 2) {
      const [a, b] = [links[k], links[k + 1]];
      if (!Number.isInteger(a) || !Number.isInteger(b) || a! < 0 || b! < 0 || a! >= saved.ids.length || b! >= saved.ids.length) {
        throw new RangeError(`near-duplicates: saved link ${a}-${b} outside ${saved.ids.length} ids`);
      }
      const [idA, idB] = [index.#ids[a!], index.#ids[b!]];
      if (idA != null && idB != null) index.#link(idA, idB);
    }
    index.#unfiled = { slots: null, nextBand: 0 };
    return index;
  }
}
