/**
 * The whole pipeline against a local web site on 127.0.0.1: real feeds and
 * pages (one of them a real news page from test/fixtures/web-pages), a real
 * corpus directory read back by the real loader, an in-memory ledger. The
 * fetcher refuses to resolve any name, so no test traffic leaves loopback.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher } from '../../src/ingest/fetch/fetcher.ts';
import { parseAllowList } from '../../src/ingest/fetch/address-guard.ts';
import { FULL_CONTENT_MIN_CHARS, ingestPage, pollFeed, type IngestDeps } from '../../src/ingest/pipeline.ts';
import { MAX_ARTICLE_TEXT_CHARS, TRUNCATION_NOTE } from '../../src/ingest/extract/extract-article.ts';
import { canonicalUrl } from '../../src/ingest/url/canonical-url.ts';
import type { IngestOutcome, IngestVia } from '../../src/ingest/ingest-types.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { MemoryIngestLedger } from './support/memory-ledger.ts';
import { reply, startLocalWeb, type LocalWeb } from './support/local-web.ts';
import { WEB_PAGES_DIR } from './metadata/fixture-agreement.ts';

const NOW = new Date('2025-08-01T12:00:00Z');
const BY_USER: IngestVia = { kind: 'user', userId: 'U0TEST' };
const HTML = { 'content-type': 'text/html; charset=utf-8' };
const PARAGRAPH = 'Delegates from forty countries met in Geneva to discuss a common approach to the governance of artificial intelligence, capacity-building for developing countries and the safety of frontier models.';
const ARTICLE_TEXT = Array.from({ length: 6 }, (_, i) => `<p>${PARAGRAPH} Paragraph ${i + 1}.</p>`).join('\n');
const page = (head: string, body: string): string => `<!doctype html><html><head><meta charset="utf-8">${head}</head><body><article>${body}</article></body></html>`;

let site: LocalWeb;
let forbidden: LocalWeb;
let fetcher: Fetcher;
let corpusDir: string;
let ledger: MemoryIngestLedger;
let deps: IngestDeps;

beforeAll(async () => {
  site = await startLocalWeb('127.0.0.1');
  forbidden = await startLocalWeb('127.0.0.2');
  forbidden.route('/secret', reply(200, page('<title>secret</title>', ARTICLE_TEXT), HTML));
  fetcher = createFetcher({
    allowPrivate: parseAllowList('127.0.0.1'),
    deadlineMs: 2_000,
    maxBodyBytes: 2 * 1024 * 1024,
    // No name is ever resolved: every URL in these tests is a loopback address literal.
    resolver: async (name) => {
      throw new Error(`test resolver: ${name} is not resolved`);
    },
  });
});
afterAll(async () => {
  await fetcher.close();
  await site.close();
  await forbidden.close();
});
beforeEach(() => {
  corpusDir = mkdtempSync(path.join(os.tmpdir(), 'aigov-ingest-'));
  ledger = new MemoryIngestLedger();
  deps = { fetcher, ledger, corpusDir, clock: () => NOW, logger: createLogger('silent') };
  site.requests.length = 0;
  return () => rmSync(corpusDir, { recursive: true, force: true });
});

const added = (outcome: IngestOutcome) => {
  if (outcome.kind !== 'added') throw new Error(`expected added, got ${JSON.stringify(outcome)}`);
  return outcome;
};

describe('ingestPage', () => {
  it('adds a real news page with the title, source and date its markup states, as a corpus file the loader reads', async () => {
    site.route('/news/bbc', reply(200, readFileSync(path.join(WEB_PAGES_DIR, 'bbc-1/source.html')), HTML));
    const outcome = added(await ingestPage(`${site.origin}/news/bbc?utm_source=slack#top`, BY_USER, deps));
    expect(outcome).toMatchObject({
      title: "Obama admits US gun laws are his 'biggest frustration'",
      source: 'BBC News',
      date: '2015-07-24',
      dateBasis: 'page',
      // The page's rel=canonical points at bbc.co.uk, another site: not trusted.
      canonicalUrl: `${site.origin}/news/bbc`,
    });
    const { articles, warnings } = await loadCorpus(corpusDir);
    expect(warnings).toEqual([]);
    expect(articles.map((a) => a.file)).toEqual([outcome.file]);
    expect(articles[0]).toMatchObject({ title: outcome.title, source: 'BBC News', date: '2015-07-24', dateBasis: 'page', url: `${site.origin}/news/bbc` });
    expect(articles[0]!.body).toContain('gun');
    expect(articles[0]!.body).not.toMatch(/<\/?(p|div|script|a)\b/);
    expect(readFileSync(path.join(corpusDir, outcome.file), 'utf8')).toContain('via: slack user U0TEST');
    expect(ledger.articles).toHaveLength(1);
  });

  it('knows the same article under a tracking URL without fetching, and the same text under another URL', async () => {
    site.route('/news/a', reply(200, page('<title>A</title>', ARTICLE_TEXT), HTML));
    site.route('/mirror/a', reply(200, page('<title>A (mirror)</title>', ARTICLE_TEXT), HTML));
    const first = added(await ingestPage(`${site.origin}/news/a`, BY_USER, deps));
    const fetched = site.requests.length;
    expect(await ingestPage(`${site.origin}/news/a?utm_medium=email&fbclid=x#c`, { kind: 'cli' }, deps)).toMatchObject({ kind: 'duplicate', by: 'url', articleId: first.articleId });
    expect(site.requests.length).toBe(fetched);
    expect(await ingestPage(`${site.origin}/mirror/a`, BY_USER, deps)).toMatchObject({ kind: 'duplicate', by: 'content', articleId: first.articleId });
    expect(readdirSync(corpusDir)).toHaveLength(1);
  });

  it('does not bring back a removed article, and does not fetch it', async () => {
    ledger.removed.add(canonicalUrl(`${site.origin}/news/removed`));
    expect(await ingestPage(`${site.origin}/news/removed?utm_source=x`, BY_USER, deps)).toMatchObject({ kind: 'removed' });
    expect(site.requests).toEqual([]);
  });

  it('dates a page without any date by the URL, else by the retrieval day marked as such', async () => {
    site.route('/2025/07/15/talks', reply(200, page('<title>Talks</title>', ARTICLE_TEXT), HTML));
    site.route('/undated', reply(200, page('<title>Undated</title>', ARTICLE_TEXT.replace(/Geneva/g, 'Nairobi')), HTML));
    site.route('/future', reply(200, page('<title>Future</title><meta property="article:published_time" content="2031-01-01T00:00:00Z">', ARTICLE_TEXT.replace(/Geneva/g, 'Lima')), HTML));
    expect(added(await ingestPage(`${site.origin}/2025/07/15/talks`, BY_USER, deps))).toMatchObject({ date: '2025-07-15', dateBasis: 'url' });
    expect(added(await ingestPage(`${site.origin}/undated`, BY_USER, deps))).toMatchObject({ date: '2025-08-01', dateBasis: 'retrieved' });
    expect(added(await ingestPage(`${site.origin}/future`, BY_USER, deps))).toMatchObject({ date: '2025-08-01', dateBasis: 'retrieved' });
    const { articles } = await loadCorpus(corpusDir);
    expect(articles.find((a) => a.title === 'Undated')).toMatchObject({ dateKind: 'retrieved' });
  });

  it('reads a page in the charset its markup declares', async () => {
    const latin = Buffer.from(page('<meta charset="windows-1252"><title>Réunion à Genève</title>', ARTICLE_TEXT.replace(/Geneva/g, 'Genève')).replace('<meta charset="utf-8">', ''), 'latin1');
    site.route('/latin', reply(200, latin, { 'content-type': 'text/html' }));
    const outcome = added(await ingestPage(`${site.origin}/latin`, BY_USER, deps));
    expect(outcome.title).toBe('Réunion à Genève');
    const { articles } = await loadCorpus(corpusDir);
    expect(articles[0]!.body).toContain('Genève');
  });

  it('keeps text only from a hostile page, and cuts an enormous paragraph', async () => {
    const enormous = `<p>${'governance '.repeat(Math.ceil((MAX_ARTICLE_TEXT_CHARS * 1.5) / 11))}</p>`;
    const hostile = page(
      '<title>&lt;!channel&gt; Hostile</title><script>while(true){}</script><style>p{}</style>',
      `<script>document.write('<p>injected</p>')</script><p onclick="x()">&lt;@U123&gt; <b>bold</b> <img src=x onerror=alert(1)></p>${enormous}<iframe src="javascript:alert(1)"></iframe>`,
    );
    site.route('/hostile', reply(200, hostile, HTML));
    const outcome = added(await ingestPage(`${site.origin}/hostile`, BY_USER, deps));
    expect(outcome.title).toBe('<!channel> Hostile');
    const text = readFileSync(path.join(corpusDir, outcome.file), 'utf8');
    expect(text).not.toMatch(/<script|<iframe|onerror|<b>|while\(true\)/);
    expect(text).toContain(TRUNCATION_NOTE);
    expect(text.length).toBeLessThan(MAX_ARTICLE_TEXT_CHARS + 2_000);
  });

  it.each([
    ['/missing', reply(404, 'no'), 'not-found'],
    ['/gone', reply(410, 'gone'), 'not-found'],
    ['/broken', reply(500, 'oops'), 'http-error'],
    ['/report.pdf', reply(200, '%PDF-1.7', { 'content-type': 'application/pdf' }), 'not-html'],
    ['/data.json', reply(200, '{"a":1}', { 'content-type': 'application/json' }), 'not-html'],
    ['/empty-shell', reply(200, '<html><body><nav><a href="/">Home</a></nav><div id="app"></div></body></html>', HTML), 'no-article'],
    ['/to-internal', (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(302, { location: `${forbidden.origin}/secret` }).end(), 'not-allowed'],
  ] as const)('answers %s with %s', async (route, handler, code) => {
    site.route(route, handler);
    expect(await ingestPage(`${site.origin}${route}`, BY_USER, deps)).toMatchObject({ kind: 'failed', code });
    expect(forbidden.requests).toEqual([]);
    expect(readdirSync(corpusDir)).toEqual([]);
  });

  it('answers a slow page, a huge page and a gzip bomb with timed-out and too-large', async () => {
    site.route('/slow', (_req, res) => {
      res.writeHead(200, HTML).write('<html>');
      setTimeout(() => res.end('</html>'), 6_000).unref();
    });
    const huge = `<html><body>${'<p>x</p>'.repeat(400_000)}</body></html>`;
    site.route('/huge', reply(200, huge, HTML));
    site.route('/bomb', reply(200, gzipSync(huge), { ...HTML, 'content-encoding': 'gzip' }));
    expect(await ingestPage(`${site.origin}/slow`, BY_USER, deps)).toMatchObject({ kind: 'failed', code: 'timed-out' });
    expect(await ingestPage(`${site.origin}/huge`, BY_USER, deps)).toMatchObject({ kind: 'failed', code: 'too-large' });
    expect(await ingestPage(`${site.origin}/bomb`, BY_USER, deps)).toMatchObject({ kind: 'failed', code: 'too-large' });
  });

  it('refuses what is not an http(s) URL', async () => {
    expect(await ingestPage('ftp://127.0.0.1/x', BY_USER, deps)).toMatchObject({ kind: 'failed', code: 'invalid-url' });
    expect(await ingestPage('not a url', BY_USER, deps)).toMatchObject({ kind: 'failed', code: 'invalid-url' });
  });
});

describe('pollFeed', () => {
  const rss = (origin: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Policy Wire</title><ttl>45</ttl>
<item><title>Full story in the feed</title><link>${origin}/story/full?utm_source=rss</link><guid isPermaLink="false">pw-1</guid>
<pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate><category>United Nations</category><category>capacity-building</category>
<content:encoded><![CDATA[${ARTICLE_TEXT}<script>alert(1)</script>]]></content:encoded></item>
<item><title>Teaser</title><link>${origin}/story/teaser</link><guid>${origin}/story/teaser</guid>
<pubDate>Wed, 11 Jun 2025 09:30:00 +0200</pubDate><description>Short.</description></item>
<item><title>No key</title><description>Neither guid nor link.</description></item>
</channel></rss>`;
  const ETAG = '"rss-v1"';

  beforeAll(() => {
    site.route('/feeds/rss.xml', (req, res) => {
      if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { etag: ETAG }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: ETAG, 'cache-control': 'max-age=900' }).end(rss(site.origin));
    });
    site.route('/story/teaser', reply(200, page('<title>Teaser page</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"The teaser, in full","datePublished":"2025-06-11T08:00:00+02:00","publisher":{"@type":"Organization","name":"Policy Wire Online"}}</script>', ARTICLE_TEXT.replace(/Geneva/g, 'Addis Ababa')), HTML));
  });

  const FEED = { id: 1, url: '', etag: null, lastModified: null, title: null };

  it('adds full-content items without a page fetch, fetches teasers, and reports what the scheduler needs', async () => {
    const result = await pollFeed({ ...FEED, url: `${site.origin}/feeds/rss.xml` }, deps);
    expect(result).toMatchObject({ status: 'ok', httpStatus: 200, etag: ETAG, maxAgeMs: 900_000, ttlMinutes: 45, feedTitle: 'Policy Wire', error: null });
    expect(result.outcomes).toHaveLength(2);
    expect(result.outcomes[0]).toMatchObject({ kind: 'added', title: 'Full story in the feed', source: 'Policy Wire', date: '2025-06-10', dateBasis: 'feed', canonicalUrl: `${site.origin}/story/full` });
    expect(result.outcomes[1]).toMatchObject({ kind: 'added', title: 'The teaser, in full', source: 'Policy Wire Online', date: '2025-06-11', dateBasis: 'page' });
    expect(site.requests.map((r) => r.path)).toEqual(['/feeds/rss.xml', '/story/teaser']);
    const { articles } = await loadCorpus(corpusDir);
    const full = articles.find((a) => a.title === 'Full story in the feed')!;
    expect(full.tags).toEqual(['United Nations', 'capacity-building']);
    expect(full.body).not.toContain('alert');
    expect(readFileSync(path.join(corpusDir, full.file), 'utf8')).toContain(`via: feed ${site.origin}/feeds/rss.xml`);
    expect(PARAGRAPH.length * 6).toBeGreaterThan(FULL_CONTENT_MIN_CHARS);
  });

  it('sends the stored validators back exactly and passes 304 on; items seen before are not taken again', async () => {
    const url = `${site.origin}/feeds/rss.xml`;
    const first = await pollFeed({ ...FEED, url }, deps);
    const again = await pollFeed({ ...FEED, url, etag: first.etag, lastModified: first.lastModified }, deps);
    expect(again).toMatchObject({ status: 'not-modified', httpStatus: 304, etag: ETAG, outcomes: [] });
    expect(site.requests.at(-1)!.headers['if-none-match']).toBe(ETAG);
    const unconditional = await pollFeed({ ...FEED, url }, deps);
    expect(unconditional).toMatchObject({ status: 'ok', outcomes: [] });
    expect(readdirSync(corpusDir)).toHaveLength(2);
  });

  it('takes one story reached through two feeds once (by URL, and by text under another URL)', async () => {
    site.route('/feeds/atom.xml', reply(200, `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Geneva Digest</title>
      <entry><id>tag:g,1</id><title>Same story</title><link href="${site.origin}/story/full?utm_campaign=atom#x"/><published>2025-06-10T00:00:00Z</published><content type="html"><![CDATA[${ARTICLE_TEXT}]]></content></entry></feed>`, { 'content-type': 'application/atom+xml' }));
    site.route('/feeds/feed.json', reply(200, JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'JSON Governance', items: [
      { id: 'j1', url: `${site.origin}/syndicated/copy`, title: 'Copy', content_html: ARTICLE_TEXT, date_published: '2025-06-12T00:00:00Z', tags: ['copy'] },
      { id: 'j2', url: `${site.origin}/json/own`, title: 'Own story', content_html: ARTICLE_TEXT.replace(/Geneva/g, 'Seoul'), date_published: '2025-06-13T00:00:00Z' },
    ] }), { 'content-type': 'application/feed+json' }));
    await pollFeed({ ...FEED, url: `${site.origin}/feeds/rss.xml` }, deps);
    const atom = await pollFeed({ ...FEED, id: 2, url: `${site.origin}/feeds/atom.xml` }, deps);
    expect(atom.outcomes).toEqual([expect.objectContaining({ kind: 'duplicate', by: 'url' })]);
    const json = await pollFeed({ ...FEED, id: 3, url: `${site.origin}/feeds/feed.json` }, deps);
    expect(json.outcomes.map((o) => [o.kind, o.kind === 'duplicate' ? o.by : null])).toEqual([['duplicate', 'content'], ['added', null]]);
    expect(readdirSync(corpusDir)).toHaveLength(3);
  });

  it('honours removals for feed items', async () => {
    ledger.removed.add(`${site.origin}/story/full`);
    const result = await pollFeed({ ...FEED, url: `${site.origin}/feeds/rss.xml` }, deps);
    expect(result.outcomes[0]).toMatchObject({ kind: 'removed', canonicalUrl: `${site.origin}/story/full` });
    expect(await ledger.hasFeedItem(1, 'pw-1')).toBe(true);
  });

  it('tries an item again at the next poll after a transient failure, never after a final one', async () => {
    let serverDown = true;
    site.route('/story/flaky', (_req, res) => void (serverDown ? res.writeHead(503).end('down') : res.writeHead(200, HTML).end(page('<title>Flaky</title>', ARTICLE_TEXT.replace(/Geneva/g, 'Quito')))));
    site.route('/feeds/flaky.xml', reply(200, `<?xml version="1.0"?><rss version="2.0"><channel><title>Flaky</title>
      <item><title>Flaky</title><link>${site.origin}/story/flaky</link><guid>f-1</guid></item>
      <item><title>Missing</title><link>${site.origin}/story/missing</link><guid>f-2</guid></item></channel></rss>`, { 'content-type': 'application/rss+xml' }));
    const feed = { ...FEED, id: 9, url: `${site.origin}/feeds/flaky.xml` };
    const first = await pollFeed(feed, deps);
    expect(first.outcomes).toEqual([expect.objectContaining({ kind: 'failed', code: 'http-error' }), expect.objectContaining({ kind: 'failed', code: 'not-found' })]);
    serverDown = false;
    const second = await pollFeed(feed, deps);
    expect(second.outcomes).toEqual([expect.objectContaining({ kind: 'added', title: 'Flaky' })]);
    expect(await pollFeed(feed, deps)).toMatchObject({ outcomes: [] });
  });

  it('says gone on 410, failed with the reason otherwise, and never throws', async () => {
    site.route('/feeds/gone', reply(410, 'gone'));
    site.route('/feeds/busy', reply(503, 'busy', { 'retry-after': '600' }));
    site.route('/feeds/garbage', reply(200, '<html><body>not a feed</body></html>', HTML));
    site.route('/feeds/broken', reply(200, '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken', { 'content-type': 'application/rss+xml' }));
    expect(await pollFeed({ ...FEED, url: `${site.origin}/feeds/gone` }, deps)).toMatchObject({ status: 'gone', httpStatus: 410 });
    expect(await pollFeed({ ...FEED, url: `${site.origin}/feeds/missing` }, deps)).toMatchObject({ status: 'failed', error: { code: 'not-found' } });
    expect(await pollFeed({ ...FEED, url: `${site.origin}/feeds/busy` }, deps)).toMatchObject({ status: 'failed', httpStatus: 503, retryAfterMs: 600_000, error: { code: 'http-error' } });
    expect(await pollFeed({ ...FEED, url: `${site.origin}/feeds/garbage` }, deps)).toMatchObject({ status: 'failed', error: { code: 'not-a-feed' } });
    // Ill-formed XML is read as far as it goes (here: the title) and said to be malformed.
    expect(await pollFeed({ ...FEED, url: `${site.origin}/feeds/broken` }, deps)).toMatchObject({ status: 'ok', feedTitle: 'Broken', malformed: expect.stringMatching(/.+/), outcomes: [] });
    expect(await pollFeed({ ...FEED, url: `http://127.0.0.2:${forbidden.port}/secret` }, deps)).toMatchObject({ status: 'failed', httpStatus: null, error: { code: 'not-allowed' } });
    expect(forbidden.requests).toEqual([]);
  });
});
