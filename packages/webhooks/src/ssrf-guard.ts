import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DestinationRefusedError } from './errors.js';
import type { HostResolver, ResolvedAddress, SecurityMode } from './types.js';

/**
 * Ranges refused although ipaddr.js calls them `unicast`: IPv4-compatible IPv6 (`::a.b.c.d`, deprecated,
 * still routed to the IPv4 address by some stacks) and the cloud metadata addresses spelled out, so the
 * rule survives a library update that reclassifies them.
 */
const extraRefusedRanges = {
  refused: ['::/96', '169.254.169.254/32', 'fd00:ec2::254/128', '100.100.100.200/32'].map((cidr) =>
    ipaddr.parseCIDR(cidr),
  ),
};

/**
 * Whether an address may be connected to. Only globally routable unicast passes; IPv4-mapped IPv6
 * (`::ffff:10.0.0.1`) is judged as the IPv4 address it carries. Local mode also lets loopback through.
 */
export function isAllowedAddress(address: string, mode: SecurityMode): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range === 'loopback') return mode === 'local';
  if (range !== 'unicast') return false;
  return ipaddr.subnetMatch(parsed, extraRefusedRanges, 'allowed') === 'allowed';
}

/** Reads a URL and refuses what can be judged without DNS: scheme, credentials, IP literals (any spelling). */
export function validateEndpointUrl(rawUrl: string, mode: SecurityMode): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new DestinationRefusedError('not a URL');
  }
  const allowedProtocols = mode === 'production' ? ['https:'] : ['https:', 'http:'];
  if (!allowedProtocols.includes(url.protocol))
    throw new DestinationRefusedError(`scheme ${url.protocol} not allowed`);
  if (url.username !== '' || url.password !== '') throw new DestinationRefusedError('credentials in URL');
  // WHATWG URL parsing has already turned decimal, octal and hex IPv4 spellings into dotted quads.
  const literal = hostAddressLiteral(url);
  if (literal !== undefined && !isAllowedAddress(literal, mode)) {
    throw new DestinationRefusedError(`address ${literal} not allowed`);
  }
  return url;
}

/** Validates the URL and resolves its host; refuses when any resolved address is not allowed. */
export async function checkDestination(
  rawUrl: string,
  mode: SecurityMode,
  resolver: HostResolver = systemResolver,
): Promise<URL> {
  const url = validateEndpointUrl(rawUrl, mode);
  if (hostAddressLiteral(url) === undefined) await resolveAllowed(url.hostname, mode, resolver);
  return url;
}

/** Resolves a hostname and refuses the host as a whole when any of its addresses is not allowed. */
export async function resolveAllowed(
  hostname: string,
  mode: SecurityMode,
  resolver: HostResolver,
): Promise<readonly ResolvedAddress[]> {
  const addresses = await resolver(hostname);
  if (addresses.length === 0) throw new DestinationRefusedError('host has no address');
  const refused = addresses.find((entry) => !isAllowedAddress(entry.address, mode));
  if (refused) throw new DestinationRefusedError(`host resolves to refused address ${refused.address}`);
  return addresses;
}

/** The IP address a URL's host is written as, without IPv6 brackets; `undefined` for a hostname. */
export function hostAddressLiteral(url: URL): string | undefined {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) === 0 ? undefined : host;
}

export const systemResolver: HostResolver = async (hostname) => {
  const entries = await dnsLookup(hostname, { all: true, verbatim: true });
  return entries.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
};
