/**
 * The near-duplicate index as the corpus service keeps it: signatures made
 * from article texts when articles are indexed, saved beside the search
 * index's snapshot and restored with it (reading every text again to
 * recompute them would undo what the snapshot saves: see BENCHMARKS.md,
 * "Re-reports grouped").
 */
import { mkdir, open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Article, ArticleMeta } from '../core/types.ts';
import { NearDuplicateIndex, type SavedSignatures } from '../core/near-duplicates/near-duplicate-index.ts';
import { SHINGLE_WORDS, SIGNATURE_SIZE, signatureOf } from '../core/near-duplicates/minhash.ts';

/**
 * File of the saved signatures in the snapshot directory: `AGND`, the
 * header's length (uint32, little-endian), the header (JSON: version,
 * snapshot identity, ids, links), then the signatures as they are in memory
 * (little-endian uint32, the byte order of every machine Node runs on here),
 * read straight into the index's array. As JSON with base64 values
 * (`near-duplicates.json`, removed when this file is first written) it was
 * large and slow to parse at a warm start (BENCHMARKS.md, "Where the targets
 * stand now").
 */
export const SIGNATURES_FILE = 'near-duplicates.bin';
const OLD_SIGNATURES_FILE = 'near-duplicates.json';
const MAGIC = 'AGND';
const PREFIX_BYTES = 8;

/** Bump when shingling or hashing changes: saved signatures of another version are recomputed. */
const SIGNATURE_VERSION = `minhash-v2-${SHINGLE_WORDS}w-${SIGNATURE_SIZE}`;

/** Which saved search index the signatures go with (its header's `savedAt` and `corpusKey`). */
export interface SnapshotIdentity {
  readonly savedAt: string;
  readonly corpusKey: string;
}

interface SignaturesHeader extends SnapshotIdentity {
  readonly version: string;
  readonly ids: readonly string[];
  readonly links: readonly number[];
}

/** The index of `articles`, each signed from its text. */
export function groupsOf(articles: readonly Article[]): NearDuplicateIndex {
  return NearDuplicateIndex.fromSignatures(articles.map((article) => [article.id, signatureOf(article.body)] as const));
}

/**
 * Writes the signatures beside the snapshot (a temporary file renamed into
 * place, so a crash leaves the old file or the new, never half of one).
 */
export async function saveSignatures(dir: string, groups: NearDuplicateIndex, identity: SnapshotIdentity): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { ids, values, links = [] } = groups.save();
  const header: SignaturesHeader = { version: SIGNATURE_VERSION, ...identity, ids, links };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(PREFIX_BYTES);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(headerBytes.length, 4);
  const target = path.join(dir, SIGNATURES_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, [prefix, headerBytes, new Uint8Array(values.buffer, values.byteOffset, values.byteLength)]);
    await rename(temporary, target);
    await rm(path.join(dir, OLD_SIGNATURES_FILE), { force: true });
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}

/** Saved signatures, restored, and the snapshot they were saved with. */
export interface SavedGroups {
  readonly identity: SnapshotIdentity;
  readonly groups: NearDuplicateIndex;
}

/**
 * The signatures saved in `dir`, restored (every article in them); null when
 * there are none, or they are damaged or of another version. Apart from
 * {@link restoreGroups} so a start can read them before the search index:
 * restoring them while the heap is still small costs a fraction of the
 * garbage collection it costs beside a loaded index.
 */
export async function readSavedGroups(dir: string): Promise<SavedGroups | null> {
  let file: FileHandle | null = null;
  try {
    file = await open(path.join(dir, SIGNATURES_FILE), 'r');
    const { size } = await file.stat();
    const prefix = Buffer.alloc(PREFIX_BYTES);
    if ((await file.read(prefix, 0, PREFIX_BYTES, 0)).bytesRead !== PREFIX_BYTES || prefix.toString('latin1', 0, 4) !== MAGIC) return null;
    const headerLength = prefix.readUInt32LE(4);
    if (PREFIX_BYTES + headerLength > size) return null;
    const headerBytes = Buffer.alloc(headerLength);
    if ((await file.read(headerBytes, 0, headerLength, PREFIX_BYTES)).bytesRead !== headerLength) return null;
    const saved = JSON.parse(headerBytes.toString('utf8')) as Partial<SignaturesHeader>;
    if (
      saved.version !== SIGNATURE_VERSION ||
      typeof saved.savedAt !== 'string' ||
      typeof saved.corpusKey !== 'string' ||
      !Array.isArray(saved.ids) ||
      !saved.ids.every((id) => typeof id === 'string') ||
      !Array.isArray(saved.links)
    ) {
      return null;
    }
    const valueBytes = size - PREFIX_BYTES - headerLength;
    if (valueBytes !== saved.ids.length * SIGNATURE_SIZE * 4) return null;
    // Read straight into the index's own array: no intermediate buffer (a large transient allocation is memory
    // the allocator keeps: see BENCHMARKS.md, Memory).
    const values = new Uint32Array(saved.ids.length * SIGNATURE_SIZE);
    const into = new Uint8Array(values.buffer);
    for (let done = 0; done < valueBytes; ) {
      const { bytesRead } = await file.read(into, done, valueBytes - done, PREFIX_BYTES + headerLength + done);
      if (bytesRead === 0) return null;
      done += bytesRead;
    }
    const groups = NearDuplicateIndex.restore({ ids: saved.ids, values, links: saved.links });
    return { identity: { savedAt: saved.savedAt, corpusKey: saved.corpusKey }, groups };
  } catch {
    // Missing or damaged: the caller recomputes.
    return null;
  } finally {
    await file?.close();
  }
}

/**
 * The index for a restored snapshot: the saved signatures (`saved`, from
 * {@link readSavedGroups}) when they were saved with that very snapshot, less
 * any article it does not hold, and for every article without one (none
 * saved, another snapshot, another version) a signature made from its text,
 * read back with `textOf`. Never fails: at worst every text is read again.
 */
export function restoreGroups(
  saved: SavedGroups | null,
  identity: SnapshotIdentity,
  metas: readonly ArticleMeta[],
  textOf: (meta: ArticleMeta) => string | null,
): { groups: NearDuplicateIndex; recomputed: number } {
  const matches = saved !== null && saved.identity.savedAt === identity.savedAt && saved.identity.corpusKey === identity.corpusKey;
  const groups = matches ? saved.groups : new NearDuplicateIndex();
  if (matches) {
    const ids = new Set(metas.map((m) => m.id));
    for (const id of groups.ids()) if (!ids.has(id)) groups.delete(id);
  }
  let recomputed = 0;
  for (const meta of metas) {
    if (groups.has(meta.id)) continue;
    const text = textOf(meta);
    if (text === null) continue;
    groups.set(meta.id, signatureOf(text));
    recomputed += 1;
  }
  return { groups, recomputed };
}
