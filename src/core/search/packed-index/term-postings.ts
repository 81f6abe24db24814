/**
 * One index term's postings, packed, and opened into MiniSearch's own maps
 * only when a search, an update or a save first needs them.
 *
 * Why: MiniSearch keeps, for every term, a Map of field id to a Map of
 * document id to term frequency. Loading a saved index rebuilds all of them
 * (millions of entries at 100k articles: BENCHMARKS.md, "Where the targets
 * stand now") before the first search, which took most of a warm start and
 * most of the worker's memory at rest.
 * Kept packed, a term costs one small object and a few bytes until it is
 * used; the terms searched for are opened once and then are MiniSearch's
 * plain maps again, so search results do not change.
 *
 * The packed form (varints, ByteWriter): the number of fields; per field its
 * id, its number of documents, then each document as the zigzag-coded gap
 * from the previous id and its term frequency, in the map's own order (which
 * decides the order of equal scores).
 */
import { ByteReader, ByteWriter } from './byte-writer.ts';

/** MiniSearch's value for one term: field id → (short document id → term frequency). */
export type TermData = Map<number, Map<number, number>>;

/** Writes `data` packed; `packTermData(openTermData(bytes))` gives the same bytes back. */
export function packTermData(data: TermData, out: ByteWriter): void {
  out.varint(data.size);
  for (const [fieldId, frequencies] of data) {
    out.varint(fieldId);
    out.varint(frequencies.size);
    let previous = 0;
    for (const [documentId, frequency] of frequencies) {
      const gap = documentId - previous;
      out.varint(gap >= 0 ? gap * 2 : -gap * 2 - 1);
      out.varint(frequency);
      previous = documentId;
    }
  }
}

/**
 * The maps packed at `bytes[at, end)`.
 * @throws RangeError when the bytes are not one packed term (a damaged snapshot).
 */
export function openTermData(bytes: Uint8Array, at: number, end: number): TermData {
  const input = new ByteReader(bytes, at, end);
  const data: TermData = new Map();
  for (let fields = input.varint(); fields > 0; fields--) {
    const fieldId = input.varint();
    const frequencies = new Map<number, number>();
    let documentId = 0;
    for (let documents = input.varint(); documents > 0; documents--) {
      const zigzag = input.varint();
      documentId += zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
      frequencies.set(documentId, input.varint());
    }
    data.set(fieldId, frequencies);
  }
  if (!input.done) throw new RangeError('packed index: bytes left after a term');
  return data;
}

/**
 * A term's postings as MiniSearch sees them (a Map of field id to postings),
 * packed until first used. Every Map method opens it: MiniSearch then reads
 * and changes the real maps, and this object only passes calls on.
 */
export class PackedTermData implements TermData {
  // The packed bytes (a range of the chunk they were read in, shared with its other terms) until opened.
  #bytes: Uint8Array | null;
  readonly #at: number;
  readonly #end: number;
  #opened: TermData | null = null;

  constructor(bytes: Uint8Array, at: number, end: number) {
    this.#bytes = bytes;
    this.#at = at;
    this.#end = end;
  }

  /** The packed bytes when the term was never opened (saving copies them as they are); null once opened. */
  packed(): Uint8Array | null {
    return this.#bytes === null ? null : this.#bytes.subarray(this.#at, this.#end);
  }

  /** The real maps, decoded on the first call. */
  open(): TermData {
    if (this.#opened === null) {
      this.#opened = openTermData(this.#bytes!, this.#at, this.#end);
      this.#bytes = null;
    }
    return this.#opened;
  }

  get size(): number {
    return this.open().size;
  }

  get(fieldId: number): Map<number, number> | undefined {
    return this.open().get(fieldId);
  }

  has(fieldId: number): boolean {
    return this.open().has(fieldId);
  }

  set(fieldId: number, frequencies: Map<number, number>): this {
    this.open().set(fieldId, frequencies);
    return this;
  }

  delete(fieldId: number): boolean {
    return this.open().delete(fieldId);
  }

  clear(): void {
    this.open().clear();
  }

  forEach(callback: (value: Map<number, number>, key: number, map: Map<number, Map<number, number>>) => void, thisArg?: unknown): void {
    this.open().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  keys(): MapIterator<number> {
    return this.open().keys();
  }

  values(): MapIterator<Map<number, number>> {
    return this.open().values();
  }

  entries(): MapIterator<[number, Map<number, number>]> {
    return this.open().entries();
  }

  [Symbol.iterator](): MapIterator<[number, Map<number, number>]> {
    return this.open()[Symbol.iterator]();
  }

  get [Symbol.toStringTag](): string {
    return 'Map';
  }
}

/** The term's packed bytes: copied when never opened, packed afresh from its maps otherwise. */
export function writeTermData(data: TermData, out: ByteWriter): void {
  const packed = data instanceof PackedTermData ? data.packed() : null;
  if (packed !== null) out.bytes(packed);
  else packTermData(data instanceof PackedTermData ? data.open() : data, out);
}
