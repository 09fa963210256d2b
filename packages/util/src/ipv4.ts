// IPv4 addresses as unsigned 32-bit numbers (the hot path compares and indexes numbers, not
// strings), their dotted-quad text form and prefix arithmetic. Parsing follows inet_pton, which
// is what Kea uses: exactly four decimal parts 0-255, no leading zeros, nothing around them.

import { KEA_ERR_UTIL_BAD_IPV4, KEA_ERR_UTIL_BAD_PREFIX, KEA_ERR_UTIL_OUT_OF_RANGE } from './errors.js';
import { KeaError } from './kea-error.js';

/** Returns the address as a number, or -1 when `text` is not a dotted quad. */
function scanIPv4(text: string): number {
  const n = text.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0x2e;
    if (c >= 0x30 && c <= 0x39) {
      if (digits > 0 && part === 0) return -1; // leading zero
      part = part * 10 + (c - 0x30);
      if (part > 255) return -1;
      digits++;
    } else if (c === 0x2e) {
      if (digits === 0) return -1;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  return parts === 4 ? value : -1;
}

export function isIPv4(text: string): boolean {
  return scanIPv4(text) >= 0;
}

export function tryParseIPv4(text: string): number | null {
  const v = scanIPv4(text);
  return v < 0 ? null : v;
}

export function parseIPv4(text: string): number {
  const v = scanIPv4(text);
  if (v < 0) throw new KeaError(KEA_ERR_UTIL_BAD_IPV4, `'${text}' is not a valid IPv4 address`);
  return v;
}

function checkAddress(addr: number): void {
  if (!Number.isInteger(addr) || addr < 0 || addr > 0xffffffff) {
    throw new KeaError(KEA_ERR_UTIL_OUT_OF_RANGE, `${addr} is not a 32-bit IPv4 address value`);
  }
}

export function formatIPv4(addr: number): string {
  checkAddress(addr);
  return `${addr >>> 24}.${(addr >>> 16) & 0xff}.${(addr >>> 8) & 0xff}.${addr & 0xff}`;
}

export function ipv4FromBytes(buf: Uint8Array, offset = 0): number {
  if (offset < 0 || offset + 4 > buf.length) {
    throw new KeaError(KEA_ERR_UTIL_BAD_IPV4, `need 4 bytes at offset ${offset} for an IPv4 address`);
  }
  return ((buf[offset]! << 24) | (buf[offset + 1]! << 16) | (buf[offset + 2]! << 8) | buf[offset + 3]!) >>> 0;
}

export function ipv4ToBytes(addr: number): Buffer {
  checkAddress(addr);
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(addr, 0);
  return b;
}

function checkLength(length: number): void {
  if (!Number.isInteger(length) || length < 0 || length > 32) {
    throw new KeaError(KEA_ERR_UTIL_BAD_PREFIX, `invalid IPv4 prefix length ${length}`);
  }
}

/** Netmask for a prefix length: 24 -> 0xffffff00. */
export function ipv4Mask(length: number): number {
  checkLength(length);
  // A shift by 32 is a shift by 0 in JS, hence the special case.
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

/** Prefix length of a contiguous netmask: 0xffffff00 -> 24. */
export function ipv4MaskLength(mask: number): number {
  checkAddress(mask);
  const inv = ~mask >>> 0;
  if ((inv & (inv + 1)) !== 0) {
    throw new KeaError(KEA_ERR_UTIL_BAD_PREFIX, `${formatIPv4(mask)} is not a contiguous netmask`);
  }
  return Math.clz32(inv);
}

export function ipv4Network(addr: number, length: number): number {
  return (addr & ipv4Mask(length)) >>> 0;
}

export function ipv4Broadcast(addr: number, length: number): number {
  return (addr | ~ipv4Mask(length)) >>> 0;
}

export function ipv4PrefixContains(network: number, length: number, addr: number): boolean {
  const mask = ipv4Mask(length);
  return (network & mask) >>> 0 === (addr & mask) >>> 0;
}

/** Number of addresses in a prefix (2^(32-length)), exact as a double. */
export function ipv4PrefixSize(length: number): number {
  checkLength(length);
  return 2 ** (32 - length);
}

/** Inclusive range size; 0 when last < first. */
export function ipv4RangeSize(first: number, last: number): number {
  return last < first ? 0 : last - first + 1;
}

export interface IPv4Prefix {
  address: number;
  length: number;
}

/** Parses 'a.b.c.d/len'. The address is returned as written (not masked): callers decide. */
export function parseIPv4Prefix(text: string): IPv4Prefix {
  const slash = text.indexOf('/');
  if (slash < 0) throw new KeaError(KEA_ERR_UTIL_BAD_PREFIX, `'${text}' is not an IPv4 prefix (no '/')`);
  const address = tryParseIPv4(text.slice(0, slash));
  const lenText = text.slice(slash + 1);
  const length = /^(0|[1-9][0-9]?)$/.test(lenText) ? Number(lenText) : -1;
  if (address === null || length < 0 || length > 32) {
    throw new KeaError(KEA_ERR_UTIL_BAD_PREFIX, `'${text}' is not a valid IPv4 prefix`);
  }
  return { address, length };
}

export function formatIPv4Prefix(p: IPv4Prefix): string {
  return `${formatIPv4(p.address)}/${p.length}`;
}
