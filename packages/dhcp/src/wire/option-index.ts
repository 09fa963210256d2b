// The flat index of option instances that both TLV walkers fill: triples of (code, payload start,
// payload length), offsets absolute in the scanned Buffer. Walkers write into one shared Int32Array
// and a packet keeps a copy as a plain array of small integers (V8 allocates a typed array over 64
// bytes off-heap, which costs more than parsing the packet). So walking a packet allocates nothing
// per option; a payload becomes a Buffer (a slice, never a copy) only when somebody asks for it.

/** Triples (code, payload offset, payload length) of option instances. */
export type Entries = readonly number[];

/** Index of option instances: entries[3*i] = code, [3*i+1] = payload offset, [3*i+2] = length. */
export interface OptionIndex {
  /** Where the payloads live; the offsets in `entries` are absolute in this Buffer. */
  readonly buf: Buffer;
  readonly entries: Entries;
  /** Number of instances (triples) in use. */
  readonly count: number;
}

/** An option instance as a payload slice (allocating form, for tooling and tests). */
export interface OptionInstance {
  code: number;
  payload: Buffer;
}

// One scratch array for all walks: a UDP datagram holds at most 65535 bytes, so at most ~32768
// two-byte v4 instances (plus the file/sname areas); walks fill it and copy out only what they found.
const SCRATCH_TRIPLES = 40_000;
export const SCRATCH = new Int32Array(SCRATCH_TRIPLES * 3);

export const EMPTY_ENTRIES: Entries = Object.freeze([]);

/** Copies the first `count` triples of the scratch array into an array the caller owns. */
export function takeScratch(count: number): Entries {
  if (count === 0) return EMPTY_ENTRIES;
  const n = count * 3;
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = SCRATCH[i]!;
  return out;
}

/** Whether the scratch array's first `count` triples hold `code`. */
export function scratchHas(count: number, code: number): boolean {
  for (let i = 0; i < count; i++) if (SCRATCH[i * 3] === code) return true;
  return false;
}

/** The payload slice of instance `i` (no copy). */
export function payloadAt(index: OptionIndex, i: number): Buffer {
  const start = index.entries[i * 3 + 1]!;
  return index.buf.subarray(start, start + index.entries[i * 3 + 2]!);
}

/** Position of the first instance of `code`, or -1. */
export function findCode(entries: Entries, count: number, code: number): number {
  for (let i = 0; i < count; i++) if (entries[i * 3] === code) return i;
  return -1;
}

/**
 * The value of `code` as RFC 3396 defines it: the concatenation of all its instances in order.
 * A single instance (the usual case) is returned as a slice with no copy.
 */
export function concatCode(buf: Buffer, entries: Entries, count: number, code: number): Buffer | undefined {
  const first = findCode(entries, count, code);
  if (first < 0) return undefined;
  let total = 0;
  let instances = 0;
  for (let i = first; i < count; i++) {
    if (entries[i * 3] === code) {
      total += entries[i * 3 + 2]!;
      instances++;
    }
  }
  const start = entries[first * 3 + 1]!;
  if (instances === 1) return buf.subarray(start, start + entries[first * 3 + 2]!);
  const out = Buffer.allocUnsafe(total);
  let pos = 0;
  for (let i = first; i < count; i++) {
    if (entries[i * 3] === code) {
      const s = entries[i * 3 + 1]!;
      const n = entries[i * 3 + 2]!;
      buf.copy(out, pos, s, s + n);
      pos += n;
    }
  }
  return out;
}

/** All instances as payload slices, in wire order. */
export function listInstances(index: OptionIndex): OptionInstance[] {
  const out: OptionInstance[] = [];
  for (let i = 0; i < index.count; i++)
    out.push({ code: index.entries[i * 3]!, payload: payloadAt(index, i) });
  return out;
}
