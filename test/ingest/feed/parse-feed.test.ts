import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotAFeedError, parseFeedDate, parseFeedDocument } from '../../../src/ingest/feed/parse-feed.ts';
import { decodeBody } from '../../../src/ingest/fetch/decode-body.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/feeds');
const read = (name: string): string => decodeBody(readFileSync(path.join(FIXTURES, name)), null);

describe('parseFeedDocument', () => {
  it('reads RSS 2.0: title as text, ttl, guid key, absolute link, pubDate, categories, content:encoded', () => {
    const feed = parseFeedDocument(read('rss2.xml'), 'https://policy.test/feed.xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'Policy Wire & Co', ttlMinutes: 45 });
    const [first, second, third] = feed.items;
    expect(first).toMatchObject({
      key: 'policy-wire-1001',
      link: 'https://policy.test/news/2025/06/un-ai-capacity?utm_source=rss&id=7',
      title: 'UN adopts AI capacity resolution',
      publishedRaw: 'Tue, 10 Jun 2025 04:00:00 GMT',
      categories: ['United Nations', 'capacity-building'],
    });
    expect(first!.published!.toISOString()).toBe('2025-06-10T04:00:00.000Z');
    expect(first!.contentHtml).toContain('General Assembly adopted');
    expect(second!.published!.toISOString()).toBe('2025-06-11T07:30:00.000Z');
    expect(second!.contentHtml).toBeNull();
    expect(third!.key).toBeNull();
  });

  it('reads Atom: alternate link, id key, published (never updated), html title and content', () => {
    const feed = parseFeedDocument(read('atom.xml'), 'https://geneva.test/feed');
    expect(feed).toMatchObject({ format: 'atom', title: 'Geneva Digest', ttlMinutes: null });
    expect(feed.items[0]).toMatchObject({
      key: 'tag:geneva.test,2025:42',
      link: 'https://geneva.test/2025/07/01/talks',
      title: 'Talks resume & continue',
      categories: ['Diplomacy'],
    });
    expect(feed.items[0]!.published!.toISOString()).toBe('2025-07-01T06:00:00.000Z');
    expect(feed.items[0]!.contentHtml).toContain('<p>The United Nations');
    expect(feed.items[1]).toMatchObject({ link: 'https://geneva.test/2025/07/03/only-updated', published: null, publishedRaw: null });
  });

  it('reads RDF (RSS 1.0) with dc:date and dc:subject', () => {
    const feed = parseFeedDocument(read('rdf.xml'), 'https://rdf.test/rss');
    expect(feed).toMatchObject({ format: 'rdf', title: 'RDF Bulletin' });
    expect(feed.items[0]).toMatchObject({ key: 'https://rdf.test/item/1', link: 'https://rdf.test/item/1', title: 'Summit communiqué', categories: ['summits'] });
    expect(feed.items[0]!.published!.toISOString()).toBe('2025-04-01T00:00:00.000Z');
  });

  it('reads JSON Feed: content_html, content_text escaped as text, numeric ids, an unreadable date as null', () => {
    const feed = parseFeedDocument(read('json-feed.json'), 'https://json.test/feed.json');
    expect(feed).toMatchObject({ format: 'json', title: 'JSON Governance' });
    expect(feed.items[0]).toMatchObject({ key: 'j-1', link: 'https://json.test/a', categories: ['treaty', 'council of europe'] });
    expect(feed.items[1]).toMatchObject({ key: '2', publishedRaw: 'not a date', published: null });
    expect(feed.items[1]!.contentHtml).toBe('<p>Line one.</p><p>Line two &amp; more.</p>');
  });

  it('decodes a feed in the charset its XML declaration names', () => {
    const feed = parseFeedDocument(read('latin1.xml'), 'https://latin.test/rss');
    expect(feed.title).toBe('Genève Actualités');
    expect(feed.items[0]!.title).toBe('Réunion à Genève');
  });

  it('reads broken XML as far as it goes and says it is malformed', () => {
    const feed = parseFeedDocument(read('broken.xml'), 'https://x.test/feed');
    expect(feed).toMatchObject({ title: 'Broken', malformed: true, problem: expect.stringMatching(/.+/) });
    expect(feed.items.map((i) => i.title)).toEqual(['Unclosed']);
  });

  it('does not expand billion-laughs entities', () => {
    const text = read('billion-laughs.xml');
    let feed;
    try {
      feed = parseFeedDocument(text, 'https://laughs.test/rss');
    } catch (err) {
      expect(err).toBeInstanceOf(NotAFeedError);
      return;
    }
    const sizes = [feed.title ?? '', ...feed.items.map((i) => i.title ?? '')].map((t) => t.length);
    expect(Math.max(...sizes)).toBeLessThan(1000);
  });

  it.each([
    ['an HTML page', '<!doctype html><html><head><title>x</title></head><body><p>hi</p></body></html>'],
    ['plain text', 'just words'],
    ['JSON that is not a feed', '{"hello":"world"}'],
    ['nothing', ''],
  ])('refuses %s as not-a-feed', (_what, text) => {
    expect(() => parseFeedDocument(text, 'https://x.test/feed')).toThrow(NotAFeedError);
  });
});

describe('parseFeedDate', () => {
  it.each([
    ['Tue, 10 Jun 2025 04:00:00 GMT', '2025-06-10T04:00:00.000Z'],
    ['10 Jun 2025 04:00:00 EDT', '2025-06-10T08:00:00.000Z'],
    ['2025-06-10T04:00:00+02:00', '2025-06-10T02:00:00.000Z'],
    ['2025-06-10', '2025-06-10T00:00:00.000Z'],
  ])('%s', (raw, iso) => {
    expect(parseFeedDate(raw)!.toISOString()).toBe(iso);
  });
  it.each(['', 'soon', 'Tuesday'])('%s is no date', (raw) => expect(parseFeedDate(raw)).toBeNull());
});
