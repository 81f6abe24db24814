/**
 * Reads the corpus directory: every `.md` and `.txt` article in it, each
 * parsed by parseArticleFile. A bad article is skipped with a warning so one
 * broken file never takes the bot down; an unreadable directory is fatal.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article, CorpusWarning } from '../core/types.ts';
import { CorpusDirectoryError } from '../core/corpus/corpus-error.ts';
import { isArticleFileName, MAX_ARTICLE_BYTES, parseArticleFile, type ParseResult } from '../core/corpus/parse-article.ts';
import { breathe } from '../runtime/breathe.ts';

/** Files read at once: enough to keep the disk busy, few enough to stay far from the open-file limit. */
const READ_CONCURRENCY = 16;
/** Files stamped between two turns of the event loop (a few milliseconds of stat calls). */
const STAT_BATCH = 1000;

export interface LoadedCorpus {
  /** Articles sorted by file name. */
  readonly articles: Article[];
  /** One per refused file, in file-name order. */
  readonly warnings: CorpusWarning[];
}

/**
 * True for names the loader reads: `.md` or `.txt`, not a dotfile (editor
 * swap files such as `.a.md.swp`, macOS `._a.md`) and not an editor backup or
 * lock (`a.md~`, `#a.md#`). Everything else is ignored without a warning.
 */
export function isCorpusFileName(file: string): boolean {
  if (file.startsWith('.') || file.startsWith('#') || file.endsWith('~')) return false;
  return isArticleFileName(file);
}

/**
 * The corpus file names in `dir` (not recursive), in code-unit order, not
 * locale order, so the order is the same on every machine.
 *
 * @throws CorpusDirectoryError when `dir` is missing, not a directory or unreadable.
 */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    // Symlinks are followed later by readFile; directories named `x.md` are skipped here.
    const names = entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && isCorpusFileName(e.name)).map((e) => e.name);
    return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (err) {
    throw new CorpusDirectoryError(dir, describeFsError(err), { cause: err });
  }
}

/**
 * Loads every article in `dir` (not recursive), sorted by file name. Two files
 * with the same id (`a.md` and `a.txt`) cannot both be loaded: the first by
 * name wins and the second is refused with a warning.
 *
 * @throws CorpusDirectoryError when `dir` is missing, not a directory or unreadable.
 */
export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
  const names = await listCorpusFiles(dir);
  const results = await loadArticleFiles(dir, names);

  const articles: Article[] = [];
  const warnings: CorpusWarning[] = [];
  const fileById = new Map<string, string>();
  for (const result of results) {
    if (!result.ok) {
      warnings.push(result.warning);
      continue;
    }
    const { id, file } = result.article;
    const earlier = fileById.get(id);
    if (earlier !== undefined) {
      warnings.push({ file, reason: `duplicate id '${id}' (already loaded from ${earlier})` });
      continue;
    }
    fileById.set(id, file);
    articles.push(result.article);
  }
  return { articles, warnings };
}

/** What a corpus file looked like when it was read: a change to any of these means it must be read again. */
export interface FileStamp {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * Name, size and modification time of every corpus file in `dir` (the files
 * {@link loadCorpus} would read), sorted by name, without reading them: one
 * stat per file. Files that vanish between the listing and the stat are left
 * out.
 *
 * @throws CorpusDirectoryError when `dir` is missing, not a directory or unreadable.
 */
export async function stampCorpusFiles(dir: string): Promise<FileStamp[]> {
  const names = await listCorpusFiles(dir);
  const stamps: FileStamp[] = [];
  // Synchronous stat calls in batches: cheap from the page cache, where a promise per file cost several times
  // as much on the calling thread (the corpus worker, at every start; BENCHMARKS.md, "Where the targets stand
  // (2026-11-29, second session, on this machine)" and "Figures behind design choices"). The event loop runs
  // between batches.
  for (let i = 0; i < names.length; i += STAT_BATCH) {
    if (i > 0) await breathe();
    for (const file of names.slice(i, i + STAT_BATCH)) {
      try {
        const info = statSync(path.join(dir, file), { throwIfNoEntry: false });
        if (info?.isFile() === true) stamps.push({ file, size: info.size, mtimeMs: info.mtimeMs });
      } catch {
        // Unreadable (permissions, a name that became a directory's): left out, like a vanished file.
      }
    }
  }
  return stamps;
}

/**
 * Reads and parses one article file of the corpus directory, e.g. when a file
 * watcher reports a change. `file` is a bare name in `dir`. A file that
 * cannot be read (gone, no permission, a directory, too large) comes back as
 * a warning, never as a throw.
 */
export async function loadArticleFile(dir: string, file: string): Promise<ParseResult> {
  const refused = refuseName(file);
  if (refused !== null) return refused;
  const fullPath = path.join(dir, file);
  try {
    return refuseStat(file, await stat(fullPath)) ?? parseArticleFile(file, await readFile(fullPath));
  } catch (err) {
    return unreadable(file, err);
  }
}

/**
 * {@link loadArticleFiles} with synchronous reads, same results. For the
 * corpus worker, which reads the watcher's batches: there, each await of the
 * asynchronous reads (stat, open, read, close, for each file) waited behind
 * the searches queued in that thread, and a batch took seconds during a
 * burst (BENCHMARKS.md, "Acks during an import"); from the page cache the
 * whole batch reads quickly ("Figures behind design choices"). Not for the
 * thread that acks Slack.
 */
export function loadArticleFilesSync(dir: string, files: readonly string[]): ParseResult[] {
  return files.map((file) => {
    const refused = refuseName(file);
    if (refused !== null) return refused;
    const fullPath = path.join(dir, file);
    try {
      return refuseStat(file, statSync(fullPath)) ?? parseArticleFile(file, readFileSync(fullPath));
    } catch (err) {
      return unreadable(file, err);
    }
  });
}

/** The corpus is flat: a name with a separator (`../x.md`) would read outside it. */
function refuseName(file: string): ParseResult | null {
  return file === path.basename(file) ? null : { ok: false, warning: { file, reason: 'not a file name inside the corpus directory' } };
}

/** Refused from its stat, before reading, so a huge file costs nothing. */
function refuseStat(file: string, info: Stats): ParseResult | null {
  if (!info.isFile()) return { ok: false, warning: { file, reason: 'not a regular file' } };
  if (info.size > MAX_ARTICLE_BYTES) {
    return { ok: false, warning: { file, reason: `file too large (${info.size} bytes, limit ${MAX_ARTICLE_BYTES})` } };
  }
  return null;
}

function unreadable(file: string, err: unknown): ParseResult {
  return { ok: false, warning: { file, reason: `cannot read file: ${describeFsError(err)}` } };
}

/**
 * {@link loadArticleFile} for several files, read concurrently (a bounded
 * number at a time); results in the order of `files`. Concurrent because on
 * a busy event loop each await waits its turn: read one after another, the
 * watcher's batch of 50 files took seconds (BENCHMARKS.md, "Adding news
 * (ingestion while the bot answers)").
 */
export function loadArticleFiles(dir: string, files: readonly string[]): Promise<ParseResult[]> {
  return mapWithConcurrency(files, READ_CONCURRENCY, (file) => loadArticleFile(dir, file));
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
