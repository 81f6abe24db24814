/**
 * A growable byte buffer that writes unsigned LEB128 varints: the packed
 * index's postings are mostly small numbers (document-id gaps, term
 * frequencies), one or two bytes each instead of a JSON object's key and value.
 */
export class ByteWriter {
  #bytes: Uint8Array;
  #length = 0;

  constructor(initialBytes = 1 << 16) {
    this.#bytes = new Uint8Array(initialBytes);
  }

  get length(): number {
    return this.#length;
  }

  /**
   * Writes a non-negative integer up to 2^53 (arithmetic, not bit operations,
   * so values past 2^31 are exact).
   * @throws RangeError for anything else: a bad number written would be a wrong index read back.
   */
  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`packed index: cannot write ${value} as a varint`);
    this.#reserve(8);
    let rest = value;
    while (rest >= 0x80) {
      this.#bytes[this.#length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.#bytes[this.#length++] = rest;
  }

  /** Copies `bytes` as they are. */
  bytes(bytes: Uint8Array): void {
    this.#reserve(bytes.length);
    this.#bytes.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  /** What was written so far, without copying: valid until the next write or {@link clear}. */
  view(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  /** Starts again from empty, keeping the memory. */
  clear(): void {
    this.#length = 0;
  }

  /** What was written (a copy; the writer can go on or be dropped). */
  toBytes(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }

  #reserve(more: number): void {
    if (this.#length + more <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + more));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }
}

/** Reads what {@link ByteWriter} wrote, from `at` onwards. */
export class ByteReader {
  readonly #bytes: Uint8Array;
  #at: number;
  readonly #end: number;

  constructor(bytes: Uint8Array, at = 0, end = bytes.length) {
    this.#bytes = bytes;
    this.#at = at;
    this.#end = end;
  }

  get at(): number {
    return this.#at;
  }

  get done(): boolean {
    return this.#at >= this.#end;
  }

  /** @throws RangeError when the bytes end inside a varint or it runs past 2^53 (damaged data). */
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.#at >= this.#end) throw new RangeError('packed index: data ends inside a number');
      const byte = this.#bytes[this.#at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
      if (scale > Number.MAX_SAFE_INTEGER) throw new RangeError('packed index: number too long');
    }
  }

  /** Moves on by `count` bytes. @throws RangeError past the end. */
  skip(count: number): void {
    if (this.#at + count > this.#end) throw new RangeError('packed index: data ends early');
    this.#at += count;
  }
}
