// Growable big-endian byte sink for the wire encoders. Lengths that are only known after the body
// is written (option and relay headers) are reserved first and patched afterwards.

import { KEA_ERR_UTIL_OUT_OF_RANGE } from './errors.js';
import { KeaError } from './kea-error.js';

function checkUint(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new KeaError(KEA_ERR_UTIL_OUT_OF_RANGE, `${what} value ${value} out of range 0..${max}`);
  }
}

export class Writer {
  private buf: Buffer;
  private len = 0;

  constructor(initialCapacity = 256) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initialCapacity));
  }

  get length(): number {
    return this.len;
  }

  private ensure(n: number): void {
    const need = this.len + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = Buffer.allocUnsafe(cap);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  u8(value: number): this {
    checkUint(value, 0xff, 'u8');
    this.ensure(1);
    this.buf[this.len++] = value;
    return this;
  }

  u16(value: number): this {
    checkUint(value, 0xffff, 'u16');
    this.ensure(2);
    this.buf.writeUInt16BE(value, this.len);
    this.len += 2;
    return this;
  }

  u32(value: number): this {
    checkUint(value, 0xffffffff, 'u32');
    this.ensure(4);
    this.buf.writeUInt32BE(value, this.len);
    this.len += 4;
    return this;
  }

  bytes(data: Uint8Array): this {
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.len, this.len + n);
    this.len += n;
    return this;
  }

  /** Writes a placeholder u16 and returns its offset, for patchU16 once the length is known. */
  reserveU16(): number {
    const at = this.len;
    this.u16(0);
    return at;
  }

  patchU16(offset: number, value: number): this {
    checkUint(value, 0xffff, 'u16');
    if (!Number.isInteger(offset) || offset < 0 || offset + 2 > this.len) {
      throw new KeaError(KEA_ERR_UTIL_OUT_OF_RANGE, `patch offset ${offset} outside written data`);
    }
    this.buf.writeUInt16BE(value, offset);
    return this;
  }

  patchU8(offset: number, value: number): this {
    checkUint(value, 0xff, 'u8');
    if (!Number.isInteger(offset) || offset < 0 || offset + 1 > this.len) {
      throw new KeaError(KEA_ERR_UTIL_OUT_OF_RANGE, `patch offset ${offset} outside written data`);
    }
    this.buf[offset] = value;
    return this;
  }

  /** A copy of the written bytes: the writer may keep growing or be reused. */
  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }
}
