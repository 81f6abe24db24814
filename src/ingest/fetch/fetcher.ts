/**
 * The one way the bot reaches the web. HTTP(S) only; every address checked
 * after DNS resolution and connected to as checked (undici's `connect.lookup`,
 * so DNS rebinding cannot swap it); redirects followed by hand so each hop is
 * checked again; one overall deadline plus a connect timeout; the body capped
 * as it arrives, after decompression.
 *
 * Numbers chosen from what other readers of the open web do: Miniflux
 * (https://github.com/miniflux/v2, `internal/reader/fetcher/`: 20 s overall,
 * 10 s connect, 15 MiB after decompression) and Mastodon (one overall
 * deadline rather than per-hop timeouts: `Request::TIMEOUT`'s `read_deadline`
 * in `app/lib/request.rb`, https://github.com/mastodon/mastodon).
 */
import dns from 'node:dns';
import net from 'node:net';
import { Agent, fetch as undiciFetch, type Response } from 'undici';
import { checkAddress, type AddressRange } from './address-guard.ts';
import {
  AddressRefusedError,
  BodyTooLargeError,
  FetchError,
  FetchTimeoutError,
  InvalidUrlError,
  NetworkError,
  TooManyRedirectsError,
} from './fetch-errors.ts';
import { parseExpires, parseMaxAgeMs, parseRetryAfterMs } from './response-facts.ts';
import { parseHttpUrl } from '../../core/http-url.ts';

/** One deadline for the whole fetch: every redirect hop and the body (Miniflux, FreshRSS: 20 s). */
export const FETCH_DEADLINE_MS = 20_000;
/** Time allowed to open a TCP (and TLS) connection to one address (Miniflux: 10 s). */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Body cap for pages and feeds, counted after decompression (Miniflux: 15 MiB). */
export const MAX_BODY_BYTES = 15 * 1024 * 1024;
/** Redirect hops followed before giving up (the issue: at most 5). */
export const MAX_REDIRECTS = 5;
/**
 * Sent with every request: names the bot, so a site owner can tell who polls
 * them. It names no repository URL because the project has none published
 * yet (package.json names none): add `+<url>` here when it does, rather than
 * a made-up address.
 */
export const USER_AGENT = 'aigov-bot/0.1 (AI governance news bot for Slack; Node.js)';

const ACCEPT = {
  page: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
  feed: 'application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5',
} as const;

/** Resolves a host name to every address it has, as `dns.lookup(..., { all: true })` does. */
export type Resolver = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export interface FetchRequest {
  readonly url: string;
  /** Sets the Accept header. */
  readonly kind: 'page' | 'feed';
  /** Echoed exactly as `If-None-Match`. */
  readonly etag?: string | null;
  /** Echoed exactly as `If-Modified-Since`. */
  readonly lastModified?: string | null;
}

/** The final response after redirects. The body is read only for 2xx statuses (empty otherwise). */
export interface FetchResponse {
  /** The URL that answered (after redirects). */
  readonly url: string;
  readonly status: number;
  /** Media type without parameters, lower-case (`text/html`), or null. */
  readonly mediaType: string | null;
  /** `charset=` of the Content-Type, lower-case, or null. */
  readonly charset: string | null;
  readonly body: Uint8Array;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** `Content-Location`, as sent (relative links in a feed resolve against it), or null. */
  readonly contentLocation: string | null;
  readonly maxAgeMs: number | null;
  readonly expiresAt: Date | null;
  readonly retryAfterMs: number | null;
}

/** Throws a {@link FetchError} subclass when no final response could be had. */
export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResponse>;
  /** Closes pooled connections (tests, shutdown). */
  close(): Promise<void>;
}

export interface FetcherOptions {
  /** Parsed `FETCH_ALLOW_PRIVATE`. */
  readonly allowPrivate: readonly AddressRange[];
  /** Injected in tests so a name can resolve to a refused address. */
  readonly resolver?: Resolver;
  readonly deadlineMs?: number;
  readonly connectTimeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly clock?: () => Date;
}

type LookupCallback = (err: Error | null, address: string | { address: string; family: number }[], family?: number) => void;

/** Builds the fetcher the pipeline uses; one per process so connections are pooled. */
export function createFetcher(options: FetcherOptions): Fetcher {
  const resolver = options.resolver ?? systemResolver;
  const deadlineMs = options.deadlineMs ?? FETCH_DEADLINE_MS;
  const connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const clock = options.clock ?? (() => new Date());

  // Called by net.connect for every connection to a host name: resolve, refuse the whole name if
  // any address is refused (a name that mixes public and private addresses is an attack), and hand
  // back only checked addresses so the socket connects to what was checked.
  const lookup = (hostname: string, lookupOptions: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    resolver(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(new NetworkError(`${hostname} has no address`), '', 0);
        for (const { address } of addresses) {
          const verdict = checkAddress(address, options.allowPrivate);
          if (!verdict.ok) return callback(new AddressRefusedError(hostname, address, verdict.range), '', 0);
        }
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? addresses.filter((a) => a.family === lookupOptions.family) : addresses;
        if (wanted.length === 0) return callback(new NetworkError(`${hostname} has no IPv${lookupOptions.family} address`), '', 0);
        if (lookupOptions.all) return callback(null, wanted.map((a) => ({ address: a.address, family: a.family })));
        return callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (err: unknown) => callback(new NetworkError(`cannot resolve ${hostname}`, err), '', 0),
    );
  };

  const agent = new Agent({
    connect: { lookup: lookup as never, timeout: connectTimeoutMs },
    // The overall deadline governs; these only stop undici's own 300 s defaults from mattering.
    headersTimeout: deadlineMs,
    bodyTimeout: deadlineMs,
  });

  async function fetchOnce(request: FetchRequest): Promise<FetchResponse> {
    const signal = AbortSignal.timeout(deadlineMs);
    let url = checkUrl(request.url, options.allowPrivate);
    try {
      for (let hop = 0; ; hop += 1) {
        const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: ACCEPT[request.kind] };
        // Validators belong to the URL asked for; a redirected hop is another resource.
        if (hop === 0 && request.etag) headers['if-none-match'] = request.etag;
        if (hop === 0 && request.lastModified) headers['if-modified-since'] = request.lastModified;
        const response = await undiciFetch(url, { dispatcher: agent, redirect: 'manual', headers, signal });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && response.status !== 304 && location !== null) {
          await response.body?.cancel();
          if (hop >= MAX_REDIRECTS) throw new TooManyRedirectsError(MAX_REDIRECTS);
          url = checkUrl(resolveLocation(location, url), options.allowPrivate);
          continue;
        }
        const ok = response.status >= 200 && response.status < 300;
        const body = ok ? await readCapped(response, maxBodyBytes) : (await response.body?.cancel(), new Uint8Array());
        return describeResponse(url, response, body, clock());
      }
    } catch (err) {
      throw toFetchError(err, signal, deadlineMs, connectTimeoutMs);
    }
  }

  return {
    fetch: fetchOnce,
    close: () => agent.close(),
  };
}

/** Scheme, then (for an address literal, which net.connect never looks up) the address guard. */
function checkUrl(text: string, allow: readonly AddressRange[]): URL {
  const parsed = parseHttpUrl(text);
  if (!parsed.ok) throw new InvalidUrlError(parsed.problem === 'not-a-url' ? 'not a URL' : 'only http and https links are fetched');
  const url = parsed.url;
  // WHATWG URL already turns 2130706433, 0x7f.1, 0177.0.0.1 and 127.1 into dotted decimal.
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (net.isIP(host) !== 0) {
    const verdict = checkAddress(host, allow);
    if (!verdict.ok) throw new AddressRefusedError(url.hostname, host, verdict.range);
  }
  if (url.username || url.password) throw new InvalidUrlError('links with a user name or password are not fetched');
  return url;
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    throw new InvalidUrlError('redirect to something that is not a URL');
  }
}

/** Reads the (already decompressed) body stream, stopping as soon as it passes the cap. */
async function readCapped(response: Response, cap: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  const encoded = response.headers.get('content-encoding');
  // Without content-encoding the declared length is the body's: refuse before reading a byte.
  if (!encoded && Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel();
    throw new BodyTooLargeError(cap);
  }
  if (response.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      throw new BodyTooLargeError(cap);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function describeResponse(url: URL, response: Response, body: Uint8Array, now: Date): FetchResponse {
  const contentType = response.headers.get('content-type');
  const [mediaPart, ...params] = (contentType ?? '').split(';');
  const mediaType = mediaPart!.trim().toLowerCase() || null;
  const charsetParam = params.map((p) => p.trim()).find((p) => /^charset=/i.test(p));
  const charset = charsetParam ? charsetParam.slice('charset='.length).replace(/"/g, '').trim().toLowerCase() || null : null;
  return {
    url: url.href,
    status: response.status,
    mediaType,
    charset,
    body,
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
    contentLocation: response.headers.get('content-location'),
    maxAgeMs: parseMaxAgeMs(response.headers.get('cache-control')),
    expiresAt: parseExpires(response.headers.get('expires'), now),
    retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after'), now),
  };
}

/** Finds our own error in undici's `TypeError('fetch failed', { cause })` chain, or names what happened. */
function toFetchError(err: unknown, signal: AbortSignal, deadlineMs: number, connectTimeoutMs: number): FetchError {
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 6; e = (e as { cause?: unknown }).cause, depth += 1) {
    if (e instanceof FetchError) return e;
    const code = (e as { code?: unknown }).code;
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return new FetchTimeoutError('connect', connectTimeoutMs);
    if (code === 'ECONNREFUSED') return new NetworkError('connection refused', err);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new NetworkError('no such host', err);
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return new NetworkError('connection reset', err);
  }
  if (signal.aborted) return new FetchTimeoutError('overall', deadlineMs);
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return new FetchTimeoutError('overall', deadlineMs);
  const message = err instanceof Error ? err.message : String(err);
  return new NetworkError(`network error (${message})`, err);
}
