// Packet mutation for the property tests. fast-check draws a 32-bit seed per run and this module
// turns it into a series of mutations with a small PRNG: far cheaper than drawing every byte through
// fast-check arbitraries (which is what lets 200,000 runs per family finish in seconds), and a
// failing run is still reproduced by fast-check's reported seed.

/** mulberry32: tiny, fast, good enough to spread mutations. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  byte(): number {
    return this.int(256);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

/** Values that hit boundaries: lengths, PAD/END, relay message types, overload values. */
const SPECIAL = [0, 1, 2, 3, 4, 9, 12, 13, 52, 53, 82, 0x7f, 0x80, 0xfe, 0xff];

/** Common byte-level mutations: truncate, flip, overwrite with boundary values, splice, extend. */
export function mutateBytes(rng: Rng, input: Buffer, rounds: number): Buffer {
  let b = Buffer.from(input);
  for (let r = 0; r < rounds; r++) {
    const op = rng.int(8);
    if (b.length === 0 && op !== 6) continue;
    switch (op) {
      case 0: // truncate
        b = b.subarray(0, rng.int(b.length + 1));
        break;
      case 1: // flip one random bit
        b[rng.int(b.length)]! ^= 1 << rng.int(8);
        break;
      case 2: // a boundary value somewhere
        b[rng.int(b.length)] = rng.pick(SPECIAL);
        break;
      case 3: // a random byte
        b[rng.int(b.length)] = rng.byte();
        break;
      case 4: {
        // copy a region over another (repeated options, relay-msg pointing into itself)
        const from = rng.int(b.length);
        const to = rng.int(b.length);
        const n = rng.int(Math.min(64, b.length - Math.max(from, to)) + 1);
        b.copy(b, to, from, from + n);
        break;
      }
      case 5: {
        // drop a region (lengths now wrong)
        const at = rng.int(b.length);
        const n = rng.int(Math.min(32, b.length - at) + 1);
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + n)]);
        break;
      }
      case 6: {
        // insert random bytes
        const at = rng.int(b.length + 1);
        const extra = Buffer.alloc(rng.int(16) + 1);
        for (let i = 0; i < extra.length; i++) extra[i] = rng.next() < 0.5 ? rng.pick(SPECIAL) : rng.byte();
        b = Buffer.concat([b.subarray(0, at), extra, b.subarray(at)]);
        break;
      }
      default: {
        // a 16-bit big value (v6 lengths/codes, v4 neighbours)
        if (b.length < 2) break;
        const at = rng.int(b.length - 1);
        b.writeUInt16BE(rng.next() < 0.5 ? rng.pick([0, 1, 0xff, 0x100, 0xffff]) : rng.int(0x10000), at);
      }
    }
  }
  return b;
}

/** Random bytes of a random length up to `max`. */
export function randomBytes(rng: Rng, max: number): Buffer {
  const b = Buffer.allocUnsafe(rng.int(max + 1));
  for (let i = 0; i < b.length; i++) b[i] = rng.byte();
  return b;
}

/** MB of heap in use (for the bounded-memory check). */
export function heapMb(): number {
  return process.memoryUsage().heapUsed / 1048576;
}
