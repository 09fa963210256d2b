// The 'ipv6-prefix' format: one byte of prefix length, then only the bytes the length covers
// (ceil(len / 8)), bits past the length zeroed. Text 'addr/len'; blanks are ignored and the length
// may be written in Kea's integer forms (decimal or hex).
import { formatIPv6, type Reader, tryParseIPv6, type Writer } from '@kea-ts/util';
import { DhcpParseError } from '../../errors.js';
import { checkRead, configError, type DataFormat, parseKeaInteger } from './format.js';

export interface PrefixValue {
  /** 16 bytes, bits past `length` zero. */
  readonly address: Buffer;
  readonly length: number;
}

/** A copy of `address` with every bit past `length` cleared. */
function masked(address: Uint8Array, length: number): Buffer {
  const out = Buffer.alloc(16);
  const whole = length >> 3;
  Buffer.from(address.buffer, address.byteOffset, 16).copy(out, 0, 0, Math.min(16, whole));
  const bits = length & 7;
  if (bits !== 0 && whole < 16) out[whole] = address[whole]! & (0xff << (8 - bits)) & 0xff;
  return out;
}

export const ipv6PrefixFormat: DataFormat<PrefixValue> = {
  type: 'ipv6-prefix',
  fixedLength: 0,
  encode(value: PrefixValue, w: Writer): void {
    const { address, length } = value;
    if (!Number.isInteger(length) || length < 0 || length > 128) {
      throw configError(`IPv6 prefix length ${length} is out of range 0..128`);
    }
    if (address.length !== 16) throw configError(`an IPv6 prefix address is 16 bytes, got ${address.length}`);
    w.u8(length);
    w.bytes(masked(address, length).subarray(0, (length + 7) >> 3));
  },
  decode(r: Reader): PrefixValue {
    const length = r.u8();
    checkRead(r, 'ipv6-prefix length');
    if (length > 128) throw new DhcpParseError(`IPv6 prefix length ${length} is greater than 128`);
    const bytes = r.bytes((length + 7) >> 3);
    checkRead(r, `ipv6-prefix of length ${length}`);
    const full = Buffer.alloc(16);
    bytes.copy(full);
    return { address: masked(full, length), length };
  },
  fromText(text: string): PrefixValue {
    const compact = text.replace(/[ \t]/g, '');
    const slash = compact.indexOf('/');
    if (slash < 0) throw configError(`'${text}' is not an IPv6 prefix: expected address/length`);
    const address = tryParseIPv6(compact.slice(0, slash));
    if (address === null) throw configError(`'${compact.slice(0, slash)}' is not a valid IPv6 address`);
    const length = parseKeaInteger(compact.slice(slash + 1), 0, 128, 'IPv6 prefix length');
    return { address: masked(address, length), length };
  },
  toText(value: PrefixValue): string {
    return `${formatIPv6(value.address)}/${value.length}`;
  },
};
