// Parser helpers: literal tokens decoded to the bytes Kea pushes, Kea's integer range checks with
// their messages, and the way bison names and orders tokens in "expecting ..." lists.
import { tryParseIPv4, tryParseIPv6 } from '@kea-ts/util';
import { EvalParseError } from './errors.js';
import type { Token, TokenKind } from './lexer.js';

// Bison lists expected tokens in the order of their declaration in Kea's parser.yy.
const ORDER: readonly TokenKind[] = ['end of file', '(', ')', 'and', 'or', '==', ',', '+'];

export function rank(kind: TokenKind): number {
  const i = ORDER.indexOf(kind);
  return i < 0 ? ORDER.length : i;
}

/** Bison keeps the quotes of a token name holding a comma. */
export function display(kind: TokenKind): string {
  return kind === ',' ? '","' : kind;
}

export function uint32(t: Token): number {
  const n = Number(t.text);
  if (n < 0 || n > 0xffffffff)
    throw new EvalParseError(t.span, `Invalid value in ${t.text}. Allowed range: 0..4294967295`);
  return n;
}

export function uint8(t: Token): number {
  const n = Number(t.text);
  if (n < 0 || n > 255) throw new EvalParseError(t.span, `Invalid value in ${t.text}. Allowed range: 0..255`);
  return n;
}

export function u32Bytes(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** 0x literal: an odd digit count gets a leading zero, as Kea's TokenHexString does. */
export function hexLiteral(text: string): Buffer {
  let digits = text.slice(2);
  if (digits.length % 2) digits = `0${digits}`;
  return Buffer.from(digits, 'hex');
}

export function ipLiteral(text: string): Buffer {
  const v4 = tryParseIPv4(text);
  if (v4 !== null) return u32Bytes(v4);
  return Buffer.from(tryParseIPv6(text)!);
}

export function optionCode(universe: 4 | 6, t: Token): number {
  const n = Number(t.text);
  const max = universe === 6 ? 65535 : 255;
  if (!Number.isInteger(n) || n < -(2 ** 31) || n > 2 ** 31 - 1)
    throw new EvalParseError(t.span, `Option code has invalid value in ${t.text}`);
  if (n < 0 || n > max)
    throw new EvalParseError(t.span, `Option code has invalid value in ${t.text}. Allowed range: 0..${max}`);
  return n;
}

export function nestLevel(universe: 4 | 6, t: Token): number {
  const n = Number(t.text);
  if (n < -128 || n > 127)
    throw new EvalParseError(t.span, `Invalid value in ${t.text}. Allowed range: -128..127`);
  if (universe !== 6) throw new EvalParseError(t.span, 'Nest level invalid for DHCPv4 packets');
  if (n < -32 || n >= 32)
    throw new EvalParseError(t.span, `Nest level has invalid value in ${t.text}. Allowed range: -32..31`);
  return n;
}
