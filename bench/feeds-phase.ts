/**
 * `npm run bench -- --feeds [--verbose]`: how many of two other feed readers'
 * expectations aigov's feed reader meets, per field, beside rss-parser on the
 * same feeds in the same run. The suites are ../shared/fixtures/feeds
 * (gofeed's testdata with its expected JSON, rss-parser's captured feeds with
 * its own output), flattened into checks (*-cases.json).
 *
 * Their fields mapped onto what aigov takes from a feed:
 * - feeds read: the document is read as a feed with as many items as expected;
 * - feed title, item title: plain text (an expected value that holds markup
 *   is reduced to its text the way aigov reduces titles);
 * - link: gofeed `link` (or, for Atom, the entry's alternate link), rss-parser `link`;
 * - GUID: gofeed `guid`/`guid.value`/`id`, rss-parser `guid` or `id`;
 * - date: the publication date, else the update date, as an instant (to the second);
 * - text: the item's content or summary as plain text, compared without white space
 *   (met when the expected text is one of those the reader offers: this measures
 *   reading the text, not which of the two aigov keeps);
 * Both readers' outputs go through the same comparison. gofeed is split in
 * two: its `parser/` cases were looked at while writing aigov's reader, its
 * `translator/` cases were not (BENCHMARKS.md, Feed reading).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import RssParser from 'rss-parser';
import { readFeed } from '../src/ingest/feed/read-feed.ts';
import { collapse, htmlToLine, htmlToParagraphs } from '../src/ingest/extract/html-to-text.ts';

export const FEED_FIXTURES = process.env['AIGOV_FEED_FIXTURES'] ?? path.resolve(import.meta.dirname, '../../shared/fixtures/feeds');

const FIELDS = ['feeds read', 'feed title', 'item title', 'link', 'GUID', 'date', 'text'] as const;
type Field = (typeof FIELDS)[number];

interface ItemView {
  readonly title: string | null;
  readonly link: string | null;
  readonly guid: string | null;
  readonly date: Date | null;
  /** Plain texts the item offers (content, summary). */
  readonly texts: readonly string[];
}
interface FeedView {
  readonly title: string | null;
  readonly items: readonly ItemView[];
}
type Reader = (bytes: Buffer, file: string) => Promise<FeedView | null>;

interface ItemExpectation {
  title?: string | null;
  link?: string | null;
  guid?: string | null;
  date?: Date | null;
  /** Candidate texts (plain); the item's expected text is the fuller one. */
  texts?: string[];
}
interface Expectation {
  readonly file: string;
  readonly suite: string;
  itemCount: number | null;
  feedTitle?: string | null;
  readonly items: Map<number, ItemExpectation>;
}

interface Check {
  readonly path: readonly (string | number)[];
  readonly op: string;
  readonly value: unknown;
}
interface Case {
  readonly file: string;
  readonly group?: string;
  readonly checks: readonly Check[];
}

const aigovReader: Reader = async (bytes, file) => {
  try {
    const feed = readFeed(bytes, { url: pathToFileURL(file).href, charset: null, contentLocation: null });
    return {
      title: feed.title,
      items: feed.items.map((item) => ({
        title: item.title,
        link: item.link,
        guid: item.guid,
        date: item.published ?? item.updated,
        texts: [item.contentHtml, item.summaryHtml].map((html) => (html === null ? '' : plainText(html))),
      })),
    };
  } catch {
    return null;
  }
};

const rssParserReader: Reader = async (bytes) => {
  try {
    const feed = await new RssParser().parseString(bytes.toString('utf8'));
    return {
      title: plainLine(feed.title),
      items: (feed.items ?? []).map((item) => {
        const record = item as Record<string, unknown>;
        const texts = [record['content:encoded'], item.content, item.summary, item.contentSnippet].filter((t): t is string => typeof t === 'string').map(plainText);
        const date = item.isoDate ? new Date(item.isoDate) : null;
        return {
          title: plainLine(item.title),
          link: item.link ?? null,
          guid: typeof item.guid === 'string' ? item.guid : typeof record['id'] === 'string' ? (record['id'] as string) : null,
          date: date !== null && !Number.isNaN(date.getTime()) ? date : null,
          texts,
        };
      }),
    };
  } catch {
    return null;
  }
};

function plainLine(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = htmlToLine(value);
  return text === '' ? null : text;
}

function plainText(value: string): string {
  return htmlToParagraphs(value).join(' ');
}

function slot(expectation: Expectation, index: number): ItemExpectation {
  let item = expectation.items.get(index);
  if (item === undefined) expectation.items.set(index, (item = {}));
  return item;
}

function asDate(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** gofeed's checks (both levels: format structs and the universal feed) mapped onto aigov's fields. */
function gofeedExpectations(cases: readonly Case[]): Expectation[] {
  return cases.map((c) => {
    const expectation: Expectation = { file: c.file, suite: `gofeed ${c.group?.split('/')[0] ?? ''}`, itemCount: null, items: new Map() };
    const atomLinks = new Map<number, Map<number, { href?: string; rel?: string }>>();
    const contentType = new Map<number, string>();
    for (const check of c.checks) if (check.path[0] === 'entries' && check.path[2] === 'content' && check.path[3] === 'type') contentType.set(check.path[1] as number, String(check.value));
    const published = new Map<number, Date | null>();
    const updated = new Map<number, Date | null>();
    for (const { path: p, op, value } of c.checks) {
      const [top, index, field, sub, leaf] = p;
      if ((top === 'items' || top === 'entries') && p.length === 1 && op === 'len==') expectation.itemCount = Number(value);
      if (top === 'title' && p.length === 1 && op === '==') expectation.feedTitle = plainLine(value);
      if ((top !== 'items' && top !== 'entries') || typeof index !== 'number' || op !== '==') continue;
      const item = slot(expectation, index);
      if (field === 'title' && p.length === 3) item.title = plainLine(value);
      else if (field === 'link' && p.length === 3) item.link = typeof value === 'string' && value !== '' ? value : null;
      else if (field === 'url' && p.length === 3) item.link ??= typeof value === 'string' ? value : null;
      else if ((field === 'guid' && (p.length === 3 || sub === 'value')) || (field === 'id' && p.length === 3)) item.guid = value === null ? null : String(value).trim();
      else if (field === 'publishedParsed' || field === 'pubDateParsed' || field === 'date_published') published.set(index, asDate(value));
      else if (field === 'updatedParsed' || field === 'date_modified') updated.set(index, asDate(value));
      else if (field === 'links' && typeof sub === 'number' && (leaf === 'href' || leaf === 'rel')) {
        const links = atomLinks.get(index) ?? new Map();
        atomLinks.set(index, links);
        const link = links.get(sub) ?? {};
        links.set(sub, link);
        link[leaf] = String(value);
      } else if (field === 'content' && sub === 'value') (item.texts ??= []).push(contentType.get(index) === 'text' ? collapse(String(value)) : plainText(String(value)));
      else if ((field === 'content' || field === 'description' || field === 'summary' || field === 'content_html') && p.length === 3) (item.texts ??= []).push(plainText(String(value)));
      else if (field === 'content_text' && p.length === 3) (item.texts ??= []).push(collapse(String(value)));
    }
    for (const [index, links] of atomLinks) {
      const alternate = [...links.entries()].sort(([a], [b]) => a - b).find(([, l]) => l.href !== undefined && (l.rel ?? 'alternate') === 'alternate');
      if (alternate) slot(expectation, index).link ??= alternate[1].href!;
    }
    for (const index of new Set([...published.keys(), ...updated.keys()])) slot(expectation, index).date = published.get(index) ?? updated.get(index) ?? null;
    return expectation;
  });
}

/** rss-parser's golden outputs: title, link, isoDate, guid or id, contentSnippet. */
function rssParserExpectations(cases: readonly Case[]): Expectation[] {
  return cases.map((c) => {
    const expectation: Expectation = { file: c.file, suite: 'rss-parser', itemCount: null, items: new Map() };
    for (const { path: p, op, value } of c.checks) {
      const [top, index, field] = p;
      if (top === 'items' && p.length === 1 && op === 'len==') expectation.itemCount = Number(value);
      if (top === 'title' && p.length === 1) expectation.feedTitle = plainLine(value);
      if (top !== 'items' || typeof index !== 'number' || op !== '==') continue;
      const item = slot(expectation, index);
      if (field === 'title') item.title = plainLine(value);
      else if (field === 'link') item.link = typeof value === 'string' && value !== '' ? value : null;
      else if (field === 'guid' || field === 'id') item.guid = value === null ? null : String(value).trim();
      else if (field === 'isoDate') item.date = asDate(value);
      else if (field === 'contentSnippet') (item.texts ??= []).push(collapse(String(value)));
    }
    return expectation;
  });
}

function sameLink(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const norm = (u: string): string => {
    try {
      return new URL(u.trim()).href;
    } catch {
      return u.trim();
    }
  };
  return norm(a) === norm(b);
}

const squash = (text: string): string => text.normalize('NFC').replace(/\s+/g, '');

export interface Tally {
  met: number;
  total: number;
}
export type SuiteResult = Record<Field, Tally>;
export interface Miss {
  readonly suite: string;
  readonly file: string;
  readonly field: Field;
  readonly expected: unknown;
  readonly got: unknown;
}

function score(expectation: Expectation, view: FeedView | null, result: SuiteResult, misses: Miss[]): void {
  const tally = (field: Field, ok: boolean, expected: unknown, got: unknown): void => {
    result[field].total += 1;
    if (ok) result[field].met += 1;
    else misses.push({ suite: expectation.suite, file: expectation.file, field, expected, got });
  };
  tally('feeds read', view !== null && (expectation.itemCount === null || view.items.length === expectation.itemCount), expectation.itemCount, view?.items.length ?? 'error');
  if (expectation.feedTitle !== undefined) tally('feed title', view !== null && view.title === expectation.feedTitle, expectation.feedTitle, view?.title);
  for (const [index, want] of expectation.items) {
    const got = view?.items[index] ?? null;
    if (want.title !== undefined) tally('item title', got !== null && got.title === want.title, want.title, got?.title);
    if (want.link !== undefined) tally('link', got !== null && sameLink(got.link, want.link), want.link, got?.link);
    if (want.guid !== undefined) tally('GUID', got !== null && (got.guid?.trim() ?? null) === want.guid, want.guid, got?.guid);
    if (want.date !== undefined) {
      const ok = got !== null && (want.date === null ? got.date === null : got.date !== null && Math.floor(got.date.getTime() / 1000) === Math.floor(want.date.getTime() / 1000));
      tally('date', ok, want.date?.toISOString() ?? null, got?.date?.toISOString() ?? null);
    }
    if (want.texts !== undefined) {
      const expected = want.texts.reduce((a, b) => (b.length > a.length ? b : a), '');
      tally('text', got !== null && got.texts.some((t) => squash(t) === squash(expected)), expected.slice(0, 200), got?.texts.map((t) => t.slice(0, 200)));
    }
  }
}

function emptyResult(): SuiteResult {
  return Object.fromEntries(FIELDS.map((f) => [f, { met: 0, total: 0 }])) as SuiteResult;
}

export interface FeedBenchResult {
  /** suite → reader → figures. */
  readonly results: Map<string, Map<string, SuiteResult>>;
  readonly misses: Map<string, Miss[]>;
}

export async function runFeedBench(fixtures = FEED_FIXTURES): Promise<FeedBenchResult> {
  const load = (name: string): Case[] => (JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8')) as { cases: Case[] }).cases;
  const expectations = [...gofeedExpectations(load('gofeed-cases.json')), ...rssParserExpectations(load('rss-parser-cases.json'))];
  const readers: [string, Reader][] = [
    ['aigov', aigovReader],
    ['rss-parser', rssParserReader],
  ];
  const results = new Map<string, Map<string, SuiteResult>>();
  const misses = new Map<string, Miss[]>(readers.map(([name]) => [name, []]));
  for (const expectation of expectations) {
    const file = path.join(fixtures, expectation.file);
    const bytes = fs.readFileSync(file);
    for (const [name, reader] of readers) {
      const bySuite = results.get(expectation.suite) ?? new Map<string, SuiteResult>();
      results.set(expectation.suite, bySuite);
      const result = bySuite.get(name) ?? emptyResult();
      bySuite.set(name, result);
      score(expectation, await reader(bytes, file), result, misses.get(name)!);
    }
  }
  return { results, misses };
}

const pct = ({ met, total }: Tally): string => (total === 0 ? '—' : `${((100 * met) / total).toFixed(1)}% (${met}/${total})`);

export function renderFeedBench({ results }: FeedBenchResult): string {
  const lines = [`| suite | reader | ${FIELDS.join(' | ')} |`, `|---|---|${FIELDS.map(() => '---').join('|')}|`];
  for (const [suite, byReader] of results) {
    for (const [reader, result] of byReader) lines.push(`| ${suite} | ${reader} | ${FIELDS.map((f) => pct(result[f])).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** Feeds for the cost table: the suites' largest real feed and two hostile shapes. */
function costFeeds(fixtures: string): [string, Buffer][] {
  const nested = 200_000;
  return [
    ['giantbomb-podcast.rss (1.6 MB, 730 items)', fs.readFileSync(path.join(fixtures, 'rss-parser/test/input/giantbomb-podcast.rss'))],
    [`${nested.toLocaleString('en')} nested tags in one description`, Buffer.from(`<rss><channel><title>D</title><item><title>x</title><link>https://a.test/</link><description>${'<a>'.repeat(nested)}deep${'</a>'.repeat(nested)}</description></item></channel></rss>`)],
    ['5,000 items with unclosed <br> and <img>', Buffer.from(`<rss><channel><title>B</title>${Array.from({ length: 5000 }, (_, i) => `<item><title>${i}</title><link>https://a.test/${i}</link><description>a<br>b<img src="x"></description></item>`).join('')}</channel></rss>`)],
  ];
}

/** Median milliseconds of `runs` reads of each cost feed, by each reader. */
export async function runFeedCost(fixtures = FEED_FIXTURES, runs = 5): Promise<string> {
  const readers: [string, Reader][] = [
    ['aigov', aigovReader],
    ['rss-parser', rssParserReader],
  ];
  const lines = ['| feed | aigov (ms) | rss-parser (ms) |', '|---|---|---|'];
  for (const [name, bytes] of costFeeds(fixtures)) {
    const cells: string[] = [];
    for (const [, reader] of readers) {
      const times: number[] = [];
      let items: number | null = null;
      for (let i = 0; i < runs; i += 1) {
        const start = performance.now();
        const view = await reader(bytes, path.join(fixtures, 'cost.xml'));
        times.push(performance.now() - start);
        items = view?.items.length ?? null;
      }
      times.sort((a, b) => a - b);
      cells.push(`${times[Math.floor(times.length / 2)]!.toFixed(0)}${items === null ? ' (not read)' : ''}`);
    }
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

export async function mainFeeds(argv: readonly string[]): Promise<void> {
  const bench = await runFeedBench();
  process.stdout.write(renderFeedBench(bench));
  if (argv.includes('--cost')) process.stdout.write(`\n${await runFeedCost()}`);
  if (argv.includes('--verbose')) {
    const only = argv.includes('--suite') ? (argv[argv.indexOf('--suite') + 1] ?? null) : null;
    for (const miss of bench.misses.get('aigov')!) {
      if (only !== null && !miss.suite.startsWith(only)) continue;
      process.stdout.write(`${miss.suite}\t${miss.field}\t${miss.file}\n  expected ${JSON.stringify(miss.expected)}\n  got      ${JSON.stringify(miss.got)}\n`);
    }
  }
}
