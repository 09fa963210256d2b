// Kea's string functions with its edge rules: substring and split convert their integer
// arguments only when the input is not empty (a bad one is then an EvalTypeError), int*totext and
// addrtotext keep an empty input empty and reject any other wrong size.
import { formatIPv4, formatIPv6 } from '@kea-ts/util';
import type { StringFn } from './compile.js';
import { EvalTypeError } from './errors.js';

const EMPTY = Buffer.alloc(0);

/** boost::lexical_cast<int>: decimal digits with an optional sign, within int32. */
function toInt(text: string, what: string): number {
  if (!/^[-+]?[0-9]+$/.test(text))
    throw new EvalTypeError(`the parameter '${text}' for ${what} is no integer`);
  const n = Number(text);
  if (n < -(2 ** 31) || n > 2 ** 31 - 1)
    throw new EvalTypeError(`the parameter '${text}' for ${what} is no int`);
  return n;
}

export function substring(of: StringFn, startText: string, lengthText: string): StringFn {
  return (ctx) => {
    const s = of(ctx);
    if (s.length === 0) return EMPTY;
    let start = toInt(startText, 'the starting position of the substring');
    let length = lengthText === 'all' ? s.length : toInt(lengthText, 'the length of the substring');
    const n = s.length;
    if (start < -n || start >= n) return EMPTY;
    if (start < 0) start += n;
    if (length < 0) {
      length = -length;
      if (length <= start) start -= length;
      else {
        length = start;
        start = 0;
      }
    }
    return s.subarray(start, Math.min(n, start + length));
  };
}

export function split(of: StringFn, delims: StringFn, fieldText: string): StringFn {
  return (ctx) => {
    const s = of(ctx);
    const d = delims(ctx);
    if (s.length === 0) return EMPTY;
    const field = toInt(fieldText, 'the field of split');
    if (d.length === 0) return s;
    const fields: Buffer[] = [];
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      if (d.includes(s[i]!)) {
        fields.push(s.subarray(from, i));
        from = i + 1;
      }
    }
    fields.push(s.subarray(from));
    return field < 1 || field > fields.length ? EMPTY : fields[field - 1]!;
  };
}

/** addrtotext and the int*totext family: empty stays empty, a wrong size is Kea's EvalTypeError. */
export function toText(kind: string, of: StringFn): StringFn {
  const size: Record<string, number> = {
    int8totext: 1,
    uint8totext: 1,
    int16totext: 2,
    uint16totext: 2,
    int32totext: 4,
    uint32totext: 4,
  };
  return (ctx) => {
    const b = of(ctx);
    if (b.length === 0) return EMPTY;
    let text: string;
    if (kind === 'addrtotext') {
      if (b.length === 4) text = formatIPv4(b.readUInt32BE(0));
      else if (b.length === 16) text = formatIPv6(b);
      else throw new EvalTypeError('Can not convert to valid address.');
    } else {
      if (b.length !== size[kind]) throw new EvalTypeError(`Can not convert to valid ${kind.slice(0, -6)}.`);
      switch (kind) {
        case 'int8totext':
          text = String(b.readInt8(0));
          break;
        case 'uint8totext':
          text = String(b[0]);
          break;
        case 'int16totext':
          text = String(b.readInt16BE(0));
          break;
        case 'uint16totext':
          text = String(b.readUInt16BE(0));
          break;
        case 'int32totext':
          text = String(b.readInt32BE(0));
          break;
        default:
          text = String(b.readUInt32BE(0));
      }
    }
    return Buffer.from(text, 'latin1');
  };
}
