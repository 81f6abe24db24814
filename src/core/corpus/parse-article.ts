/**
 * Turns the bytes of one corpus file into an Article, or into a warning that
 * says in plain words why the file was refused. Pure: no file system here, so
 * the loader and the file watcher share exactly the same rules.
 *
 * Two formats:
 * - `.md`: YAML front matter between `---` lines at the very top (title
 *   required; date, date_editorial, source, url, tags optional; ingested
 *   articles also carry date_basis, retrieved_at and via), then the text.
 * - `.txt`: plain text with an optional first line `date YYYY-MM-DD <words>`
 *   (the form of the seed files); the date is then `stated`.
 */
import { parseDocument } from 'yaml';
import type { Article, ArticleDateBasis, CorpusWarning, DateKind } from '../types.ts';
import { sentenceAt, sentenceSpans, truncate } from '../text.ts';
import { parseHttpUrl } from '../http-url.ts';

/**
 * Files above this size are refused unread: news articles are a few KB, so a
 * bigger file is a mistake (a dump, a PDF renamed) and would bloat the index.
 */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

/** Titles are cut to this many characters; a `.txt` title may be a whole first sentence. */
export const TITLE_MAX_CHARS = 150;

/** Quoted values in warnings are cut to this length so one bad file cannot flood the log. */
const QUOTED_VALUE_MAX_CHARS = 60;

/** The file extensions the corpus understands, lower-case. */
export const ARTICLE_EXTENSIONS: readonly string[] = ['.md', '.txt'];

export type ParseResult =
  | { readonly ok: true; readonly article: Article }
  | { readonly ok: false; readonly warning: CorpusWarning };

/** Thrown inside this module only, caught by parseArticleFile and turned into a warning. */
class Refusal extends Error {
  override readonly name = 'Refusal';
}

const FENCE = /^---[ \t]*$/;
const TXT_DATE_LINE = /^[ \t]*date[ \t]+(\d\S*)(?:[ \t]+(.*))?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses one corpus file. `file` is the name relative to the corpus directory;
 * the article id is its base name without the extension.
 *
 * Accepts a UTF-8 BOM (stripped) and CRLF or CR line endings (the body always
 * comes out with `\n`). Refuses, with a warning naming the file and the
 * reason: empty, too large, binary (NUL bytes), not UTF-8, broken or
 * non-mapping front matter, a date that is not a real `YYYY-MM-DD` day, a
 * missing title, a non-http(s) url, and an empty body.
 */
export function parseArticleFile(file: string, bytes: Uint8Array): ParseResult {
  try {
    const text = decodeArticleText(bytes);
    const extension = extensionOf(file);
    const id = articleIdOf(file);
    if (id.length === 0) throw new Refusal('file name has no id before the extension');
    switch (extension) {
      case '.md':
        return { ok: true, article: { id, file, ...parseMarkdown(text) } };
      case '.txt':
        return { ok: true, article: { id, file, ...parsePlainText(text) } };
      default:
        throw new Refusal(`unsupported file type '${extension}' (expected .md or .txt)`);
    }
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, warning: { file, reason: err.message } };
    throw err;
  }
}

/**
 * True when `iso` is `YYYY-MM-DD` and names a day that exists
 * (`2024-02-29` yes, `2023-02-29` and `2024-02-30` no).
 */
export function isCalendarDate(iso: string): boolean {
  const match = ISO_DATE.exec(iso);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2024-02-30 over to March 1; a real day survives the round trip.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True when the file name has an extension the corpus reads (case-insensitive). */
export function isArticleFileName(file: string): boolean {
  return ARTICLE_EXTENSIONS.includes(extensionOf(file));
}

type ParsedFields = Omit<Article, 'id' | 'file'>;

function decodeArticleText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new Refusal('empty file');
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new Refusal(`file too large (${bytes.length} bytes, limit ${MAX_ARTICLE_BYTES})`);
  }
  // NUL is valid UTF-8, so it must be checked first; no text article contains one.
  if (bytes.includes(0)) throw new Refusal('binary file (contains NUL bytes)');
  let text: string;
  try {
    // The decoder strips a leading BOM by default.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Refusal('not valid UTF-8 text (saved as Latin-1 or another encoding?)');
  }
  return text.replace(/\r\n?/g, '\n');
}

/** An `.md` file's front matter (the YAML between the fences) and its text. */
function splitFrontMatter(text: string): { yamlText: string; body: string } {
  const firstBreak = text.indexOf('\n');
  const firstLine = firstBreak === -1 ? text : text.slice(0, firstBreak);
  if (!FENCE.test(firstLine)) {
    throw new Refusal("no front matter (an .md article starts with a '---' line, then title: ..., then '---')");
  }
  const closing = /^---[ \t]*$/gm;
  closing.lastIndex = firstBreak === -1 ? text.length : firstBreak + 1;
  const close = firstBreak === -1 ? null : closing.exec(text);
  if (!close) throw new Refusal("front matter opened with '---' on line 1 is never closed");
  const body = trimBody(text.slice(close.index + close[0].length));
  if (body.length === 0) throw new Refusal('no article text after the front matter');
  return { yamlText: text.slice(firstBreak + 1, close.index), body };
}

/**
 * The text of a corpus file already indexed, as {@link parseArticleFile} gives
 * it (`article.body`), without reading the front matter's fields: for quoting
 * an article the index holds, whose metadata was read and checked when it was
 * indexed (a file changed since is read in full by the watcher). Parsing the
 * YAML was most of the cost of showing a search's results. Null when the file
 * would be refused for its bytes, its fences or an empty text.
 */
export function parseArticleBody(file: string, bytes: Uint8Array): string | null {
  try {
    const text = decodeArticleText(bytes);
    switch (extensionOf(file)) {
      case '.md':
        return splitFrontMatter(text).body;
      case '.txt':
        return parsePlainText(text).body;
      default:
        return null;
    }
  } catch (err) {
    if (err instanceof Refusal) return null;
    throw err;
  }
}

function parseMarkdown(text: string): ParsedFields {
  const { yamlText, body } = splitFrontMatter(text);
  const fields = readFrontMatter(yamlText);

  const date = readDate(field(fields, 'date'));
  const editorial = readBoolean(field(fields, 'date_editorial'), 'date_editorial');
  const dateBasis = readDateBasis(field(fields, 'date_basis'));
  if (dateBasis !== null && date === null) throw new Refusal('date_basis without a date');
  // Read for validation only: the ingestion ledger, not the index, keeps when and how an article came in.
  readRetrievedAt(field(fields, 'retrieved_at'));
  readOptionalText(field(fields, 'via'), 'via');
  const dateKind: DateKind | null = date === null ? null : editorial ? 'editorial' : dateBasis === 'retrieved' ? 'retrieved' : 'stated';
  return {
    dateBasis,
    title: readTitle(field(fields, 'title')),
    date,
    dateKind,
    source: readOptionalText(field(fields, 'source'), 'source'),
    url: readUrl(field(fields, 'url')),
    tags: readTags(field(fields, 'tags')),
    body,
  };
}

/**
 * Parses front matter as YAML 1.2 with the core schema: plain data only (no
 * tags that build objects or run code), and an unquoted `2024-02-30` stays a
 * string instead of silently becoming a Date on March 1.
 */
function readFrontMatter(yamlText: string): Record<string, unknown> {
  const doc = parseDocument(yamlText, { version: '1.2', schema: 'core', prettyErrors: false, logLevel: 'silent' });
  // Unresolved tags (`!!js/function`) are only warnings to the yaml package; here they are mistakes.
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    // Front matter starts on line 2 of the file.
    const line = 2 + countNewlines(yamlText.slice(0, problem.pos[0]));
    throw new Refusal(`front matter is not valid YAML (line ${line}: ${problem.message})`);
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data) || data instanceof Date) {
    throw new Refusal(`front matter must be a mapping of fields (title: ...), got ${describe(data)}`);
  }
  return data as Record<string, unknown>;
}

function parsePlainText(text: string): ParsedFields {
  const firstBreak = text.indexOf('\n');
  const firstLine = firstBreak === -1 ? text : text.slice(0, firstBreak);
  const dateLine = TXT_DATE_LINE.exec(firstLine);
  let date: string | null = null;
  let headline = '';
  let rest = text;
  if (dateLine) {
    date = readDate(dateLine[1]);
    const words = (dateLine[2] ?? '').trim();
    headline = collapseSpaces(words);
    // Only the marker goes: the words after it are the article's first line.
    rest = words + (firstBreak === -1 ? '' : text.slice(firstBreak));
  }
  const body = trimBody(rest);
  if (body.length === 0) throw new Refusal('no article text');
  // Only the first sentence is split: a 5 MB text costs no more than a short one here.
  const first = sentenceSpans(body, 1)[0];
  const title = headline.length > 0 ? headline : collapseSpaces(first === undefined ? '' : sentenceAt(body, first));
  if (title.length === 0) throw new Refusal('missing title (no words in the first line)');
  return {
    title: truncate(title, TITLE_MAX_CHARS),
    date,
    dateKind: date === null ? null : 'stated',
    source: null,
    url: null,
    tags: [],
    dateBasis: null,
    body,
  };
}

function field(fields: Record<string, unknown>, key: string): unknown {
  // Own keys only: `__proto__: ...` in front matter must not be read through the prototype.
  return Object.hasOwn(fields, key) ? fields[key] : undefined;
}

function readTitle(value: unknown): string {
  if (value === undefined || value === null) throw new Refusal('missing title');
  if (typeof value !== 'string') throw new Refusal(`title must be text, got ${describe(value)} (quote it)`);
  const title = collapseSpaces(value);
  if (title.length === 0) throw new Refusal('empty title');
  return truncate(title, TITLE_MAX_CHARS);
}

function readDate(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  // Only a YAML 1.1 timestamp becomes a Date; kept so a change of schema cannot break dates silently.
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') throw new Refusal(`bad date ${describe(value)} (expected YYYY-MM-DD)`);
  if (!ISO_DATE.test(value)) throw new Refusal(`bad date ${quote(value)} (expected YYYY-MM-DD)`);
  if (!isCalendarDate(value)) throw new Refusal(`bad date ${quote(value)} (no such day)`);
  return value;
}

const DATE_BASES: readonly ArticleDateBasis[] = ['page', 'feed', 'url', 'retrieved'];

function readDateBasis(value: unknown): ArticleDateBasis | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !(DATE_BASES as readonly string[]).includes(value)) {
    throw new Refusal(`date_basis must be one of ${DATE_BASES.join(', ')}, got ${describe(value)}`);
  }
  return value as ArticleDateBasis;
}

/** `retrieved_at`: an ISO 8601 time (`2025-08-01T12:00:00.000Z`). */
function readRetrievedAt(value: unknown): void {
  if (value === undefined || value === null) return;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Refusal(`bad retrieved_at ${describe(value)} (expected an ISO time such as 2025-08-01T12:00:00Z)`);
  }
}

function readBoolean(value: unknown, name: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new Refusal(`${name} must be true or false, got ${describe(value)}`);
  return value;
}

/** Blank counts as unknown: `source: ""` means the same as leaving it out. */
function readOptionalText(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new Refusal(`${name} must be text, got ${describe(value)}`);
  const text = collapseSpaces(value);
  return text.length > 0 ? text : null;
}

function readUrl(value: unknown): string | null {
  const text = readOptionalText(value, 'url');
  if (text === null) return null;
  // Links are rendered into Slack messages: no javascript:, data:, file: or Slack-special schemes.
  const parsed = parseHttpUrl(text);
  if (!parsed.ok) throw new Refusal(`bad url ${quote(text)} (${parsed.problem === 'not-a-url' ? 'not a URL' : 'must be http or https'})`);
  return text;
}

function readTags(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Refusal(`tags must be a list of text, got ${describe(value)}`);
  const tags: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') throw new Refusal(`tags must be a list of text, got ${describe(item)} in the list`);
    const tag = collapseSpaces(item);
    if (tag.length > 0 && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** Drops blank lines before the text and white space after it; keeps the text's own indentation. */
function trimBody(text: string): string {
  return text.replace(/^\s*\n/, '').trimEnd();
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function countNewlines(text: string): number {
  let count = 0;
  for (const ch of text) if (ch === '\n') count += 1;
  return count;
}

/**
 * The article id a corpus file stands for: its name without directory or
 * extension (`001_4a63.md` → `001_4a63`). The loader, the watcher and the
 * saved index all name articles with this.
 */
export function articleIdOf(file: string): string {
  const name = baseName(file);
  return name.slice(0, name.length - extensionOf(file).length);
}

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

function extensionOf(file: string): string {
  const name = baseName(file);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

function quote(text: string): string {
  return `'${truncate(text, QUOTED_VALUE_MAX_CHARS)}'`;
}

/** A value from YAML, described for a warning: `a list`, `number 2024`, `'yes'`. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'an invalid date';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (value === null) return 'nothing';
  return `a ${typeof value === 'object' ? 'mapping' : typeof value}`;
}
