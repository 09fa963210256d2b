// Secondary lease indexes: key -> one lease or several. Most keys (a client's hwaddr, DUID) map
// to one lease, so a lone value is stored bare and only shared keys pay for an array.
export class MultiMap<K, V extends object> {
  private readonly map = new Map<K, V | V[]>();

  add(key: K, value: V): void {
    const cur = this.map.get(key);
    if (cur === undefined) this.map.set(key, value);
    else if (Array.isArray(cur)) cur.push(value);
    else this.map.set(key, [cur, value]);
  }

  /** Removes this exact value (by identity). */
  remove(key: K, value: V): void {
    const cur = this.map.get(key);
    if (cur === undefined) return;
    if (!Array.isArray(cur)) {
      if (cur === value) this.map.delete(key);
      return;
    }
    const i = cur.indexOf(value);
    if (i < 0) return;
    cur.splice(i, 1);
    if (cur.length === 1) this.map.set(key, cur[0]!);
  }

  /** The values under a key, as a fresh array the caller owns. */
  get(key: K): V[] {
    const cur = this.map.get(key);
    if (cur === undefined) return [];
    return Array.isArray(cur) ? cur.slice() : [cur];
  }

  clear(): void {
    this.map.clear();
  }
}

/** Min-heap of leases by expiration; stale entries (replaced leases) are dropped lazily. */
export class ExpiryHeap<V extends { cltt: number; validLifetime: number }> {
  private items: V[] = [];

  get size(): number {
    return this.items.length;
  }

  push(v: V): void {
    const a = this.items;
    a.push(v);
    let i = a.length - 1;
    const e = v.cltt + v.validLifetime;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pv = a[p]!;
      if (pv.cltt + pv.validLifetime <= e) break;
      a[i] = pv;
      i = p;
    }
    a[i] = v;
  }

  peek(): V | undefined {
    return this.items[0];
  }

  pop(): V | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    const e = last.cltt + last.validLifetime;
    let i = 0;
    const n = a.length;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && a[r]!.cltt + a[r]!.validLifetime < a[c]!.cltt + a[c]!.validLifetime) c = r;
      if (a[c]!.cltt + a[c]!.validLifetime >= e) break;
      a[i] = a[c]!;
      i = c;
    }
    a[i] = last;
    return top;
  }

  /** Rebuilds from the live values only, when stale entries have piled up. */
  rebuild(live: Iterable<V>): void {
    this.items = [];
    for (const v of live) this.push(v);
  }

  clear(): void {
    this.items = [];
  }
}

/**
 * Map key of an identifier or address: one character per byte (latin1), half the length of
 * hex and made by the same native copy, so keying costs no per-byte JavaScript.
 */
export function bytesKey(b: Uint8Array): string {
  return (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength)).toString('latin1');
}

/** FNV-1a over the bytes, as an int32 (a small integer to V8, so no string is made per key). */
export function bytesHash(b: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h | 0;
}

function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  if (a === null || a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A secondary index on an identifier (hwaddr, client-id, DUID) keyed by the identifier's hash:
 * a string key per lease cost about 40 bytes for each of 200k leases, a hash costs nothing. Values
 * whose hash collides are told apart by comparing their bytes on the way out.
 */
export class BytesIndex<V extends object> {
  private readonly map = new MultiMap<number, V>();

  constructor(private readonly bytesOf: (v: V) => Uint8Array | null) {}

  add(key: Uint8Array, value: V): void {
    this.map.add(bytesHash(key), value);
  }

  remove(key: Uint8Array, value: V): void {
    this.map.remove(bytesHash(key), value);
  }

  /** The values whose identifier is exactly `key`, as a fresh array the caller owns. */
  get(key: Uint8Array): V[] {
    const all = this.map.get(bytesHash(key));
    let n = 0;
    for (const v of all) if (sameBytes(this.bytesOf(v), key)) all[n++] = v;
    all.length = n;
    return all;
  }

  clear(): void {
    this.map.clear();
  }
}
