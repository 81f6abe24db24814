import { describe, expect, it } from 'vitest';
import { readFeed, type FeedSource } from '../../../src/ingest/feed/read-feed.ts';
import { itemParagraphs } from '../../../src/ingest/feed/item-text.ts';
import type { ParsedFeed } from '../../../src/ingest/feed/parse-feed.ts';

const AT: FeedSource = { url: 'https://feeds.test/dir/feed.xml', charset: null, contentLocation: null };

function read(xml: string | Uint8Array, source: Partial<FeedSource> = {}): ParsedFeed {
  return readFeed(typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml, { ...AT, ...source });
}

const rss = (items: string, channel = '<title>T</title>'): string => `<?xml version="1.0"?><rss version="2.0"><channel>${channel}${items}</channel></rss>`;
const atom = (entries: string, head = '<title>T</title>'): string => `<feed xmlns="http://www.w3.org/2005/Atom">${head}${entries}</feed>`;

describe('titles and text', () => {
  it('decodes every HTML entity and numeric reference, including &#150; as Windows-1252 does', () => {
    const feed = read(rss('<item><title>Caf&eacute; &amp; &#8220;bar&#8221; &#x2014; &#150; &hellip;&nbsp;!</title><link>https://a.test/1</link></item>'));
    expect(feed.items[0]!.title).toBe('Café & “bar” — – … !');
  });

  it('reads an RSS title as HTML: escaped markup and double-escaped entities come out as text', () => {
    const feed = read(rss('<item><title>&lt;b&gt;Bold&lt;/b&gt; AT&amp;amp;T</title><link>https://a.test/1</link></item>'));
    expect(feed.items[0]!.title).toBe('Bold AT&T');
  });

  it('keeps in a title what only looks like a tag, and drops real markup', () => {
    const feed = read(rss('<item><title>Angular &lt;ng-template&gt; tips &lt;3 &lt;b&gt;now&lt;/b&gt;</title><link>https://a.test/1</link></item>'));
    expect(feed.items[0]!.title).toBe('Angular <ng-template> tips <3 now');
  });

  it('reads Atom titles by their type: text stays literal, html and xhtml lose their markup', () => {
    const feed = read(
      atom(
        '<entry><title type="text">a &lt;b&gt; tag</title></entry>' +
          '<entry><title type="html">&lt;em&gt;Big&lt;/em&gt; news</title></entry>' +
          '<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Small <b>news</b></div></title></entry>',
      ),
    );
    expect(feed.items.map((i) => i.title)).toEqual(['a <b> tag', 'Big news', 'Small news']);
  });

  it('keeps CDATA verbatim and reads markup inside it as HTML', () => {
    const feed = read(rss('<item><title><![CDATA[Q&A: <i>rules</i> &amp; more]]></title><link>https://a.test/1</link></item>'));
    expect(feed.items[0]!.title).toBe('Q&A: rules & more');
  });

  it('drops script and style text and takes the fuller of content and summary', () => {
    const long = 'A sentence of the article. '.repeat(30);
    const feed = read(
      rss(
        `<item xmlns:content="http://purl.org/rss/1.0/modules/content/"><title>x</title><link>https://a.test/1</link>` +
          `<description>Teaser</description><content:encoded><![CDATA[<p>${long}</p><script>alert("no")</script><style>p{}</style>]]></content:encoded></item>` +
          `<item><title>y</title><link>https://a.test/2</link><description>&lt;p&gt;The whole story in the description.&lt;/p&gt;</description></item>`,
      ),
    );
    const [first, second] = feed.items.map((item) => itemParagraphs(item).join(' '));
    expect(first).toBe(long.trim());
    expect(first).not.toContain('alert');
    expect(second).toBe('The whole story in the description.');
  });

  it('decodes Atom content carried in base64 for a binary media type, and leaves an unknown text alone', () => {
    const feed = read(
      atom(
        `<entry><id>1</id><content type="application/octet-stream">${Buffer.from('<p>Hidden</p>').toString('base64')}</content></entry>` +
          '<entry><id>2</id><title type="application/x-custom">test</title></entry>',
      ),
    );
    expect(itemParagraphs(feed.items[0]!)).toEqual(['Hidden']);
    expect(feed.items[1]!.title).toBe('test');
  });
});

describe('character sets', () => {
  const latin1 = (xml: string): Buffer => Buffer.from(xml, 'latin1');

  it('reads ISO-8859-1 as Windows-1252, so curly quotes survive', () => {
    const bytes = Buffer.concat([latin1('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>'), Buffer.from([0x93, 0x47, 0xe9, 0x94]), latin1('</title></channel></rss>')]);
    expect(read(bytes).title).toBe('“Gé”');
  });

  it('reads a feed that says UTF-8 but is not as Windows-1252', () => {
    const bytes = Buffer.concat([latin1('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Gen'), Buffer.from([0xe8]), latin1('ve</title></channel></rss>')]);
    expect(read(bytes).title).toBe('Genève');
  });

  it('takes the character set from HTTP when only HTTP names it', () => {
    const bytes = Buffer.concat([latin1('<rss><channel><title>'), Buffer.from([0xc7, 0xe0]), latin1('</title></channel></rss>')]);
    expect(read(bytes, { charset: 'windows-1251' }).title).toBe('За');
  });

  it('prefers valid UTF-8 over a Latin-1 charset named by HTTP alone', () => {
    expect(read(Buffer.from('<rss><channel><title>Zürich</title></channel></rss>', 'utf8'), { charset: 'iso-8859-1' }).title).toBe('Zürich');
  });

  it('believes neither a UTF-8 mark over Windows-1252 bytes nor a Latin-1 declaration over UTF-8 bytes', () => {
    const marked = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), latin1('<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>'), Buffer.from([0x93, 0x51, 0x94]), latin1('</title></channel></rss>')]);
    expect(read(marked).title).toBe('“Q”');
    expect(read(Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>Zürich</title></channel></rss>', 'utf8')).title).toBe('Zürich');
  });

  it('recognises UTF-16 with and without a byte-order mark', () => {
    const xml = '<?xml version="1.0" encoding="utf-16"?><rss><channel><title>Ωmega</title></channel></rss>';
    const le = Buffer.from(xml, 'utf16le');
    expect(read(le).title).toBe('Ωmega');
    expect(read(Buffer.concat([Buffer.from([0xff, 0xfe]), le])).title).toBe('Ωmega');
  });

  it('recognises UTF-32 without a byte-order mark', () => {
    const xml = '<rss><channel><title>Ωmega 𝄞</title></channel></rss>';
    const wide = Buffer.alloc(4 * [...xml].length);
    [...xml].forEach((ch, i) => wide.writeUInt32BE(ch.codePointAt(0)!, 4 * i));
    expect(read(wide).title).toBe('Ωmega 𝄞');
  });
});

describe('links and GUIDs', () => {
  it('resolves relative links against xml:base, nested', () => {
    const feed = read(
      atom(
        '<entry xml:base="https://base.test/a/"><id>1</id><link href="post.html"/></entry>' +
          '<entry xml:base="/b/"><id>2</id><link rel="alternate" type="text/html" href="p"/><link rel="enclosure" href="x.mp3"/></entry>',
        '<title>T</title><link href="/"/>',
      ),
    );
    expect(feed.link).toBe('https://feeds.test/');
    expect(feed.items.map((i) => i.link)).toEqual(['https://base.test/a/post.html', 'https://feeds.test/b/p']);
  });

  it('resolves against Content-Location before the URL that answered', () => {
    const feed = read(rss('<item><title>x</title><link>../story</link></item>'), { contentLocation: 'https://elsewhere.test/news/feed' });
    expect(feed.items[0]!.link).toBe('https://elsewhere.test/story');
  });

  it('never takes a guid with isPermaLink="false" for a link; a permalink guid is one', () => {
    const feed = read(rss('<item><title>a</title><guid isPermaLink="false">https://a.test/not-a-page</guid></item><item><title>b</title><guid>https://a.test/page</guid></item>'));
    expect(feed.items.map((i) => [i.guid, i.link])).toEqual([
      ['https://a.test/not-a-page', null],
      ['https://a.test/page', 'https://a.test/page'],
    ]);
  });

  it('keys items by GUID, adding the link when the feed gives one GUID to several items', () => {
    const feed = read(rss('<item><guid>same</guid><link>https://a.test/1</link></item><item><guid>same</guid><link>https://a.test/2</link></item><item><guid>own</guid></item>'));
    expect(feed.items.map((i) => i.key)).toEqual(['same https://a.test/1', 'same https://a.test/2', 'own']);
  });

  it('reads elements in an unknown default namespace by their local names', () => {
    expect(read('<rss xmlns="http://example.com/my-rss"><channel><title>Own</title><item><title>I</title><link>https://a.test/i</link></item></channel></rss>')).toMatchObject({
      format: 'rss',
      title: 'Own',
      items: [{ title: 'I', link: 'https://a.test/i' }],
    });
  });

  it('reads an Atom feed bound to a prefix like one in the default namespace', () => {
    const feed = read('<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Pfx</a:title><a:entry><a:id>x</a:id><a:title>E</a:title><a:link href="https://a.test/e"/></a:entry></a:feed>');
    expect(feed).toMatchObject({ format: 'atom', title: 'Pfx', items: [{ guid: 'x', title: 'E', link: 'https://a.test/e' }] });
  });
});

describe('dates', () => {
  it('takes the publication date, keeping the update date apart', () => {
    const feed = read(atom('<entry><id>1</id><published>2004-01-01T12:00:00+01:00</published><updated>2004-02-01T00:00:00Z</updated></entry><entry><id>2</id><updated>2004-03-01T00:00:00Z</updated></entry>'));
    expect(feed.items.map((i) => [i.published?.toISOString() ?? null, i.updated?.toISOString() ?? null])).toEqual([
      ['2004-01-01T11:00:00.000Z', '2004-02-01T00:00:00.000Z'],
      [null, '2004-03-01T00:00:00.000Z'],
    ]);
  });

  it('falls through an unreadable pubDate to dc:date', () => {
    const feed = read(rss('<item xmlns:dc="http://purl.org/dc/elements/1.1/"><guid>1</guid><pubDate>someday</pubDate><dc:date>2004-05-06</dc:date></item>'));
    expect(feed.items[0]!.published?.toISOString()).toBe('2004-05-06T00:00:00.000Z');
  });
});

describe('ill-formed feeds', () => {
  it('reads past an unescaped & and a missing close tag, and says the feed is malformed', () => {
    const feed = read(rss('<item><title>Tom & Jerry</title><link>https://a.test/1</link><description>open <b>bold</description></item><item><title>Second</title><link>https://a.test/2</link></item>'));
    expect(feed.malformed).toBe(true);
    expect(feed.problem).toMatch(/&/);
    expect(feed.items.map((i) => i.title)).toEqual(['Tom & Jerry', 'Second']);
    expect(itemParagraphs(feed.items[0]!).join(' ')).toBe('open bold');
  });

  it('reads a feed of tags nested 100,000 deep (kept to MAX_XML_DEPTH, the text kept)', () => {
    const deep = `<a>`.repeat(100_000) + 'deep text' + `</a>`.repeat(100_000);
    const feed = read(rss(`<item><title>t</title><link>https://a.test/d</link><description>${deep}</description></item>`));
    expect(feed.items.map((i) => [i.title, i.link])).toEqual([['t', 'https://a.test/d']]);
    expect(feed.items[0]!.summaryHtml).toContain('deep text');
  });

  it('is not misled by a thousand descriptions with unclosed <br> and <img> into taking the feed for a deep one', () => {
    const items = Array.from({ length: 1000 }, (_, i) => `<item><title>Item ${i}</title><link>https://a.test/${i}</link><description>one<br>two<img src="x.png"></description></item>`).join('');
    const feed = read(rss(items));
    expect(feed.malformed).toBe(true);
    expect(feed.items).toHaveLength(1000);
    expect(feed.items[999]).toMatchObject({ title: 'Item 999', link: 'https://a.test/999' });
    expect(itemParagraphs(feed.items[999]!)).toEqual(['one', 'two']);
  });

  it('calls an undeclared HTML entity malformed but decodes it, and a well-formed feed well-formed', () => {
    expect(read(rss('<item><title>a&nbsp;b</title></item>'))).toMatchObject({ malformed: true, items: [{ title: 'a b' }] });
    expect(read(rss('<item><title>a b</title></item>'))).toMatchObject({ malformed: false, problem: null });
  });

  it('does not call HTML entities undefined under an external DTD (RSS 0.91 declares them)', () => {
    const feed = read('<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Caf&eacute;</title></channel></rss>');
    expect(feed).toMatchObject({ title: 'Café', malformed: false });
  });
});

describe('JSON Feed', () => {
  it.each(['https://jsonfeed.org/version/1', 'https://jsonfeed.org/version/1.1'])('reads %s', (version) => {
    const feed = read(
      JSON.stringify({
        version,
        title: 'J',
        home_page_url: 'https://j.test/',
        items: [
          { id: 7, url: '/posts/7', title: 'Seven', content_text: 'Line one.\n\nLine two.', date_published: '2004-01-01T12:00:00-05:00', date_modified: '2004-01-02T00:00:00Z' },
          { id: 'b', external_url: 'https://else.test/b', summary: 'Short', content_html: '<p>Longer <em>body</em> here</p>' },
        ],
      }),
      { url: 'https://j.test/feed.json' },
    );
    expect(feed).toMatchObject({ format: 'json', title: 'J', link: 'https://j.test/' });
    expect(feed.items.map((i) => [i.guid, i.link, i.title, i.published?.toISOString() ?? null])).toEqual([
      ['7', 'https://j.test/posts/7', 'Seven', '2004-01-01T17:00:00.000Z'],
      ['b', 'https://else.test/b', null, null],
    ]);
    expect(itemParagraphs(feed.items[0]!)).toEqual(['Line one.', 'Line two.']);
    expect(itemParagraphs(feed.items[1]!)).toEqual(['Longer body here']);
  });
});
