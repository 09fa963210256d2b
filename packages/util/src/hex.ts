// Hex text <-> bytes in the forms Kea accepts for identifiers and option data: octets separated
// by ':' or ' ' (one or two digits each: 'a:b' is 0a0b), or a plain digit run with an optional
// '0x' prefix (an odd count gets a leading zero nibble).

import { KEA_ERR_UTIL_BAD_HEX } from './errors.js';
import { KeaError } from './kea-error.js';

function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function bad(text: string, why: string): KeaError {
  return new KeaError(KEA_ERR_UTIL_BAD_HEX, `'${text}' is not a valid hex string: ${why}`);
}

/** Hex digits only, no separators; an odd count is read as if a leading '0' were present. */
export function parsePlainHex(text: string, original = text): Buffer {
  const n = text.length;
  const odd = n & 1;
  const out = Buffer.allocUnsafe((n + odd) >> 1);
  let i = 0;
  let k = 0;
  if (odd) {
    const v = nibble(text.charCodeAt(0));
    if (v < 0) throw bad(original, `invalid character '${text[0]}'`);
    out[k++] = v;
    i = 1;
  }
  for (; i < n; i += 2) {
    const hi = nibble(text.charCodeAt(i));
    const lo = nibble(text.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) throw bad(original, `invalid character '${text[hi < 0 ? i : i + 1]}'`);
    out[k++] = (hi << 4) | lo;
  }
  return out;
}

/** Octets of one or two digits separated by exactly one `sep` (no empty octets). */
export function parseSeparatedHex(text: string, sep: string, original = text): Buffer {
  const parts = text.split(sep);
  const out = Buffer.allocUnsafe(parts.length);
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (p.length === 0) throw bad(original, `empty octet (doubled separator or separator at an end)`);
    if (p.length > 2) throw bad(original, `octet '${p}' has more than two digits`);
    const a = nibble(p.charCodeAt(0));
    const b = p.length === 2 ? nibble(p.charCodeAt(1)) : 0;
    if (a < 0 || b < 0) throw bad(original, `octet '${p}' is not hex`);
    out[k] = p.length === 2 ? (a << 4) | b : a;
  }
  return out;
}

/** Kea's formatted hex: 'aa:bb:cc', 'a:b', 'aa bb cc', 'aabbcc', '0xaabbcc'. '' gives no bytes. */
export function parseHex(text: string): Buffer {
  if (text.includes(':')) return parseSeparatedHex(text, ':');
  if (text.includes(' ')) return parseSeparatedHex(text, ' ');
  if (text.length > 2 && text.charCodeAt(0) === 0x30 && (text[1] === 'x' || text[1] === 'X')) {
    return parsePlainHex(text.slice(2), text);
  }
  return parsePlainHex(text);
}

export function isHex(text: string): boolean {
  try {
    parseHex(text);
    return true;
  } catch {
    return false;
  }
}

const HEX = '0123456789abcdef';

/** Both digits of every byte value, so formatting a byte is one lookup. */
const PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) => HEX[b >> 4]! + HEX[b & 15]!);

/** Lowercase hex, two digits per byte, joined by `separator` ('' by default). */
export function formatHex(data: Uint8Array, separator = ''): string {
  if (separator === '') return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
  if (data.length === 0) return '';
  let out = PAIRS[data[0]!]!;
  for (let k = 1; k < data.length; k++) out += separator + PAIRS[data[k]!]!;
  return out;
}
