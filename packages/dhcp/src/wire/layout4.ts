// Fresh layout of a DHCPv4 option set after the BOOTP header: 53 first, the others by ascending code
// as Kea's packOptions4 writes them (its option container is ordered by code), 82 last (RFC 3046
// 2.1), END, then zero padding up to the minimum BOOTP size. When the options do not fit the size
// the client accepts, the file and then the sname field take the rest (option overload 52, RFC
// 2131 4.1: options are read from the options field, then file, then sname) - only fields the
// packet does not use. Payloads over 255 bytes are split per RFC 3396; an instance never straddles
// two areas, so clients that do not implement RFC 3396 still read every short option whole.

import { DhcpPackError } from '../errors.js';
import { DHO_END, encodedLength4, writeOption4 } from './tlv4.js';

export const DHCP4_HEADER_LEN = 236;
export const DHCP4_OPTIONS_START = 240;
export const SNAME_OFFSET = 44;
export const SNAME_LEN = 64;
export const FILE_OFFSET = 108;
export const FILE_LEN = 128;
export const DHO_MESSAGE_TYPE = 53;
export const DHO_OVERLOAD = 52;
export const DHO_AGENT_INFO = 82;
/** RFC 951's 300-byte BOOTP message: old relays and clients drop shorter ones. */
export const BOOTP_MIN_SIZE = 300;

/** Codes of `codes` in wire order: 53, ascending codes, 82. Sorts in place and returns it. */
export function orderCodes4(codes: number[]): number[] {
  // Insertion sort: a dozen codes, mostly in order already (cheaper than sort with a comparator).
  for (let i = 1; i < codes.length; i++) {
    const c = codes[i]!;
    const r = rank(c);
    let j = i - 1;
    while (j >= 0 && rank(codes[j]!) > r) {
      codes[j + 1] = codes[j]!;
      j--;
    }
    codes[j + 1] = c;
  }
  return codes;
}

function rank(code: number): number {
  if (code === DHO_MESSAGE_TYPE) return -1;
  if (code === DHO_AGENT_INFO) return 256;
  return code;
}

/** Size of the options area (options + END) when everything goes into the options field. */
export function optionsAreaLength4(payloads: readonly Buffer[]): number {
  let size = 1;
  for (let i = 0; i < payloads.length; i++) size += encodedLength4(payloads[i]!.length);
  return size;
}

/** Bytes to allocate for a packet laid out by writeOptionAreas4 (its result may be shorter). */
export function layoutCapacity4(payloads: readonly Buffer[], maxSize: number, minSize: number): number {
  const fits = DHCP4_OPTIONS_START + optionsAreaLength4(payloads);
  return Math.max(Math.min(fits, maxSize), minSize);
}

/**
 * Writes header-less option areas into `out`, whose first DHCP4_OPTIONS_START bytes the caller
 * fills (header and cookie). Returns the packet length (END and padding included).
 * `fileFree`/`snameFree` say whether those fields may take options; when they do, this writes the
 * whole field (options, END, zeros) over whatever the caller put there.
 */
export function writeOptionAreas4(
  out: Buffer,
  codes: readonly number[],
  payloads: readonly Buffer[],
  maxSize: number,
  minSize: number,
  fileFree: boolean,
  snameFree: boolean,
): number {
  const total = optionsAreaLength4(payloads);
  if (DHCP4_OPTIONS_START + total <= maxSize) {
    let pos = DHCP4_OPTIONS_START;
    for (let i = 0; i < codes.length; i++) pos = writeOption4(out, pos, codes[i]!, payloads[i]!);
    out[pos++] = DHO_END;
    if (pos < minSize) {
      out.fill(0, pos, minSize);
      pos = minSize;
    }
    return pos;
  }
  return writeOverloaded(out, codes, payloads, maxSize, minSize, fileFree, snameFree);
}

interface Area {
  start: number;
  end: number; // exclusive, END byte included
}

function writeOverloaded(
  out: Buffer,
  codes: readonly number[],
  payloads: readonly Buffer[],
  maxSize: number,
  minSize: number,
  fileFree: boolean,
  snameFree: boolean,
): number {
  // The options field keeps 3 bytes for option 52 itself (written after 53) and 1 for END.
  const areas: Area[] = [{ start: DHCP4_OPTIONS_START, end: maxSize }];
  if (fileFree) areas.push({ start: FILE_OFFSET, end: FILE_OFFSET + FILE_LEN });
  if (snameFree) areas.push({ start: SNAME_OFFSET, end: SNAME_OFFSET + SNAME_LEN });
  if (areas.length === 1 || maxSize < DHCP4_OPTIONS_START + 4) {
    throw new DhcpPackError(
      `options need ${optionsAreaLength4(payloads)} bytes, the client accepts ${maxSize - DHCP4_OPTIONS_START} after the header`,
    );
  }
  let area = 0;
  let pos = DHCP4_OPTIONS_START;
  let overloadAt = -1;
  let overload = 0;
  let i = 0;
  // 53 stays first in the options field, followed by 52 and at least END: all must fit there.
  const first = codes[0] === DHO_MESSAGE_TYPE ? encodedLength4(payloads[0]!.length) : 0;
  if (DHCP4_OPTIONS_START + first + 3 + 1 > areas[0]!.end) {
    throw new DhcpPackError(`option 53 takes ${first} bytes: no room for overload within ${maxSize} bytes`);
  }
  if (codes[0] === DHO_MESSAGE_TYPE) pos = writeOption4(out, pos, codes[i]!, payloads[i++]!);
  overloadAt = pos;
  pos += 3;
  for (; i < codes.length; i++) {
    // A 52 from the caller gives way to the one describing this layout.
    if (codes[i] === DHO_OVERLOAD) continue;
    const payload = payloads[i]!;
    let done = 0;
    do {
      const chunk = Math.min(255, payload.length - done);
      // Move on to the next area while this instance (plus that area's END) does not fit.
      while (pos + 2 + chunk + 1 > areas[area]!.end) {
        out[pos] = DHO_END;
        out.fill(0, pos + 1, area === 0 ? pos + 1 : areas[area]!.end);
        if (area === 0) areas[0]!.end = pos + 1;
        area++;
        if (area >= areas.length) {
          throw new DhcpPackError(
            `options need ${optionsAreaLength4(payloads)} bytes, more than fit in ${maxSize} with file and sname`,
          );
        }
        pos = areas[area]!.start;
        overload |= areas[area]!.start === FILE_OFFSET ? 1 : 2;
      }
      pos = writeOption4(out, pos, codes[i]!, payload.subarray(done, done + chunk));
      done += chunk;
    } while (done < payload.length);
  }
  out[pos] = DHO_END;
  out.fill(0, pos + 1, areas[area]!.end);
  // Everything fitting in the options field with 52's room is impossible here (the total did not fit
  // without it), so at least one area was used and `overload` is 1, 2 or 3.
  out[overloadAt] = DHO_OVERLOAD;
  out[overloadAt + 1] = 1;
  out[overloadAt + 2] = overload;
  let length = areas[0]!.end;
  if (length < minSize) {
    out.fill(0, length, minSize);
    length = minSize;
  }
  return length;
}
