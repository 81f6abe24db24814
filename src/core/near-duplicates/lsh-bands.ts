/**
 * The LSH buckets, kept compact: per band, one sorted Float64Array of
 * `key × 2^21 + slot` (8 bytes an entry: a small fraction of what a Map of
 * Sets per bucket took, BENCHMARKS.md "Re-reports grouped (near-duplicates)",
 * Cost), plus a small Map of entries
 * added since the last merge. Lookups binary-search the sorted part; merges
 * sort once, and drop entries of slots since freed.
 */

/** Slots are article numbers below this (2^21 ≈ 2.1 million): packed beside a 32-bit key in one float64. */
export const MAX_SLOTS = 2 ** 21;

/** Entries added to a band since its last merge before it is merged (or an eighth of its size, if larger). */
const MERGE_AFTER = 1024;

/** In one bucket built in one pass, each entry is compared with at most this many before it. */
const MAX_RUN_PAIRS = 64;

class Band {
  /** Sorted `key * MAX_SLOTS + slot`. */
  sorted = new Float64Array(0);
  /** key → slots added since the last merge. */
  pending = new Map<number, number[]>();
  pendingCount = 0;

  /** Every slot filed under `key`, live or not. */
  *slots(key: number): Generator<number> {
    const low = key * MAX_SLOTS;
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] as number) < low) lo = mid + 1;
      else hi = mid;
    }
    const high = low + MAX_SLOTS;
    for (let i = lo; i < this.sorted.length && (this.sorted[i] as number) < high; i++) yield (this.sorted[i] as number) - low;
    yield* this.pending.get(key) ?? [];
  }

  add(key: number, slot: number, live: (slot: number) => boolean): void {
    const list = this.pending.get(key);
    if (list === undefined) this.pending.set(key, [slot]);
    else list.push(slot);
    this.pendingCount += 1;
    if (this.pendingCount > Math.max(MERGE_AFTER, this.sorted.length / 8)) this.merge(live);
  }

  merge(live: (slot: number) => boolean): void {
    const kept: number[] = [];
    for (const packed of this.sorted) if (live(packed % MAX_SLOTS)) kept.push(packed);
    for (const [key, slots] of this.pending) for (const slot of slots) if (live(slot)) kept.push(key * MAX_SLOTS + slot);
    this.sorted = Float64Array.from(kept).sort();
    this.pending.clear();
    this.pendingCount = 0;
  }
}

/** Bands of bucket keys for article slots; see {@link Band}. */
export class LshBands {
  readonly #bands: Band[];

  constructor(bands: number) {
    this.#bands = Array.from({ length: bands }, () => new Band());
  }

  /** Files `slot` under each band's key (`keys[band]`). */
  add(slot: number, keys: readonly number[], live: (slot: number) => boolean): void {
    keys.forEach((key, band) => this.#bands[band]?.add(key, slot, live));
  }

  /** The live slots sharing at least one band key with `keys`. */
  candidates(keys: readonly number[], live: (slot: number) => boolean): Set<number> {
    const found = new Set<number>();
    keys.forEach((key, band) => {
      for (const slot of this.#bands[band]?.slots(key) ?? []) if (live(slot)) found.add(slot);
    });
    return found;
  }

  /**
   * Files `slots` in band `band` in one go (one sort), under `keyOf(slot,
   * band)`, replacing what the band held; returns the band's sorted entries.
   */
  fill(band: number, slots: readonly number[], keyOf: (slot: number, band: number) => number): Float64Array {
    const target = this.#bands[band];
    if (target === undefined) throw new RangeError(`lsh: no band ${band}`);
    const packed = new Float64Array(slots.length);
    for (let i = 0; i < slots.length; i++) packed[i] = keyOf(slots[i] as number, band) * MAX_SLOTS + (slots[i] as number);
    target.sorted = packed.sort();
    target.pending.clear();
    target.pendingCount = 0;
    return target.sorted;
  }

  /**
   * Builds every band at once from `keyOf(slot, band)` for `slots` (one sort
   * per band), and calls `pair` once for each two slots sharing a key in some band.
   */
  static build(bands: number, slots: readonly number[], keyOf: (slot: number, band: number) => number, pair: (a: number, b: number) => void): LshBands {
    const lsh = new LshBands(bands);
    const seen = new Set<number>();
    for (let b = 0; b < bands; b++) {
      const sorted = lsh.fill(b, slots, keyOf);
      let start = 0;
      for (let i = 1; i <= sorted.length; i++) {
        const sameKey = i < sorted.length && Math.floor((sorted[i] as number) / MAX_SLOTS) === Math.floor((sorted[start] as number) / MAX_SLOTS);
        if (sameKey) continue;
        // In a crowded bucket (many copies of one boilerplate text) each entry meets only the
        // MAX_RUN_PAIRS before it: copies still chain into one group, without n² comparisons.
        for (let y = start + 1; y < i; y++) {
          for (let x = Math.max(start, y - MAX_RUN_PAIRS); x < y; x++) {
            const a = (sorted[x] as number) % MAX_SLOTS;
            const c = (sorted[y] as number) % MAX_SLOTS;
            const id = a < c ? a * MAX_SLOTS + c : c * MAX_SLOTS + a;
            if (seen.has(id)) continue;
            seen.add(id);
            pair(a, c);
          }
        }
        start = i;
      }
    }
    return lsh;
  }
}
