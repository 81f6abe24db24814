import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAddress, parseAllowList } from '../../../src/ingest/fetch/address-guard.ts';
import { createFetcher, MAX_REDIRECTS, USER_AGENT, type Fetcher, type Resolver } from '../../../src/ingest/fetch/fetcher.ts';
import { FetchError } from '../../../src/ingest/fetch/fetch-errors.ts';
import { reply, startLocalWeb, type LocalWeb } from '../support/local-web.ts';

const ALLOW_TEST_SERVER = parseAllowList('127.0.0.1');

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof FetchError) return err;
    throw err;
  }
  throw new Error('expected a FetchError');
}

describe('address guard', () => {
  // Strings only: no traffic is sent to any of these.
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:7f00:2', 'loopback'],
    ['2002:7f00:1::1', '6to4'],
  ])('refuses %s (%s)', (address, range) => {
    expect(checkAddress(address, [])).toEqual({ ok: false, range });
  });

  it.each(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '::ffff:93.184.215.14'])('allows the public address %s', (address) => {
    expect(checkAddress(address, [])).toEqual({ ok: true });
  });

  it('lets an allow-listed address or range through, and nothing next to it', () => {
    const allow = parseAllowList('127.0.0.1, 10.0.0.0/8');
    expect(checkAddress('127.0.0.1', allow).ok).toBe(true);
    expect(checkAddress('::ffff:127.0.0.1', allow).ok).toBe(true);
    expect(checkAddress('10.200.0.1', allow).ok).toBe(true);
    expect(checkAddress('127.0.0.2', allow).ok).toBe(false);
    expect(checkAddress('::1', allow).ok).toBe(false);
  });

  it.each([
    ['http://2130706434/', '127.0.0.2'],
    ['http://0x7f.0.0.2/', '127.0.0.2'],
    ['http://0177.0.0.2/', '127.0.0.2'],
    ['http://127.2/', '127.0.0.2'],
    ['http://0x7f000002/', '127.0.0.2'],
  ])('WHATWG URL turns %s into %s, which is refused', (text, dotted) => {
    expect(new URL(text).hostname).toBe(dotted);
    expect(checkAddress(new URL(text).hostname, ALLOW_TEST_SERVER).ok).toBe(false);
  });
});

describe('createFetcher against local servers', () => {
  let site: LocalWeb;
  let forbidden: LocalWeb; // listens on a refused loopback address: must never be reached
  let fetcher: Fetcher;

  beforeAll(async () => {
    site = await startLocalWeb('127.0.0.1');
    forbidden = await startLocalWeb('127.0.0.2');
    forbidden.route('/secret', reply(200, 'internal secret'));
    fetcher = createFetcher({ allowPrivate: ALLOW_TEST_SERVER, deadlineMs: 1_500 });
  });
  afterAll(async () => {
    await fetcher.close();
    await site.close();
    await forbidden.close();
  });

  it('fetches from the allowed server with an honest User-Agent and reports the scheduler facts', async () => {
    site.route('/feed.xml', reply(200, '<rss/>', {
      'content-type': 'application/rss+xml; charset=UTF-8',
      etag: 'W/"abc 1"',
      'last-modified': 'Sat, 28 Nov 2026 10:00:00 GMT',
      'cache-control': 'public, max-age=1800',
    }));
    const response = await fetcher.fetch({ url: `${site.origin}/feed.xml`, kind: 'feed' });
    expect(response).toMatchObject({
      status: 200,
      mediaType: 'application/rss+xml',
      charset: 'utf-8',
      etag: 'W/"abc 1"',
      lastModified: 'Sat, 28 Nov 2026 10:00:00 GMT',
      maxAgeMs: 1_800_000,
    });
    expect(Buffer.from(response.body).toString()).toBe('<rss/>');
    expect(site.requests.at(-1)!.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^aigov-bot\/\S+ \(.*Slack/); // names the bot; no made-up URL
  });

  it('echoes ETag and Last-Modified exactly and passes a 304 through', async () => {
    const etag = 'W/"abc 1"';
    const lastModified = 'Sat, 28 Nov 2026 10:00:00 GMT';
    site.route('/conditional', (req, res) => {
      if (req.headers['if-none-match'] === etag && req.headers['if-modified-since'] === lastModified) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { etag }).end('fresh');
    });
    const response = await fetcher.fetch({ url: `${site.origin}/conditional`, kind: 'feed', etag, lastModified });
    expect(response.status).toBe(304);
    expect(response.body.byteLength).toBe(0);
  });

  it('returns 404, 410 and 503 with Retry-After as statuses, not errors', async () => {
    site.route('/gone', reply(410, 'gone'));
    site.route('/busy', reply(503, 'busy', { 'retry-after': '120' }));
    expect((await fetcher.fetch({ url: `${site.origin}/nothing`, kind: 'page' })).status).toBe(404);
    expect((await fetcher.fetch({ url: `${site.origin}/gone`, kind: 'page' })).status).toBe(410);
    const busy = await fetcher.fetch({ url: `${site.origin}/busy`, kind: 'feed' });
    expect(busy).toMatchObject({ status: 503, retryAfterMs: 120_000 });
  });

  it('follows up to 5 redirects, and refuses a sixth', async () => {
    for (let i = 0; i < 7; i += 1) site.route(`/hop${i}`, reply(i === 0 ? 301 : 302, '', { location: `/hop${i + 1}` }));
    site.route('/hop5', reply(200, 'arrived', { 'content-type': 'text/html' }));
    const arrived = await fetcher.fetch({ url: `${site.origin}/hop0`, kind: 'page' });
    expect(arrived.url).toBe(`${site.origin}/hop5`);
    expect(Buffer.from(arrived.body).toString()).toBe('arrived');

    site.route('/hop5', reply(302, '', { location: '/hop6' }));
    site.route('/hop6', reply(200, 'too far'));
    const err = await failure(fetcher.fetch({ url: `${site.origin}/hop0`, kind: 'page' }));
    expect(err.code).toBe('too-many-redirects');
    expect(err.message).toContain(String(MAX_REDIRECTS));
  });

  it('refuses a redirect from the allowed server to a refused loopback address, which is never reached', async () => {
    site.route('/to-internal', reply(302, '', { location: `${forbidden.origin}/secret` }));
    site.route('/to-internal-hex', reply(302, '', { location: `http://0x7f.0.0.2:${forbidden.port}/secret` }));
    site.route('/to-ipv6-loopback', reply(302, '', { location: `http://[::1]:${forbidden.port}/secret` }));
    for (const path of ['/to-internal', '/to-internal-hex', '/to-ipv6-loopback']) {
      const err = await failure(fetcher.fetch({ url: `${site.origin}${path}`, kind: 'page' }));
      expect(err.code).toBe('not-allowed');
    }
    expect(forbidden.requests).toEqual([]);
  });

  it('refuses a redirect to another scheme', async () => {
    site.route('/to-file', reply(302, '', { location: 'file:///etc/passwd' }));
    expect((await failure(fetcher.fetch({ url: `${site.origin}/to-file`, kind: 'page' }))).code).toBe('invalid-url');
    expect((await failure(fetcher.fetch({ url: 'data:text/html,<p>x</p>', kind: 'page' }))).code).toBe('invalid-url');
  });

  it('checks names after resolution and connects to the address it checked (DNS rebinding)', async () => {
    // A name that resolves to a refused address, directly or after a redirect from the allowed server.
    const resolver: Resolver = async (name) =>
      name === 'rebind.test' ? [{ address: '127.0.0.2', family: 4 }] : name === 'mixed.test' ? [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }] : [{ address: '127.0.0.1', family: 4 }];
    const named = createFetcher({ allowPrivate: ALLOW_TEST_SERVER, resolver, deadlineMs: 1_500 });
    try {
      site.route('/named', reply(200, 'by name'));
      const ok = await named.fetch({ url: `http://news.test:${site.port}/named`, kind: 'page' });
      expect(Buffer.from(ok.body).toString()).toBe('by name');
      expect(site.requests.at(-1)!.headers.host).toBe(`news.test:${site.port}`);

      const direct = await failure(named.fetch({ url: `http://rebind.test:${forbidden.port}/secret`, kind: 'page' }));
      expect(direct).toMatchObject({ code: 'not-allowed', address: '127.0.0.2' });
      expect((await failure(named.fetch({ url: `http://mixed.test:${forbidden.port}/secret`, kind: 'page' }))).code).toBe('not-allowed');

      site.route('/to-rebind', reply(301, '', { location: `http://rebind.test:${forbidden.port}/secret` }));
      expect((await failure(named.fetch({ url: `${site.origin}/to-rebind`, kind: 'page' }))).code).toBe('not-allowed');
      expect(forbidden.requests).toEqual([]);
    } finally {
      await named.close();
    }
  });

  it('refuses every address when nothing is allow-listed, even the test server', async () => {
    const strict = createFetcher({ allowPrivate: [] });
    try {
      expect((await failure(strict.fetch({ url: `${site.origin}/feed.xml`, kind: 'feed' }))).code).toBe('not-allowed');
      expect((await failure(strict.fetch({ url: `http://2130706433:${site.port}/feed.xml`, kind: 'feed' }))).code).toBe('not-allowed');
    } finally {
      await strict.close();
    }
  });

  it('gives up at the overall deadline on a slow server', async () => {
    site.route('/slow', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
      // never ends within the deadline
      setTimeout(() => res.end('</html>'), 5_000).unref();
    });
    const err = await failure(fetcher.fetch({ url: `${site.origin}/slow`, kind: 'page' }));
    expect(err.code).toBe('timed-out');
  });

  it('stops reading at the body cap, counted after decompression', async () => {
    const capped = createFetcher({ allowPrivate: ALLOW_TEST_SERVER, maxBodyBytes: 64 * 1024 });
    try {
      const huge = 'x'.repeat(1024 * 1024);
      site.route('/huge', reply(200, huge, { 'content-type': 'text/html' }));
      site.route('/huge-chunked', (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(huge);
      });
      const bomb = gzipSync(Buffer.from(huge));
      expect(bomb.byteLength).toBeLessThan(64 * 1024); // small on the wire, large once decompressed
      site.route('/bomb', reply(200, bomb, { 'content-type': 'text/html', 'content-encoding': 'gzip' }));
      const small = gzipSync(Buffer.from('<p>small</p>'));
      site.route('/small-gzip', reply(200, small, { 'content-type': 'text/html', 'content-encoding': 'gzip' }));
      for (const path of ['/huge', '/huge-chunked', '/bomb']) {
        const err = await failure(capped.fetch({ url: `${site.origin}${path}`, kind: 'page' }));
        expect(err.code).toBe('too-large');
      }
      const ok = await capped.fetch({ url: `${site.origin}/small-gzip`, kind: 'page' });
      expect(Buffer.from(ok.body).toString()).toBe('<p>small</p>');
    } finally {
      await capped.close();
    }
  });

  it('names a refused connection as a network failure', async () => {
    const closed = await startLocalWeb('127.0.0.1');
    const port = closed.port;
    await closed.close();
    expect((await failure(fetcher.fetch({ url: `http://127.0.0.1:${port}/`, kind: 'page' }))).code).toBe('network');
  });
});
