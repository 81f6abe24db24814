/**
 * The saved index's checksum: a SHA-256 over every line of the snapshot,
 * written as its last line and checked before anything read from the file
 * is installed.
 *
 * Why: a snapshot can be well-formed JSON and still wrong (a term line edited,
 * a disk that flipped a byte inside a string); loaded, it would serve wrong
 * results across restarts with nothing in the log. The format and options
 * key in the header say what the file claims to be; the checksum says it is
 * still what was written. Kept apart from persisted-index.ts so the file's
 * layout (which other work extends) and its integrity change independently.
 */
import { createHash, type Hash } from 'node:crypto';

/** How the checksum line starts (`{"sha256":"…"}`); no other line of a snapshot starts so. */
export const CHECKSUM_LINE_START = '{"sha256":';

const NEWLINE = new Uint8Array([0x0a]);

/** Hashes the snapshot's lines, in order, as they are written or read. */
export class SnapshotChecksum {
  readonly #hash: Hash = createHash('sha256');

  /** One line as written, newline included. */
  update(line: string): void {
    this.#hash.update(line);
  }

  /** One line as read, its bytes without the newline (hashed as the writer hashed `line + '\n'`, without decoding it). */
  updateBytes(line: Uint8Array): void {
    this.#hash.update(line);
    this.#hash.update(NEWLINE);
  }

  /** The checksum line to write last, newline included. */
  trailer(): string {
    return `${JSON.stringify({ sha256: this.#hash.digest('hex') })}\n`;
  }

  /** Null when `trailer` (the file's checksum line, or null when it had none) matches the lines read; else why not. */
  verify(trailer: string | null): string | null {
    if (trailer === null) return 'saved index has no checksum';
    const digest = this.#hash.digest('hex');
    let recorded: unknown;
    try {
      recorded = (JSON.parse(trailer) as { sha256?: unknown }).sha256;
    } catch {
      return 'saved index checksum line is damaged';
    }
    return recorded === digest ? null : 'saved index checksum mismatch: the file was altered or damaged after it was written';
  }
}
