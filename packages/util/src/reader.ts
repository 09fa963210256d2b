// Cursor over received bytes for the wire decoders. The error is sticky so a decoder can read a
// whole structure without checking each field, then call finish() once: a truncated input turns
// into zeros/empty slices plus one error instead of exceptions from the middle of a decoder.

import { KEA_ERR_UTIL_DECODE, KEA_ERR_UTIL_READ_PAST_END, KEA_ERR_UTIL_TRAILING_BYTES } from './errors.js';
import { KeaError } from './kea-error.js';

const EMPTY = Buffer.alloc(0);

export class Reader {
  private readonly buf: Buffer;
  private pos: number;
  private readonly end: number;
  /** Set by the first read that ran past the end (or by fail()); never cleared. */
  error: KeaError | null = null;

  /** Reads `buf[offset, offset + length)`; the slices it returns share memory with `buf`. */
  constructor(buf: Uint8Array, offset = 0, length?: number) {
    this.buf = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    const end = length === undefined ? this.buf.length : offset + length;
    if (offset < 0 || end > this.buf.length || end < offset) {
      throw new KeaError(KEA_ERR_UTIL_READ_PAST_END, `reader window ${offset}+${length} outside buffer`);
    }
    this.pos = offset;
    this.end = end;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** Current position in the underlying buffer. */
  get offset(): number {
    return this.pos;
  }

  get ok(): boolean {
    return this.error === null;
  }

  /** Records a decoder-level error (first one wins) and makes every later read return nothing. */
  fail(message: string, code: string = KEA_ERR_UTIL_DECODE): void {
    if (this.error === null) this.error = new KeaError(code, message);
    this.pos = this.end;
  }

  private take(n: number): boolean {
    if (this.error !== null) return false;
    if (n > this.end - this.pos) {
      this.fail(
        `buffer too short: wanted ${n} bytes at offset ${this.pos}, ${this.end - this.pos} left`,
        KEA_ERR_UTIL_READ_PAST_END,
      );
      return false;
    }
    return true;
  }

  u8(): number {
    if (!this.take(1)) return 0;
    return this.buf[this.pos++]!;
  }

  u16(): number {
    if (!this.take(2)) return 0;
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  u32(): number {
    if (!this.take(4)) return 0;
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  peekU8(): number {
    if (this.error !== null || this.pos >= this.end) return 0;
    return this.buf[this.pos]!;
  }

  /** The next n bytes as a view (no copy). */
  bytes(n: number): Buffer {
    if (n < 0 || !Number.isInteger(n)) {
      this.fail(`invalid byte count ${n}`);
      return EMPTY;
    }
    if (!this.take(n)) return EMPTY;
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  skip(n: number): void {
    this.bytes(n);
  }

  /** Everything left, as a view. */
  rest(): Buffer {
    if (this.error !== null) return EMPTY;
    const b = this.buf.subarray(this.pos, this.end);
    this.pos = this.end;
    return b;
  }

  /** A reader over the next n bytes (a TLV body); this reader moves past them. */
  sub(n: number): Reader {
    const b = this.bytes(n);
    const r = new Reader(b);
    if (this.error !== null) r.error = this.error;
    return r;
  }

  /** Throws the sticky error, or a trailing-bytes error when input is left over. */
  finish(): void {
    if (this.error !== null) throw this.error;
    if (this.pos !== this.end) {
      throw new KeaError(
        KEA_ERR_UTIL_TRAILING_BYTES,
        `${this.end - this.pos} trailing bytes at offset ${this.pos}`,
      );
    }
  }
}
