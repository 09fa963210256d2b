// Where the next free address or delegated prefix of a subnet comes from, without walking the lease
// table: the v6 twin of alloc/pool-cursor.ts. Each pool (address pool or pd-pool) is an index space
// (addresses, or delegated prefixes of delegated-len) that a cursor walks in order, as Kea's
// iterative allocator does (increaseAddress / increasePrefix), jumping over the runs that were
// leased when the pool was last surveyed; what is freed later goes into the pool's free set. A survey
// pages through the leases inside the pool's range only. Indexes are bigints because a /64 pool
// holds 2^64 addresses; the lease manager still decides whether a candidate is free.
import type { Subnet6 } from '../cfg/types6.js';
import type { LeaseMgr6 } from '../lease/lease-mgr.js';
import { fromBig, toBig } from './addr6.js';

// Large pages: each getPage of a backend may cost a pass over its index (memfile re-checks its sorted
// view), so few big pages beat many small ones.
const PAGE = 65536;

interface PoolState {
  /** The pool's client-class guard (undefined: open to every packet). */
  readonly clientClass: string | undefined;
  readonly base: bigint;
  readonly lastAddress: Buffer;
  /** log2 of the index step: 0 for addresses, 128 - delegated-len for prefixes. */
  readonly shift: bigint;
  readonly count: bigint;
  readonly prefixLen: number;
  next: bigint;
  runStart: bigint[];
  runEnd: bigint[];
  run: number;
  /** Freed since the survey: hex key -> address, in the order freed. */
  readonly free: Map<string, Buffer>;
}

export interface Candidate6 {
  address: Buffer;
  prefixLen: number;
}

export class SubnetCursor6 {
  private readonly pools: PoolState[];
  private pool = 0;
  private surveyed = false;
  private surveying: Promise<void> | null = null;
  private lastSurvey = Number.NEGATIVE_INFINITY;
  /** Kea's per-type last-allocated time, as a counter (the shared network prefers the latest). */
  lastPick = 0;
  readonly empty: boolean;
  /** Some pool serves only a class: picks then skip the pools the packet may not use. */
  private readonly guarded: boolean;

  constructor(
    readonly subnet: Subnet6,
    readonly type: 0 | 2,
  ) {
    const na = subnet.pools.map((p) => ({
      clientClass: p.clientClass,
      base: toBig(p.first),
      lastAddress: p.last,
      shift: 0n,
      count: toBig(p.last) - toBig(p.first) + 1n,
      prefixLen: 128,
    }));
    const pd = subnet.pdPools.map((p) => ({
      clientClass: p.clientClass,
      base: toBig(p.prefix),
      lastAddress: p.last,
      shift: BigInt(128 - p.delegatedLength),
      count: 1n << BigInt(Math.max(0, p.delegatedLength - p.prefixLength)),
      prefixLen: p.delegatedLength,
    }));
    this.pools = (type === 0 ? na : pd).map((p) => ({
      ...p,
      next: 0n,
      runStart: [],
      runEnd: [],
      run: 0,
      free: new Map(),
    }));
    this.empty = this.pools.length === 0;
    this.guarded = this.pools.some((p) => p.clientClass !== undefined);
  }

  ensureSurveyed(leaseMgr: LeaseMgr6, now: number): Promise<void> | null {
    if (this.surveyed) return null;
    this.surveying ??= this.survey(leaseMgr, now).finally(() => {
      this.surveying = null;
    });
    return this.surveying;
  }

  /** Surveys again when everything known is used, at most once per lease-clock second. */
  async resurvey(leaseMgr: LeaseMgr6, now: number): Promise<boolean> {
    if (this.surveying !== null) {
      await this.surveying;
      return true;
    }
    if (now <= this.lastSurvey) return false;
    this.surveying = this.survey(leaseMgr, now).finally(() => {
      this.surveying = null;
    });
    await this.surveying;
    return true;
  }

  private async survey(leaseMgr: LeaseMgr6, now: number): Promise<void> {
    const fresh: { start: bigint[]; end: bigint[] }[] = [];
    for (const p of this.pools) {
      const start: bigint[] = [];
      const end: bigint[] = [];
      let from: Buffer | null = p.base === 0n ? null : fromBig(p.base - 1n);
      for (let done = false; !done; ) {
        const page = await leaseMgr.getPage(from, PAGE);
        if (page.length < PAGE) done = true;
        for (const l of page) {
          if (Buffer.compare(l.address, p.lastAddress) > 0) {
            done = true;
            break;
          }
          if (l.type !== this.type || l.cltt + l.validLifetime < now || l.state === 2) continue;
          const i = (toBig(l.address) - p.base) >> p.shift;
          const n = start.length;
          if (n > 0 && end[n - 1]! >= i - 1n) {
            if (i > end[n - 1]!) end[n - 1] = i;
          } else {
            start.push(i);
            end.push(i);
          }
        }
        if (page.length > 0) from = page[page.length - 1]!.address;
      }
      fresh.push({ start, end });
    }
    // Applied in one synchronous step so no pick sees a half-built state.
    this.pools.forEach((p, i) => {
      p.runStart = fresh[i]!.start;
      p.runEnd = fresh[i]!.end;
      p.run = 0;
      p.next = 0n;
      p.free.clear();
    });
    this.pool = 0;
    this.surveyed = true;
    this.lastSurvey = now;
  }

  /** The next candidate, or null when every cursor and free set is used up. Never awaits. */
  pick(tick: number, classes?: { has(name: string): boolean }): Candidate6 | null {
    this.lastPick = tick;
    const pools = this.pools;
    if (this.guarded && classes !== undefined) return this.pickAllowed(classes);
    for (; this.pool < pools.length; this.pool++) {
      const p = pools[this.pool]!;
      const i = advance(p);
      if (i !== null) return { address: fromBig(p.base + (i << p.shift)), prefixLen: p.prefixLen };
    }
    for (const p of pools) {
      for (const [k, a] of p.free) {
        p.free.delete(k);
        return { address: a, prefixLen: p.prefixLen };
      }
    }
    return null;
  }

  /** pick() among the pools whose guard the packet passes, in the order of SubnetCursor's (v4). */
  private pickAllowed(classes: { has(name: string): boolean }): Candidate6 | null {
    const pools = this.pools;
    const allowed = (p: PoolState) => p.clientClass === undefined || classes.has(p.clientClass);
    let start = this.pool < pools.length && allowed(pools[this.pool]!) ? this.pool : -1;
    if (start < 0) start = pools.findIndex(allowed);
    if (start < 0) return null;
    for (let n = 0; n < pools.length; n++) {
      const at = (start + n) % pools.length;
      const p = pools[at]!;
      if (!allowed(p)) continue;
      const i = advance(p);
      if (i !== null) {
        this.pool = at;
        return { address: fromBig(p.base + (i << p.shift)), prefixLen: p.prefixLen };
      }
    }
    for (const p of pools) {
      if (!allowed(p)) continue;
      for (const [k, a] of p.free) {
        p.free.delete(k);
        return { address: a, prefixLen: p.prefixLen };
      }
    }
    return null;
  }

  /** Records an address or prefix that became free; handed out again after the cursor's pass. */
  freed(address: Buffer): void {
    if (!this.surveyed) return;
    const a = toBig(address);
    for (const p of this.pools) {
      if (a >= p.base && (a - p.base) >> p.shift < p.count) {
        p.free.set(address.toString('hex'), address);
        return;
      }
    }
  }

  get freeSetSize(): number {
    return this.pools.reduce((n, p) => n + p.free.size, 0);
  }
}

function advance(p: PoolState): bigint | null {
  let c = p.next;
  const starts = p.runStart;
  const ends = p.runEnd;
  while (c < p.count) {
    while (p.run < starts.length && ends[p.run]! < c) p.run++;
    if (p.run < starts.length && starts[p.run]! <= c) {
      c = ends[p.run]! + 1n;
      p.run++;
      continue;
    }
    p.next = c + 1n;
    return c;
  }
  p.next = c;
  return null;
}
