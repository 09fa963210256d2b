// Character-level scanning helpers of the lexer: the JSON number grammar and the decoding of
// strings that contain escapes (the slow path; most config strings have none).

/** Characters of a bare word (true/false/null, or junk such as NaN reported as one token). */
export function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2e
  );
}

function hex4(text: string, at: number): number {
  let v = 0;
  for (let k = 0; k < 4; k++) {
    const c = text.charCodeAt(at + k);
    let d: number;
    if (c >= 0x30 && c <= 0x39) d = c - 0x30;
    else if (c >= 0x61 && c <= 0x66) d = c - 0x57;
    else if (c >= 0x41 && c <= 0x46) d = c - 0x37;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

function skipDigits(text: string, i: number): number {
  let c = text.charCodeAt(i);
  while (c >= 0x30 && c <= 0x39) c = text.charCodeAt(++i);
  return i;
}

/** End of the JSON number starting at `start` ('-' or a digit), or -1 when it breaks the grammar. */
export function numberEnd(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) {
    i++;
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return -1; // leading zero
  } else if (text.charCodeAt(i) === 0x2e) {
    // Kea's lexer also reads a fraction without its integer part ('.5'), as Kea's own examples use.
    if (skipDigits(text, i + 1) === i + 1) return -1;
  } else {
    const j = skipDigits(text, i);
    if (j === i) return -1;
    i = j;
  }
  if (text.charCodeAt(i) === 0x2e) {
    const j = skipDigits(text, i + 1);
    if (j === i + 1) return -1;
    i = j;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const s = text.charCodeAt(i);
    if (s === 0x2b || s === 0x2d) i++;
    const j = skipDigits(text, i);
    if (j === i) return -1;
    i = j;
  }
  return i;
}

const SIMPLE_ESCAPES: (string | undefined)[] = [];
SIMPLE_ESCAPES[0x22] = '"';
SIMPLE_ESCAPES[0x5c] = '\\';
SIMPLE_ESCAPES[0x2f] = '/';
SIMPLE_ESCAPES[0x62] = '\b';
SIMPLE_ESCAPES[0x66] = '\f';
SIMPLE_ESCAPES[0x6e] = '\n';
SIMPLE_ESCAPES[0x72] = '\r';
SIMPLE_ESCAPES[0x74] = '\t';

export function controlCharacter(c: number): string {
  return `invalid control character 0x${c.toString(16).padStart(2, '0')} in string`;
}

/**
 * Decodes the string whose opening quote is at `quote`; `from` is the first backslash (everything
 * before it is plain). Returns the value and the offset after the closing quote. Lone surrogates
 * are refused: they cannot be written out as UTF-8 again.
 */
export function decodeEscapedString(
  text: string,
  quote: number,
  from: number,
  fail: (reason: string, at: number) => never,
): { value: string; end: number } {
  let out = text.slice(quote + 1, from);
  let i = from;
  let runStart = i;
  for (;;) {
    if (i >= text.length) fail('unterminated string', quote);
    const c = text.charCodeAt(i);
    if (c === 0x22) break;
    if (c < 0x20) fail(controlCharacter(c), i);
    if (c !== 0x5c) {
      i++;
      continue;
    }
    out += text.slice(runStart, i);
    const e = text.charCodeAt(i + 1);
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (e === 0x75) {
      const u = hex4(text, i + 2);
      if (u < 0) fail('invalid \\u escape in string: expected four hex digits', i);
      if (u >= 0xd800 && u <= 0xdbff) {
        const low =
          text.charCodeAt(i + 6) === 0x5c && text.charCodeAt(i + 7) === 0x75 ? hex4(text, i + 8) : -1;
        if (low < 0xdc00 || low > 0xdfff) fail('unpaired surrogate in \\u escape', i);
        out += String.fromCharCode(u, low);
        i += 12;
      } else {
        if (u >= 0xdc00 && u <= 0xdfff) fail('unpaired surrogate in \\u escape', i);
        out += String.fromCharCode(u);
        i += 6;
      }
    } else {
      if (i + 1 >= text.length) fail('unterminated string', quote);
      fail(`invalid escape '\\${String.fromCodePoint(text.codePointAt(i + 1)!)}' in string`, i);
    }
    runStart = i;
  }
  return { value: out + text.slice(runStart, i), end: i + 1 };
}
