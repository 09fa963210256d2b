// The DHCPv6 allocation engine kea-dhcp6 calls, one IA at a time: allocation for SOLICIT / REQUEST,
// extension for RENEW / REBIND, RELEASE, DECLINE, reclamation and the lease statistics. It owns the
// per-subnet, per-type pool cursors (rebuilt lazily after updateConfig) and feeds them what it frees.
import { getLogger, type Logger } from '@kea-ts/log';
import type { StatsMgr } from '@kea-ts/stats';
import type { ReclaimPassState } from '../alloc/reclaim.js';
import type { Dhcp6Config, Subnet6 } from '../cfg/types6.js';
import type { HostMgr } from '../host/host-mgr.js';
import { isDbUnusable } from '../lease/db-reconnect.js';
import type { Lease6 } from '../lease/lease.js';
import type { LeaseMgr6 } from '../lease/lease-mgr.js';
import { allocate6, renew6 } from './allocate6.js';
import { SubnetCursor6 } from './cursor6.js';
import { ALLOC6_MESSAGES as M } from './messages6.js';
import { deleteExpiredReclaimed6, reclaimExpired6 } from './reclaim6.js';
import { declineLease6, type PacketHookOptions6, releaseLease6 } from './release-decline6.js';
import { clientIdentifiers, findReservations } from './reservations6.js';
import { AllocStats6 } from './stats6.js';
import type { AllocResult6, ClientContext6 } from './types6.js';
import { type AllocEnv6, resourceKey, type Work6, workLabel } from './work6.js';

export interface AllocEngine6Options {
  leaseMgr: LeaseMgr6;
  config: Dhcp6Config;
  stats: StatsMgr;
  /** The daemon's root logger name: 'kea-dhcp6' logs as 'kea-dhcp6.alloc-engine'. */
  loggerName: string;
  /** The hosts databases; null or absent when none is configured. */
  hostMgr?: HostMgr | null;
  /** Unix seconds; tests replace it. */
  clock?: () => number;
  /** Queues the DNS removal of a released, declined or reclaimed lease (DDNS on). */
  ddnsRemove?: ((lease: Readonly<Lease6>) => void) | null;
}

export class AllocEngine6 implements AllocEnv6 {
  readonly leaseMgr: LeaseMgr6;
  config: Dhcp6Config;
  readonly stats: AllocStats6;
  readonly log: Logger;
  readonly hostMgr: HostMgr | null;
  readonly ddnsRemove: ((lease: Readonly<Lease6>) => void) | null;
  private readonly clock: () => number;
  /** Keyed by subnet id * 4 + lease type. */
  private cursors = new Map<number, SubnetCursor6>();
  private ticks = 0;
  private anyHosts = false;
  private readonly reclaimState: ReclaimPassState = { incomplete: 0 };
  private statsConfig: Dhcp6Config | null = null;

  constructor(opts: AllocEngine6Options) {
    this.leaseMgr = opts.leaseMgr;
    this.stats = new AllocStats6(opts.stats);
    this.log = getLogger(`${opts.loggerName}.alloc-engine`);
    this.clock = opts.clock ?? (() => Math.floor(Date.now() / 1000));
    this.hostMgr = opts.hostMgr ?? null;
    this.ddnsRemove = opts.ddnsRemove ?? null;
    this.config = opts.config;
    this.updateConfig(opts.config);
  }

  updateConfig(config: Dhcp6Config): void {
    this.config = config;
    this.cursors = new Map();
    this.anyHosts =
      config.globalReservations.length > 0 || config.subnets.some((s) => s.reservations.length > 0);
  }

  /** total-nas / total-pds and the recount from the lease manager, as Kea at (re)configuration. */
  async initStatistics(): Promise<void> {
    if (this.statsConfig !== null && this.statsConfig !== this.config)
      this.stats.removeSubnetStatistics(this.statsConfig);
    this.statsConfig = this.config;
    await this.stats.init(this.config, this.leaseMgr);
  }

  cursor(subnet: Subnet6, type: 0 | 2): SubnetCursor6 {
    const key = subnet.id * 4 + type;
    let c = this.cursors.get(key);
    if (c === undefined || c.subnet !== subnet) {
      c = new SubnetCursor6(subnet, type);
      this.cursors.set(key, c);
    }
    return c;
  }

  freed(lease: Readonly<Lease6>): void {
    if (lease.type !== 0 && lease.type !== 2) return;
    const s = this.config.lookups.subnetById(lease.subnetId);
    if (s !== undefined) this.cursors.get(s.id * 4 + lease.type)?.freed(lease.address);
  }

  tick(): number {
    return ++this.ticks;
  }

  private work(ctx: ClientContext6): Work6 {
    const ids =
      ctx.hostIdentifiers ??
      (this.anyHosts || ctx.dbHosts !== undefined
        ? clientIdentifiers(this.config, ctx.duid, ctx.hwaddr, ctx.query6)
        : []);
    const work: Work6 = {
      ctx,
      subnet: ctx.subnet,
      hosts: ctx.hosts ?? new Map(),
      ids,
      now: ctx.now ?? this.clock(),
      oldLeases: [],
      created: new Set(),
      reused: [],
      changed: [],
      selectSkipped: false,
    };
    if (ctx.hosts === undefined && (this.anyHosts || ctx.dbHosts !== undefined)) {
      for (const [k, v] of findReservations(work, this.config)) work.hosts.set(k, v);
    }
    return work;
  }

  private async run(ctx: ClientContext6, step: typeof allocate6, errorId: string): Promise<AllocResult6> {
    const work = this.work(ctx);
    let leases: Lease6[] = [];
    let reason: string | undefined;
    try {
      if (ctx.duid.length === 0) throw new Error('DUID is mandatory for IPv6 lease allocation');
      leases = await step(this, work);
    } catch (err) {
      reason = (err as Error).message;
      this.log.error(errorId, workLabel(work), reason);
      // A lease database that is down gets no answer at all (the packet is dropped).
      if (isDbUnusable(err)) throw err;
    }
    for (const l of leases) ctx.allocated?.add(resourceKey(l.address, l.prefixLen));
    const result: AllocResult6 = { leases, subnet: leases.length > 0 ? work.subnet : null };
    if (work.oldLeases.length > 0) result.oldLeases = work.oldLeases;
    if (work.reused.length > 0) result.reused = work.reused;
    if (work.changed.length > 0) result.changedLeases = work.changed;
    if (leases.length === 0) {
      result.reason =
        reason ??
        (work.selectSkipped
          ? 'lease selection skipped by a callout'
          : ctx.type === 2
            ? 'no prefix available'
            : 'no address available');
    }
    return result;
  }

  /** Kea's allocateLeases6: SOLICIT (fakeAllocation) or REQUEST for one IA. */
  allocateLeases6(ctx: ClientContext6): Promise<AllocResult6> {
    return this.run(ctx, allocate6, M.ALLOC_ENGINE_V6_ALLOC_ERROR);
  }

  /** Kea's renewLeases6: RENEW (or REBIND with ctx.rebind) for one IA. */
  renewLeases6(ctx: ClientContext6): Promise<AllocResult6> {
    return this.run(ctx, renew6, M.ALLOC_ENGINE_V6_EXTEND_ERROR);
  }

  releaseLease6(lease: Readonly<Lease6>, opts?: PacketHookOptions6): Promise<boolean> {
    return releaseLease6(this, lease, opts);
  }

  declineLease6(
    lease: Readonly<Lease6>,
    probationSeconds: number,
    opts?: PacketHookOptions6,
  ): Promise<Lease6 | null> {
    return declineLease6(this, lease, probationSeconds, this.clock(), opts);
  }

  reclaimExpiredLeases6(
    maxLeases: number,
    timeoutMs: number,
    removeLeases: boolean,
    maxUnwarnedCycles = 0,
  ): Promise<number> {
    return reclaimExpired6(
      this,
      this.reclaimState,
      maxLeases,
      timeoutMs,
      removeLeases,
      maxUnwarnedCycles,
      this.clock(),
    );
  }

  deleteExpiredReclaimedLeases6(secs: number): Promise<number> {
    return deleteExpiredReclaimed6(this, secs, this.clock());
  }
}
