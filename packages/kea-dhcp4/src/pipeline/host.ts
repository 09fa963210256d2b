// Host reservation lookup (Kea's setHostIdentifiers + findReservation + currentHost): the client's
// identifiers in host-reservation-identifiers order, looked up in the subnet when reservations-in-subnet
// is on and among the global reservations when reservations-global is on; the subnet's wins. With a
// hosts database, the client's database hosts are fetched once per packet (the only await this
// adds, and only then) and looked up after the config's reservations, as Kea's HostMgr does.
import type { Pkt4 } from '@kea-ts/dhcp';
import {
  type ClientDbHosts,
  calloutIdentifier4,
  type Dhcp4Config,
  type Host4,
  type IdentifierType,
  type Subnet4,
} from '@kea-ts/dhcpsrv';
import type { Exchange4 } from './context.js';

const DEFAULT_IDENTIFIERS: readonly IdentifierType[] = ['hw-address', 'duid', 'circuit-id', 'client-id'];
const RAI_CIRCUIT_ID = 1;
/** Client identifier type 255: IAID and DUID follow (RFC 4361). */
const CLIENT_ID_TYPE_DUID = 255;

/** The client's identifiers, in the order the config prefers them. */
export function hostIdentifiers(config: Dhcp4Config, q: Pkt4): [IdentifierType, Buffer][] {
  const order =
    (config.section['host-reservation-identifiers'] as IdentifierType[] | undefined) ?? DEFAULT_IDENTIFIERS;
  const out: [IdentifierType, Buffer][] = [];
  let cid: Buffer | undefined;
  try {
    cid = q.clientId;
  } catch {
    cid = undefined;
  }
  for (const type of order) {
    switch (type) {
      case 'hw-address':
        if (q.chaddr.length > 0) out.push([type, q.chaddr]);
        break;
      case 'duid':
        if (cid !== undefined && cid[0] === CLIENT_ID_TYPE_DUID && cid.length > 5)
          out.push([type, cid.subarray(5)]);
        break;
      case 'circuit-id': {
        let circuit: Buffer | undefined;
        try {
          circuit = q.agentSubOption(RAI_CIRCUIT_ID);
        } catch {
          circuit = undefined;
        }
        if (circuit !== undefined && circuit.length > 0) out.push([type, circuit]);
        break;
      }
      case 'client-id':
        if (cid !== undefined && cid.length > 0) out.push([type, cid]);
        break;
      case 'flex-id': {
        const flex = calloutIdentifier4(q);
        if (flex !== null) out.push(flex);
        break;
      }
    }
  }
  return out;
}

function lookup(
  config: Dhcp4Config,
  subnetId: number,
  ids: readonly [IdentifierType, Buffer][],
  db: ClientDbHosts<Host4> | null,
): Host4 | null {
  for (const [type, value] of ids) {
    const hex = value.toString('hex');
    const h = config.lookups.host(subnetId, type, hex) ?? db?.get(subnetId, type, hex);
    if (h !== undefined) return h;
  }
  return null;
}

/** The client's hosts in the hosts databases, for every identifier it has (call only with databases). */
export async function fetchDbHosts(ex: Exchange4): Promise<void> {
  const config = ex.srv.config;
  ex.dbHosts = await ex.srv.hostMgr!.clientHosts4(config, hostIdentifiers(config, ex.q));
}

/** The reservation that applies to the client in `subnet` (Kea's currentHost()). */
export function findHost(
  config: Dhcp4Config,
  subnet: Subnet4,
  q: Pkt4,
  db: ClientDbHosts<Host4> | null = null,
): Host4 | null {
  const p = subnet.effective;
  if (!p['reservations-in-subnet'] && !p['reservations-global']) return null;
  if (!config.lookups.hasHosts && (db === null || db.size === 0)) return null;
  const ids = hostIdentifiers(config, q);
  if (ids.length === 0) return null;
  if (p['reservations-in-subnet']) {
    const h = lookup(config, subnet.id, ids, db);
    if (h !== null) return h;
  }
  return p['reservations-global'] ? lookup(config, 0, ids, db) : null;
}
