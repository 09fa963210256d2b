// Shared checks for the per-format byte-vector tests: text -> value -> bytes, bytes -> value ->
// bytes and bytes -> value -> text, plus the typed errors each direction may throw.
import { Reader, Writer } from '@kea-ts/util';
import type { Test } from 'tap';
import { ERR_DHCP_CONFIG, ERR_DHCP_PARSE } from '../../src/errors.js';
import type { DataFormat } from '../../src/options/formats/index.js';
import type { Universe } from '../../src/types.js';

/** Strips blanks and `# comments` so byte vectors can be written one commented field a line. */
export function hex(commented: string): Buffer {
  const digits = commented
    .split('\n')
    .map((l) => l.replace(/#.*$/, ''))
    .join('')
    .replace(/\s+/g, '');
  return Buffer.from(digits, 'hex');
}

export function encode<T>(f: DataFormat<T>, value: T, universe: Universe = 4): Buffer {
  const w = new Writer();
  f.encode(value, w, universe);
  return w.toBuffer();
}

export function decode<T>(f: DataFormat<T>, bytes: Buffer, universe: Universe = 4): T {
  const r = new Reader(bytes);
  const v = f.decode(r, universe);
  r.finish();
  return v;
}

/**
 * `text` encodes to `bytes`; `bytes` decode to a value that prints as `printed` (defaults to
 * `text`) and encodes back to the same bytes.
 */
export function vector<T>(
  t: Test,
  f: DataFormat<T>,
  text: string,
  bytes: Buffer,
  printed = text,
  universe: Universe = 4,
): void {
  t.same(encode(f, f.fromText(text, universe), universe), bytes, `'${text}' encodes`);
  const v = decode(f, bytes, universe);
  t.equal(f.toText(v), printed, `${bytes.toString('hex')} prints as '${printed}'`);
  t.same(encode(f, v, universe), bytes, `${bytes.toString('hex')} re-encodes`);
  t.equal(f.toText(f.fromText(printed, universe)), printed, `'${printed}' is stable`);
}

export function badText<T>(t: Test, f: DataFormat<T>, text: string, universe: Universe = 4): void {
  t.throws(() => f.fromText(text, universe), { code: ERR_DHCP_CONFIG }, `'${text}' is refused`);
}

export function badBytes<T>(t: Test, f: DataFormat<T>, bytes: Buffer, universe: Universe = 4): void {
  t.throws(
    () => f.decode(new Reader(bytes), universe),
    { code: ERR_DHCP_PARSE },
    `${bytes.toString('hex')} is malformed`,
  );
}
