// The tokenizer of Kea's expression language, after Kea 2.2's flex rules: at each place the
// longest match among the rules wins and a tie goes to the earlier rule, so "hexstring" is one
// keyword, "option" is a keyword, and a word followed by "]" is an option name. Keywords need no
// word boundary ("optionx" is "option" then an invalid character), as in Kea. Columns count bytes.
import { tryParseIPv4, tryParseIPv6 } from '@kea-ts/util';
import { EvalParseError, type SourceSpan } from './errors.js';

/** Tokens are named as Kea's parser names them in its messages ("constant string", "(", ...). */
export type TokenKind =
  | 'end of file'
  | 'constant string'
  | 'integer'
  | 'constant hexstring'
  | 'option name'
  | 'ip address'
  | (typeof KEYWORDS)[number];

export interface Token {
  kind: TokenKind;
  /** The text for literals (string content without quotes, trimmed option name). */
  text: string;
  span: SourceSpan;
}

export const KEYWORDS = [
  '==',
  'option',
  'relay4',
  'relay6',
  'peeraddr',
  'linkaddr',
  'text',
  'hex',
  'exists',
  'pkt',
  'iface',
  'src',
  'dst',
  'len',
  'pkt4',
  'mac',
  'hlen',
  'htype',
  'ciaddr',
  'giaddr',
  'yiaddr',
  'siaddr',
  'pkt6',
  'msgtype',
  'transid',
  'vendor',
  'vendor-class',
  'data',
  'enterprise',
  'substring',
  'split',
  'all',
  'concat',
  'ifelse',
  'hexstring',
  'addrtotext',
  'int8totext',
  'int16totext',
  'int32totext',
  'uint8totext',
  'uint16totext',
  'uint32totext',
  'not',
  'and',
  'or',
  'member',
  '.',
  '(',
  ')',
  '[',
  ']',
  ',',
  '*',
  '+',
] as const;

const HEX_RE = /0[xX][0-9a-fA-F]+/y;
const INT_RE = /-?[0-9]+/y;
// The option name rule: the name, blanks or newlines, and a "]" that is trailing context.
const NAME_RE = /([A-Za-z](?:[-_A-Za-z0-9]*[A-Za-z0-9])?)([ \t\n]*)\]/y;
const ADDR4_RE = /[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/y;
const ADDR6_RE = /[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:.]*/y;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

/** Tokenizes the whole expression; throws EvalParseError on a character no rule takes. */
export function tokenize(source: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let col = 1;
  let p = 0;
  const n = source.length;
  const span = (width: number): SourceSpan => ({ line, column: col, endLine: line, endColumn: col + width });
  while (p < n) {
    const c = source[p]!;
    if (c === ' ' || c === '\t') {
      p++;
      col++;
      continue;
    }
    if (c === '\n') {
      p++;
      line++;
      col = 1;
      continue;
    }
    // Candidates in rule order: [length used for longest match, make token].
    let best = 0;
    let make: (() => Token) | null = null;
    const offer = (len: number, f: () => Token): void => {
      if (len > best) {
        best = len;
        make = f;
      }
    };
    if (c === "'") {
      let q = p + 1;
      while (q < n && source[q] !== "'" && source[q] !== '\n') q++;
      if (q < n && source[q] === "'") {
        const body = source.slice(p + 1, q);
        offer(q + 1 - p, () => token('constant string', body, Buffer.byteLength(body) + 2));
      }
    }
    const hex = sticky(HEX_RE, source, p);
    if (hex) offer(hex[0].length, () => token('constant hexstring', hex[0], hex[0].length));
    const int = sticky(INT_RE, source, p);
    if (int) {
      offer(int[0].length, () => {
        const v = BigInt(int[0]);
        const t = token('integer', int[0], int[0].length);
        if (v < INT64_MIN || v > INT64_MAX)
          throw new EvalParseError(t.span, `Failed to convert ${int[0]} to an integer.`);
        return t;
      });
    }
    const name = sticky(NAME_RE, source, p);
    if (name) offer(name[0].length, () => nameToken(name[1]!, name[2]!));
    const a4 = sticky(ADDR4_RE, source, p)?.[0] ?? '';
    const a6 = sticky(ADDR6_RE, source, p)?.[0] ?? '';
    const addr = a6.length > a4.length ? a6 : a4;
    if (addr.length > 0) {
      offer(addr.length, () => {
        const t = token('ip address', addr, addr.length);
        if (tryParseIPv4(addr) === null && tryParseIPv6(addr) === null)
          throw new EvalParseError(t.span, `Failed to convert ${addr} to an IP address.`);
        return t;
      });
    }
    for (const k of KEYWORDS) {
      if (k.length > best && source.startsWith(k, p)) offer(k.length, () => token(k, k, k.length));
    }
    if (make === null) {
      const ch = String.fromCodePoint(source.codePointAt(p)!);
      throw new EvalParseError(span(Buffer.byteLength(ch)), `Invalid character: ${ch}`);
    }
    const t = (make as () => Token)();
    out.push(t);
    p += t.kind === 'option name' ? best - 1 : best;
  }
  out.push({ kind: 'end of file', text: '', span: span(0) });
  return out;

  function token(kind: TokenKind, text: string, width: number): Token {
    const t = { kind, text, span: span(width) };
    col += width;
    return t;
  }

  // Kea's action strips trailing blanks; newlines among them move the line count.
  function nameToken(text: string, tail: string): Token {
    const t: Token = { kind: 'option name', text, span: span(text.length + tail.length) };
    const nl = tail.lastIndexOf('\n');
    if (nl < 0) col += text.length + tail.length;
    else {
      line += tail.split('\n').length - 1;
      col = tail.length - nl;
      t.span.endLine = line;
      t.span.endColumn = col;
    }
    return t;
  }
}
