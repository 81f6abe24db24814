/**
 * Which IP addresses the fetcher may connect to. Server-side request forgery
 * is refused after DNS resolution and at connect time (see fetcher.ts): only
 * global unicast addresses pass, unless an address falls in an allow-listed
 * range (`FETCH_ALLOW_PRIVATE`: an intranet, or a test server on 127.0.0.1).
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** One allow-listed range, parsed. */
export interface AddressRange {
  readonly address: Address;
  readonly prefix: number;
  /** As written in the setting, normalised (`127.0.0.1/32`). */
  readonly text: string;
}

/** A bad `FETCH_ALLOW_PRIVATE` entry; config.ts turns it into a ConfigError naming the entry. */
export class AllowListEntryError extends Error {
  override readonly name = 'AllowListEntryError';
  readonly code = 'AIGOV_ALLOW_LIST_ENTRY';
  constructor(readonly entry: string) {
    super(`'${entry}' is not an IP address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, fd00::/8)`);
  }
}

/**
 * Parses a comma-separated list of addresses and CIDR ranges. IPv4 must be
 * written in four dotted decimal parts: `0x7f.1` or `2130706433` in a
 * security setting is a mistake, not a shorthand.
 */
export function parseAllowList(text: string): readonly AddressRange[] {
  const ranges: AddressRange[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry.length === 0) continue;
    ranges.push(parseRange(entry));
  }
  return ranges;
}

function parseRange(entry: string): AddressRange {
  const slash = entry.indexOf('/');
  const addressText = slash === -1 ? entry : entry.slice(0, slash);
  if (!isStrictAddress(addressText)) throw new AllowListEntryError(entry);
  const address = ipaddr.parse(addressText);
  const max = address.kind() === 'ipv4' ? 32 : 128;
  let prefix = max;
  if (slash !== -1) {
    const prefixText = entry.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) throw new AllowListEntryError(entry);
    prefix = Number(prefixText);
  }
  return { address, prefix, text: `${address.toString()}/${prefix}` };
}

function isStrictAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(':') && ipaddr.IPv6.isValid(text));
}

/** The verdict on one address: allowed, or refused with the name of its range. */
export type AddressVerdict = { readonly ok: true } | { readonly ok: false; readonly range: string };

/**
 * Checks one resolved address. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is
 * unwrapped first so it is judged as the IPv4 address it reaches. Anything
 * ipaddr.js does not call `unicast` is refused: loopback, private,
 * link-local, unique-local, multicast, broadcast, unspecified, carrier-grade
 * NAT, reserved and documentation ranges, and the IPv6 transition forms that
 * embed an IPv4 address (6to4, Teredo, NAT64).
 */
export function checkAddress(text: string, allow: readonly AddressRange[]): AddressVerdict {
  if (!ipaddr.isValid(text)) return { ok: false, range: 'not an IP address' };
  let address: Address = ipaddr.parse(text);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  for (const range of allow) {
    if (range.address.kind() === address.kind() && address.match(range.address as never, range.prefix)) return { ok: true };
  }
  const kind = address.range();
  return kind === 'unicast' ? { ok: true } : { ok: false, range: kind };
}
