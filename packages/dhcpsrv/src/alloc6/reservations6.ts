// Reservation rules of Kea 2.2's v6 engine: the client's hosts (global and per subnet of a shared
// network), whether a lease matches one of them (makeIPv6Resrv / hasReservation), whether an address
// or prefix is reserved in a subnet (getIPv6Resrv), the shared-network walk and pool membership. With
// a hosts database, the client's database hosts (fetched once a packet) follow the config's, and
// "reserved in the subnet" asks the databases too (Kea's HostMgr: config first).

import type { Pkt6 } from '@kea-ts/dhcp';
import type { ClassSet } from '../alloc/types.js';
import { guardAllows, nextSubnet } from '../cfg/classes.js';
import type { Dhcp6Config, Host6, IdentifierType6, Subnet6 } from '../cfg/types6.js';
import { calloutIdentifier6 } from '../hooks/host-identifier.js';
import type { Lease6 } from '../lease/lease.js';
import { inPool6, naPoolFor, pdPoolFor } from './addr6.js';
import type { AllocEnv6, Work6 } from './work6.js';

const DEFAULT_IDENTIFIERS: readonly IdentifierType6[] = ['hw-address', 'duid'];

// Re-exported: the shared-network walk is the same for both families.
export { nextSubnet };

export function siblings(first: Subnet6, classes?: ClassSet): Subnet6[] {
  const out: Subnet6[] = [];
  for (let s: Subnet6 | null = first; s !== null; s = nextSubnet(first, s, classes)) out.push(s);
  return out;
}

/** The pool (or pd-pool) holding the address, when the packet's classes may use it. */
export function allowedPool6(subnet: Subnet6, type: number, address: Uint8Array, classes?: ClassSet) {
  const pool = type === 2 ? pdPoolFor(subnet, address) : naPoolFor(subnet, address);
  return pool !== undefined && (classes === undefined || guardAllows(pool, classes)) ? pool : undefined;
}

/** Kea's inAllowedPool(ctx, type, address, false): a subnet of the network has it in a usable pool. */
export function inAllowedPool(work: Work6, type: number, address: Uint8Array): boolean {
  const classes = work.ctx.classes;
  return siblings(work.subnet, classes).some((s) => allowedPool6(s, type, address, classes) !== undefined);
}

export function clientIdentifiers(
  config: Dhcp6Config,
  duid: Buffer,
  hwaddr: Buffer | null | undefined,
  query?: unknown,
): (readonly [IdentifierType6, Buffer])[] {
  const order =
    (config.section['host-reservation-identifiers'] as IdentifierType6[] | undefined) ?? DEFAULT_IDENTIFIERS;
  const out: (readonly [IdentifierType6, Buffer])[] = [];
  for (const type of order) {
    if (type === 'duid' && duid.length > 0) out.push([type, duid]);
    else if (type === 'hw-address' && hwaddr !== null && hwaddr !== undefined && hwaddr.length > 0)
      out.push([type, hwaddr]);
    else if (type === 'flex-id' && query !== undefined) {
      const flex = calloutIdentifier6(query as Pkt6);
      if (flex !== null) out.push(flex);
    }
  }
  return out;
}

/** Kea's AllocEngine::findReservation(ClientContext6). */
export function findReservations(work: Work6, config: Dhcp6Config): Map<number, Host6> {
  const hosts = new Map<number, Host6>();
  const db = work.ctx.dbHosts;
  if (work.ids.length === 0 || (!config.lookups.hasHosts && db === undefined)) return hosts;
  const hex = work.ids.map(([t, v]) => [t, v.toString('hex')] as const);
  const first = work.subnet;
  if (first.effective['reservations-global']) {
    for (const [t, h] of hex) {
      const g = config.lookups.host(0, t, h) ?? db?.get(0, t, h);
      if (g !== undefined) {
        hosts.set(0, g);
        if (!first.effective['reservations-in-subnet']) return hosts;
        break;
      }
    }
  }
  for (const s of siblings(first)) {
    if (!s.effective['reservations-in-subnet']) continue;
    for (const [t, h] of hex) {
      const host = config.lookups.host(s.id, t, h) ?? db?.get(s.id, t, h);
      if (host !== undefined) {
        hosts.set(s.id, host);
        break;
      }
    }
  }
  return hosts;
}

/** Kea's Host::hasReservation(makeIPv6Resrv(lease)). */
export function hostHasLease(host: Host6 | undefined, lease: Readonly<Lease6>): boolean {
  if (host === undefined) return false;
  if (lease.type === 2) {
    return host.prefixes.some((p) => p.length === lease.prefixLen && p.address.equals(lease.address));
  }
  return host.ipAddresses.some((a) => a.equals(lease.address));
}

/** Kea's ClientContext6::globalHost: the global reservation when the subnet allows them. */
export function globalHost(work: Work6): Host6 | undefined {
  return work.subnet.effective['reservations-global'] ? work.hosts.get(0) : undefined;
}

/** The lease is one of the client's reservations (global, or in the lease's subnet). */
export function leaseReserved(work: Work6, lease: Readonly<Lease6>): boolean {
  return hostHasLease(globalHost(work), lease) || hostHasLease(work.hosts.get(lease.subnetId), lease);
}

/** Kea's getIPv6Resrv(subnet id, address): the reservation of anybody for that address or prefix. */
export function reservedFor(
  config: Dhcp6Config,
  subnetId: number,
  address: Uint8Array,
  prefixLen: number,
): Host6 | undefined {
  return prefixLen === 128
    ? config.lookups.hostByAddress(subnetId, address)
    : config.lookups.hostByPrefix(subnetId, address, prefixLen);
}

/** Whether reservations in the subnet can make the candidate somebody else's. */
function reservationsCount(subnet: Subnet6, type: number, address: Uint8Array): boolean {
  const e = subnet.effective;
  if (!e['reservations-in-subnet']) return false;
  return !(e['reservations-out-of-pool'] && inPool6(subnet, type, address));
}

/** True when the candidate is reserved in the subnet and the subnet says reservations count there. */
export function candidateReserved(
  config: Dhcp6Config,
  subnet: Subnet6,
  type: number,
  address: Uint8Array,
  prefixLen: number,
): boolean {
  return (
    reservationsCount(subnet, type, address) &&
    reservedFor(config, subnet.id, address, prefixLen) !== undefined
  );
}

/** The same question asked of the hosts databases (called only when some are configured). */
export async function dbCandidateReserved(
  env: AllocEnv6,
  subnet: Subnet6,
  type: number,
  address: Uint8Array,
  prefixLen: number,
): Promise<boolean> {
  if (!reservationsCount(subnet, type, address)) return false;
  return (await env.hostMgr!.byAddress6(subnet.id, address, prefixLen)).length > 0;
}
