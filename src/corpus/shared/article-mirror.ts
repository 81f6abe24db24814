/**
 * Keeps a directory of this instance's disk (DATA_DIR/articles) equal to the
 * articles in the shared database, so the corpus worker indexes it as it
 * indexes CORPUS_DIR on one host: the same loader, the same watcher, the same
 * saved index. Changes are read by sequence number (store: ArticleStore), on
 * each wake-up (NOTIFY) and at least every {@link MIRROR_POLL_MS}, so a
 * wake-up lost with a connection delays a change, never drops it. Only files
 * whose bytes differ are written (temporary file, then rename), so a restart
 * keeps the saved index's file stamps.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ArticleStore } from '../../store/article-store.ts';
import type { Logger } from '../../logging/logger.ts';
import { articleIdOf } from '../../core/corpus/parse-article.ts';
import { isCorpusFileName, listCorpusFiles } from '../load-corpus.ts';

/** How often the database is read for changes when no wake-up came. */
export const MIRROR_POLL_MS = 2_000;
/** Changes read per query. */
const PAGE = 500;

export interface ArticleMirrorOptions {
  readonly articles: ArticleStore;
  readonly dir: string;
  readonly logger: Logger;
  readonly pollMs?: number;
}

export class ArticleMirror {
  readonly #articles: ArticleStore;
  readonly #dir: string;
  readonly #log: Logger;
  readonly #pollMs: number;
  /** The file each article id is mirrored as. */
  readonly #files = new Map<string, string>();
  #seq = 0;
  #draining: Promise<void> | null = null;
  #again = false;
  #timer: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;
  #closed = false;

  constructor(options: ArticleMirrorOptions) {
    this.#articles = options.articles;
    this.#dir = path.resolve(options.dir);
    this.#log = options.logger.child({ component: 'article-mirror' });
    this.#pollMs = options.pollMs ?? MIRROR_POLL_MS;
  }

  /** The directory the corpus worker indexes. */
  get dir(): string {
    return this.#dir;
  }

  /**
   * Brings the directory up to the database: every article written (when its
   * bytes differ), every file the database does not hold removed. Returns how
   * many articles the directory holds.
   */
  async catchUp(): Promise<number> {
    await fs.mkdir(this.#dir, { recursive: true });
    await this.#drain();
    const kept = new Set(this.#files.values());
    for (const file of await listCorpusFiles(this.#dir)) {
      if (!kept.has(file)) await this.#unlink(file);
    }
    return this.#files.size;
  }

  /** From now on, applies each change as it comes (call after {@link catchUp}, once the watcher is ready). */
  follow(): void {
    if (this.#closed || this.#timer !== null) return;
    this.#unsubscribe = this.#articles.onChange(() => this.#wake());
    this.#timer = setInterval(() => this.#wake(), this.#pollMs);
    this.#timer.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#unsubscribe?.();
    await this.#draining?.catch(() => undefined);
  }

  #wake(): void {
    if (this.#closed) return;
    this.#drain().catch((err: unknown) => this.#log.warn({ err }, 'could not read article changes from the database; trying again shortly'));
  }

  /** Applies every change after the last one applied; one drain at a time, and again if woken meanwhile. */
  #drain(): Promise<void> {
    if (this.#draining !== null) {
      this.#again = true;
      return this.#draining;
    }
    this.#draining = (async () => {
      try {
        do {
          this.#again = false;
          for (;;) {
            const changes = await this.#articles.changesAfter(this.#seq, PAGE);
            for (const change of changes) {
              await this.#apply(change.id, change.file, change.content);
              this.#seq = change.seq;
            }
            if (changes.length < PAGE) break;
          }
        } while (this.#again && !this.#closed);
      } finally {
        this.#draining = null;
      }
    })();
    return this.#draining;
  }

  async #apply(id: string, file: string, content: Uint8Array | null): Promise<void> {
    // A name from the database must stay a corpus file in this directory.
    if (path.basename(file) !== file || !isCorpusFileName(file) || articleIdOf(file) !== id) {
      this.#log.warn({ id, file }, 'article skipped: its file name is not a corpus file name for its id');
      return;
    }
    const before = this.#files.get(id);
    if (before !== undefined && before !== file) await this.#unlink(before);
    if (content === null) {
      this.#files.delete(id);
      await this.#unlink(file);
      return;
    }
    this.#files.set(id, file);
    const target = path.join(this.#dir, file);
    const existing = await fs.readFile(target).catch(() => null);
    if (existing !== null && Buffer.compare(existing, content) === 0) return;
    const temporary = path.join(this.#dir, `.${file}.${process.pid}.tmp`);
    await fs.writeFile(temporary, content);
    await fs.rename(temporary, target);
  }

  async #unlink(file: string): Promise<void> {
    await fs.rm(path.join(this.#dir, file), { force: true });
  }
}
