// The per-IA working state of the v6 engine (what Kea keeps in ClientContext6 / IAContext besides
// the client's data) and the engine services the steps share, kept apart so step files import types.
import type { Logger } from '@kea-ts/log';
import { formatIPv6 } from '@kea-ts/util';
import type { Dhcp6Config, Host6, IdentifierType6, Subnet6 } from '../cfg/types6.js';
import type { HostMgr } from '../host/host-mgr.js';
import type { Lease6 } from '../lease/lease.js';
import type { LeaseMgr6 } from '../lease/lease-mgr.js';
import type { SubnetCursor6 } from './cursor6.js';
import type { AllocStats6 } from './stats6.js';
import type { ClientContext6 } from './types6.js';

export interface Work6 {
  readonly ctx: ClientContext6;
  /** Kea's ctx.subnet_: moves among shared-network siblings. */
  subnet: Subnet6;
  readonly hosts: Map<number, Host6>;
  readonly ids: readonly (readonly [IdentifierType6, Buffer])[];
  readonly now: number;
  readonly oldLeases: Lease6[];
  /** Kea's IAContext new_resources_: created in this call (not extended). */
  readonly created: Set<string>;
  readonly reused: Lease6[];
  /** Kea's changed_leases_: the client's leases as they were before this call (kept with DDNS on). */
  readonly changed: Lease6[];
  selectSkipped: boolean;
}

export interface AllocEnv6 {
  readonly leaseMgr: LeaseMgr6;
  readonly config: Dhcp6Config;
  readonly stats: AllocStats6;
  readonly log: Logger;
  cursor(subnet: Subnet6, type: 0 | 2): SubnetCursor6;
  freed(lease: Readonly<Lease6>): void;
  tick(): number;
  /** The hosts databases (hosts-database / hosts-databases); null or absent when none. */
  readonly hostMgr?: HostMgr | null;
  /** Queues the DNS removal of a released, declined or reclaimed lease; null when DDNS is off. */
  readonly ddnsRemove: ((lease: Readonly<Lease6>) => void) | null;
}

/** The set key of an address or prefix: its bytes as latin1 text (no copy, half of hex) and length. */
export function resourceKey(address: Uint8Array, prefixLen: number): string {
  return `${Buffer.from(address.buffer, address.byteOffset, address.byteLength).toString('latin1')}/${prefixLen}`;
}

/** Kea's Pkt6::makeLabel(duid, hwaddr), built only when a message is emitted. */
export function makeLabel6(duid: Buffer | null, hwaddr: Buffer | null | undefined): string {
  const d = duid !== null && duid.length > 0 ? colonHex(duid) : '(no info)';
  const hw =
    hwaddr !== null && hwaddr !== undefined && hwaddr.length > 0
      ? `hwtype=1 ${colonHex(hwaddr)}`
      : '(no info)';
  return `duid=[${d}], [${hw}]`;
}

export function workLabel(work: Work6): string {
  const c = work.ctx;
  return c.label !== undefined ? String(c.label) : `${makeLabel6(c.duid, c.hwaddr)}, tid=0x0`;
}

function colonHex(b: Buffer): string {
  return (b.toString('hex').match(/../g) ?? []).join(':');
}

export const fmt6 = formatIPv6;
