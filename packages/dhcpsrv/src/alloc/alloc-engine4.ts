// The DHCPv4 allocation engine kea-dhcp4 calls: allocation for DISCOVER and REQUEST, RELEASE,
// DECLINE, reclamation, and the lease statistics. It owns the per-subnet pool cursors (rebuilt
// lazily after each updateConfig) and feeds them with every address it frees.
import { getLogger, type Logger } from '@kea-ts/log';
import type { StatsMgr } from '@kea-ts/stats';
import type { Dhcp4Config, Subnet4 } from '../cfg/types.js';
import type { HostMgr } from '../host/host-mgr.js';
import { isDbUnusable } from '../lease/db-reconnect.js';
import type { Lease4 } from '../lease/lease.js';
import type { LeaseMgr4 } from '../lease/lease-mgr.js';
import { ALLOC_MESSAGES as M } from './alloc-messages.js';
import { AllocStats } from './alloc-stats.js';
import { discover, request } from './allocate.js';
import { SubnetCursor } from './pool-cursor.js';
import { deleteExpiredReclaimed, type ReclaimPassState, reclaimExpired } from './reclaim.js';
import { declineLease, type PacketHookOptions, releaseLease } from './release-decline.js';
import { clientIdentifiers, findReservations } from './reservations.js';
import type { AllocResult4, ClientContext4 } from './types.js';
import { type AllocEnv, type Work, workLabel } from './work.js';

export interface AllocEngine4Options {
  leaseMgr: LeaseMgr4;
  config: Dhcp4Config;
  stats: StatsMgr;
  /** The daemon's root logger name: 'kea-dhcp4' logs as 'kea-dhcp4.alloc-engine'. */
  loggerName: string;
  /** The hosts databases; null or absent when none is configured. */
  hostMgr?: HostMgr | null;
  /** Unix seconds; tests replace it. */
  clock?: () => number;
  /** Queues the DNS removal of a released, declined or reclaimed lease (DDNS on). */
  ddnsRemove?: ((lease: Readonly<Lease4>) => void) | null;
}

export class AllocEngine4 implements AllocEnv {
  readonly leaseMgr: LeaseMgr4;
  config: Dhcp4Config;
  readonly stats: AllocStats;
  readonly log: Logger;
  readonly hostMgr: HostMgr | null;
  readonly ddnsRemove: ((lease: Readonly<Lease4>) => void) | null;
  private readonly clock: () => number;
  private cursors = new Map<number, SubnetCursor>();
  private ticks = 0;
  /** No reservation anywhere: host lookups are skipped altogether. */
  private anyHosts = false;
  private readonly reclaimState: ReclaimPassState = { incomplete: 0 };
  /** The config whose per-subnet statistics are in place (removed when replaced). */
  private statsConfig: Dhcp4Config | null = null;

  constructor(opts: AllocEngine4Options) {
    this.leaseMgr = opts.leaseMgr;
    this.stats = new AllocStats(opts.stats);
    this.log = getLogger(`${opts.loggerName}.alloc-engine`);
    this.clock = opts.clock ?? (() => Math.floor(Date.now() / 1000));
    this.hostMgr = opts.hostMgr ?? null;
    this.ddnsRemove = opts.ddnsRemove ?? null;
    this.config = opts.config;
    this.updateConfig(opts.config);
  }

  /** A new configuration: cursors start over (surveyed on first use), as Kea's pools are rebuilt. */
  updateConfig(config: Dhcp4Config): void {
    this.config = config;
    this.cursors = new Map();
    this.anyHosts =
      config.globalReservations.length > 0 || config.subnets.some((s) => s.reservations.length > 0);
  }

  /** Per-subnet total/assigned/declined counts from the lease manager, as Kea at (re)configuration. */
  async initStatistics(): Promise<void> {
    if (this.statsConfig !== null && this.statsConfig !== this.config) {
      this.stats.removeSubnetStatistics(this.statsConfig);
    }
    this.statsConfig = this.config;
    await this.stats.init(this.config, this.leaseMgr);
  }

  cursor(subnet: Subnet4): SubnetCursor {
    let c = this.cursors.get(subnet.id);
    if (c === undefined || c.subnet !== subnet) {
      c = new SubnetCursor(subnet);
      this.cursors.set(subnet.id, c);
    }
    return c;
  }

  freed(address: number): void {
    const s = this.config.lookups.subnetForAddress(address);
    if (s !== undefined) this.cursors.get(s.id)?.freed(address);
  }

  tick(): number {
    return ++this.ticks;
  }

  /** Kea's allocateLease4: DISCOVER (fakeAllocation) or REQUEST in any of its states. */
  async allocateLease4(ctx: ClientContext4): Promise<AllocResult4> {
    const now = ctx.now ?? this.clock();
    const ids =
      ctx.hostIdentifiers ??
      (this.anyHosts || ctx.dbHosts !== undefined
        ? clientIdentifiers(this.config, ctx.hwaddr, ctx.clientId, ctx.query4)
        : []);
    const work: Work = {
      ctx,
      subnet: ctx.subnet,
      hosts: ctx.hosts ?? new Map(),
      ids,
      now,
      requested: ctx.requestedAddress ?? 0,
      oldLease: null,
      conflicting: null,
      unknownRequested: false,
      reused: false,
      selectSkipped: false,
    };
    if (ctx.hosts === undefined && (this.anyHosts || ctx.dbHosts !== undefined)) {
      const found = findReservations(work, this.config);
      for (const [k, v] of found) work.hosts.set(k, v);
    }
    let lease: Lease4 | null = null;
    let reason: string | undefined;
    try {
      if (ctx.hwaddr === null) throw new Error('HWAddr must be defined');
      lease = ctx.fakeAllocation ? await discover(this, work) : await request(this, work);
    } catch (err) {
      reason = (err as Error).message;
      this.log.error(M.ALLOC_ENGINE_V4_ALLOC_ERROR, workLabel(work), reason);
      // A lease database that is down gets no answer at all (the packet is dropped), not a NAK.
      if (isDbUnusable(err)) throw err;
    }
    const result: AllocResult4 = {
      lease,
      subnet: lease !== null ? work.subnet : null,
      oldLease: work.oldLease,
      conflictingLease: work.conflicting,
    };
    if (work.reused) result.reused = true;
    if (work.unknownRequested) result.unknownRequestedAddress = true;
    if (lease === null) result.reason = reason ?? failureReason(work);
    return result;
  }

  /** RELEASE of a lease the server found to belong to the client: deleted, as in Kea 2.2. */
  releaseLease4(lease: Readonly<Lease4>, opts?: PacketHookOptions): Promise<boolean> {
    return releaseLease(this, lease, opts);
  }

  /** DECLINE: the lease turns declined for the probation period; null when a callout skipped it. */
  declineLease4(
    lease: Readonly<Lease4>,
    probationSeconds: number,
    opts?: PacketHookOptions,
  ): Promise<Lease4 | null> {
    return declineLease(this, lease, probationSeconds, this.clock(), opts);
  }

  /**
   * One reclamation pass (expired-leases-processing: max-reclaim-leases, max-reclaim-time in ms,
   * unwarned-reclaim-cycles); removeLeases deletes instead of keeping expired-reclaimed rows.
   */
  reclaimExpiredLeases4(
    maxLeases: number,
    timeoutMs: number,
    removeLeases: boolean,
    maxUnwarnedCycles = 0,
  ): Promise<number> {
    return reclaimExpired(
      this,
      this.reclaimState,
      maxLeases,
      timeoutMs,
      removeLeases,
      maxUnwarnedCycles,
      this.clock(),
    );
  }

  /** hold-reclaimed-time: removes leases reclaimed and expired more than `secs` ago. */
  deleteExpiredReclaimedLeases4(secs: number): Promise<number> {
    return deleteExpiredReclaimed(this, secs, this.clock());
  }
}

function failureReason(work: Work): string {
  if (work.unknownRequested) return 'requested address is outside the dynamic pools';
  if (work.selectSkipped) return 'lease selection skipped by a callout';
  if (work.conflicting !== null) return 'address is in use by another client';
  return work.ctx.fakeAllocation ? 'no address available' : 'address not available';
}
