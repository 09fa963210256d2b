// Reservation rules of Kea 2.2's v4 engine: which reservations a client has (global and per subnet
// of a shared network, per reservations-global / reservations-in-subnet), whether the client has an
// address reservation (reservations-out-of-pool ignores in-pool ones), and whether an address is
// reserved for somebody else. Also the shared-network walk and pool membership they rely on. With a
// hosts database, the client's database hosts (fetched once a packet) follow the config's, and
// "reserved for somebody else" asks the databases too (Kea's HostMgr: config first).
import type { Pkt4 } from '@kea-ts/dhcp';
import { guardAllows, nextSubnet } from '../cfg/classes.js';
import type { Dhcp4Config, Host4, IdentifierType, Subnet4 } from '../cfg/types.js';
import { calloutIdentifier4 } from '../hooks/host-identifier.js';
import type { ClassSet } from './types.js';
import type { AllocEnv, Work } from './work.js';

/** Kea's default host-reservation-identifiers for DHCPv4. */
const DEFAULT_IDENTIFIERS: readonly IdentifierType[] = ['hw-address', 'duid', 'circuit-id', 'client-id'];

// Re-exported: the shared-network walk is the same for both families.
export { nextSubnet };

/** Whether a pool of the subnet holds the address; with classes, only pools the packet may use. */
export function inPool(subnet: Subnet4, address: number, classes?: ClassSet): boolean {
  for (const p of subnet.pools) {
    if (address >= p.first && address <= p.last) {
      if (classes === undefined || guardAllows(p, classes)) return true;
    }
  }
  return false;
}

/** Kea's inAllowedPool: the subnet (or a sibling) whose pools hold the address; moves work.subnet. */
export function inAllowedPool(work: Work, address: number): boolean {
  const first = work.subnet;
  const classes = work.ctx.classes;
  for (let s: Subnet4 | null = first; s !== null; s = nextSubnet(first, s, classes)) {
    if (inPool(s, address, classes)) {
      work.subnet = s;
      return true;
    }
  }
  return false;
}

/** The client's identifiers in preference order. */
export function clientIdentifiers(
  config: Dhcp4Config,
  hwaddr: Buffer | null,
  clientId: Buffer | null,
  query?: unknown,
): (readonly [IdentifierType, Buffer])[] {
  const order =
    (config.section['host-reservation-identifiers'] as IdentifierType[] | undefined) ?? DEFAULT_IDENTIFIERS;
  const out: (readonly [IdentifierType, Buffer])[] = [];
  for (const type of order) {
    if (type === 'hw-address' && hwaddr !== null && hwaddr.length > 0) out.push([type, hwaddr]);
    else if (type === 'client-id' && clientId !== null && clientId.length > 0) out.push([type, clientId]);
    else if (type === 'duid' && clientId !== null && clientId.length > 5 && clientId[0] === 0xff) {
      // RFC 4361 client identifier: type 255, IAID (4 bytes), then the DUID.
      out.push([type, clientId.subarray(5)]);
    } else if (type === 'flex-id' && query !== undefined) {
      const flex = calloutIdentifier4(query as Pkt4);
      if (flex !== null) out.push(flex);
    }
  }
  return out;
}

/** Kea's AllocEngine::findReservation: the config's reservations, then the client's database hosts. */
export function findReservations(work: Work, config: Dhcp4Config): Map<number, Host4> {
  const hosts = new Map<number, Host4>();
  const ids = work.ids;
  const db = work.ctx.dbHosts;
  if (ids.length === 0 || (!config.lookups.hasHosts && db === undefined)) return hosts;
  const hex = ids.map(([t, v]) => [t, v.toString('hex')] as const);
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
  for (let s: Subnet4 | null = first; s !== null; s = nextSubnet(first, s, work.ctx.classes)) {
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

/** Kea's ClientContext4::currentHost: the subnet's reservation, else the global one when allowed. */
export function currentHost(work: Work): Host4 | undefined {
  const s = work.subnet;
  if (s.effective['reservations-in-subnet']) {
    const h = work.hosts.get(s.id);
    if (h !== undefined) return h;
  }
  return s.effective['reservations-global'] ? work.hosts.get(0) : undefined;
}

/** The reserved address of the current host, or undefined. */
export function reservedAddress(work: Work): number | undefined {
  const a = currentHost(work)?.ipAddress;
  return a === undefined || a === 0 ? undefined : a;
}

/** Kea's hasAddressReservation; may move work.subnet to the sibling holding the reservation. */
export function hasAddressReservation(work: Work): boolean {
  if (work.hosts.size === 0) return false;
  let globalDone = false;
  const first = work.subnet;
  for (let s: Subnet4 | null = first; s !== null; s = nextSubnet(first, s, work.ctx.classes)) {
    if (!globalDone && s.effective['reservations-global']) {
      const g = work.hosts.get(0)?.ipAddress;
      if (g !== undefined && g !== 0) return true;
      globalDone = true;
    }
    if (s.effective['reservations-in-subnet']) {
      const r = work.hosts.get(s.id)?.ipAddress;
      if (r !== undefined && r !== 0 && (!s.effective['reservations-out-of-pool'] || !inPool(s, r))) {
        work.subnet = s;
        return true;
      }
    }
  }
  return false;
}

/** Whether reservations in the current subnet can make the address somebody else's. */
function reservationsCount(s: Subnet4, address: number): boolean {
  if (!s.effective['reservations-in-subnet']) return false;
  // With reservations-out-of-pool, in-pool addresses are taken to be free of reservations.
  return !(s.effective['reservations-out-of-pool'] && inPool(s, address));
}

function isClients(work: Work, type: IdentifierType, identifier: Buffer): boolean {
  for (const [t, v] of work.ids) {
    if (t === type && v.equals(identifier)) return true;
  }
  return false;
}

/** Kea's addressReserved over the config: the address has a reservation in the current subnet for another client. */
export function addressReserved(work: Work, config: Dhcp4Config, address: number): boolean {
  const s = work.subnet;
  if (!reservationsCount(s, address)) return false;
  const host = config.lookups.hostByAddress(s.id, address);
  return host !== undefined && !isClients(work, host.identifierType, host.identifier);
}

/** The same question asked of the hosts databases (called only when some are configured). */
export async function dbAddressReserved(env: AllocEnv, work: Work, address: number): Promise<boolean> {
  const s = work.subnet;
  if (!reservationsCount(s, address)) return false;
  const found = await env.hostMgr!.byAddress4(s.id, address);
  return found.some((h) => !isClients(work, h.identifierType, h.identifier));
}
