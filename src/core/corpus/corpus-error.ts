/**
 * The corpus directory cannot be read at all (missing, not a directory, no
 * permission). Unlike a bad article, which is skipped with a warning, this is
 * fatal: a bot with no corpus has nothing to answer from.
 */
export class CorpusDirectoryError extends Error {
  override readonly name = 'CorpusDirectoryError';
  readonly code = 'CORPUS_DIRECTORY_UNREADABLE';
  /** The directory as it was given. */
  readonly dir: string;

  constructor(dir: string, detail: string, options?: { cause?: unknown }) {
    super(`corpus: cannot read directory '${dir}': ${detail}`, options);
    this.dir = dir;
  }
}
