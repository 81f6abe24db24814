/**
 * A local web server on 127.0.0.1 standing in for news sites: RSS 2.0, Atom
 * and JSON Feed (with ETags answered by 304), article pages (one of them a
 * real page from test/fixtures/web-pages), a redirect, a 404, a 410 feed, a
 * feed that fails on demand, a slow page, a huge page and an image. Every
 * request is recorded, so a test can prove what was (and was not) fetched.
 */
import fs from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WEB_PAGES_DIR } from '../ingest/metadata/fixture-agreement.ts';

export interface NewsRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface NewsServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly requests: NewsRequest[];
  /** Requests made to a path so far. */
  hits(pathname: string): NewsRequest[];
  /** Make `/flaky.xml` answer 500 (true) or a good feed (false). */
  setFlaky(failing: boolean): void;
  close(): Promise<void>;
}

/** Enough words for Readability (it drops pages under 500 characters). */
function paragraphs(topic: string): string {
  const sentences = [
    `Delegates from forty countries met this week to discuss ${topic} and the governance of artificial intelligence.`,
    `The talks, held behind closed doors, produced a draft text that officials described as a first step toward common rules.`,
    `Several delegations insisted that any agreement on ${topic} must include capacity-building support for developing countries.`,
    `Observers noted that the draft leaves the hardest questions, including verification and enforcement, to a later round.`,
    `A final statement on ${topic} is expected before the end of the year, according to two people familiar with the talks.`,
  ];
  return sentences.map((s) => `<p>${s}</p>`).join('\n');
}

/** An article page with the metadata good news sites publish. */
export function articlePage(opts: { title: string; site: string; date: string; topic: string }): string {
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: opts.title,
    datePublished: `${opts.date}T08:00:00Z`,
    publisher: { '@type': 'Organization', name: opts.site },
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${opts.title} | ${opts.site}</title>
<meta property="og:site_name" content="${opts.site}"><meta property="og:title" content="${opts.title}">
<meta property="article:published_time" content="${opts.date}T08:00:00Z">
<script type="application/ld+json">${jsonLd}</script></head>
<body><header><nav><a href="/">Home</a></nav></header>
<article><h1>${opts.title}</h1>${paragraphs(opts.topic)}</article>
<footer>© ${opts.site}</footer></body></html>`;
}

/** The articles the pages serve, by slug; a test reads titles from here. */
export const ARTICLES = {
  wombat: { title: 'Wombat Accord on AI audits agreed in Canberra', site: 'Fixture Wire', date: '2026-11-02', topic: 'the Wombat Accord' },
  pangolin: { title: 'Pangolin Summit opens with a call for AI safety testing', site: 'Fixture Wire', date: '2026-11-05', topic: 'the Pangolin Summit' },
  narwhal: { title: 'Narwhal Declaration sets out shared AI risk thresholds', site: 'Fixture Times', date: '2026-11-07', topic: 'the Narwhal Declaration' },
  axolotl: { title: 'Axolotl talks on military AI end without a text', site: 'Fixture Times', date: '2026-11-09', topic: 'the Axolotl talks' },
  okapi: { title: 'Okapi Forum backs an international AI incident registry', site: 'Fixture Post', date: '2026-11-11', topic: 'the Okapi Forum' },
  quetzal: { title: 'Quetzal Compact commits signatories to AI transparency reports', site: 'Fixture Post', date: '2026-11-12', topic: 'the Quetzal Compact' },
  ibex: { title: 'Ibex Protocol on AI in elections signed by twelve states', site: 'Fixture Post', date: '2026-11-14', topic: 'the Ibex Protocol' },
} as const;
export type Slug = keyof typeof ARTICLES;

function rss(origin: string): string {
  const items = (['wombat', 'pangolin'] as const)
    .map((slug) => {
      const a = ARTICLES[slug];
      return `<item><title>${a.title}</title><link>${origin}/articles/${slug}.html</link><guid>${origin}/articles/${slug}.html</guid>
<pubDate>${new Date(`${a.date}T08:00:00Z`).toUTCString()}</pubDate><category>summits</category></item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Fixture Wire</title><link>${origin}/</link>
<description>Fixture news</description><ttl>30</ttl>${items}</channel></rss>`;
}

function atom(origin: string): string {
  // Pangolin again (one story through two feeds), and Narwhal.
  const entries = (['pangolin', 'narwhal'] as const)
    .map((slug) => {
      const a = ARTICLES[slug];
      return `<entry><title>${a.title}</title><link href="${origin}/articles/${slug}.html?utm_source=atom"/><id>urn:fixture:${slug}</id>
<published>${a.date}T08:00:00Z</published><updated>${a.date}T09:00:00Z</updated></entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Fixture Times</title>
<id>urn:fixture:times</id><updated>2026-11-10T00:00:00Z</updated>${entries}</feed>`;
}

function jsonFeed(origin: string): string {
  const items = (['axolotl', 'okapi'] as const).map((slug) => {
    const a = ARTICLES[slug];
    return { id: `${slug}-1`, url: `${origin}/articles/${slug}.html`, title: a.title, date_published: `${a.date}T08:00:00Z` };
  });
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Fixture Post', home_page_url: `${origin}/`, items });
}

export async function startNewsServer(): Promise<NewsServer> {
  const requests: NewsRequest[] = [];
  let flaky = true;
  let origin = '';
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': type, ...headers }).end(body);
  };
  const withEtag = (req: { headers: IncomingHttpHeaders }, res: ServerResponse, type: string, body: string): void => {
    const etag = `"${Buffer.from(body).length.toString(16)}"`;
    if (req.headers['if-none-match'] === etag) res.writeHead(304, { etag }).end();
    else send(res, 200, type, body, { etag, 'last-modified': 'Tue, 10 Nov 2026 00:00:00 GMT' });
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    requests.push({ path: url.pathname, headers: req.headers });
    const article = /^\/articles\/(\w+)\.html$/.exec(url.pathname);
    if (article !== null && article[1]! in ARTICLES) {
      return send(res, 200, 'text/html; charset=utf-8', articlePage(ARTICLES[article[1] as Slug]));
    }
    switch (url.pathname) {
      case '/rss.xml':
        return withEtag(req, res, 'application/rss+xml', rss(origin));
      case '/atom.xml':
        return withEtag(req, res, 'application/atom+xml', atom(origin));
      case '/feed.json':
        return withEtag(req, res, 'application/feed+json', jsonFeed(origin));
      case '/gone.xml':
        return send(res, 410, 'text/plain', 'gone');
      case '/flaky.xml':
        return flaky ? send(res, 500, 'text/plain', 'boom') : withEtag(req, res, 'application/rss+xml', rss(origin));
      case '/aclu.html':
        return send(res, 200, 'text/html; charset=utf-8', fs.readFileSync(path.join(WEB_PAGES_DIR, 'aclu/source.html')));
      case '/go/wombat':
        return res.writeHead(301, { location: '/articles/wombat.html' }).end();
      case '/missing.html':
        return send(res, 404, 'text/html', '<h1>Not found</h1>');
      case '/picture.png':
        return send(res, 200, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      case '/slow.html':
        // Never answers before the fetcher's deadline; the socket is closed at shutdown.
        return void setTimeout(() => send(res, 200, 'text/html', articlePage(ARTICLES.quetzal)), 60_000).unref();
      case '/huge.html': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        let sent = 0;
        const pump = (): void => {
          while (sent < 40 && res.write(chunk)) sent += 1;
          if (sent >= 40) res.end();
          else res.once('drain', pump);
        };
        res.write('<html><body><p>');
        return pump();
      }
      default:
        return send(res, 404, 'text/plain', 'not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    hits: (pathname) => requests.filter((r) => r.path === pathname),
    setFlaky: (failing) => void (flaky = failing),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
