/**
 * `npm run cli -- dates …`: the dates indexing stores for a text, shown for a
 * person fixing the corpus ("why is this event on the 12th?") or, with
 * `--jsonl`, for a program resolving many texts in one process. Both print
 * what core/sentences/text-dates.ts answers, the function indexing runs, so
 * what is shown is what timelines, answers and digests read.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { parseIsoDay } from '../core/dates/calendar.ts';
import { describeEventDate } from '../core/dates/describe-event-date.ts';
import type { DateContext } from '../core/dates/resolve-dates.ts';
import { parseArticleFile } from '../core/corpus/parse-article.ts';
import { dateContextOf } from '../core/search/corpus-index.ts';
import { textDates, type TextSentence } from '../core/sentences/text-dates.ts';

export const DATES_USAGE = `Usage:
  npm run cli -- dates <corpus file>                  the file's front-matter date as the reference
  npm run cli -- dates --date YYYY-MM-DD <file | ->   any text (- for standard input), dated YYYY-MM-DD
  npm run cli -- dates --jsonl [file | -]             one {"id","date","text"} a line in, one {"id","dates"} a line out`;

export interface DatesIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly stdin: Readable;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The sentences that state a date, each with its dates, for a person reading them. */
export function formatTextDates(sentences: readonly TextSentence[], heading: string): string {
  const dated = sentences.filter((s) => s.dates.length > 0);
  const lines = [heading, `${dated.length} of ${sentences.length} sentences state a date.`];
  for (const sentence of dated) {
    lines.push('', `[${sentence.position + 1}] ${sentence.sentence}`);
    for (const d of sentence.dates) {
      const precision = d.date.end === null ? d.precision : `${d.precision} range`;
      lines.push(`    "${d.text.replace(/\s+/g, ' ')}" → ${d.value} (${describeEventDate(d.date.start, d.date.end)}; ${precision}; ${d.basis})`);
    }
  }
  return lines.join('\n');
}

function articleHeading(file: string, context: DateContext, dateNote: string): string {
  if (context.articleDate === null) return `${file}: no article date (${dateNote}): only dates with their year written are placed.`;
  return `${file}: article date ${context.articleDate} (${dateNote}).`;
}

function runFile(file: string, io: DatesIo): number {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    io.err(`aigov dates: cannot read '${file}': ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const parsed = parseArticleFile(path.basename(file), bytes);
  if (!parsed.ok) {
    io.err(`aigov dates: '${file}' is not a corpus file: ${parsed.warning.reason}`);
    return 1;
  }
  const { article } = parsed;
  const context = dateContextOf(article);
  const note =
    article.dateKind === 'editorial' ? 'editorial: established outside the text' : article.dateKind === 'retrieved' ? `the day it was retrieved, ${article.date}, is no anchor` : 'front matter';
  io.out(formatTextDates(textDates(article.body, context), articleHeading(file, context, note)));
  return 0;
}

async function runText(date: string, source: string, io: DatesIo): Promise<number> {
  let text: string;
  try {
    text = source === '-' ? await readAll(io.stdin) : fs.readFileSync(source, 'utf8');
  } catch (error) {
    io.err(`aigov dates: cannot read '${source}': ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const context = { articleDate: date, articleDateEditorial: false };
  io.out(formatTextDates(textDates(text, context), articleHeading(source === '-' ? 'standard input' : source, context, '--date')));
  return 0;
}

/** One input line's answer: its dates, or the reason it was refused. */
export function jsonlAnswer(line: string, lineNumber: number): string {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return JSON.stringify({ id: lineNumber, error: `line ${lineNumber} is not JSON: ${error instanceof Error ? error.message : String(error)}` });
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return JSON.stringify({ id: lineNumber, error: `line ${lineNumber} is not a JSON object` });
  const { id, date, text } = input as Record<string, unknown>;
  const answerId = typeof id === 'string' || typeof id === 'number' ? id : lineNumber;
  if (typeof text !== 'string') return JSON.stringify({ id: answerId, error: `"text" must be a string, got ${JSON.stringify(text) ?? 'nothing'}` });
  if (date !== null && (typeof date !== 'string' || parseIsoDay(date) === null)) {
    return JSON.stringify({ id: answerId, error: `"date" must be a calendar day YYYY-MM-DD or null, got ${JSON.stringify(date) ?? 'nothing'}` });
  }
  const dates = textDates(text, { articleDate: date, articleDateEditorial: false }).flatMap((s) =>
    s.dates.map((d) => ({ start: d.start, end: d.end, text: d.text, value: d.value })),
  );
  return JSON.stringify({ id: answerId, dates });
}

async function runJsonl(source: string, io: DatesIo): Promise<number> {
  let stream: Readable;
  try {
    stream = source === '-' ? io.stdin : fs.createReadStream(source);
  } catch (error) {
    io.err(`aigov dates: cannot read '${source}': ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  let lineNumber = 0;
  try {
    for await (const line of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
      lineNumber += 1;
      if (line.trim().length === 0) continue;
      io.out(jsonlAnswer(line, lineNumber));
    }
  } catch (error) {
    io.err(`aigov dates: reading '${source}' stopped after line ${lineNumber}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  return 0;
}

/** `dates …` with the arguments after `dates`; returns the exit code. */
export async function runDatesCli(args: readonly string[], io: DatesIo): Promise<number> {
  if (args[0] === '--jsonl' && args.length <= 2) return runJsonl(args[1] ?? '-', io);
  if (args[0] === '--date' && args.length === 3) {
    const date = args[1]!;
    if (parseIsoDay(date) === null) {
      io.err(`aigov dates: --date must be a calendar day YYYY-MM-DD, got '${date}'`);
      return 2;
    }
    return runText(date, args[2]!, io);
  }
  if (args.length === 1 && !args[0]!.startsWith('--')) return runFile(args[0]!, io);
  io.err(DATES_USAGE);
  return 2;
}
