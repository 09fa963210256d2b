// JSON text exactly as Kea 2.2's Element::str() prints it, which is what lands in the
// user_context column: `{ "a": 1, "b": [ 1, 2 ] }` with keys sorted by byte, map keys unescaped,
// and every byte outside printable ASCII written as \u00XX of its UTF-8 byte. Reading undoes that
// byte escaping so a string written by Kea comes back as the text it was.
import type { JsonMap, JsonValue } from '@kea-ts/cc';

const HEX = '0123456789abcdef';

function stringBytes(s: string, out: string[]): void {
  out.push('"');
  const bytes = Buffer.from(s, 'utf8');
  let plain = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    switch (c) {
      case 0x22:
        plain += '\\"';
        break;
      case 0x5c:
        plain += '\\\\';
        break;
      case 0x08:
        plain += '\\b';
        break;
      case 0x0c:
        plain += '\\f';
        break;
      case 0x0a:
        plain += '\\n';
        break;
      case 0x0d:
        plain += '\\r';
        break;
      case 0x09:
        plain += '\\t';
        break;
      default:
        if (c < 0x20 || c >= 0x7f) plain += `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
        else plain += String.fromCharCode(c);
    }
  }
  out.push(plain, '"');
}

/** C++ ostream's default double form (%g, 6 significant digits) plus Kea's ".0" rule. */
function formatDouble(v: number): string {
  let s = v.toPrecision(6);
  if (s.includes('e')) {
    const [m, e] = s.split('e') as [string, string];
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const exp = Number(e);
    s = `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else if (s.includes('.')) {
    s = s.replace(/0+$/, '').replace(/\.$/, '');
  }
  return s.includes('.') ? s : `${s}.0`;
}

function write(v: JsonValue, out: string[]): void {
  if (v === null) out.push('null');
  else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
  else if (typeof v === 'number')
    out.push(Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? String(v) : formatDouble(v));
  else if (typeof v === 'string') stringBytes(v, out);
  else if (Array.isArray(v)) {
    out.push('[ ');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(', ');
      write(v[i]!, out);
    }
    out.push(' ]');
  } else {
    out.push('{ ');
    // std::map<std::string> orders by bytes; UTF-8 byte order is code point order, which
    // Buffer.compare gives where UTF-16 comparison would not (surrogates).
    const keys = Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) out.push(', ');
      out.push(`"${keys[i]}": `);
      write(v[keys[i]!]!, out);
    }
    out.push(' }');
  }
}

/** Kea's Element::str() text of a value. */
export function keaJsonText(value: JsonValue): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

// Strings whose characters all fit a byte and include one above 0x7f may be UTF-8 that Kea
// escaped byte by byte; keep the original when the bytes are not valid UTF-8.
function unbyte(s: string): string {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    if (c >= 0x80) high = true;
  }
  if (!high) return s;
  const bytes = Buffer.from(s, 'latin1');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : s;
}

function fixStrings(v: JsonValue): JsonValue {
  if (typeof v === 'string') return unbyte(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(fixStrings);
  const out: JsonMap = {};
  for (const k of Object.keys(v)) out[unbyte(k)] = fixStrings(v[k]!);
  return out;
}

/** Parses a user_context column value; null when it is not a JSON map (the caller's error). */
export function parseKeaJsonMap(text: string): JsonMap | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  // Only escaped non-ASCII needs the slow pass.
  return text.includes('\\u00') ? (fixStrings(v as JsonMap) as JsonMap) : (v as JsonMap);
}
