import { isIPv6 } from 'node:net';

/**
 * IP parsing as event-ruler does it: a string is only treated as an address when it looks like dotted-quad
 * IPv4 or colon-separated IPv6 (no embedded IPv4, no zone), and addresses compare as big-endian bytes.
 */
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

export type IpBytes = readonly number[];

export function looksLikeIpAddress(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

/** Bytes of an IPv4 (4) or IPv6 (16) literal, or `undefined` when the text is not one. */
export function parseIpAddress(text: string): IpBytes | undefined {
  if (IPV4_SHAPE.test(text)) {
    const octets = text.split('.').map(Number);
    return octets.every((octet) => octet <= 255) ? octets : undefined;
  }
  if (IPV6_SHAPE.test(text) && isIPv6(text)) {
    return expandIpv6(text);
  }
  return undefined;
}

function expandIpv6(text: string): IpBytes {
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array.from({ length: missing }, () => '0'), ...tailGroups];
  return groups.flatMap((group) => {
    const value = Number.parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

export function compareIpBytes(left: IpBytes, right: IpBytes): number {
  for (let index = 0; index < left.length; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}

export interface IpRange {
  readonly bottom: IpBytes;
  readonly top: IpBytes;
}

/**
 * Parses `address/bits` into an inclusive byte range. Like event-ruler, the bottom is the address as written
 * (host bits are not cleared) and the top sets every host bit; the mask must be below 32 (IPv4) or 128 (IPv6).
 */
export function parseCidr(text: string): { ok: true; range: IpRange } | { ok: false; reason: string } {
  const parts = text.split('/');
  if (parts.length !== 2) {
    return { ok: false, reason: "Malformed CIDR, one '/' required" };
  }
  const [addressText = '', bitsText = ''] = parts;
  if (!/^[+-]?\d+$/.test(bitsText)) {
    return { ok: false, reason: 'Malformed CIDR, mask bits must be an integer' };
  }
  const maskBits = Number(bitsText);
  if (maskBits < 0) {
    return { ok: false, reason: 'Malformed CIDR, mask bits must not be negative' };
  }
  if (!looksLikeIpAddress(addressText)) {
    return { ok: false, reason: `Nonstandard IP address: ${addressText}` };
  }
  const bottom = parseIpAddress(addressText);
  if (bottom === undefined) {
    return { ok: false, reason: `Invalid IP address: ${addressText}` };
  }
  const totalBits = bottom.length * 8;
  if (maskBits > totalBits - 1) {
    return { ok: false, reason: `${bottom.length === 4 ? 'IPv4' : 'IPv6'} mask bits must be < ${totalBits}` };
  }
  let hostBits = totalBits - maskBits;
  const top = [...bottom];
  for (let index = top.length - 1; index >= 0 && hostBits > 0; index -= 1) {
    const bits = Math.min(hostBits, 8);
    top[index] = (top[index] ?? 0) | ((1 << bits) - 1);
    hostBits -= bits;
  }
  return { ok: true, range: { bottom, top } };
}

export function isInIpRange(address: IpBytes, range: IpRange): boolean {
  return (
    address.length === range.bottom.length &&
    compareIpBytes(address, range.bottom) >= 0 &&
    compareIpBytes(address, range.top) <= 0
  );
}
