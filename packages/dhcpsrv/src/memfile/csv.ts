// The CSV layer under Kea's lease files: `&#xNN` escaping of text fields, versioned schemas
// (older headers are upgraded with column defaults, newer ones have their extra columns dropped)
// and the integer forms of the numeric columns. Rows are split on every comma, as Kea does.

import { KeaError } from '@kea-ts/util';
import { badRow, KEA_ERR_DHCPSRV_BAD_HEADER } from '../errors.js';

/** One column of a lease file schema (Kea's VersionedColumn). */
export interface CsvColumn {
  name: string;
  /** Schema version that introduced it. */
  version: string;
  /** Value given to rows of files written before it existed. */
  defaultValue: string;
}

export interface CsvSchema {
  columns: readonly CsvColumn[];
  /** Header line as Kea writes it (no newline). */
  header: string;
  /** A header must name at least this many leading columns (up to `hostname`). */
  minimumColumns: number;
}

export function makeSchema(columns: CsvColumn[], minimumColumn: string): CsvSchema {
  return {
    columns,
    header: columns.map((c) => c.name).join(','),
    minimumColumns: columns.findIndex((c) => c.name === minimumColumn) + 1,
  };
}

/** Kea's VersionedCSVFile input schema state. */
export type SchemaState = 'current' | 'needs-upgrade' | 'needs-downgrade';

/** How the rows of one file map onto the current schema. */
export interface FileLayout {
  state: SchemaState;
  /** Columns of the header that match the schema. */
  validColumns: number;
  /** Columns named in the file's header. */
  headerColumns: number;
  /** Version of the last matching column ("1.0", "2.0", ...). */
  inputVersion: string;
}

/** Checks a header line against the schema the way Kea does: a prefix of the known columns. */
export function readHeader(schema: CsvSchema, line: string, file: string): FileLayout {
  const names = line.split(',');
  const n = schema.columns.length;
  let i = 0;
  for (; i < names.length && i < n; i++) {
    if (names[i] !== schema.columns[i]!.name) {
      throw new KeaError(
        KEA_ERR_DHCPSRV_BAD_HEADER,
        `invalid header '${line}' in CSV file '${file}': column '${names[i]}' is not known here`,
      );
    }
  }
  if (i < schema.minimumColumns) {
    throw new KeaError(
      KEA_ERR_DHCPSRV_BAD_HEADER,
      `invalid header '${line}' in CSV file '${file}': ${i} valid column(s), at least ${schema.minimumColumns} needed`,
    );
  }
  const state: SchemaState = i < n ? 'needs-upgrade' : names.length > n ? 'needs-downgrade' : 'current';
  return {
    state,
    validColumns: i,
    headerColumns: names.length,
    inputVersion: schema.columns[i - 1]!.version,
  };
}

/**
 * Brings one row's fields to the schema's column count, or throws with Kea's reasons. The
 * common case (current schema, right count) returns the array untouched.
 */
export function fitRow(schema: CsvSchema, layout: FileLayout, fields: string[], line: string): string[] {
  const n = schema.columns.length;
  const got = fields.length;
  if (layout.state === 'current') {
    if (got !== n) throw columnCount(got, line, 'must match current schema');
    return fields;
  }
  if (layout.state === 'needs-upgrade') {
    if (got < layout.validColumns) throw columnCount(got, line, 'too few columns to upgrade');
    if (got > n) throw columnCount(got, line, 'too many columns to upgrade');
    for (let k = got; k < n; k++) fields.push(schema.columns[k]!.defaultValue);
    return fields;
  }
  if (got < n) throw columnCount(got, line, 'too few columns to downgrade');
  if (got > layout.headerColumns) throw columnCount(got, line, 'too many columns to downgrade');
  fields.length = n;
  return fields;
}

function columnCount(got: number, line: string, reason: string): KeaError {
  return badRow(`invalid number of columns: ${got} in row '${line}': ${reason}`);
}

const ESCAPE_NEEDED = /[,&]/;

/** Kea's CSVRow::escapeCharacters: ',' and '&' become &#x2c and &#x26. */
export function escapeField(text: string): string {
  if (!ESCAPE_NEEDED.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    out += c === ',' ? '&#x2c' : c === '&' ? '&#x26' : c;
  }
  return out;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/**
 * Kea's CSVRow::unescapeCharacters, quirks included: a tag with two hex digits is one
 * character, a tag with non-hex digits stays as text, and a tag too close to the end of the
 * field becomes a NUL character (Kea skips the digit check there and emits 0).
 */
/**
 * A copy of a field that does not hold on to the text it was cut from: V8 keeps long substrings as
 * views of their parent, so one stored hostname would keep a whole megabyte of the lease file alive.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

export function unescapeField(text: string): string {
  let pos = text.indexOf('&#x');
  if (pos < 0) return text;
  let out = '';
  let start = 0;
  while (pos >= 0) {
    out += text.slice(start, pos);
    const dig = pos + 3;
    let value = 0;
    let ok = true;
    let next = dig;
    if (dig <= text.length - 2) {
      const hi = hexDigit(text.charCodeAt(dig));
      const lo = hi < 0 ? -1 : hexDigit(text.charCodeAt(dig + 1));
      if (hi < 0 || lo < 0) ok = false;
      else {
        value = (hi << 4) | lo;
        next = dig + 2;
      }
    }
    if (ok) {
      out += String.fromCharCode(value);
      start = next;
    } else {
      out += '&#x';
      start = dig;
    }
    pos = text.indexOf('&#x', start);
  }
  return out + text.slice(start);
}

/** Unsigned decimal column (boost::lexical_cast of an unsigned type), at most `max`. */
export function parseUnsigned(text: string, column: string, max: number): number {
  const n = text.length;
  let i = text.charCodeAt(0) === 0x2b ? 1 : 0; // lexical_cast takes a leading '+'
  if (i >= n) throw badRow(`${column} '${text}' is not an unsigned number`);
  let v = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) throw badRow(`${column} '${text}' is not an unsigned number`);
    v = v * 10 + d;
  }
  if (v > max) throw badRow(`${column} '${text}' is out of range`);
  return v;
}

/** lexical_cast<bool>: exactly "0" or "1". */
export function parseFlag(text: string, column: string): boolean {
  if (text === '1') return true;
  if (text === '0') return false;
  throw badRow(`${column} '${text}' is not 0 or 1`);
}

export const UINT32_MAX = 0xffffffff;

function nib(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/**
 * The form Kea writes (two hex digits per byte, ':' between) straight to bytes in one pass, the
 * load hot path; null for anything else, which the caller hands to the general parser.
 */
export function parseCanonicalHex(text: string): Buffer | null {
  const n = text.length;
  if (n < 2 || (n + 1) % 3 !== 0) return null;
  const len = (n + 1) / 3;
  const out = Buffer.allocUnsafe(len);
  for (let k = 0, i = 0; k < len; k++, i += 3) {
    const hi = nib(text.charCodeAt(i));
    const lo = nib(text.charCodeAt(i + 1));
    if (hi < 0 || lo < 0 || (i + 2 < n && text.charCodeAt(i + 2) !== 0x3a)) return null;
    out[k] = (hi << 4) | lo;
  }
  return out;
}
