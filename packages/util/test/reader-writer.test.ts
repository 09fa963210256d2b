import t from 'tap';
import {
  isKeaError,
  KEA_ERR_UTIL_DECODE,
  KEA_ERR_UTIL_OUT_OF_RANGE,
  KEA_ERR_UTIL_READ_PAST_END,
  KEA_ERR_UTIL_TRAILING_BYTES,
  KeaError,
  Reader,
  Writer,
} from '../src/index.js';

t.test('KeaError carries code, message and cause', (t) => {
  const cause = new Error('inner');
  const e = new KeaError('KEA_ERR_X_Y', 'outer', { cause });
  t.equal(e.code, 'KEA_ERR_X_Y');
  t.equal(e.message, 'outer');
  t.equal(e.cause, cause);
  t.ok(e instanceof Error);
  t.ok(isKeaError(e));
  t.ok(isKeaError(e, 'KEA_ERR_X_Y'));
  t.notOk(isKeaError(e, 'KEA_ERR_OTHER'));
  t.notOk(isKeaError(new Error('x')));
  t.notOk(isKeaError('KEA_ERR_X_Y'));
  t.equal(new KeaError('C', 'm').cause, undefined);
  t.end();
});

t.test('Reader reads big-endian fields', (t) => {
  // 01 | 0203 | 04050607 | 08 09 | 0a
  const r = new Reader(Buffer.from('0102030405060708090a', 'hex'));
  t.equal(r.remaining, 10);
  t.equal(r.u8(), 0x01);
  t.equal(r.u16(), 0x0203);
  t.equal(r.u32(), 0x04050607);
  t.same([...r.bytes(2)], [8, 9]);
  t.equal(r.peekU8(), 0x0a);
  t.same([...r.rest()], [0x0a]);
  t.equal(r.remaining, 0);
  t.doesNotThrow(() => r.finish());
  t.end();
});

t.test('u32 above 2^31 stays unsigned', (t) => {
  t.equal(new Reader(Buffer.from('ffffffff', 'hex')).u32(), 0xffffffff);
  t.end();
});

t.test('Reader over a Uint8Array window', (t) => {
  const u = new Uint8Array([9, 9, 1, 2, 3, 9]);
  const r = new Reader(u, 2, 3);
  t.equal(r.u16(), 0x0102);
  t.equal(r.u8(), 3);
  t.equal(r.u8(), 0, 'window end is the end');
  t.equal(r.error?.code, KEA_ERR_UTIL_READ_PAST_END);
  t.throws(() => new Reader(u, 4, 5), { code: KEA_ERR_UTIL_READ_PAST_END });
  t.end();
});

t.test('sticky error: every read after an overrun returns zero or empty', (t) => {
  const r = new Reader(Buffer.from([0x12, 0x34, 0x56]));
  t.equal(r.u16(), 0x1234);
  t.equal(r.u16(), 0, 'short read gives 0');
  t.ok(r.error);
  t.equal(r.ok, false);
  const first = r.error;
  t.equal(r.u8(), 0, 'the byte that is still there is not read any more');
  t.equal(r.u32(), 0);
  t.equal(r.bytes(1).length, 0);
  t.equal(r.rest().length, 0);
  t.equal(r.error, first, 'first error is kept');
  t.throws(() => r.finish(), { code: KEA_ERR_UTIL_READ_PAST_END });
  t.end();
});

t.test('bytes past the end and empty input', (t) => {
  const r = new Reader(Buffer.alloc(0));
  t.equal(r.u8(), 0);
  t.throws(() => r.finish(), { code: KEA_ERR_UTIL_READ_PAST_END });
  const r2 = new Reader(Buffer.from([1, 2]));
  t.equal(r2.bytes(3).length, 0);
  t.match(r2.error?.message, /wanted 3 bytes at offset 0, 2 left/);
  const r3 = new Reader(Buffer.from([1, 2]));
  t.equal(r3.bytes(-1).length, 0);
  t.equal(r3.error?.code, KEA_ERR_UTIL_DECODE);
  t.end();
});

t.test('finish rejects trailing bytes', (t) => {
  const r = new Reader(Buffer.from([1, 2, 3]));
  r.u16();
  t.throws(() => r.finish(), { code: KEA_ERR_UTIL_TRAILING_BYTES, message: '1 trailing bytes at offset 2' });
  t.end();
});

t.test('fail() records a decoder error and stops reading', (t) => {
  const r = new Reader(Buffer.from([1, 2, 3]));
  r.fail('bad option length');
  r.fail('second');
  t.equal(r.u8(), 0);
  t.throws(() => r.finish(), { code: KEA_ERR_UTIL_DECODE, message: 'bad option length' });
  t.end();
});

t.test('sub() reads a TLV body and shares the parent error', (t) => {
  // code 0x35 len 1 value 0x05, then code 0xff
  const r = new Reader(Buffer.from('350105ff', 'hex'));
  t.equal(r.u8(), 0x35);
  const body = r.sub(r.u8());
  t.equal(body.u8(), 5);
  t.doesNotThrow(() => body.finish());
  t.equal(r.u8(), 0xff);
  r.finish();
  const short = new Reader(Buffer.from('3505', 'hex'));
  short.u8();
  const bad = short.sub(5);
  t.equal(bad.remaining, 0);
  t.ok(bad.error);
  t.end();
});

t.test('bytes() returns views into the input', (t) => {
  const buf = Buffer.from([1, 2, 3]);
  const v = new Reader(buf).bytes(2);
  buf[0] = 9;
  t.equal(v[0], 9);
  t.end();
});

t.test('Writer writes big-endian and grows', (t) => {
  const w = new Writer(1);
  w.u8(1)
    .u16(0x0203)
    .u32(0x04050607)
    .bytes(Buffer.from([8, 9]))
    .zeros(2);
  t.equal(w.toBuffer().toString('hex'), '01020304050607080900' + '00');
  for (let i = 0; i < 1000; i++) w.u32(0xdeadbeef);
  t.equal(w.length, 11 + 4000);
  t.equal(w.toBuffer().subarray(-4).toString('hex'), 'deadbeef');
  t.end();
});

t.test('Writer patches a reserved length', (t) => {
  // DHCPv6 option: code 23, length patched after the body is known
  const w = new Writer();
  w.u16(23);
  const at = w.reserveU16();
  w.bytes(Buffer.alloc(16, 0xaa));
  w.patchU16(at, w.length - at - 2);
  const out = w.toBuffer();
  t.equal(out.subarray(0, 4).toString('hex'), '00170010');
  t.equal(out.length, 20);
  w.patchU8(0, 0xff);
  t.equal(w.toBuffer()[0], 0xff);
  t.throws(() => w.patchU16(19, 1), { code: KEA_ERR_UTIL_OUT_OF_RANGE });
  t.throws(() => w.patchU16(-1, 1), { code: KEA_ERR_UTIL_OUT_OF_RANGE });
  t.end();
});

t.test('Writer rejects out-of-range values', (t) => {
  const w = new Writer();
  const cases: [string, () => unknown][] = [
    ['u8 256', () => w.u8(256)],
    ['u8 -1', () => w.u8(-1)],
    ['u8 1.5', () => w.u8(1.5)],
    ['u16 65536', () => w.u16(0x10000)],
    ['u32 2^32', () => w.u32(2 ** 32)],
    ['u32 NaN', () => w.u32(Number.NaN)],
  ];
  for (const [name, fn] of cases) t.throws(fn, { code: KEA_ERR_UTIL_OUT_OF_RANGE }, name);
  t.equal(w.length, 0, 'nothing written by failed calls');
  t.end();
});

t.test('toBuffer is a copy', (t) => {
  const w = new Writer();
  w.u8(1);
  const a = w.toBuffer();
  w.patchU8(0, 2);
  t.equal(a[0], 1);
  t.end();
});

t.test('round trip', (t) => {
  const w = new Writer();
  w.u8(0xfe).u16(0xfffe).u32(0xfffffffe).bytes(Buffer.from('xyz'));
  const r = new Reader(w.toBuffer());
  t.same([r.u8(), r.u16(), r.u32(), r.bytes(3).toString()], [0xfe, 0xfffe, 0xfffffffe, 'xyz']);
  r.finish();
  t.end();
});
