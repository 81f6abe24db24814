/**
 * Keeps the index current while the bot runs: watches the corpus directory
 * and reports each article that is added, changed or removed, so the caller
 * can update one document instead of rebuilding the whole index.
 *
 * Decisions:
 * - **One watch on the directory (`fs.watch`), not one per file.** The corpus
 *   is flat, and a directory watch reports every file created, changed,
 *   renamed or deleted in it. chokidar, used before, also opened a watcher
 *   per file: the watchers and their stats held heap in proportion to the
 *   corpus (BENCHMARKS.md, "What each change bought" and "Figures behind
 *   design choices"), and at 100k one inotify watch per file exceeds the
 *   kernel's default limit on many systems.
 * - **Own per-file debounce.** Every event for a file restarts that file's
 *   timer; the file is read once, `settleMs` after the last event. The timer
 *   also folds an editor's atomic save (write a temporary file, rename it
 *   over the article) into one read.
 * - **The file on disk decides, not the event.** When a file settles it is
 *   read; if it is gone it counts as removed, whatever the last event said.
 *   So a rename is a removal of the old name and an article under the new
 *   one, and a save by temp file + rename is just a change.
 * - **Broken files keep the last good version.** A file that does not parse
 *   gives one warning (the same reason is not repeated until the file
 *   changes to something else) and no removal: whatever was indexed for it
 *   stays until the file is whole again (the next change event) or deleted.
 *   A half-written file that is completed within `settleMs` gives no
 *   warning at all.
 * - **Same rules as {@link loadCorpus}.** Files are read with
 *   {@link loadArticleFile} and filtered with {@link isCorpusFileName}; when
 *   two files share an id (`a.md`, `a.txt`) the first valid one by name is
 *   the article and the other is refused with the loader's duplicate warning.
 *   Deleting one of them brings the other back.
 * - **Batches, one at a time.** Everything that has settled (up to
 *   `maxBatch` ids, in settle order) is read at once, concurrently, and its
 *   articles are handed over in ONE `onArticles` call; the next batch starts
 *   when that call has finished, so an async callback never sees two updates
 *   racing. A feed import writes dozens of files a second while the bot's
 *   event loop is busy answering: read one by one (each await waiting its
 *   turn on that loop) and indexed one by one (each request waiting behind
 *   the searches in the corpus worker), files fell seconds behind.
 * - **Reading can be handed off.** `read` (default {@link loadArticleFiles},
 *   on this thread) reads and parses a batch; the bot passes its corpus
 *   worker's (WorkerCorpus.readArticleFiles), because during a feed import
 *   YAML front matter and Markdown parsing were a visible share of the thread
 *   that acks Slack, and cost far more an article there than measured alone
 *   (BENCHMARKS.md, "Acks during an import" and "Adding news (ingestion while
 *   the bot answers)").
 * - **Callbacks cannot break the watcher.** An error thrown (or rejected) by
 *   `onArticles` (one warning per file of the batch) or `onRemoved` is
 *   reported through `onWarning`; an error
 *   thrown by `onWarning` goes to `process.emitWarning`, there being nowhere
 *   else to put it.
 * - **A directory that goes away is waited for.** If the corpus directory is
 *   deleted or moved away (a deploy that replaces the folder), its files are
 *   reported removed, one warning says so, and the directory is looked for
 *   every `directoryRetryMs`; once it is back every file in it is read.
 * - **Nothing after close.** Once `close()` is called no callback starts;
 *   `close()` resolves after a callback already running has finished.
 *
 * Start it after the initial {@link loadCorpus} (it ignores the files that
 * are already there): a change made between the load and `ready` is picked up
 * only at that file's next change.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article, CorpusWarning } from '../core/types.ts';
import { articleIdOf, type ParseResult } from '../core/corpus/parse-article.ts';
import { isCorpusFileName, listCorpusFiles, loadArticleFiles, type loadCorpus } from './load-corpus.ts';

/** Long enough to cover an editor's save (write temp, rename) and a copy in chunks; short enough to feel live. */
export const DEFAULT_SETTLE_MS = 300;

/** At most this many articles per `onArticles` call, so one batch holds the index's thread for a bounded time. */
export const DEFAULT_MAX_BATCH = 50;

/** How often a corpus directory that disappeared is looked for again. */
export const DEFAULT_DIRECTORY_RETRY_MS = 1000;

/** `CorpusWarning.file` for a problem with the watcher itself rather than one file. */
export const WATCHER_WARNING_FILE = '.';

export interface WatchCorpusOptions {
  /** The corpus directory (flat: subdirectories are not watched). */
  dir: string;
  /**
   * Files became valid articles (added or changed), in settle order, one per
   * id; never called with an empty list.
   */
  onArticles(articles: Article[]): void | Promise<void>;
  /**
   * A corpus file is gone (deleted or renamed away) and no other file holds
   * its id; `id` is its name without the extension. Also called for a file
   * that never was a valid article (the watcher does not know what the
   * initial load accepted), so removing must tolerate an unknown id.
   */
  onRemoved(id: string, file: string): void | Promise<void>;
  /** A file is not (yet) a valid article; the last good version, if any, stays indexed. */
  onWarning(warning: CorpusWarning): void;
  /** Wait this long after the last change to a file before reading it (default {@link DEFAULT_SETTLE_MS}). */
  settleMs?: number;
  /** How often to look for the directory again if it is deleted or moved away (default {@link DEFAULT_DIRECTORY_RETRY_MS}). */
  directoryRetryMs?: number;
  /** At most this many articles per `onArticles` call (default {@link DEFAULT_MAX_BATCH}). */
  maxBatch?: number;
  /**
   * Reads and parses `files` (bare names in `dir`), one result each in the
   * same order, with {@link loadArticleFiles}'s rules (a file that cannot be
   * read is a warning, never a throw). Default: loadArticleFiles itself.
   */
  read?: (dir: string, files: readonly string[]) => Promise<ParseResult[]>;
}

/** One file as read for a batch: what the loader made of it, and whether a failure is the file being gone. */
interface FileRead {
  readonly result: ParseResult;
  readonly gone: boolean;
}

export interface CorpusWatcher {
  /**
   * Resolves once the directory is being watched. Rejects with
   * {@link CorpusDirectoryError} when `dir` is not a readable directory.
   */
  ready: Promise<void>;
  /** Stops watching; pending changes are dropped. Safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Watches `options.dir` and reports added, changed and removed articles
 * (see the module comment for the rules).
 */
export function watchCorpus(options: WatchCorpusOptions): CorpusWatcher {
  const dir = path.resolve(options.dir);
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  if (!Number.isFinite(settleMs) || settleMs < 0) {
    throw new RangeError(`watchCorpus: settleMs must be a number >= 0, got ${String(settleMs)}`);
  }
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const read = options.read ?? loadArticleFiles;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) {
    throw new RangeError(`watchCorpus: maxBatch must be a whole number >= 1, got ${String(maxBatch)}`);
  }

  /** Debounce timers, by file name. */
  const timers = new Map<string, NodeJS.Timeout>();
  /** Corpus files believed present, by id: a file's siblings decide which one is the article. */
  const filesById = new Map<string, Set<string>>();
  /**
   * Ids waiting for their turn, with the files whose events brought them: all of them, since two new
   * files with one id (`a.md`, `a.txt`) may settle before the id's turn, and both must be read.
   */
  const queued = new Map<string, Set<string>>();
  /** The last warning reason reported per file, so a broken file is not reported on every save. */
  const lastReason = new Map<string, string>();
  let draining: Promise<void> | null = null;
  let closed = false;
  let closing: Promise<void> | null = null;

  const warn = (warning: CorpusWarning): void => {
    if (closed) return;
    try {
      options.onWarning(warning);
    } catch (err) {
      process.emitWarning(`watchCorpus: onWarning threw while reporting ${warning.file}: ${describeError(err)}`);
    }
  };

  /** Reports a refused file unless the same reason was the last one reported for it. */
  const warnOnce = (warning: CorpusWarning): void => {
    if (lastReason.get(warning.file) === warning.reason) return;
    lastReason.set(warning.file, warning.reason);
    warn(warning);
  };

  const track = (file: string, present: boolean): void => {
    const id = articleIdOf(file);
    let files = filesById.get(id);
    if (present) {
      if (!files) filesById.set(id, (files = new Set()));
      files.add(file);
    } else if (files) {
      files.delete(file);
      if (files.size === 0) filesById.delete(id);
    }
  };

  const runCallback = async (name: string, files: readonly string[], call: () => void | Promise<void>): Promise<void> => {
    if (closed) return;
    try {
      await call();
    } catch (err) {
      for (const file of files) warn({ file, reason: `${name} failed: ${describeError(err)}` });
    }
  };

  /** Every file that may carry `id`: the ones known on disk and the ones whose events brought it, by name. */
  const candidatesOf = (id: string, triggers: ReadonlySet<string>): string[] =>
    [...new Set([...(filesById.get(id) ?? []), ...triggers])].sort(byCodeUnit);

  /** Reads `files` at once; a file that could not be read is also checked for being gone. */
  const readAll = async (files: readonly string[]): Promise<Map<string, FileRead>> => {
    const results = await read(dir, files);
    const reads = new Map<string, FileRead>();
    await Promise.all(
      files.map(async (file, i) => {
        const result = results[i];
        if (result !== undefined) reads.set(file, { result, gone: !result.ok && (await isGone(path.join(dir, file))) });
      }),
    );
    return reads;
  };

  /**
   * From what was read of the files that carry `id`, says what the index
   * must do: take the article, drop the id, or (every file broken) keep what
   * it has.
   */
  const reconcile = (
    id: string,
    triggers: ReadonlySet<string>,
    candidates: readonly string[],
    reads: Map<string, FileRead>,
  ): Article | { removed: string } | 'keep' => {
    let winner: Article | null = null;
    for (const file of candidates) {
      const read = reads.get(file);
      if (read === undefined) throw new Error(`${file} was not read with its batch`);
      const { result, gone } = read;
      if (result.ok) {
        track(file, true);
        if (winner === null) winner = result.article;
        else warnOnce({ file, reason: `duplicate id '${id}' (already loaded from ${winner.file})` });
      } else if (gone) {
        // Gone since its event (deleted or renamed away): absent, whatever the event said.
        track(file, false);
        lastReason.delete(file);
      } else {
        track(file, true);
        warnOnce(result.warning);
      }
    }
    if (winner !== null) {
      lastReason.delete(winner.file);
      return winner;
    }
    // A file that changed is gone and no sibling can stand in: its version must go.
    const gone = [...triggers].sort(byCodeUnit).find((file) => !(filesById.get(id)?.has(file) ?? false));
    if (gone !== undefined) return { removed: gone };
    // Otherwise every file with this id is broken: the last good version stays indexed.
    return 'keep';
  };

  /** Reads the first `maxBatch` queued ids, then hands their articles over in one call and reports the removals. */
  const drainBatch = async (): Promise<void> => {
    // Taken out of the queue first: an id queued again meanwhile is read again in the next batch, not twice in this one.
    const batch = [...queued].slice(0, maxBatch).map(([id, triggers]) => ({ id, triggers, candidates: candidatesOf(id, triggers) }));
    for (const { id } of batch) queued.delete(id);
    let reads: Map<string, FileRead>;
    try {
      reads = await readAll([...new Set(batch.flatMap((entry) => entry.candidates))]);
    } catch (err) {
      // Reading reports each file's failure as a warning; this is a bug (or `read`'s thread gone), and it must not stop the queue.
      for (const { triggers } of batch) for (const file of triggers) warn({ file, reason: `cannot update the index: ${describeError(err)}` });
      return;
    }
    if (closed) return;
    const found: Article[] = [];
    const removed: [id: string, file: string][] = [];
    for (const { id, triggers, candidates } of batch) {
      try {
        const outcome = reconcile(id, triggers, candidates, reads);
        if (outcome === 'keep') continue;
        if ('removed' in outcome) removed.push([id, outcome.removed]);
        else found.push(outcome);
      } catch (err) {
        // A bug: it must not stop the queue.
        for (const file of triggers) warn({ file, reason: `cannot update the index: ${describeError(err)}` });
      }
    }
    if (found.length > 0) {
      await runCallback('onArticles', found.map((a) => a.file), () => options.onArticles(found));
    }
    for (const [id, file] of removed) await runCallback('onRemoved', [file], () => options.onRemoved(id, file));
  };

  const drain = async (): Promise<void> => {
    while (queued.size > 0 && !closed) await drainBatch();
  };

  const startDraining = (): void => {
    draining ??= drain().finally(() => {
      draining = null;
      // Defensive: an id queued as the loop was ending must not wait for the next event.
      if (queued.size > 0 && !closed) startDraining();
    });
  };

  const enqueue = (file: string): void => {
    const id = articleIdOf(file);
    // Re-inserted so the id moves to the back: settle order is processing order.
    const triggers = queued.get(id) ?? new Set<string>();
    queued.delete(id);
    queued.set(id, triggers.add(file));
    startDraining();
  };

  /** Any event for `file`: whether it was added, changed or removed is decided by reading it once it settles. */
  const schedule = (file: string): void => {
    if (closed || !isCorpusFileName(file)) return;
    clearTimeout(timers.get(file));
    timers.set(
      file,
      setTimeout(() => {
        timers.delete(file);
        if (!closed) enqueue(file);
      }, settleMs),
    );
  };

  let watcher: FSWatcher | null = null;
  let retry: NodeJS.Timeout | null = null;
  const retryMs = options.directoryRetryMs ?? DEFAULT_DIRECTORY_RETRY_MS;

  const startWatching = (): void => {
    const current = watch(dir, { persistent: true }, (_event, name) => {
      // The directory's own name: it was deleted or moved away (a deploy that replaces the whole folder).
      if (name === path.basename(dir)) void checkDirectory(current);
      else if (name !== null) schedule(name);
    });
    current.on('error', (err) => {
      warn({ file: WATCHER_WARNING_FILE, reason: `watcher error: ${describeError(err)}` });
      void checkDirectory(current);
    });
    watcher = current;
  };

  /**
   * After a sign that the directory may be gone: if it is, stop watching it,
   * say so once, and look for it every `retryMs`; when it is back, watch it
   * again and read every file in it (each is added, or updated, as if it had
   * just been written).
   */
  const checkDirectory = async (suspect: FSWatcher): Promise<void> => {
    // `watcher !== suspect`: closed, or already handled by an earlier sign (one deletion can raise several).
    if (closed || watcher !== suspect) return;
    if (await isDirectory(dir)) return;
    if (closed || watcher !== suspect) return;
    suspect.close();
    watcher = null;
    warn({ file: WATCHER_WARNING_FILE, reason: `corpus directory ${dir} is gone; watching for it to come back` });
    const lookAgain = async (): Promise<void> => {
      retry = null;
      if (closed) return;
      let files: string[];
      try {
        files = await listCorpusFiles(dir);
      } catch {
        retry = setTimeout(() => void lookAgain(), retryMs);
        return;
      }
      if (closed) return;
      startWatching();
      for (const file of files) schedule(file);
    };
    retry = setTimeout(() => void lookAgain(), retryMs);
  };

  const ready = (async () => {
    // Fails with CorpusDirectoryError when `dir` is missing, not a directory or unreadable.
    const existing = await listCorpusFiles(dir);
    if (closed) return;
    startWatching();
    // The files already there (the initial load read them) are needed to spot duplicate ids.
    for (const file of existing) track(file, true);
  })();
  // The caller may never await `ready`; a missing directory must not then crash the process as an unhandled rejection.
  ready.catch(() => {});

  const close = (): Promise<void> => {
    closing ??= (async () => {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      queued.clear();
      if (retry !== null) clearTimeout(retry);
      watcher?.close();
      await draining;
    })();
    return closing;
  };

  return { ready, close };
}


async function isDirectory(fullPath: string): Promise<boolean> {
  try {
    return (await stat(fullPath)).isDirectory();
  } catch {
    return false;
  }
}

/** True when nothing (or no regular file) is at `fullPath` any more. */
async function isGone(fullPath: string): Promise<boolean> {
  try {
    return !(await stat(fullPath)).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR';
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
