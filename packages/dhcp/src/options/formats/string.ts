// The 'string' format: the rest of the payload, bytes kept as they are (the value is a Buffer so a
// round trip never loses a byte to text decoding). On decode, trailing NULs are dropped as Kea does
// (RFC 2132 section 2); a string made only of NULs is malformed. Text is UTF-8, written verbatim:
// quotes are ordinary characters here.
import type { Reader, Writer } from '@kea-ts/util';
import { DhcpParseError } from '../../errors.js';
import type { DataFormat } from './format.js';

export const stringFormat: DataFormat<Buffer> = {
  type: 'string',
  fixedLength: 0,
  encode(value: Buffer, w: Writer): void {
    w.bytes(value);
  },
  decode(r: Reader): Buffer {
    const rest = r.rest();
    let end = rest.length;
    while (end > 0 && rest[end - 1] === 0) end--;
    if (end === 0 && rest.length > 0) throw new DhcpParseError('string value holds only NUL bytes');
    return Buffer.from(rest.subarray(0, end));
  },
  fromText(text: string): Buffer {
    return Buffer.from(text, 'utf8');
  },
  toText(value: Buffer): string {
    return value.toString('utf8');
  },
};
