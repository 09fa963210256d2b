// The 'ipv4-address' format: 4 bytes; the value is the address as an unsigned 32-bit number (the hot
// path compares numbers), text in dotted-quad form. Kea would write 16 bytes for an IPv6 text here
// and produce a malformed option; we refuse it instead.
import { formatIPv4, type Reader, tryParseIPv4, type Writer } from '@kea-ts/util';
import { checkRead, configError, type DataFormat } from './format.js';

export const ipv4AddressFormat: DataFormat<number> = {
  type: 'ipv4-address',
  fixedLength: 4,
  encode(value: number, w: Writer): void {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw configError(`${value} is not an IPv4 address value`);
    }
    w.u32(value);
  },
  decode(r: Reader): number {
    const v = r.u32();
    checkRead(r, 'ipv4-address');
    return v;
  },
  fromText(text: string): number {
    const v = tryParseIPv4(text);
    if (v === null) throw configError(`'${text}' is not a valid IPv4 address`);
    return v;
  },
  toText(value: number): string {
    return formatIPv4(value);
  },
};
