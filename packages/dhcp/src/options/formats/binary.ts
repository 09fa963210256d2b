// The 'binary' format: the rest of the payload as raw bytes. Text is hex digits in either case with
// blanks anywhere ignored ('1A BB AD' as in Kea's examples), an even count, no '0x'; printed as
// uppercase hex without separators, as Kea prints it.
import type { Reader, Writer } from '@kea-ts/util';
import { configError, type DataFormat } from './format.js';

export const binaryFormat: DataFormat<Buffer> = {
  type: 'binary',
  fixedLength: 0,
  encode(value: Buffer, w: Writer): void {
    w.bytes(value);
  },
  decode(r: Reader): Buffer {
    return Buffer.from(r.rest());
  },
  fromText(text: string): Buffer {
    const digits = text.replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(digits)) throw configError(`'${text}' is not a string of hex digits`);
    if (digits.length % 2 !== 0) throw configError(`'${text}' has an odd number of hex digits`);
    return Buffer.from(digits, 'hex');
  },
  toText(value: Buffer): string {
    return value.toString('hex').toUpperCase();
  },
};
