// Per-IA handling of SOLICIT / REQUEST (Kea's assignIA_NA / assignIA_PD) and RENEW / REBIND
// (extendIA_NA / extendIA_PD): one engine call per IA, the IA answered with its IAADDR / IAPREFIX
// (PD-exclude when asked for in ORO and the pd-pool has an excluded prefix), T1/T2 as setTeeTimes, and
// Kea's status codes and texts where it gives no lease.
import { MessageType6, Option6, Status6 } from '@kea-ts/dhcp';
import { type ClientContext6, classLifetime, type Lease6, pdPoolFor, type Subnet6 } from '@kea-ts/dhcpsrv';
import { getLogger } from '@kea-ts/log';
import { formatIPv6 } from '@kea-ts/util';
import { discard } from '../errors.js';
import { DBG, MSG } from '../messages.js';
import { lostLease } from './client-fqdn.js';
import type { Exchange6 } from './context.js';
import { requested } from './options.js';
import { type IaIn, IaOut, pdExcludePayload } from './wire6.js';

const leaseLog = getLogger('kea-dhcp6.leases');

/** Kea's setTeeTimes: configured timers, else calculated from the shortest preferred lifetime. */
function setTeeTimes(ia: IaOut, preferred: number, subnet: Subnet6): void {
  const p = subnet.effective;
  let t2 = 0;
  if (p['rebind-timer'] !== undefined) t2 = p['rebind-timer'];
  else if (p['calculate-tee-times']) t2 = Math.round(p['t2-percent'] * preferred);
  let t1 = 0;
  if (p['renew-timer'] !== undefined) t1 = p['renew-timer'];
  else if (p['calculate-tee-times']) t1 = Math.round(p['t1-percent'] * preferred);
  ia.t2 = t2;
  ia.t1 = t1 < t2 ? t1 : 0;
}

function context(ex: Exchange6, ia: IaIn, subnet: Subnet6, fake: boolean): ClientContext6 {
  const hw = ex.hwaddr();
  // One literal of a fixed shape: a spread in front made V8 build every context in dictionary mode.
  return {
    hwaddr: hw !== null ? hw.hwaddr : undefined,
    hwaddrSource: hw !== null ? hw.source : undefined,
    hwtype: hw !== null ? hw.hwtype : undefined,
    subnet,
    duid: ex.q.getOption(Option6.CLIENTID)!,
    iaid: ia.iaid,
    type: ia.code === Option6.IA_PD ? 2 : 0,
    hints: ia.hints,
    hostname: ex.hostname,
    fqdnFwd: ex.fqdnFwd,
    fqdnRev: ex.fqdnRev,
    fakeAllocation: fake,
    allocated: ex.allocated,
    rebind: ex.q.msgType === MessageType6.REBIND,
    query6: ex.q,
    label: ex,
    dbHosts: ex.dbHosts ?? undefined,
    classes: ex.classes ?? undefined,
    classValid: classLifetime(ex.srv.config.classes, ex.classes ?? undefined, 'valid'),
    classPreferred: classLifetime(ex.srv.config.classes, ex.classes ?? undefined, 'preferred'),
  };
}

function addLease(ex: Exchange6, out: IaOut, l: Lease6): void {
  if (l.type === 2) {
    let exclude: Buffer | undefined;
    if (requested(ex, Option6.PD_EXCLUDE)) {
      const pool = ex.subnet ? pdPoolFor(ex.subnet, l.address) : undefined;
      if (pool?.excludedPrefix && pool.excludedPrefixLength > 0) {
        // Kea builds the option once per pool: the excluded prefix's bits past the delegated length.
        exclude = pdExcludePayload(pool.excludedPrefix, pool.excludedPrefixLength, pool.delegatedLength);
      }
    }
    out.prefix(l.address, l.prefixLen, l.preferredLifetime, l.validLifetime, exclude);
  } else out.address(l.address, l.preferredLifetime, l.validLifetime);
}

/** SOLICIT (fake unless rapid commit) and REQUEST. */
export async function assignIa(ex: Exchange6, ia: IaIn, fake: boolean): Promise<IaOut> {
  const pd = ia.code === Option6.IA_PD;
  const out = new IaOut(ia.code, ia.iaid);
  const subnet = ex.subnet;
  if (subnet === null) {
    if (pd) out.status(Status6.NoPrefixAvail, 'Sorry, no subnet available.');
    else out.status(Status6.NoAddrsAvail, 'Server could not select subnet for this client');
    return out;
  }
  const r = await ex.srv.engine.allocateLeases6(context(ex, ia, subnet, fake));
  const lease = r.leases[0];
  if (lease === undefined) {
    leaseLog.debug(
      DBG.DETAIL,
      pd
        ? fake
          ? MSG.DHCP6_PD_LEASE_ADVERT_FAIL
          : MSG.DHCP6_PD_LEASE_ALLOC_FAIL
        : fake
          ? MSG.DHCP6_LEASE_ADVERT_FAIL
          : MSG.DHCP6_LEASE_ALLOC_FAIL,
      ex,
      ia.iaid,
    );
    if (pd) out.status(Status6.NoPrefixAvail, 'Sorry, no prefixes could be allocated.');
    else out.status(Status6.NoAddrsAvail, 'Sorry, no address could be allocated.');
    return out;
  }
  if (r.subnet !== null) ex.subnet = r.subnet;
  const text = formatIPv6(lease.address);
  if (pd) {
    if (fake) leaseLog.info(MSG.DHCP6_PD_LEASE_ADVERT, ex, text, lease.prefixLen, ia.iaid);
    else leaseLog.info(MSG.DHCP6_PD_LEASE_ALLOC, ex, text, lease.prefixLen, ia.iaid, lease.validLifetime);
  } else if (fake) leaseLog.info(MSG.DHCP6_LEASE_ADVERT, ex, text, ia.iaid);
  else leaseLog.info(MSG.DHCP6_LEASE_ALLOC, ex, text, ia.iaid, lease.validLifetime);
  // Kea 2.2 answers with the first lease of the IA only.
  setTeeTimes(out, lease.preferredLifetime, ex.subnet ?? subnet);
  addLease(ex, out, lease);
  ex.offered.push(lease);
  if (!fake) {
    ex.leases.push(lease);
    for (const old of r.oldLeases ?? []) ex.deleted.push(old);
  }
  if (r.changedLeases !== undefined) ex.changed.push(...r.changedLeases);
  return out;
}

/** RENEW and REBIND. */
export async function extendIa(ex: Exchange6, ia: IaIn): Promise<IaOut> {
  const pd = ia.code === Option6.IA_PD;
  const out = new IaOut(ia.code, ia.iaid);
  const subnet = ex.subnet;
  if (subnet === null) {
    if (!pd) {
      out.status(Status6.NoBinding, 'Sorry, no known leases for this duid/iaid.');
      return out;
    }
    if (ex.q.msgType === MessageType6.RENEW) {
      out.status(Status6.NoBinding, 'Sorry, no known PD leases for this duid/iaid.');
      return out;
    }
    throw discard(
      `no subnet found for the client sending Rebind to extend lifetime of the prefix (IAID=${ia.iaid})`,
    );
  }
  const r = await ex.srv.engine.renewLeases6(context(ex, ia, subnet, false));
  const hints = new Map(ia.hints.map((h) => [`${h.address.toString('hex')}/${h.prefixLen}`, h]));
  let minPreferred = Number.MAX_SAFE_INTEGER;
  if (r.subnet !== null) ex.subnet = r.subnet;
  for (const l of r.leases) {
    const text = formatIPv6(l.address);
    if (pd) leaseLog.info(MSG.DHCP6_PD_LEASE_RENEW, ex, text, l.prefixLen, ia.iaid);
    else leaseLog.info(MSG.DHCP6_LEASE_RENEW, ex, text, ia.iaid);
    addLease(ex, out, l);
    ex.leases.push(l);
    ex.offered.push(l);
    minPreferred = Math.min(minPreferred, l.preferredLifetime);
    hints.delete(`${l.address.toString('hex')}/${l.prefixLen}`);
  }
  const duid = ex.q.getOption(Option6.CLIENTID)!;
  if (r.changedLeases !== undefined) ex.changed.push(...r.changedLeases);
  for (const old of r.oldLeases ?? []) {
    ex.deleted.push(old);
    if (!pd) lostLease(ex, old);
    // Zero lifetimes only for what was this client's, never for a lease taken over from another.
    if (old.duid.equals(duid)) {
      if (pd) out.prefix(old.address, old.prefixLen, 0, 0);
      else out.address(old.address, 0, 0);
    }
    hints.delete(`${old.address.toString('hex')}/${old.prefixLen}`);
  }
  for (const h of hints.values()) {
    if (pd) out.prefix(h.address, h.prefixLen, 0, 0);
    else out.address(h.address, 0, 0);
  }
  if (r.leases.length > 0) setTeeTimes(out, minPreferred, ex.subnet ?? subnet);
  else if (pd) out.status(Status6.NoPrefixAvail, 'Sorry, no prefixes could be assigned at this time.');
  else out.status(Status6.NoAddrsAvail, 'Sorry, no addresses could be assigned at this time.');
  return out;
}
