/**
 * The search index saved in DATA_DIR, so a restart loads it instead of
 * re-reading and re-indexing every article (loading is several times faster
 * than building: BENCHMARKS.md, "What the figures say" and "Figures behind
 * design choices").
 *
 * Decisions:
 * - **Never a stale index.** The snapshot records the stamp (name, size,
 *   mtime) of every corpus file it was made from; the caller compares them
 *   with the files now on disk and re-reads only those that differ. A
 *   snapshot made with other index options (INDEX_VERSION, the stop words,
 *   this file format) is refused as a whole and the index is rebuilt.
 * - **Article metadata is saved too**, so a warm start parses no article
 *   file at all (YAML front matter is the slow part of reading one). Texts
 *   are not: the index reads them back from the corpus files when it shows
 *   them (article-texts.ts): the texts were most of the file (BENCHMARKS.md,
 *   "What each change bought" and "Figures behind design choices").
 *   Each article's sentence table is saved with its metadata (offsets as
 *   gaps and lengths, which are short numbers, and the resolved dates), so a
 *   warm start splits no sentence and resolves no date.
 * - **JSON lines, in chunks.** One JSON string of the whole index would come
 *   close to V8's maximum string length at 100k articles (BENCHMARKS.md,
 *   "Figures behind design choices") and parsing it would block the event
 *   loop for seconds; chunks of a few MB are parsed
 *   one at a time, with the event loop free in between.
 * - **The terms packed, not as MiniSearch's JSON.** Its `loadJS` rebuilds a
 *   map for every term and document before the first search (most of a warm
 *   start, and most of the memory at rest); the terms are saved as their
 *   radix tree with packed postings instead (packed-index/), base64 in the
 *   JSON lines, and opened one by one as searches reach them.
 * - **Written to a temporary file, then renamed**, and the last line marks
 *   the end: a crash while saving leaves the previous snapshot or none, never
 *   half of one that loads.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { FileStamp } from '../load-corpus.ts';
import { STOP_WORDS } from '../../core/text.ts';
import type { ArticleTexts } from '../../core/corpus/article-texts.ts';
import type { ArticleDateBasis, ArticleMeta, CorpusWarning, DateKind } from '../../core/types.ts';
import type { SentenceDates, SentenceTable } from '../../core/sentences/sentence-table.ts';
import { CorpusIndex, type SentenceOptions } from '../../core/search/corpus-index.ts';
import type { IndexState, PackedChunk } from '../../core/search/packed-index/packed-index.ts';
import { INDEX_VERSION } from '../../core/search/index-options.ts';
import { DATES_VERSION } from '../../core/dates/resolve-dates.ts';
import { CHECKSUM_LINE_START, SnapshotChecksum } from './snapshot-checksum.ts';
import { breathe } from '../../runtime/breathe.ts';

/** The snapshot's file name inside its directory. */
export const SNAPSHOT_FILE = 'corpus-index.jsonl';

/**
 * Bump when the layout of the snapshot file changes (3: sentences per article; 4: a checksum line ends
 * the file, snapshot-checksum.ts; 5: the terms packed, packed-index/). An older snapshot is refused and
 * the index rebuilt once.
 */
const SNAPSHOT_FORMAT = 5;

/** Articles per line: a few hundred KB of JSON, parsed in a few milliseconds. */
const ARTICLES_PER_LINE = 1000;
/** Why a load found nothing to use when there is simply no snapshot yet (a first start: nothing to warn about). */
export const NO_SAVED_INDEX = 'no saved index';

/** A stamp that never matches a file on disk: the file is re-read at the next start. */
export const UNKNOWN_MTIME = -1;

/**
 * What the saved index depends on besides the corpus: the snapshot format,
 * the index options' version, the date resolver's (DATES_VERSION: the dates
 * are saved resolved) and the stop-word list. A snapshot with another
 * key is never loaded.
 */
export const OPTIONS_KEY = createHash('sha256')
  .update(JSON.stringify({ format: SNAPSHOT_FORMAT, index: INDEX_VERSION, dates: DATES_VERSION, stopWords: [...STOP_WORDS].sort() }))
  .digest('hex')
  .slice(0, 16);

/** A short hash of the corpus files' stamps: equal keys mean nothing on disk changed. */
export function corpusKey(stamps: readonly FileStamp[]): string {
  const hash = createHash('sha256');
  for (const s of stamps) hash.update(`${s.file}\0${s.size}\0${s.mtimeMs}\n`);
  return hash.digest('hex').slice(0, 16);
}

/** The corpus as saved: the index, the files it was made from and the files that were refused. */
export interface SavedCorpus {
  readonly stamps: readonly FileStamp[];
  readonly warnings: readonly CorpusWarning[];
  readonly index: CorpusIndex;
}

export type LoadSnapshotResult =
  | { readonly ok: true; readonly saved: SavedCorpus; readonly savedAt: string }
  | { readonly ok: false; readonly reason: string };

/** A sentence table as saved: text length, text hash, [gap before, length] of each sentence in turn, dates. */
type SentenceRow = [number, number, number[], SentenceDates | null];
/** The last element (an ingested article's date basis) is absent in snapshots saved before ingestion existed. */
type ArticleRow = [string, string, string, string | null, DateKind | null, string | null, string | null, string[], SentenceRow, (ArticleDateBasis | null)?];
type StampRow = [string, number, number];

interface Header {
  readonly format: number;
  readonly optionsKey: string;
  readonly corpusKey: string;
  readonly savedAt: string;
  readonly articles: number;
}

/**
 * Saves `corpus` as `dir/corpus-index.jsonl`, replacing any earlier snapshot
 * only once the new one is complete. The index is copied at the call (one
 * synchronous `pack`), so updates made while the file is written are not in
 * it; their files carry an unknown stamp and are re-read at the next start.
 */
export async function saveSnapshot(dir: string, corpus: SavedCorpus, now: Date = new Date()): Promise<{ bytes: number }> {
  const packed = corpus.index.pack();
  const articles = corpus.index.metas();
  const sentences = corpus.index.sentenceTables();
  const stamps = [...corpus.stamps];
  const warnings = [...corpus.warnings];

  await mkdir(dir, { recursive: true });
  const target = path.join(dir, SNAPSHOT_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  const out = createWriteStream(temporary);
  // Without a listener, a file that cannot be opened (an unwritable folder) is an uncaught error that
  // kills the thread; kept here and thrown from the next step instead, so the caller reports a failed save.
  let streamError: Error | null = null;
  out.on('error', (err) => (streamError ??= err));
  const check = (): void => {
    if (streamError !== null) throw streamError;
  };
  let bytes = 0;
  const checksum = new SnapshotChecksum();
  const writeLine = async (value: unknown): Promise<void> => {
    check();
    const line = `${JSON.stringify(value)}\n`;
    checksum.update(line);
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
    await breathe();
  };
  try {
    const header: Header = {
      format: SNAPSHOT_FORMAT,
      optionsKey: OPTIONS_KEY,
      corpusKey: corpusKey(stamps),
      savedAt: now.toISOString(),
      articles: articles.length,
    };
    await writeLine(header);
    await writeLine({ stamps: stamps.map((s): StampRow => [s.file, s.size, s.mtimeMs]) });
    await writeLine({ warnings });
    for (let i = 0; i < articles.length; i += ARTICLES_PER_LINE) {
      await writeLine({ articles: articles.slice(i, i + ARTICLES_PER_LINE).map((a) => toRow(a, sentences.get(a.id))) });
    }
    await writeLine({ minisearch: packed.state });
    for (let i = 0; i < packed.chunks.length; i++) {
      const { labels, ops } = packed.chunks[i]!;
      await writeLine({ tree: { labels, ops: Buffer.from(ops.buffer, ops.byteOffset, ops.byteLength).toString('base64') } });
    }
    await writeLine({ end: true });
    const trailer = checksum.trailer();
    bytes += Buffer.byteLength(trailer);
    out.end(trailer);
    // finished() also settles for a stream that already ended or failed (once('close') would wait forever).
    await finished(out);
    check();
    await rename(temporary, target);
  } catch (err) {
    out.destroy();
    await rm(temporary, { force: true });
    throw err;
  }
  return { bytes };
}

/**
 * Loads the snapshot in `dir`; the restored index reads article texts from
 * `texts`. A missing, damaged or incompatible snapshot is not an error: it
 * comes back as `{ ok: false, reason }` and the caller rebuilds the index.
 * `blocking`: the index is read in one go, without yielding to the event
 * loop between chunks (the corpus worker serves nothing meanwhile).
 * `analyse`: see {@link CorpusIndex.restore} (the sentences are
 * restored as saved; `analyse` serves only articles changed since).
 */
export async function loadSnapshot(
  dir: string,
  texts: ArticleTexts,
  options: { blocking?: boolean } & SentenceOptions = {},
): Promise<LoadSnapshotResult> {
  const file = path.join(dir, SNAPSHOT_FILE);
  let header: Header | null = null;
  let stamps: FileStamp[] = [];
  let warnings: CorpusWarning[] = [];
  const articles: ArticleMeta[] = [];
  const sentences = new Map<string, SentenceTable>();
  let minisearch: IndexState | null = null;
  const treeLines: (Buffer | null)[] = [];
  let ended = false;
  const checksum = new SnapshotChecksum();
  let checksumLine: string | null = null;
  try {
    for await (const line of linesOf(file)) {
      if (startsWith(line, CHECKSUM_LINE_START)) {
        checksumLine = line.toString('utf8');
        continue;
      }
      checksum.updateBytes(line);
      if (startsWith(line, TREE_LINE_START)) {
        treeLines.push(line);
        continue;
      }
      const value = JSON.parse(line.toString('utf8')) as Record<string, unknown>;
      if (header === null) {
        header = value as unknown as Header;
        if (header.format !== SNAPSHOT_FORMAT || header.optionsKey !== OPTIONS_KEY) {
          return { ok: false, reason: 'saved with other index options' };
        }
      } else if ('stamps' in value) {
        stamps = (value['stamps'] as StampRow[]).map(([f, size, mtimeMs]) => ({ file: f, size, mtimeMs }));
      } else if ('warnings' in value) {
        warnings = value['warnings'] as CorpusWarning[];
      } else if ('articles' in value) {
        for (const row of value['articles'] as ArticleRow[]) {
          articles.push(fromRow(row));
          sentences.set(row[0], tableFromRow(row[8]));
        }
      } else if ('minisearch' in value) {
        minisearch = value['minisearch'] as IndexState;
      } else if ('end' in value) {
        ended = true;
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | null)?.code;
    if (code === 'ENOENT') return { ok: false, reason: NO_SAVED_INDEX };
    return { ok: false, reason: `unreadable saved index: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (header === null || minisearch === null || !ended) return { ok: false, reason: 'incomplete saved index' };
  // Checked before anything read is installed: a file still well-formed but altered is refused whole.
  const damage = checksum.verify(checksumLine);
  if (damage !== null) return { ok: false, reason: damage };
  if (header.articles !== articles.length || header.corpusKey !== corpusKey(stamps)) {
    return { ok: false, reason: 'inconsistent saved index' };
  }
  try {
    const { blocking, ...sentenceOptions } = options;
    const pause = blocking === true ? {} : { pause: breathe };
    const index = await CorpusIndex.restore(articles, { state: minisearch, chunks: chunksOf(treeLines) }, texts, sentences, { ...sentenceOptions, ...pause });
    return { ok: true, saved: { stamps, warnings, index }, savedAt: header.savedAt };
  } catch (err) {
    return { ok: false, reason: `damaged saved index: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** How a line of the packed index's tree starts, as saveSnapshot writes it (`JSON.stringify({ tree })`). */
const TREE_LINE_START = '{"tree":';

/**
 * The saved tree's chunks, each line parsed only when the index reaches it
 * and dropped once read: the terms are never in memory twice.
 * @throws Error when a line is not a chunk (a damaged snapshot).
 */
function* chunksOf(lines: (Buffer | null)[]): Generator<PackedChunk> {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    lines[i] = null;
    if (line == null) continue;
    const { tree } = JSON.parse(line.toString('utf8')) as { tree?: { labels?: unknown; ops?: unknown } };
    if (!Array.isArray(tree?.labels) || typeof tree.ops !== 'string') throw new Error('search: damaged index line');
    yield { labels: tree.labels as string[], ops: Buffer.from(tree.ops, 'base64') };
  }
}

/** Bytes read at a time: a few calls for a 10k-article snapshot, and lines are cut from them without copying. */
const READ_CHUNK_BYTES = 1 << 20;

/**
 * The file's lines as bytes, newline excluded (the last line also without
 * one). Lines are decoded only when parsed, and hashed as bytes: readline's
 * decoding and the hash's re-encoding of every line were a large share of a warm
 * start (BENCHMARKS.md, "Where the targets stand (2026-11-29, second session, on this machine)").
 */
async function* linesOf(file: string): AsyncGenerator<Buffer> {
  const input = createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
  // The start of a line that runs on into the next chunk(s).
  let parts: Buffer[] = [];
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let start = 0;
      for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
        const piece = chunk.subarray(start, newline);
        start = newline + 1;
        if (parts.length === 0) yield piece;
        else {
          parts.push(piece);
          const line = Buffer.concat(parts);
          parts = [];
          yield line;
        }
      }
      if (start < chunk.length) parts.push(chunk.subarray(start));
    }
    if (parts.length > 0) yield Buffer.concat(parts);
  } finally {
    input.destroy();
  }
}

/** True when `line` starts with the ASCII text `prefix`. */
function startsWith(line: Buffer, prefix: string): boolean {
  return line.length >= prefix.length && line.toString('latin1', 0, prefix.length) === prefix;
}

function toRow(a: ArticleMeta, table: SentenceTable | undefined): ArticleRow {
  if (table === undefined) throw new Error(`search: no sentence table for '${a.id}'`);
  return [a.id, a.file, a.title, a.date, a.dateKind, a.source, a.url, [...a.tags], tableToRow(table), a.dateBasis ?? null];
}

function fromRow([id, file, title, date, dateKind, source, url, tags, , dateBasis]: ArticleRow): ArticleMeta {
  return { id, file, title, date, dateKind, source, url, tags, dateBasis: dateBasis ?? null };
}

/** Offsets saved as gap-before and length pairs: short numbers, about half the characters of the offsets. */
function tableToRow(table: SentenceTable): SentenceRow {
  const steps: number[] = [];
  let previousEnd = 0;
  for (let i = 0; i + 1 < table.spans.length; i += 2) {
    const start = table.spans[i] ?? 0;
    const end = table.spans[i + 1] ?? 0;
    steps.push(start - previousEnd, end - start);
    previousEnd = end;
  }
  return [table.textLength, table.textHash, steps, table.dates];
}

/** @throws Error when the row is not a sentence table (a damaged snapshot). */
function tableFromRow(row: SentenceRow | undefined): SentenceTable {
  if (!Array.isArray(row) || !Array.isArray(row[2]) || row[2].length % 2 !== 0) throw new Error('search: damaged sentence table');
  const [textLength, textHash, steps, dates] = row;
  const spans = new Uint32Array(steps.length);
  let offset = 0;
  for (let i = 0; i < steps.length; i++) {
    offset += steps[i] ?? 0;
    spans[i] = offset;
  }
  return { textLength, textHash, spans, dates };
}
