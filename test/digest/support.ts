/** Shared set-up for the digest tests: temp corpora, real SQLite stores, a WebClient on the Slack stand-in. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { WebClient } from '@slack/web-api';
import { CorpusService } from '../../src/corpus/corpus-service.ts';
import { DELIVERY_CLIENT_OPTIONS } from '../../src/slack/web-client.ts';
import { createLogger, type Logger } from '../../src/logging/logger.ts';
import type { SlackApiStandIn } from '../support/slack-api-stand-in.ts';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `aigov-${prefix}-`));
}

export interface ArticleSpec {
  readonly id: string;
  readonly title: string;
  readonly date?: string | null;
  readonly editorial?: boolean;
  readonly source?: string | null;
  readonly url?: string | null;
  readonly body?: string;
}

/** Writes one article as the corpus holds it: Markdown with YAML front matter. */
export function writeArticle(dir: string, spec: ArticleSpec): void {
  const yaml = (value: string | null | undefined) => (value === null || value === undefined ? 'null' : JSON.stringify(value));
  const lines = [
    '---',
    `title: ${JSON.stringify(spec.title)}`,
    `date: ${spec.date === undefined ? '2025-01-15' : yaml(spec.date)}`,
    `date_editorial: ${spec.editorial === true}`,
    `source: ${spec.source === undefined ? '"Test Wire"' : yaml(spec.source)}`,
    ...(spec.url ? [`url: ${JSON.stringify(spec.url)}`] : []),
    '---',
    '',
    spec.body ?? `The delegates of ${spec.title} agreed on a common framework for artificial intelligence governance today.`,
    '',
  ];
  fs.writeFileSync(path.join(dir, `${spec.id}.md`), lines.join('\n'));
}

const DETAIL_WORDS = (
  'treaty summit export chip safety audit standard model data risk ethics lab forum charter pledge panel code review talks accord ' +
  'minister envoy agency court budget grant vote draft rule index'
).split(' ');

/** Twenty sentences of words drawn for article `i` alone (a fixed LCG per article): no two articles share much text. */
function detailOf(i: number): string {
  let state = (i + 1) * 2654435761;
  const word = (): string => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return DETAIL_WORDS[state % DETAIL_WORDS.length] as string;
  };
  return Array.from({ length: 20 }, () => `The ${word()} ${word()} ${word()} and ${word()} ${word()}.`).join(' ');
}

/** A corpus directory of `count` generated articles, ids `a00`, `a01`…, dated across several months. */
export function writeCorpus(count: number, dir = tempDir('corpus')): string {
  for (let i = 0; i < count; i++) {
    const month = String((i % 6) + 1).padStart(2, '0');
    writeArticle(dir, {
      id: `a${String(i).padStart(2, '0')}`,
      title: `Article ${i} on AI governance talks`,
      date: `2025-${month}-1${i % 10}`,
      url: `https://example.org/news/${i}?a=1&b=2`,
      // Each article's detail differs, so no two are near-duplicates (re-reports of one story are grouped in digests).
      body: `Ministers from ${i + 2} countries signed a long statement on artificial intelligence governance in the capital. ${detailOf(i)}`,
    });
  }
  return dir;
}

export async function loadCorpus(dir: string): Promise<CorpusService> {
  const corpus = new CorpusService(dir);
  await corpus.load();
  return corpus;
}

/** A JSON logger whose lines are kept for assertions. */
export function captureLogger(): { logger: Logger; lines: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', sink), lines: () => chunks.join('') };
}

/** The digest's WebClient as the bot builds it, pointed at the stand-in. */
export function digestClient(api: SlackApiStandIn): WebClient {
  return new WebClient('xoxb-digest-test-token', { ...DELIVERY_CLIENT_OPTIONS, slackApiUrl: api.url });
}

/** A clock the test moves by hand. */
export function fakeClock(start: string | Date): { now: () => Date; set: (at: string | Date) => void; advance: (ms: number) => void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
