// The 'tuple' format (opaque data tuple, RFC 8415 / RFC 3925): a length then that many bytes. The
// length is 1 byte in DHCPv4 and 2 bytes in DHCPv6, so every call takes the universe.
import type { Reader, Writer } from '@kea-ts/util';
import type { Universe } from '../../types.js';
import { checkRead, configError, type DataFormat } from './format.js';

export const tupleFormat: DataFormat<Buffer> = {
  type: 'tuple',
  fixedLength: 0,
  encode(value: Buffer, w: Writer, universe: Universe = 6): void {
    const max = universe === 4 ? 0xff : 0xffff;
    if (value.length > max) throw configError(`tuple of ${value.length} bytes is longer than ${max}`);
    if (universe === 4) w.u8(value.length);
    else w.u16(value.length);
    w.bytes(value);
  },
  decode(r: Reader, universe: Universe): Buffer {
    const n = universe === 4 ? r.u8() : r.u16();
    checkRead(r, 'tuple length');
    const b = r.bytes(n);
    checkRead(r, `tuple of ${n} bytes`);
    return Buffer.from(b);
  },
  fromText(text: string, universe: Universe): Buffer {
    const value = Buffer.from(text, 'utf8');
    const max = universe === 4 ? 0xff : 0xffff;
    if (value.length > max) throw configError(`tuple of ${value.length} bytes is longer than ${max}`);
    return value;
  },
  toText(value: Buffer): string {
    return value.toString('utf8');
  },
};
