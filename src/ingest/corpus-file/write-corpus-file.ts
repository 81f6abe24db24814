/**
 * An ingested article becomes an ordinary corpus file: Markdown with YAML
 * front matter, read by the same loader as a file written by hand
 * (core/corpus/parse-article.ts). Written atomically: the text goes to a
 * temporary name the watcher ignores (not `.md`), then is linked to its final
 * name, which fails rather than overwrite an existing article; the watcher
 * never sees a partial file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseArticleFile } from '../../core/corpus/parse-article.ts';
import type { Article } from '../../core/types.ts';
import type { DateBasis, IngestVia } from '../ingest-types.ts';

/** Words of the title kept in the file name. */
const SLUG_MAX_CHARS = 60;

export interface CorpusFileArticle {
  readonly title: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly dateBasis: DateBasis;
  readonly source: string;
  /** Canonical URL. */
  readonly url: string;
  readonly retrievedAt: Date;
  readonly via: IngestVia;
  readonly tags: readonly string[];
  /** Plain text paragraphs. */
  readonly paragraphs: readonly string[];
}

/** The file the loader would refuse, or a name already taken: nothing was written. */
export class CorpusFileError extends Error {
  override readonly name = 'CorpusFileError';
  constructor(
    readonly code: 'refused-by-loader' | 'exists',
    /** The file name in CORPUS_DIR. */
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Stable, safe and unique: `2025-06-10-un-adopts-ai-capacity-resolution-3f2a9c1e.md`.
 * The date and slug make a directory listing readable; the hash of the
 * canonical URL makes two articles with one title on one day two files, and
 * the same URL always the same name. ASCII only, no path separators.
 */
export function corpusFileName(article: Pick<CorpusFileArticle, 'date' | 'title' | 'url'>): string {
  const slug =
    article.title
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, SLUG_MAX_CHARS)
      .replace(/^-+|-+$/g, '') || 'article';
  const hash = createHash('sha256').update(article.url).digest('hex').slice(0, 8);
  return `${article.date}-${slug}-${hash}.md`;
}

/** `via` as written in front matter: who or what brought the article in. */
export function describeVia(via: IngestVia): string {
  switch (via.kind) {
    case 'feed':
      return `feed ${via.feedUrl}`;
    case 'user':
      return `slack user ${via.userId}`;
    case 'cli':
      return 'cli';
  }
}

/** The file's text. Every value goes through the yaml serialiser, so no title can break the front matter. */
export function renderCorpusFile(article: CorpusFileArticle): string {
  const front: Record<string, unknown> = {
    title: article.title,
    date: article.date,
    date_basis: article.dateBasis,
    source: article.source,
    url: article.url,
    retrieved_at: article.retrievedAt.toISOString(),
    via: describeVia(article.via),
  };
  if (article.tags.length > 0) front['tags'] = [...article.tags];
  const yaml = stringify(front, { version: '1.2', lineWidth: 0 });
  return `---\n${yaml}---\n${article.paragraphs.join('\n\n')}\n`;
}

/**
 * Writes the article into `corpusDir` and returns what the loader reads from
 * it. Refuses (writing nothing) when the loader would refuse the file or the
 * name is taken.
 */
export async function writeCorpusFile(corpusDir: string, article: CorpusFileArticle): Promise<Article> {
  const file = corpusFileName(article);
  const bytes = Buffer.from(renderCorpusFile(article), 'utf8');
  const parsed = parseArticleFile(file, bytes);
  if (!parsed.ok) throw new CorpusFileError('refused-by-loader', file, `the corpus loader would refuse ${file}: ${parsed.warning.reason}`);
  const target = path.join(corpusDir, file);
  const temporary = path.join(corpusDir, `.${file}.${randomBytes(6).toString('hex')}.tmp`);
  await fs.writeFile(temporary, bytes, { flag: 'wx' });
  try {
    await fs.link(temporary, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CorpusFileError('exists', file, `${file} already exists in the corpus`);
    throw err;
  } finally {
    await fs.rm(temporary, { force: true });
  }
  return parsed.article;
}
