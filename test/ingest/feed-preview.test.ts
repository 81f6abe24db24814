/**
 * The preview against local web sites on loopback, through the real fetcher
 * (its address guard and body cap): what it shows of a feed, what it refuses,
 * and that it fetches no article page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher } from '../../src/ingest/fetch/fetcher.ts';
import { parseAllowList } from '../../src/ingest/fetch/address-guard.ts';
import { FULL_CONTENT_MIN_CHARS, previewFeed } from '../../src/ingest/pipeline.ts';
import { reply, startLocalWeb, type LocalWeb } from './support/local-web.ts';

const ALLOW = parseAllowList('127.0.0.1');
const LONG = 'The full article travels in the feed itself. '.repeat(Math.ceil(FULL_CONTENT_MIN_CHARS / 40));

let site: LocalWeb;
let forbidden: LocalWeb;
let fetcher: Fetcher;

beforeAll(async () => {
  site = await startLocalWeb('127.0.0.1');
  forbidden = await startLocalWeb('127.0.0.2');
  forbidden.route('/feed.xml', reply(200, '<rss><channel><title>secret</title></channel></rss>'));
  fetcher = createFetcher({
    allowPrivate: ALLOW,
    deadlineMs: 2_000,
    maxBodyBytes: 64 * 1024,
    resolver: async (name) => {
      throw new Error(`test resolver: ${name} is not resolved`);
    },
  });
  const feed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire &amp; Co</title><link>/</link>
<item><title>Teaser only</title><link>articles/1.html</link><description>Short.</description><pubDate>Thu, 01 Jan 2004 12:00:00 GMT</pubDate><guid isPermaLink="false">t-1</guid></item>
<item><title>Whole story</title><link>${site.origin}/articles/2.html</link><content:encoded><![CDATA[<p>${LONG}</p>]]></content:encoded></item>
<item><title>Undated</title><link>http://127.0.0.2/x</link></item>
<item><title>No link</title><guid isPermaLink="false">only-a-guid</guid></item>
</channel></rss>`;
  site.route('/feed.xml', reply(200, feed, { 'content-type': 'application/rss+xml', 'content-location': `${site.origin}/news/feed.xml` }));
  site.route('/huge.xml', reply(200, `<rss><channel><title>${'x'.repeat(100 * 1024)}</title></channel></rss>`, { 'content-type': 'application/rss+xml' }));
  site.route('/page.html', reply(200, '<!doctype html><html><body><p>hello</p></body></html>', { 'content-type': 'text/html' }));
});
afterAll(async () => {
  await fetcher.close();
  await site.close();
  await forbidden.close();
});

describe('previewFeed', () => {
  it('shows the feed and each item as polling would take it, fetching no article page', async () => {
    const preview = await previewFeed(`${site.origin}/feed.xml`, { fetcher, allowPrivate: ALLOW });
    if (!preview.ok) throw new Error(preview.error);
    // Relative links resolve against Content-Location.
    expect(preview.feed).toEqual({ title: 'Wire & Co', url: `${site.origin}/` });
    expect(preview.malformed).toBeNull();
    expect(preview.items.map((i) => [i.title, i.url, i.guid, i.published, i.take.kind])).toEqual([
      ['Teaser only', `${site.origin}/news/articles/1.html`, 't-1', '2004-01-01T12:00:00Z', 'page'],
      ['Whole story', `${site.origin}/articles/2.html`, null, null, 'from-feed'],
      ['Undated', 'http://127.0.0.2/x', null, null, 'refused'],
      ['No link', null, 'only-a-guid', null, 'refused'],
    ]);
    expect(preview.items[0]!.text).toBe('Short.');
    expect(preview.items[2]!.take).toEqual({ kind: 'refused', reason: expect.stringContaining('loopback') });
    expect(site.requests.filter((r) => r.path.startsWith('/articles') || r.path.startsWith('/news/'))).toEqual([]);
  });

  it('says what the bot would refuse: a private address, a too-large feed, a page that is not a feed, a missing feed', async () => {
    const deps = { fetcher, allowPrivate: ALLOW };
    expect(await previewFeed(`http://127.0.0.2:${forbidden.port}/feed.xml`, deps)).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(forbidden.requests).toEqual([]);
    expect(await previewFeed(`${site.origin}/huge.xml`, deps)).toMatchObject({ ok: false, code: 'too-large' });
    expect(await previewFeed(`${site.origin}/page.html`, deps)).toMatchObject({ ok: false, code: 'not-a-feed' });
    expect(await previewFeed(`${site.origin}/nothing.xml`, deps)).toMatchObject({ ok: false, code: 'not-found', error: 'HTTP 404' });
    expect(await previewFeed('ftp://example.org/feed', deps)).toMatchObject({ ok: false, code: 'invalid-url' });
  });
});
