// The 'ipv6-address' format: 16 bytes, kept as a Buffer; text in RFC 5952 form on output and
// anything inet_pton reads on input (an IPv4 text is refused: Kea would write 4 bytes here).
import { formatIPv6, type Reader, tryParseIPv6, type Writer } from '@kea-ts/util';
import { checkRead, configError, type DataFormat } from './format.js';

export const ipv6AddressFormat: DataFormat<Buffer> = {
  type: 'ipv6-address',
  fixedLength: 16,
  encode(value: Buffer, w: Writer): void {
    if (value.length !== 16) throw configError(`an IPv6 address is 16 bytes, got ${value.length}`);
    w.bytes(value);
  },
  decode(r: Reader): Buffer {
    const b = r.bytes(16);
    checkRead(r, 'ipv6-address');
    return Buffer.from(b);
  },
  fromText(text: string): Buffer {
    const v = tryParseIPv6(text);
    if (v === null) throw configError(`'${text}' is not a valid IPv6 address`);
    return v;
  },
  toText(value: Buffer): string {
    return formatIPv6(value);
  },
};
