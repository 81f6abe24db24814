/**
 * A MiniSearch index saved and restored without rebuilding its maps: the
 * radix tree of terms is written as it is (depth first, its edges in their
 * own order) and each term's postings stay packed until first used
 * (term-postings.ts). Restoring the terms through MiniSearch's `loadJS` took
 * most of a warm start; BENCHMARKS.md, "Where the targets stand now", has the
 * figures before and after.
 *
 * The tree is cut into chunks of about {@link TERMS_PER_CHUNK} terms (one
 * snapshot line each, persisted-index.ts). A chunk is its edge labels, in
 * order, and a stream of operations (varints):
 * - {@link OP_CHILD}: a child under the current node, along the next label; it becomes the current node;
 * - {@link OP_TERM}: the current node ends a term: its packed postings' length, then the postings;
 * - {@link OP_UP}: back to the parent node.
 * The restored tree has the same nodes in the same order as the saved one, so
 * results (and the order of equal scores) are those of the index that was saved.
 */
import type MiniSearch from 'minisearch';
import type { Options } from 'minisearch';
import { ByteReader, ByteWriter } from './byte-writer.ts';
import { indexStateOf, LEAF, miniSearchWith, treeOf, type IndexState, type TreeNode } from './minisearch-internals.ts';
import { PackedTermData, writeTermData, type TermData } from './term-postings.ts';

export type { IndexState } from './minisearch-internals.ts';

const OP_UP = 0;
const OP_CHILD = 1;
const OP_TERM = 2;

/** Terms per chunk: a few hundred KB, decoded in a few milliseconds. */
export const TERMS_PER_CHUNK = 5000;

/** A piece of the saved tree: its edge labels and its operations. */
export interface PackedChunk {
  readonly labels: readonly string[];
  readonly ops: Uint8Array;
}

/** A whole index, packed. */
export interface PackedIndex {
  readonly state: IndexState;
  readonly chunks: Iterable<PackedChunk>;
}

/**
 * `search` packed. Synchronous, so the copy is of one moment: later updates
 * are not in it. Terms never opened since they were loaded are copied as
 * bytes; the others are packed from their maps.
 */
export function packIndex<T>(search: MiniSearch<T>, { termsPerChunk = TERMS_PER_CHUNK } = {}): { state: IndexState; chunks: PackedChunk[] } {
  const state = indexStateOf(search);
  const chunks: PackedChunk[] = [];
  let labels: string[] = [];
  const ops = new ByteWriter(1 << 20);
  const term = new ByteWriter(1 << 12);
  let terms = 0;
  const cut = (): void => {
    chunks.push({ labels, ops: ops.toBytes() });
    labels = [];
    ops.clear();
    terms = 0;
  };
  const walk: Iterator<[string, TreeNode | TermData]>[] = [treeOf(search).entries()];
  while (walk.length > 0) {
    const next = walk[walk.length - 1]!.next();
    if (next.done === true) {
      walk.pop();
      if (walk.length > 0) ops.varint(OP_UP);
      continue;
    }
    const [key, value] = next.value;
    if (key === LEAF) {
      term.clear();
      writeTermData(value as TermData, term);
      ops.varint(OP_TERM);
      ops.varint(term.length);
      ops.bytes(term.view());
      if (++terms >= termsPerChunk) cut();
    } else {
      ops.varint(OP_CHILD);
      labels.push(key);
      walk.push((value as TreeNode).entries());
    }
  }
  if (ops.length > 0 || labels.length > 0 || chunks.length === 0) cut();
  return { state, chunks };
}

/**
 * Rebuilds the tree chunk by chunk, in the order they were packed.
 * @throws RangeError when a chunk is not what {@link packIndex} writes (a damaged snapshot).
 */
export class TreeBuilder {
  readonly #root: TreeNode = new Map();
  readonly #path: TreeNode[] = [this.#root];

  add(chunk: PackedChunk): void {
    const input = new ByteReader(chunk.ops);
    let label = 0;
    while (!input.done) {
      const op = input.varint();
      const node = this.#path[this.#path.length - 1]!;
      if (op === OP_CHILD) {
        const edge = chunk.labels[label++];
        if (typeof edge !== 'string' || edge === LEAF) throw new RangeError('packed index: an edge without a label');
        const child: TreeNode = new Map();
        node.set(edge, child);
        this.#path.push(child);
      } else if (op === OP_TERM) {
        const length = input.varint();
        const at = input.at;
        input.skip(length);
        node.set(LEAF, new PackedTermData(chunk.ops, at, at + length));
      } else if (op === OP_UP) {
        if (this.#path.length === 1) throw new RangeError('packed index: up from the root');
        this.#path.pop();
      } else {
        throw new RangeError(`packed index: unknown operation ${op}`);
      }
    }
    if (label !== chunk.labels.length) throw new RangeError('packed index: labels left over in a chunk');
  }

  /** The tree. @throws RangeError when the chunks ended inside it. */
  finish(): TreeNode {
    if (this.#path.length !== 1) throw new RangeError('packed index: the saved tree ends early');
    return this.#root;
  }
}

/**
 * The index `packed` holds, with `options` (the options it was built with).
 * With `pause`, it is awaited between chunks (the caller's yield to its event
 * loop, so a thread that serves requests goes on serving them); without, the
 * chunks are read in one go.
 * @throws Error or RangeError when the packed data is damaged or MiniSearch's layout differs.
 */
export async function unpackIndex<T>(packed: PackedIndex, options: Options<T>, { pause }: { pause?: () => Promise<void> } = {}): Promise<MiniSearch<T>> {
  const builder = new TreeBuilder();
  for (const chunk of packed.chunks) {
    builder.add(chunk);
    if (pause !== undefined) await pause();
  }
  return miniSearchWith(packed.state, builder.finish(), options);
}
