import type { IngestFailureCode } from '../ingest-types.ts';

/**
 * Why a fetch did not produce a response body. Each class carries the
 * {@link IngestFailureCode} the Slack and CLI layers turn into words, and a
 * message naming the value at fault (address, size, hop count) and never a
 * credential.
 */
export class FetchError extends Error {
  override readonly name: string = 'FetchError';
  constructor(
    readonly code: IngestFailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Not an absolute http(s) URL (also a redirect to `file:`, `data:`…). */
export class InvalidUrlError extends FetchError {
  override readonly name = 'InvalidUrlError';
  constructor(message: string) {
    super('invalid-url', message);
  }
}

/** The name resolved to, or the URL names, an address the guard refuses. */
export class AddressRefusedError extends FetchError {
  override readonly name = 'AddressRefusedError';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super('not-allowed', `${host} is at ${address} (${range}), which is not fetched`);
  }
}

export class TooManyRedirectsError extends FetchError {
  override readonly name = 'TooManyRedirectsError';
  constructor(limit: number) {
    super('too-many-redirects', `more than ${limit} redirects`);
  }
}

/** The body passed the cap, counted after decompression; reading stopped there. */
export class BodyTooLargeError extends FetchError {
  override readonly name = 'BodyTooLargeError';
  constructor(limit: number) {
    super('too-large', `larger than ${Math.round(limit / (1024 * 1024))} MiB`);
  }
}

export class FetchTimeoutError extends FetchError {
  override readonly name = 'FetchTimeoutError';
  constructor(what: 'connect' | 'overall', ms: number) {
    super('timed-out', what === 'connect' ? `no connection within ${ms / 1000} s` : `no complete answer within ${ms / 1000} s`);
  }
}

/** DNS failure, connection refused or reset, TLS error. */
export class NetworkError extends FetchError {
  override readonly name = 'NetworkError';
  constructor(message: string, cause?: unknown) {
    super('network', message, { cause });
  }
}
