/**
 * Agreement of the extraction and metadata steps with the real pages in
 * test/fixtures/web-pages (their own markup's title, site name and
 * publication time). Shared by the test that asserts it and by
 * `npx tsx test/ingest/metadata/fixture-agreement.ts`, which prints it.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { extractArticle, NoArticleError } from '../../../src/ingest/extract/extract-article.ts';
import { readPageMetadata, type MetaDocument } from '../../../src/ingest/metadata/read-page-metadata.ts';
import { dayOfDateString } from '../../../src/ingest/metadata/page-date.ts';

/** The real pages, kept in the repository (test/fixtures/web-pages: README and licence there) so a clean clone tests them. */
export const WEB_PAGES_DIR = process.env['AIGOV_WEB_PAGES_DIR'] ?? path.resolve(import.meta.dirname, '../../fixtures/web-pages');

export interface FixtureRow {
  readonly name: string;
  readonly title: { expected: string | null; got: string | null };
  readonly site: { expected: string | null; got: string | null };
  /** Days: the expected publishedTime's day, and the first page date found. */
  readonly date: { expected: string | null; got: string | null; from: string | null };
  readonly article: boolean;
}

export function fixtureNames(): string[] {
  return readdirSync(WEB_PAGES_DIR).filter((name) => existsSync(path.join(WEB_PAGES_DIR, name, 'expected-metadata.json'))).sort();
}

export function measureFixture(name: string): FixtureRow {
  const dir = path.join(WEB_PAGES_DIR, name);
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected-metadata.json'), 'utf8')) as Record<string, string | null>;
  const html = readFileSync(path.join(dir, 'source.html'), 'utf8');
  const url = `https://${name}.example/articles/${name}`;
  const page = readPageMetadata(parseHTML(html).document as unknown as MetaDocument, url);
  let extractedTitle: string | null = null;
  let article = true;
  try {
    extractedTitle = extractArticle(html).title;
  } catch (err) {
    if (!(err instanceof NoArticleError)) throw err;
    article = false;
  }
  return {
    name,
    title: { expected: expected['title'] ?? null, got: extractedTitle ?? page.title },
    site: { expected: expected['siteName'] ?? null, got: page.siteName },
    date: { expected: dayOfDateString(expected['publishedTime'] ?? null), got: page.dates[0]?.day ?? null, from: page.dates[0]?.from ?? null },
    article,
  };
}

/**
 * Titles and names are stored with white space collapsed (the corpus loader
 * does the same), and an empty title is no title.
 */
export function agrees(pair: { expected: string | null; got: string | null }): boolean {
  const norm = (v: string | null): string | null => (v === null ? null : v.replace(/\s+/g, ' ').trim() || null);
  return norm(pair.expected) === norm(pair.got);
}

export interface Agreement {
  readonly pages: number;
  readonly title: number;
  readonly site: number;
  readonly date: number;
  /** Pages whose markup states no date Readability recognises, yet a page date was claimed. */
  readonly dateClaimedWhereNone: readonly string[];
  readonly rows: readonly FixtureRow[];
}

export function measureAgreement(): Agreement {
  const rows = fixtureNames().map(measureFixture);
  const same = (pick: (row: FixtureRow) => { expected: string | null; got: string | null }): number => rows.filter((r) => agrees(pick(r))).length;
  return {
    pages: rows.length,
    title: same((r) => r.title),
    site: same((r) => r.site),
    date: same((r) => r.date),
    dateClaimedWhereNone: rows.filter((r) => r.date.expected === null && r.date.got !== null).map((r) => r.name),
    rows,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const agreement = measureAgreement();
  for (const row of agreement.rows) {
    for (const key of ['title', 'site', 'date'] as const) {
      if (!agrees(row[key])) console.log(`${row.name} ${key}: expected ${JSON.stringify(row[key].expected)}, got ${JSON.stringify(row[key].got)}`);
    }
  }
  const pct = (n: number): string => `${n}/${agreement.pages} (${((100 * n) / agreement.pages).toFixed(1)} %)`;
  console.log(`title ${pct(agreement.title)}, site ${pct(agreement.site)}, date ${pct(agreement.date)}; page date claimed where none: ${agreement.dateClaimedWhereNone.length}`);
}
