// IPv6 addresses as 16-byte Buffers: text parsing (every RFC 4291 form, as inet_pton accepts
// them; zone indexes are rejected because Kea configs and lease files never carry them), the
// canonical text form (RFC 5952, printing IPv4-mapped/compatible addresses as glibc's inet_ntop
// does, since that is the text real Kea writes) and prefix/offset arithmetic.

import { KEA_ERR_UTIL_BAD_IPV6, KEA_ERR_UTIL_BAD_PREFIX, KEA_ERR_UTIL_OUT_OF_RANGE } from './errors.js';
import { tryParseIPv4 } from './ipv4.js';
import { KeaError } from './kea-error.js';

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** Parses into 8 16-bit groups; returns null on any deviation from the RFC 4291 forms. */
function scanIPv6(text: string): Uint16Array | null {
  const n = text.length;
  if (n < 2 || n > 45) return null;
  const groups = new Uint16Array(8);
  let count = 0;
  let gap = -1; // group index where '::' stands
  let i = 0;
  if (text.charCodeAt(0) === 0x3a) {
    if (text.charCodeAt(1) !== 0x3a) return null;
    gap = 0;
    i = 2;
    if (i === n) return groups;
  }
  for (;;) {
    const start = i;
    let value = 0;
    while (i < n && i - start < 5) {
      const h = hexValue(text.charCodeAt(i));
      if (h < 0) break;
      value = value * 16 + h;
      i++;
    }
    const digits = i - start;
    if (i < n && text.charCodeAt(i) === 0x2e) {
      // Dotted quad: only as the last 32 bits.
      if (count > 6) return null;
      const v4 = tryParseIPv4(text.slice(start));
      if (v4 === null) return null;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      break;
    }
    if (digits === 0 || digits > 4 || count === 8) return null;
    groups[count++] = value;
    if (i === n) break;
    if (text.charCodeAt(i) !== 0x3a) return null;
    i++;
    if (i < n && text.charCodeAt(i) === 0x3a) {
      if (gap >= 0) return null;
      gap = count;
      i++;
      if (i === n) break;
    } else if (i === n) {
      return null; // a single trailing ':'
    }
  }
  if (gap < 0) return count === 8 ? groups : null;
  // '::' must stand for at least one group.
  if (count > 7) return null;
  const tail = count - gap;
  const shift = 8 - count;
  for (let k = tail - 1; k >= 0; k--) {
    groups[gap + shift + k] = groups[gap + k]!;
    groups[gap + k] = 0;
  }
  return groups;
}

function groupsToBuffer(g: Uint16Array): Buffer {
  const b = Buffer.allocUnsafe(16);
  for (let k = 0; k < 8; k++) b.writeUInt16BE(g[k]!, k * 2);
  return b;
}

export function isIPv6(text: string): boolean {
  return scanIPv6(text) !== null;
}

export function tryParseIPv6(text: string): Buffer | null {
  const g = scanIPv6(text);
  return g === null ? null : groupsToBuffer(g);
}

export function parseIPv6(text: string): Buffer {
  const g = scanIPv6(text);
  if (g === null) {
    const why = text.includes('%') ? ' (zone indexes are not supported)' : '';
    throw new KeaError(KEA_ERR_UTIL_BAD_IPV6, `'${text}' is not a valid IPv6 address${why}`);
  }
  return groupsToBuffer(g);
}

function checkAddress(addr: Uint8Array): void {
  if (addr.length !== 16) {
    throw new KeaError(KEA_ERR_UTIL_BAD_IPV6, `an IPv6 address is 16 bytes, got ${addr.length}`);
  }
}

export function formatIPv6(addr: Uint8Array): string {
  checkAddress(addr);
  const w: number[] = [];
  for (let k = 0; k < 16; k += 2) w.push((addr[k]! << 8) | addr[k + 1]!);
  // Longest run of zero groups, the first one on a tie; a single zero group is not compressed.
  let bestStart = -1;
  let bestLen = 0;
  for (let k = 0; k < 8; ) {
    if (w[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && w[e] === 0) e++;
    if (e - k > bestLen) {
      bestStart = k;
      bestLen = e - k;
    }
    k = e;
  }
  if (bestLen < 2) bestStart = -1;
  if (bestStart === 0 && (bestLen === 6 || (bestLen === 5 && w[5] === 0xffff))) {
    const v4 = `${addr[12]}.${addr[13]}.${addr[14]}.${addr[15]}`;
    return bestLen === 6 ? `::${v4}` : `::ffff:${v4}`;
  }
  let out = '';
  for (let k = 0; k < 8; k++) {
    if (k === bestStart) {
      out += '::';
      k += bestLen - 1;
      continue;
    }
    if (out.length > 0 && !out.endsWith(':')) out += ':';
    out += w[k]!.toString(16);
  }
  return out;
}

export function ipv6ToBigInt(addr: Uint8Array): bigint {
  checkAddress(addr);
  let v = 0n;
  for (let k = 0; k < 16; k++) v = (v << 8n) | BigInt(addr[k]!);
  return v;
}

const MAX_V6 = (1n << 128n) - 1n;

export function ipv6FromBigInt(value: bigint): Buffer {
  if (value < 0n || value > MAX_V6) {
    throw new KeaError(KEA_ERR_UTIL_OUT_OF_RANGE, `${value} is outside the IPv6 address space`);
  }
  const b = Buffer.allocUnsafe(16);
  let v = value;
  for (let k = 15; k >= 0; k--) {
    b[k] = Number(v & 0xffn);
    v >>= 8n;
  }
  return b;
}

/** addr + n (n may be negative); throws when the result leaves the address space. */
export function ipv6Add(addr: Uint8Array, n: bigint | number): Buffer {
  return ipv6FromBigInt(ipv6ToBigInt(addr) + BigInt(n));
}

export function ipv6Compare(a: Uint8Array, b: Uint8Array): number {
  checkAddress(a);
  checkAddress(b);
  return Buffer.compare(a, b);
}

function checkLength(length: number): void {
  if (!Number.isInteger(length) || length < 0 || length > 128) {
    throw new KeaError(KEA_ERR_UTIL_BAD_PREFIX, `invalid IPv6 prefix length ${length}`);
  }
}

/** The first address of the prefix: host bits cleared. */
export function ipv6Network(addr: Uint8Array, length: number): Buffer {
  checkAddress(addr);
  checkLength(length);
  const b = Buffer.from(addr);
  for (let k = 0; k < 16; k++) {
    const bits = length - k * 8;
    if (bits >= 8) continue;
    b[k]! &= bits <= 0 ? 0 : (0xff << (8 - bits)) & 0xff;
  }
  return b;
}

/** The last address of the prefix: host bits set. */
export function ipv6LastAddress(addr: Uint8Array, length: number): Buffer {
  checkAddress(addr);
  checkLength(length);
  const b = Buffer.from(addr);
  for (let k = 0; k < 16; k++) {
    const bits = length - k * 8;
    if (bits >= 8) continue;
    b[k]! |= bits <= 0 ? 0xff : 0xff >> bits;
  }
  return b;
}

export function ipv6PrefixContains(network: Uint8Array, length: number, addr: Uint8Array): boolean {
  checkAddress(network);
  checkAddress(addr);
  checkLength(length);
  const full = length >> 3;
  for (let k = 0; k < full; k++) if (network[k] !== addr[k]) return false;
  const rem = length & 7;
  if (rem === 0) return true;
  const mask = (0xff << (8 - rem)) & 0xff;
  return (network[full]! & mask) === (addr[full]! & mask);
}

/** Number of addresses in a prefix: 2^(128-length). */
export function ipv6PrefixSize(length: number): bigint {
  checkLength(length);
  return 1n << BigInt(128 - length);
}

export interface IPv6Prefix {
  address: Buffer;
  length: number;
}

/** Parses 'addr/len'. The address is returned as written (not masked): callers decide. */
export function parseIPv6Prefix(text: string): IPv6Prefix {
  const slash = text.indexOf('/');
  if (slash < 0) throw new KeaError(KEA_ERR_UTIL_BAD_PREFIX, `'${text}' is not an IPv6 prefix (no '/')`);
  const address = tryParseIPv6(text.slice(0, slash));
  const lenText = text.slice(slash + 1);
  const length = /^(0|[1-9][0-9]{0,2})$/.test(lenText) ? Number(lenText) : -1;
  if (address === null || length < 0 || length > 128) {
    throw new KeaError(KEA_ERR_UTIL_BAD_PREFIX, `'${text}' is not a valid IPv6 prefix`);
  }
  return { address, length };
}

export function formatIPv6Prefix(p: IPv6Prefix): string {
  return `${formatIPv6(p.address)}/${p.length}`;
}
