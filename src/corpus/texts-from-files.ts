/**
 * The article texts the bot quotes, read back from the corpus files when
 * needed (core/corpus/article-texts.ts says why the index keeps no texts).
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ArticleTexts } from '../core/corpus/article-texts.ts';
import type { ArticleMeta } from '../core/types.ts';
import { MAX_ARTICLE_BYTES, parseArticleBody } from '../core/corpus/parse-article.ts';

/** Bytes read for the front matter besides the text asked for. */
const FRONT_MATTER_ALLOWANCE = 16 * 1024;

/** `bytes` cut to at most `length`, never inside a UTF-8 sequence. */
function utf8Prefix(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length <= length) return bytes;
  let end = length;
  // Back off continuation bytes (10xxxxxx) to the start of the sequence they belong to.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

/**
 * Texts read from the corpus directory when needed, cut from the file exactly
 * as the loader cuts them (parseArticleBody: the front matter's fields were
 * read when the article was indexed, and are not parsed again). A file changed since it was indexed gives its new text
 * (more current than the index, which the watcher updates shortly).
 */
export class TextsFromFiles implements ArticleTexts {
  constructor(readonly corpusDir: string) {}

  keep(): void {}

  forget(): void {}

  read(meta: ArticleMeta, atLeast?: number): string | null {
    // `file` comes from the directory listing, but a name with a separator would read outside the corpus.
    if (meta.file !== path.basename(meta.file)) return null;
    const fullPath = path.join(this.corpusDir, meta.file);
    try {
      const info = statSync(fullPath);
      if (!info.isFile() || info.size > MAX_ARTICLE_BYTES) return null;
      // A UTF-16 code unit takes at most 3 bytes of UTF-8.
      const budget = atLeast === undefined ? Number.POSITIVE_INFINITY : FRONT_MATTER_ALLOWANCE + 3 * atLeast;
      if (info.size > budget) {
        const head = readHead(fullPath, budget);
        const body = parseArticleBody(meta.file, utf8Prefix(head, budget - 4));
        // Too short a body means the cut fell in the front matter or the text ran out: read it whole.
        if (body !== null && body.length >= (atLeast ?? 0)) return body;
      }
      return parseArticleBody(meta.file, readFileSync(fullPath));
    } catch {
      return null;
    }
  }
}

/** The first `length` bytes of the file at `fullPath` (fewer when it is shorter). */
function readHead(fullPath: string, length: number): Uint8Array {
  const fd = openSync(fullPath, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
