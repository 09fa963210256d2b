// The per-allocation working state (what Kea keeps in ClientContext4 besides the client's data)
// and the engine services the allocation steps share. Kept apart so each step file imports types
// only, not the engine class.
import type { Logger } from '@kea-ts/log';
import type { Dhcp4Config, Host4, IdentifierType, Subnet4 } from '../cfg/types.js';
import type { HostMgr } from '../host/host-mgr.js';
import type { Lease4 } from '../lease/lease.js';
import type { LeaseMgr4 } from '../lease/lease-mgr.js';
import type { AllocStats } from './alloc-stats.js';
import type { SubnetCursor } from './pool-cursor.js';
import type { ClientContext4 } from './types.js';

export interface Work {
  readonly ctx: ClientContext4;
  /** Kea's ctx.subnet_: moves among shared-network siblings as the steps decide. */
  subnet: Subnet4;
  readonly hosts: Map<number, Host4>;
  readonly ids: readonly (readonly [IdentifierType, Buffer])[];
  readonly now: number;
  /** 0 when the client asked for no address. */
  requested: number;
  oldLease: Lease4 | null;
  conflicting: Lease4 | null;
  unknownRequested: boolean;
  reused: boolean;
  /** The last hook status of lease4_select (SKIP stops the search). */
  selectSkipped: boolean;
}

export interface AllocEnv {
  readonly leaseMgr: LeaseMgr4;
  readonly config: Dhcp4Config;
  readonly stats: AllocStats;
  readonly log: Logger;
  cursor(subnet: Subnet4): SubnetCursor;
  /** An address became free: feeds its pool's free set. */
  freed(address: number): void;
  /** Monotonic counter for Kea's last-allocated time of subnets. */
  tick(): number;
  /** The hosts databases (hosts-database / hosts-databases); null or absent when none. */
  readonly hostMgr?: HostMgr | null;
  /**
   * Queues the DNS removal of a lease that had names (Kea's queueNCR(CHG_REMOVE)) on release, decline
   * and reclamation; null when DDNS is off.
   */
  readonly ddnsRemove: ((lease: Readonly<Lease4>) => void) | null;
}

/** Kea's Pkt4::makeLabel(hwaddr, clientid) form, built only when a message is emitted. */
export function makeLabel(hwaddr: Buffer | null, htype: number, clientId: Buffer | null): string {
  const hw =
    hwaddr !== null && hwaddr.length > 0 ? `[hwtype=${htype} ${colonHex(hwaddr)}]` : '[no hwaddr info]';
  const cid = clientId !== null && clientId.length > 0 ? `[${colonHex(clientId)}]` : '[no info]';
  return `${hw}, cid=${cid}`;
}

export function workLabel(work: Work): string {
  const c = work.ctx;
  return c.label !== undefined ? String(c.label) : makeLabel(c.hwaddr, c.htype, c.clientId);
}

function colonHex(b: Buffer): string {
  return (b.toString('hex').match(/../g) ?? []).join(':');
}
