// The 'boolean' format: one byte, 1 or 0 (any other byte is malformed, as in Kea). Text is 'true' or
// 'false' in any letter case, or the integers 1 and 0.
import type { Reader, Writer } from '@kea-ts/util';
import { DhcpParseError } from '../../errors.js';
import { checkRead, configError, type DataFormat } from './format.js';

export const booleanFormat: DataFormat<boolean> = {
  type: 'boolean',
  fixedLength: 1,
  encode(value: boolean, w: Writer): void {
    w.u8(value ? 1 : 0);
  },
  decode(r: Reader): boolean {
    const b = r.u8();
    checkRead(r, 'boolean');
    if (b > 1) throw new DhcpParseError(`boolean byte must be 0 or 1, got ${b}`);
    return b === 1;
  },
  fromText(text: string): boolean {
    const lower = text.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    // Kea reads any decimal integer here and then accepts only 0 and 1 ('01', '+1' included).
    if (/^[+-]?[0-9]+$/.test(text)) {
      const n = Number(text);
      if (n === 0 || n === 1) return n === 1;
    }
    throw configError(`'${text}' is not a boolean: expected true, false, 1 or 0`);
  },
  toText(value: boolean): string {
    return value ? 'true' : 'false';
  },
};
