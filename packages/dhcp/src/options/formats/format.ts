// The contract every option data format implements, and the small helpers they share: turning a
// reader's sticky error into the codec's parse error, and Kea's integer text syntax.
import type { Reader, Writer } from '@kea-ts/util';
import { DhcpConfigError, DhcpParseError } from '../../errors.js';
import type { OptionDataType, Universe } from '../../types.js';

/**
 * One data format (a field type of an option). `decode` reads exactly one field from the reader and
 * throws only DhcpParseError; `fromText` takes one csv token (already trimmed) and throws only
 * DhcpConfigError; `toText` gives the token back in the syntax `fromText` reads (no csv escaping).
 */
export interface DataFormat<T> {
  readonly type: OptionDataType;
  /** Bytes on the wire when fixed (1, 2, 4, 16, 3 for psid), 0 when the field is variable. */
  readonly fixedLength: number;
  encode(value: T, w: Writer, universe?: Universe): void;
  decode(r: Reader, universe: Universe): T;
  fromText(text: string, universe: Universe): T;
  toText(value: T): string;
}

/** Throws the reader's sticky error, if any, as the codec's parse error. */
export function checkRead(r: Reader, what: string): void {
  if (r.error !== null) throw new DhcpParseError(`truncated ${what}: ${r.error.message}`);
}

const DECIMAL = /^[+-]?[0-9]+$/;
// What a C++ stream in hex mode reads: a sign, an optional 0x, hex digits, nothing after.
const HEX = /^([+-]?)(?:0[xX])?([0-9a-fA-F]+)$/;

/**
 * Kea's integer text: decimal first, and when that fails the whole token read as hexadecimal, with
 * or without '0x' (so 'ff' is 255, as in Kea). Range-checked against [min, max].
 */
export function parseKeaInteger(text: string, min: number, max: number, type: string): number {
  let value: bigint;
  if (DECIMAL.test(text)) {
    value = BigInt(text);
  } else {
    const m = HEX.exec(text);
    if (m === null) throw new DhcpConfigError(`'${text}' is not a valid ${type} value`);
    value = BigInt(`0x${m[2]}`);
    if (m[1] === '-') value = -value;
  }
  if (value < BigInt(min) || value > BigInt(max)) {
    throw new DhcpConfigError(`${type} value '${text}' is out of range ${min}..${max}`);
  }
  return Number(value);
}

export function configError(message: string): DhcpConfigError {
  return new DhcpConfigError(message);
}
