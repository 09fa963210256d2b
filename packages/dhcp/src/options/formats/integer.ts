// Shared body of the six integer formats: big-endian, two's complement for the signed ones, text in
// decimal (or Kea's hex fallback) range-checked per type, printed in decimal.
import type { Reader, Writer } from '@kea-ts/util';
import type { OptionDataType } from '../../types.js';
import { checkRead, configError, type DataFormat, parseKeaInteger } from './format.js';

export function integerFormat(type: OptionDataType, size: 1 | 2 | 4, signed: boolean): DataFormat<number> {
  const bits = size * 8;
  const span = 2 ** bits;
  const min = signed ? -(span / 2) : 0;
  const max = signed ? span / 2 - 1 : span - 1;
  return {
    type,
    fixedLength: size,
    encode(value: number, w: Writer): void {
      if (!Number.isInteger(value) || value < min || value > max) {
        throw configError(`${type} value ${value} is out of range ${min}..${max}`);
      }
      const u = value < 0 ? value + span : value;
      if (size === 1) w.u8(u);
      else if (size === 2) w.u16(u);
      else w.u32(u);
    },
    decode(r: Reader): number {
      const u = size === 1 ? r.u8() : size === 2 ? r.u16() : r.u32();
      checkRead(r, type);
      return signed && u > max ? u - span : u;
    },
    fromText(text: string): number {
      return parseKeaInteger(text, min, max, type);
    },
    toText(value: number): string {
      return String(value);
    },
  };
}
