// The client's reservation whose options answer it (Kea's ClientContext6::currentHost): in the subnet
// finally used when reservations-in-subnet is on, else the global one when reservations-global is on;
// identifiers tried in host-reservation-identifiers order (Kea's default: hw-address, duid). With a
// hosts database, the client's database hosts are fetched once per packet (the only await this adds,
// and only then) and looked up after the config's reservations, as Kea's HostMgr does.
import { Option6 } from '@kea-ts/dhcp';
import { calloutIdentifier6, type Host6, type IdentifierType6 } from '@kea-ts/dhcpsrv';
import type { Exchange6 } from './context.js';

const DEFAULT_IDENTIFIERS: readonly IdentifierType6[] = ['hw-address', 'duid'];

function clientIdentifiers(ex: Exchange6): [IdentifierType6, Buffer][] {
  const config = ex.srv.config;
  const order =
    (config.section['host-reservation-identifiers'] as IdentifierType6[] | undefined) ?? DEFAULT_IDENTIFIERS;
  const ids: [IdentifierType6, Buffer][] = [];
  for (const type of order) {
    if (type === 'duid') {
      const duid = ex.q.getOption(Option6.CLIENTID);
      if (duid !== undefined) ids.push([type, duid]);
    } else if (type === 'hw-address') {
      const hw = ex.hwaddr();
      if (hw !== null) ids.push([type, hw.hwaddr]);
    } else if (type === 'flex-id') {
      const flex = calloutIdentifier6(ex.q);
      if (flex !== null) ids.push([flex[0], flex[1]]);
    }
  }
  return ids;
}

/** The client's hosts in the hosts databases (call only when some are configured). */
export async function fetchDbHosts(ex: Exchange6): Promise<void> {
  ex.dbHosts = await ex.srv.hostMgr!.clientHosts6(ex.srv.config, clientIdentifiers(ex));
}

export function findHost(ex: Exchange6): Host6 | null {
  const subnet = ex.subnet;
  const config = ex.srv.config;
  const db = ex.dbHosts;
  if (subnet === null || (!config.lookups.hasHosts && (db === null || db.size === 0))) return null;
  const ids = clientIdentifiers(ex).map(([t, v]) => [t, v.toString('hex')] as const);
  const lookup = (subnetId: number) => {
    for (const [t, hex] of ids) {
      const h = config.lookups.host(subnetId, t, hex) ?? db?.get(subnetId, t, hex);
      if (h !== undefined) return h;
    }
    return null;
  };
  const p = subnet.effective;
  return (
    (p['reservations-in-subnet'] ? lookup(subnet.id) : null) ?? (p['reservations-global'] ? lookup(0) : null)
  );
}
