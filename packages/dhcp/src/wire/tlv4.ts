// DHCPv4 option lists (1-byte code, 1-byte length): walking a region of a received Buffer into an
// OptionIndex without copying, and writing options back with RFC 3396 splitting of payloads longer
// than 255 bytes. In the dhcp4 space PAD (0) and END (255) are single bytes without a length; in
// sub-option spaces (agent information 82, vendor 43...) they are ordinary codes, as in Kea.

import { DhcpPackError, DhcpParseError } from '../errors.js';
import { type OptionIndex, type OptionInstance, SCRATCH, takeScratch } from './option-index.js';

export const DHO_PAD = 0;
export const DHO_END = 255;

/** What a walk of a top-level (dhcp4 space) list found besides the options. */
export interface Scan4Result {
  /** Triples written so far (the scratch array's new fill). */
  count: number;
  /** Offset of the END byte, or -1 when the region ran out without one. */
  endAt: number;
}

/**
 * Walks `buf[start, end)` appending (code, payload offset, length) triples to the scratch array
 * from triple `count` on. `padEnd` makes 0 and 255 the one-byte PAD/END of the dhcp4 space.
 * Throws DhcpParseError when an option header or payload runs past `end`; `what` names the
 * region in that message (options field, file, sname, a sub-option list).
 */
export function scanOptions4(
  buf: Buffer,
  start: number,
  end: number,
  count: number,
  padEnd: boolean,
  what: string,
  result: Scan4Result,
): void {
  const scratch = SCRATCH;
  const limit = scratch.length;
  let pos = start;
  while (pos < end) {
    const code = buf[pos]!;
    if (padEnd) {
      if (code === DHO_PAD) {
        pos++;
        continue;
      }
      if (code === DHO_END) {
        result.count = count;
        result.endAt = pos;
        return;
      }
    }
    if (pos + 2 > end)
      throw new DhcpParseError(`${what}: option ${code} at offset ${pos} has no length byte`);
    const len = buf[pos + 1]!;
    if (pos + 2 + len > end) {
      throw new DhcpParseError(
        `${what}: option ${code} at offset ${pos} declares ${len} bytes, only ${end - pos - 2} left`,
      );
    }
    const at = count * 3;
    // Cannot happen for a datagram (see SCRATCH_TRIPLES); guards a caller handing a huge Buffer.
    if (at + 3 > limit) throw new DhcpParseError(`${what}: too many options`);
    scratch[at] = code;
    scratch[at + 1] = pos + 2;
    scratch[at + 2] = len;
    count++;
    pos += 2 + len;
  }
  result.count = count;
  result.endAt = -1;
}

const scanResult: Scan4Result = { count: 0, endAt: -1 };

/** Indexes a v4 option list (a sub-option space by default: PAD/END are ordinary codes). */
export function indexOptions4(buf: Buffer, start = 0, end = buf.length, padEnd = false): OptionIndex {
  scanOptions4(buf, start, end, 0, padEnd, 'option list', scanResult);
  const count = scanResult.count;
  return { buf, entries: takeScratch(count), count };
}

/** A v4 option list as (code, payload slice) pairs in wire order. */
export function parseOptions4(buf: Buffer, start = 0, end = buf.length, padEnd = false): OptionInstance[] {
  const index = indexOptions4(buf, start, end, padEnd);
  const out: OptionInstance[] = new Array(index.count);
  for (let i = 0; i < index.count; i++) {
    const s = index.entries[i * 3 + 1]!;
    out[i] = { code: index.entries[i * 3]!, payload: buf.subarray(s, s + index.entries[i * 3 + 2]!) };
  }
  return out;
}

/** Bytes one option takes on the wire, RFC 3396 split included (an empty payload still takes 2). */
export function encodedLength4(payloadLength: number): number {
  if (payloadLength <= 255) return 2 + payloadLength;
  return payloadLength + 2 * Math.ceil(payloadLength / 255);
}

/**
 * Writes `code` with `payload` at `pos`, as consecutive instances of at most 255 bytes when longer
 * (RFC 3396); returns the position after it. The caller sized `out` with encodedLength4.
 */
export function writeOption4(out: Buffer, pos: number, code: number, payload: Uint8Array): number {
  const n = payload.length;
  if (n <= 255) {
    out[pos] = code;
    out[pos + 1] = n;
    // Short payloads (most options) copy faster by hand than through TypedArray.set.
    if (n <= 16) for (let i = 0; i < n; i++) out[pos + 2 + i] = payload[i]!;
    else out.set(payload, pos + 2);
    return pos + 2 + n;
  }
  let done = 0;
  while (done < n) {
    const chunk = Math.min(n - done, 255);
    out[pos] = code;
    out[pos + 1] = chunk;
    out.set(payload.subarray(done, done + chunk), pos + 2);
    pos += 2 + chunk;
    done += chunk;
  }
  return pos;
}

/** Encodes (code, payload) pairs in the given order into a new Buffer (no END: sub-option lists). */
export function encodeOptions4(options: Iterable<readonly [number, Uint8Array]>): Buffer {
  const list = Array.isArray(options) ? (options as (readonly [number, Uint8Array])[]) : [...options];
  let size = 0;
  for (const [code, payload] of list) {
    if (!Number.isInteger(code) || code < 0 || code > 255)
      throw new DhcpPackError(`bad DHCPv4 option code ${code}`);
    size += encodedLength4(payload.length);
  }
  const out = Buffer.allocUnsafe(size);
  let pos = 0;
  for (const [code, payload] of list) pos = writeOption4(out, pos, code, payload);
  return out;
}
