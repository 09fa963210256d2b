// Where the next free address of a subnet comes from, without walking the lease table. Each pool
// has a cursor that walks it in address order, as Kea's iterative allocator does, but jumps over the
// runs of addresses that were leased when the pool was last surveyed; addresses freed later
// (release, reclamation, declined ones recovered, a client's old lease replaced) go into the pool's
// free set. A survey reads only the leases inside the pool's range (one getPage), at first use and
// again when every cursor and free set is used up, at most once per second of lease time (expiry
// has a one-second grain, so a second survey within the same second finds nothing new); that is how the
// addresses of offers never requested and of leases deleted behind our back come back, much as
// Kea's cursor finds them when it wraps around. Every candidate is still checked against the lease
// manager by the caller: the survey is a hint, the lease manager is the truth.
import type { Pool4, Subnet4 } from '../cfg/types.js';
import type { LeaseMgr4 } from '../lease/lease-mgr.js';

interface PoolState {
  /** The pool's client-class guard (undefined: open to every packet). */
  readonly clientClass: string | undefined;
  readonly first: number;
  readonly last: number;
  /** Next address the cursor looks at; above `last` once the pass is over. */
  next: number;
  /** Leased runs [start, end] found by the last survey, ascending, and the one the cursor is at. */
  runStart: number[];
  runEnd: number[];
  run: number;
  /** Addresses freed since the survey, handed out in the order they were freed. */
  readonly free: Set<number>;
}

export class SubnetCursor {
  private readonly pools: PoolState[];
  private pool = 0;
  private surveyed = false;
  private surveying: Promise<void> | null = null;
  /** Lease-clock second of the last survey. */
  private lastSurvey = Number.NEGATIVE_INFINITY;
  /** Kea's last-allocated time, as a counter: the shared network prefers the most recent subnet. */
  lastPick = 0;
  readonly capacity: number;
  /** Some pool serves only a class: picks then skip the pools the packet may not use. */
  private readonly guarded: boolean;

  constructor(readonly subnet: Subnet4) {
    this.pools = subnet.pools.map((p: Pool4) => ({
      clientClass: p.clientClass,
      first: p.first,
      last: p.last,
      next: p.first,
      runStart: [],
      runEnd: [],
      run: 0,
      free: new Set<number>(),
    }));
    this.capacity = subnet.pools.reduce((n, p) => n + (p.last - p.first + 1), 0);
    this.guarded = subnet.pools.some((p) => p.clientClass !== undefined);
  }

  get ready(): boolean {
    return this.surveyed;
  }

  /** Surveys the pools once before first use; concurrent callers share the survey. */
  ensureSurveyed(leaseMgr: LeaseMgr4, now: number): Promise<void> | null {
    if (this.surveyed) return null;
    this.surveying ??= this.survey(leaseMgr, now).finally(() => {
      this.surveying = null;
    });
    return this.surveying;
  }

  /** Surveys again when the subnet looks exhausted, unless the last survey is too recent. */
  async resurvey(leaseMgr: LeaseMgr4, now: number): Promise<boolean> {
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

  private async survey(leaseMgr: LeaseMgr4, now: number): Promise<void> {
    const fresh: { start: number[]; end: number[] }[] = [];
    for (const p of this.pools) {
      const size = p.last - p.first + 1;
      const leases = await leaseMgr.getPage(p.first - 1, size);
      const start: number[] = [];
      const end: number[] = [];
      for (const l of leases) {
        if (l.address > p.last) break;
        // An expired lease's address can be reused: the caller finds it expired and takes it over.
        if (l.cltt + l.validLifetime < now || l.state === 2) continue;
        const n = start.length;
        if (n > 0 && end[n - 1] === l.address - 1) end[n - 1] = l.address;
        else {
          start.push(l.address);
          end.push(l.address);
        }
      }
      fresh.push({ start, end });
    }
    // Applied in one synchronous step so no pick sees a half-built state.
    this.pools.forEach((p, i) => {
      p.runStart = fresh[i]!.start;
      p.runEnd = fresh[i]!.end;
      p.run = 0;
      p.next = p.first;
      p.free.clear();
    });
    this.pool = 0;
    this.surveyed = true;
    this.lastSurvey = now;
  }

  /** The next candidate, or null when every cursor and free set is used up. Never awaits. */
  pick(tick: number, classes?: { has(name: string): boolean }): number | null {
    this.lastPick = tick;
    const pools = this.pools;
    if (this.guarded && classes !== undefined) return this.pickAllowed(classes);
    for (; this.pool < pools.length; this.pool++) {
      const c = advance(pools[this.pool]!);
      if (c !== null) return c;
    }
    for (const p of pools) {
      for (const a of p.free) {
        p.free.delete(a);
        return a;
      }
    }
    return null;
  }

  /**
   * pick() among the pools whose guard the packet passes. As Kea's iterative allocator, the walk
   * starts in the pool of the subnet's last allocation when the packet may use it (else in its first
   * allowed pool) and goes on to the next allowed pools; then the allowed pools before it, then the
   * free sets.
   */
  private pickAllowed(classes: { has(name: string): boolean }): number | null {
    const pools = this.pools;
    const allowed = (p: PoolState) => p.clientClass === undefined || classes.has(p.clientClass);
    let start = this.pool < pools.length && allowed(pools[this.pool]!) ? this.pool : -1;
    if (start < 0) start = pools.findIndex(allowed);
    if (start < 0) return null;
    for (let n = 0; n < pools.length; n++) {
      const i = (start + n) % pools.length;
      const p = pools[i]!;
      if (!allowed(p)) continue;
      const c = advance(p);
      if (c !== null) {
        this.pool = i;
        return c;
      }
    }
    for (const p of pools) {
      if (!allowed(p)) continue;
      for (const a of p.free) {
        p.free.delete(a);
        return a;
      }
    }
    return null;
  }

  /** Records an address that became free; the cursor hands it out again after its pass. */
  freed(address: number): void {
    if (!this.surveyed) return;
    for (const p of this.pools) {
      if (address >= p.first && address <= p.last) {
        p.free.add(address);
        return;
      }
    }
  }

  /** Addresses known free now (free sets plus what the cursors have not reached); for tests. */
  get freeSetSize(): number {
    return this.pools.reduce((n, p) => n + p.free.size, 0);
  }
}

function advance(p: PoolState): number | null {
  let c = p.next;
  const starts = p.runStart;
  const ends = p.runEnd;
  while (c <= p.last) {
    while (p.run < starts.length && ends[p.run]! < c) p.run++;
    if (p.run < starts.length && starts[p.run]! <= c) {
      // A leased run: jump over it in one step.
      c = ends[p.run]! + 1;
      p.run++;
      continue;
    }
    p.next = c + 1;
    return c;
  }
  p.next = c;
  return null;
}
