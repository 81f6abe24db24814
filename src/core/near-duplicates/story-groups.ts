/**
 * The near-duplicate index as the corpus service keeps it: signatures made
 * from article texts when articles are indexed, saved beside the search
 * index's snapshot and restored with it (reading every text again to
 * recompute them would undo what the snapshot saves: see BENCHMARKS.md,
 * "Re-reports grouped").
 */
import { readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Article, ArticleMeta } from '../types.ts';
import { NearDuplicateIndex, type SavedSignatures } from './near-duplicate-index.ts';
import { SHINGLE_WORDS, SIGNATURE_SIZE, signatureOf } from './minhash.ts';

/** File of the saved signatures in the snapshot directory. */
export const SIGNATURES_FILE = 'near-duplicates.json';

/** Bump when shingling or hashing changes: saved signatures of another version are recomputed. */
const SIGNATURE_VERSION = `minhash-v2-${SHINGLE_WORDS}w-${SIGNATURE_SIZE}`;

/** Which saved search index the signatures go with (its header's `savedAt` and `corpusKey`). */
export interface SnapshotIdentity {
  readonly savedAt: string;
  readonly corpusKey: string;
}

interface SignaturesFile extends SavedSignatures, SnapshotIdentity {
  readonly version: string;
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
  const file: SignaturesFile = { version: SIGNATURE_VERSION, ...identity, ...groups.save() };
  const target = path.join(dir, SIGNATURES_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(file));
    await rename(temporary, target);
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
  try {
    const saved = JSON.parse(await readFile(path.join(dir, SIGNATURES_FILE), 'utf8')) as Partial<SignaturesFile>;
    if (
      saved.version !== SIGNATURE_VERSION ||
      typeof saved.savedAt !== 'string' ||
      typeof saved.corpusKey !== 'string' ||
      !Array.isArray(saved.ids) ||
      !saved.ids.every((id) => typeof id === 'string') ||
      typeof saved.values !== 'string' ||
      (saved.links !== undefined && !Array.isArray(saved.links))
    ) {
      return null;
    }
    const groups = NearDuplicateIndex.restore({ ids: saved.ids, values: saved.values, links: saved.links });
    return { identity: { savedAt: saved.savedAt, corpusKey: saved.corpusKey }, groups };
  } catch {
    // Missing or damaged: the caller recomputes.
    return null;
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
