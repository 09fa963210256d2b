// DHCPv6 option lists (2-byte code, 2-byte length, RFC 8415 section 21.1): walking a region of a
// received Buffer into an OptionIndex without copying, writing options back, and where the nested
// option list starts inside the payload of the options that carry one.

import { DhcpPackError, DhcpParseError } from '../errors.js';
import { type OptionIndex, type OptionInstance, SCRATCH, takeScratch } from './option-index.js';

/**
 * Walks `buf[start, end)` appending (code, payload offset, length) triples to the scratch array from
 * triple `count` on; returns the new count. Throws DhcpParseError when an option header or payload
 * runs past `end` (trailing bytes shorter than a header included).
 */
export function scanOptions6(buf: Buffer, start: number, end: number, count: number, what: string): number {
  const scratch = SCRATCH;
  const limit = scratch.length;
  let pos = start;
  while (pos < end) {
    if (pos + 4 > end) throw new DhcpParseError(`${what}: ${end - pos} trailing bytes at offset ${pos}`);
    const code = (buf[pos]! << 8) | buf[pos + 1]!;
    const len = (buf[pos + 2]! << 8) | buf[pos + 3]!;
    if (pos + 4 + len > end) {
      throw new DhcpParseError(
        `${what}: option ${code} at offset ${pos} declares ${len} bytes, only ${end - pos - 4} left`,
      );
    }
    const at = count * 3;
    if (at + 3 > limit) throw new DhcpParseError(`${what}: too many options`);
    scratch[at] = code;
    scratch[at + 1] = pos + 4;
    scratch[at + 2] = len;
    count++;
    pos += 4 + len;
  }
  return count;
}

/** Indexes a v6 option list. */
export function indexOptions6(buf: Buffer, start = 0, end = buf.length): OptionIndex {
  const count = scanOptions6(buf, start, end, 0, 'option list');
  return { buf, entries: takeScratch(count), count };
}

/** A v6 option list as (code, payload slice) pairs in wire order. */
export function parseOptions6(buf: Buffer, start = 0, end = buf.length): OptionInstance[] {
  const index = indexOptions6(buf, start, end);
  const out: OptionInstance[] = new Array(index.count);
  for (let i = 0; i < index.count; i++) {
    const s = index.entries[i * 3 + 1]!;
    out[i] = { code: index.entries[i * 3]!, payload: buf.subarray(s, s + index.entries[i * 3 + 2]!) };
  }
  return out;
}

/** Writes one option at `pos`; returns the position after it. */
export function writeOption6(out: Buffer, pos: number, code: number, payload: Uint8Array): number {
  out[pos] = code >>> 8;
  out[pos + 1] = code & 0xff;
  out[pos + 2] = payload.length >>> 8;
  out[pos + 3] = payload.length & 0xff;
  out.set(payload, pos + 4);
  return pos + 4 + payload.length;
}

export function checkOption6(code: number, length: number): void {
  if (!Number.isInteger(code) || code < 0 || code > 0xffff)
    throw new DhcpPackError(`bad DHCPv6 option code ${code}`);
  if (length > 0xffff)
    throw new DhcpPackError(`DHCPv6 option ${code} has ${length} bytes, at most 65535 fit`);
}

/** Encodes (code, payload) pairs in the given order into a new Buffer. */
export function encodeOptions6(options: Iterable<readonly [number, Uint8Array]>): Buffer {
  const list = Array.isArray(options) ? (options as (readonly [number, Uint8Array])[]) : [...options];
  let size = 0;
  for (const [code, payload] of list) {
    checkOption6(code, payload.length);
    size += 4 + payload.length;
  }
  const out = Buffer.allocUnsafe(size);
  let pos = 0;
  for (const [code, payload] of list) pos = writeOption6(out, pos, code, payload);
  return out;
}

/**
 * Where the nested options start in the payload of the v6 options that carry some after fixed
 * fields: IA_NA/IA_PD (IAID, T1, T2), IA_TA (IAID), IAADDR (address, preferred, valid), IAPREFIX
 * (preferred, valid, length, prefix), vendor-opts (enterprise number), and the RFC 8415/7341 and
 * s46 containers whose whole payload is options.
 */
export const NESTED_OPTIONS_OFFSET6: ReadonlyMap<number, number> = new Map([
  [3, 12], // IA_NA
  [4, 4], // IA_TA
  [5, 24], // IAADDR
  [17, 4], // VENDOR_OPTS
  [25, 12], // IA_PD
  [26, 25], // IAPREFIX
  [94, 0], // S46_CONT_MAPE
  [95, 0], // S46_CONT_MAPT
  [96, 0], // S46_CONT_LW
]);

/**
 * The options nested in `payload` of option `code` (offset from NESTED_OPTIONS_OFFSET6 unless
 * given). Throws DhcpParseError when the payload is shorter than its fixed part or the nested list
 * is malformed.
 */
export function suboptions6(code: number, payload: Buffer, offset?: number): OptionInstance[] {
  const at = offset ?? NESTED_OPTIONS_OFFSET6.get(code);
  if (at === undefined) throw new DhcpParseError(`option ${code} carries no nested options`);
  if (payload.length < at) {
    throw new DhcpParseError(`option ${code}: ${payload.length} bytes, its fixed part alone takes ${at}`);
  }
  return parseOptions6(payload, at, payload.length);
}
