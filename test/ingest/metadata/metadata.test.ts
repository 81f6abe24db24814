import net from 'node:net';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readPageMetadata, type MetaDocument } from '../../../src/ingest/metadata/read-page-metadata.ts';
import { chooseCanonicalUrl, resolveMetadata } from '../../../src/ingest/metadata/resolve-metadata.ts';
import { dayOfDateString, dayOfUrlPath } from '../../../src/ingest/metadata/page-date.ts';
import { measureAgreement } from './fixture-agreement.ts';

const doc = (html: string): MetaDocument => parseHTML(html).document as unknown as MetaDocument;
const RETRIEVED = new Date('2025-08-01T12:00:00Z');

describe('the real pages in test/fixtures/web-pages', () => {
  // The pages name hosts, and some of their SVG path data reads like private addresses: parsing and
  // extracting them must open no connection at all (linkedom and Readability load no sub-resource).
  const connections: string[] = [];
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    connections.push(JSON.stringify(args[0]));
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;
  const agreement = measureAgreement();

  it('parses and extracts every page without opening a connection', async () => {
    // Anything started asynchronously by the parsing would have connected by now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    net.Socket.prototype.connect = connect;
    expect(connections).toEqual([]);
  });

  it('covers every fixture folder', () => {
    expect(agreement.pages).toBeGreaterThanOrEqual(100);
  });

  it('agrees with the pages\' own title and site name', () => {
    // Two titles differ: Readability on linkedom keeps "– My website" (title-en-dash) and drops "Evolve:" (mercurial).
    expect(agreement.title).toBeGreaterThanOrEqual(agreement.pages - 2);
    expect(agreement.site).toBe(agreement.pages);
  });

  it('finds every publication date the pages state, on the day they state', () => {
    const missed = agreement.rows.filter((r) => r.date.expected !== null && r.date.got !== r.date.expected).map((r) => `${r.name}: ${r.date.got}`);
    expect(missed).toEqual([]);
  });

  it('claims a page date where Readability sees none only from markup that states one (checked by hand), never a modification date', () => {
    // Each of these states its publication date in microdata (itemprop=datePublished), <meta name=date>
    // or a <time datetime> that Readability does not read; ehow-2's only <time> is itemprop=dateModified and is refused.
    const statedElsewhere: Record<string, string> = {
      '001': '2013-09-29', // <time itemprop="datePublished">
      '002': '2015-03-10', // <time datetime> beside "posted on"
      cnet: '2017-01-18', // <time itemprop="datePublished" content>
      'cnet-svg-classes': '2017-12-01',
      'firefox-nightly-blog': '2020-12-18', // <time class="date published">
      heise: '2015-04-08', // <meta name="date">
      'lemonde-1': '2015-05-04', // itemprop datePublished (dateModified 05-05 ignored)
      medicalnewstoday: '2017-07-27',
      'nytimes-4': '2018-09-25',
      'royal-road': '2023-12-20',
      'v8-blog': '2019-11-21',
      'yahoo-1': '2016-10-13',
      'yahoo-3': '2015-03-12',
    };
    const claimed = Object.fromEntries(agreement.rows.filter((r) => r.date.expected === null && r.date.got !== null).map((r) => [r.name, r.date.got]));
    expect(claimed).toEqual(statedElsewhere);
    const ehow = agreement.rows.find((r) => r.name === 'ehow-2')!;
    expect(ehow.date.got).toBeNull();
  });
});

describe('readPageMetadata', () => {
  it('reads datePublished inside @graph, never dateModified, and the publisher by @id', () => {
    const page = readPageMetadata(
      doc(`<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"Organization","@id":"#org","name":"Xinhua"},
        {"@type":"WebPage","@id":"#page","datePublished":"2020-01-01"},
        {"@type":"NewsArticle","headline":"Talks","dateModified":"2025-03-09T10:00:00Z","datePublished":"2025-03-02T23:30:00-05:00","publisher":{"@id":"#org"}}]}</script>
        <meta property="article:modified_time" content="2025-03-09"></head><body></body></html>`),
      'https://news.test/a',
    );
    expect(page.dates[0]).toEqual({ day: '2025-03-02', raw: '2025-03-02T23:30:00-05:00', from: 'json-ld' });
    expect(page.dates.map((d) => d.day)).not.toContain('2025-03-09');
    expect(page.siteName).toBe('Xinhua');
    expect(page.title).toBe('Talks');
  });

  it('follows the order: article:published_time, itemprop, meta date, citation date, time', () => {
    const page = readPageMetadata(
      doc(`<html><head><title>T</title><meta name="citation_publication_date" content="2021/05/04"><meta name="date" content="2021-05-03">
        <meta property="og:site_name" content="Wire"></head><body><time datetime="2021-05-01">x</time>
        <span itemprop="datePublished" content="2021-05-02"></span><meta property="article:published_time" content="2021-05-05T01:00:00+08:00"></body></html>`),
      'https://news.test/a',
    );
    expect(page.dates.map((d) => [d.from, d.day])).toEqual([
      ['article:published_time', '2021-05-05'],
      ['itemprop', '2021-05-02'],
      ['meta-date', '2021-05-03'],
      ['time-element', '2021-05-01'],
    ]);
    expect(page.siteName).toBe('Wire');
    const citation = readPageMetadata(doc('<meta name="citation_publication_date" content="2021/05/04">'), 'https://x.test/');
    expect(citation.dates[0]).toMatchObject({ day: '2021-05-04', from: 'meta-date' });
  });

  it('survives broken JSON-LD and comment wrappers', () => {
    const page = readPageMetadata(doc('<script type="application/ld+json">{not json</script><script type="application/ld+json"><!-- {"@type":"Article","datePublished":"2019-02-03"} --></script>'), 'https://x.test/a');
    expect(page.dates[0]?.day).toBe('2019-02-03');
  });
});

describe('dates', () => {
  it.each([
    ['2015-07-24T05:36:09+01:00', '2015-07-24'],
    ['2024-12-06T22:00:40.000Z', '2024-12-06'],
    ['2021/5/4', '2021-05-04'],
    ['20250610', '2025-06-10'],
    ['Tue, 10 Jun 2025 23:00:00 -0500', '2025-06-11'],
    ['2023-02-29', null],
    ['1970-01-01T00:00:00Z', null],
    ['PDT08:05:41-07:00', null],
  ])('day of %s is %s', (raw, day) => expect(dayOfDateString(raw)).toBe(day));

  it.each([
    ['https://x.test/2025/06/10/talks', '2025-06-10'],
    ['https://x.test/news/2025-06-10-talks.html', '2025-06-10'],
    ['https://x.test/a/20250610/talks', '2025-06-10'],
    ['https://x.test/2025/06/talks', null],
    ['https://x.test/2025/13/40/talks', null],
    ['https://x.test/item/123456789', null],
  ])('day in the path of %s is %s', (url, day) => expect(dayOfUrlPath(url)).toBe(day));
});

describe('resolveMetadata', () => {
  const feed = { title: 'Feed title', published: new Date('2025-07-20T08:00:00Z'), publishedRaw: 'Sun, 20 Jul 2025 08:00:00 GMT', feedTitle: 'Policy Wire' };
  const empty = { title: null, siteName: null, dates: [], canonicalHref: null };

  it('prefers the page date, then the feed item, then the URL, else the retrieval day marked as such', () => {
    const page = { ...empty, dates: [{ day: '2025-07-19', raw: '2025-07-19', from: 'json-ld' as const }] };
    const base = { pageUrl: 'https://x.test/2025/07/01/a', extractedTitle: 'A', retrievedAt: RETRIEVED };
    expect(resolveMetadata({ ...base, page, feed })).toMatchObject({ date: '2025-07-19', dateBasis: 'page' });
    expect(resolveMetadata({ ...base, page: empty, feed })).toMatchObject({ date: '2025-07-20', dateBasis: 'feed' });
    expect(resolveMetadata({ ...base, page: empty, feed: null })).toMatchObject({ date: '2025-07-01', dateBasis: 'url' });
    expect(resolveMetadata({ ...base, pageUrl: 'https://x.test/a', page: empty, feed: null })).toMatchObject({ date: '2025-08-01', dateBasis: 'retrieved', dateNote: null });
  });

  it('never dates an article in the future: tomorrow is clamped, later is not used', () => {
    const base = { pageUrl: 'https://x.test/a', extractedTitle: 'A', feed: null, retrievedAt: RETRIEVED };
    const tomorrow = resolveMetadata({ ...base, page: { ...empty, dates: [{ day: '2025-08-02', raw: '2025-08-02T01:00:00+09:00', from: 'json-ld' }] } });
    expect(tomorrow).toMatchObject({ date: '2025-08-01', dateBasis: 'page' });
    expect(tomorrow.dateNote).toContain('clamped');
    const later = resolveMetadata({ ...base, page: { ...empty, dates: [{ day: '2031-01-01', raw: '2031-01-01', from: 'time-element' }] } });
    expect(later).toMatchObject({ date: '2025-08-01', dateBasis: 'retrieved' });
    expect(later.dateNote).toContain('in the future');
  });

  it('takes the source from the page, else the feed title, else the host', () => {
    const base = { pageUrl: 'https://www.x.test/a', extractedTitle: 'A', retrievedAt: RETRIEVED };
    expect(resolveMetadata({ ...base, page: { ...empty, siteName: 'X News' }, feed }).source).toBe('X News');
    expect(resolveMetadata({ ...base, page: empty, feed }).source).toBe('Policy Wire');
    expect(resolveMetadata({ ...base, page: empty, feed: null }).source).toBe('x.test');
  });

  it('trusts rel=canonical only on the same site and not a home page', () => {
    expect(chooseCanonicalUrl('https://www.x.test/a?utm_source=rss', 'https://x.test/articles/a')).toBe('https://x.test/articles/a');
    expect(chooseCanonicalUrl('https://edition.x.test/a', 'https://x.test/a')).toBe('https://x.test/a');
    expect(chooseCanonicalUrl('https://x.test/a?utm_source=rss', 'https://other.test/a')).toBe('https://x.test/a');
    expect(chooseCanonicalUrl('https://x.test/a', 'https://x.test/')).toBe('https://x.test/a');
    expect(chooseCanonicalUrl('https://x.test/a', 'https://x.test/en/')).toBe('https://x.test/a');
    expect(chooseCanonicalUrl('https://x.test/a', 'javascript:alert(1)')).toBe('https://x.test/a');
  });
});
