// 128-bit address arithmetic for the v6 engine: Buffers to bigints and back, and Kea's pool capacity
// rules (addrsInRange / prefixesInRange saturating at 2^64 - 1). Only the pool cursor and the
// statistics use bigints; lease keys stay Buffers.
import type { PdPool6, Pool6, Subnet6 } from '../cfg/types6.js';

export const UINT64_MAX = (1n << 64n) - 1n;

const MASK64 = (1n << 64n) - 1n;

// Two 64-bit halves, no text in between: the pool cursor converts on every pick.
export function toBig(address: Uint8Array): bigint {
  const b = Buffer.from(address.buffer, address.byteOffset, address.byteLength);
  return (b.readBigUInt64BE(0) << 64n) | b.readBigUInt64BE(8);
}

export function fromBig(n: bigint): Buffer {
  const b = Buffer.allocUnsafe(16);
  b.writeBigUInt64BE((n >> 64n) & MASK64, 0);
  b.writeBigUInt64BE(n & MASK64, 8);
  return b;
}

/** Kea's addrsInRange for v6: saturates at 2^64 - 1. */
export function addressesInPool(pool: Pool6): bigint {
  const n = toBig(pool.last) - toBig(pool.first) + 1n;
  return n > UINT64_MAX ? UINT64_MAX : n;
}

/** Kea's prefixesInRange(prefix-len, delegated-len). */
export function prefixesInPool(pool: PdPool6): bigint {
  const d = pool.delegatedLength - pool.prefixLength;
  if (d < 0) return 0n;
  return d >= 64 ? UINT64_MAX : 1n << BigInt(d);
}

/** Kea's Subnet::sumPoolCapacity: saturating sum. */
export function poolCapacity(subnet: Subnet6, type: 0 | 2): bigint {
  let sum = 0n;
  if (type === 0) for (const p of subnet.pools) sum += addressesInPool(p);
  else for (const p of subnet.pdPools) sum += prefixesInPool(p);
  return sum > UINT64_MAX ? UINT64_MAX : sum;
}

/**
 * What Kea 2.2 puts in total-nas / total-pds: the uint64 capacity cast to int64 (a saturated
 * 2^64 - 1 shows as -1), then as a JS number (exact up to 2^53, rounded above; see the README).
 */
export function capacityStat(capacity: bigint): number {
  return Number(BigInt.asIntN(64, capacity));
}

function inRange(a: Uint8Array, first: Uint8Array, last: Uint8Array): boolean {
  return Buffer.compare(first, a) <= 0 && Buffer.compare(a, last) <= 0;
}

export function naPoolFor(subnet: Subnet6, address: Uint8Array): Pool6 | undefined {
  for (const p of subnet.pools) if (inRange(address, p.first, p.last)) return p;
  return undefined;
}

/** The pd-pool holding a delegated prefix (the server reads its excluded prefix for PD-exclude). */
export function pdPoolFor(subnet: Subnet6, address: Uint8Array): PdPool6 | undefined {
  for (const p of subnet.pdPools) if (inRange(address, p.prefix, p.last)) return p;
  return undefined;
}

/** Kea's Subnet::inPool(type, address). */
export function inPool6(subnet: Subnet6, type: number, address: Uint8Array): boolean {
  return (type === 2 ? pdPoolFor(subnet, address) : naPoolFor(subnet, address)) !== undefined;
}

/** Kea's Subnet::inRange: the address is inside the subnet's prefix. */
export function inSubnet(subnet: Subnet6, address: Uint8Array): boolean {
  return inRange(address, subnet.first, subnet.last);
}
