/**
 * CORPUS_DIR imported into the shared database (DATABASE_URL): at start,
 * every valid article file; while running, each file added, edited or
 * removed. Idempotent: the same bytes are no new article, an edit replaces
 * it, and an article an admin removed is not brought back by a copy left in
 * some instance's folder. So a folder shipped with every instance and a
 * shared volume both work. Files are parsed where the bot parses them (the
 * corpus worker, `read`); only valid articles are imported.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ParseResult } from '../../core/corpus/parse-article.ts';
import type { Logger } from '../../logging/logger.ts';
import type { ArticleStore } from '../../store/article-store.ts';
import { listCorpusFiles } from '../load-corpus.ts';
import { watchCorpus, type CorpusWatcher } from '../watch-corpus.ts';

export interface CorpusImportOptions {
  readonly dir: string;
  readonly articles: ArticleStore;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Reads and parses files of `dir` (the corpus worker's readArticleFiles). */
  readonly read: (dir: string, files: readonly string[]) => Promise<ParseResult[]>;
}

export interface CorpusImport {
  /** Settles once every file present at start is imported and the folder is watched. */
  readonly ready: Promise<{ imported: number; unchanged: number; refused: number }>;
  close(): Promise<void>;
}

/** Files imported per batch at start: bounded memory for the bytes held at once. */
const IMPORT_BATCH = 200;

export function importCorpus(options: CorpusImportOptions): CorpusImport {
  const { dir, articles, now, read } = options;
  const log = options.logger.child({ component: 'corpus-import' });

  type Counts = { imported: number; unchanged: number; refused: number };

  /** Stores each valid article's bytes (read again from its file: the database keeps the file as written). */
  async function put(valid: ReadonlyArray<{ readonly id: string; readonly file: string }>, counts: Counts): Promise<void> {
    for (const { id, file } of valid) {
      const content = await fs.readFile(path.join(dir, file)).catch(() => null);
      if (content === null) continue;
      const outcome = await articles.putArticle({ id, file, content, at: now() });
      if (outcome.status === 'unchanged') counts.unchanged += 1;
      else if (outcome.status === 'removed-by-admin') {
        counts.refused += 1;
        log.info({ id, file }, 'corpus file not imported: an admin removed this article');
      } else {
        counts.imported += 1;
        log.info({ id, file, status: outcome.status, seq: outcome.seq }, 'article imported into the shared database');
      }
    }
  }

  let watcher: CorpusWatcher | null = null;
  let closed = false;
  const ready = (async () => {
    const files = await listCorpusFiles(dir);
    const total: Counts = { imported: 0, unchanged: 0, refused: 0 };
    for (let i = 0; i < files.length; i += IMPORT_BATCH) {
      const valid = [];
      for (const result of await read(dir, files.slice(i, i + IMPORT_BATCH))) {
        if (result.ok) valid.push(result.article);
        else log.warn({ file: result.warning.file, reason: result.warning.reason }, 'corpus file not imported');
      }
      await put(valid, total);
    }
    if (closed) return total;
    watcher = watchCorpus({
      dir,
      read,
      async onArticles(changed) {
        await put(changed, { imported: 0, unchanged: 0, refused: 0 });
      },
      async onRemoved(id, file) {
        if (await articles.deleteArticle(id, now())) log.info({ id, file }, 'article removed from the shared database (its file is gone)');
      },
      onWarning(warning) {
        log.warn({ file: warning.file, reason: warning.reason }, 'corpus file not imported');
      },
    });
    await watcher.ready;
    return total;
  })();
  return {
    ready,
    async close() {
      closed = true;
      await ready.catch(() => undefined);
      await watcher?.close();
    },
  };
}
