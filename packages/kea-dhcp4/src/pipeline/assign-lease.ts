// Lease assignment for DISCOVER and REQUEST (Kea's assignLease): the INIT-REBOOT checks (authoritative
// NAK, silence for unknown clients of a non-authoritative server), the allocation engine, then the
// lease-bound options (51 lease time, 1 subnet mask, 58/59 timers) or a NAK.
import { MessageType4, messageType4Name } from '@kea-ts/dhcp';
import { classLifetime, type Lease4, type Subnet4 } from '@kea-ts/dhcpsrv';
import { getLogger } from '@kea-ts/log';
import { formatIPv4, ipv4Mask } from '@kea-ts/util';
import type { ClientContext4 } from '../alloc-contract.js';
import { DBG, MSG } from '../messages.js';
import {
  ddns4Update,
  ddns4UpdateHook,
  postAllocateName,
  processClientName,
  updatesEnabled,
} from './client-name.js';
import type { Exchange4 } from './context.js';
import { findHost } from './host.js';

const M = MessageType4;
const leaseLog = getLogger('kea-dhcp4.leases');
const badLog = getLogger('kea-dhcp4.bad-packets');
const packetLog = getLogger('kea-dhcp4.packets');
const INFINITY = 0xffffffff;

function u32(v: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(v >>> 0, 0);
  return b;
}

export function lifetimeText(v: number): string {
  return v === INFINITY ? 'infinity' : String(v);
}

function sameBytes(a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): boolean {
  return a != null && b != null && a.length === b.length && Buffer.compare(a, b) === 0;
}

/** Kea's Lease4::belongsToClient: client ids decide when both exist, else the hardware address. */
export function belongsToClient(
  lease: Readonly<Lease4>,
  htype: number,
  hw: Buffer,
  cid: Buffer | null,
): boolean {
  if (sameBytes(cid, lease.clientId)) return true;
  if (cid === null || lease.clientId === null) {
    return hw.length > 0 && lease.htype === htype && sameBytes(hw, lease.hwaddr);
  }
  return false;
}

/** The subnet and its shared-network siblings, the selected one first (Kea's getNextSubnet walk). */
export function subnetAndSiblings(subnet: Subnet4): Subnet4[] {
  const net = subnet.sharedNetwork;
  if (net === undefined) return [subnet];
  return [subnet, ...net.subnets.filter((s) => s !== subnet)];
}

function clientIdOf(ex: Exchange4): Buffer | null {
  const cid = ex.q.getOption(61);
  return cid !== undefined && cid.length > 0 ? cid : null;
}

async function initRebootCheck(
  ex: Exchange4,
  subnet: Subnet4,
  hint: number,
  cid: Buffer | null,
): Promise<boolean> {
  const q = ex.q;
  leaseLog.info(MSG.DHCP4_INIT_REBOOT, ex, formatIPv4(hint));
  const family = subnetAndSiblings(subnet);
  const ids = new Set(family.map((s) => s.id));
  let lease: Readonly<Lease4> | null = null;
  const pick = (list: readonly Readonly<Lease4>[]) => {
    for (const s of family) {
      const l = list.find((x) => x.subnetId === s.id);
      if (l !== undefined) return l;
    }
    return null;
  };
  if (cid !== null)
    lease = pick((await ex.srv.leaseMgr.getByClientId(cid)).filter((l) => ids.has(l.subnetId)));
  if (lease === null && q.chaddr.length > 0) {
    lease = pick((await ex.srv.leaseMgr.getByHwAddr(q.chaddr)).filter((l) => ids.has(l.subnetId)));
  }
  const authoritative = subnet.effective.authoritative;
  const known = lease !== null && belongsToClient(lease, q.htype, q.chaddr, cid);
  if (!authoritative && !known) {
    badLog.debug(DBG.DETAIL, MSG.DHCP4_NO_LEASE_INIT_REBOOT, ex, formatIPv4(hint));
    ex.response = null;
    return false;
  }
  if ((known && lease!.address !== hint) || (!known && authoritative)) {
    badLog.debug(DBG.DETAIL, MSG.DHCP4_PACKET_NAK_0002, ex, formatIPv4(hint));
    nak(ex);
    return false;
  }
  return true;
}

function nak(ex: Exchange4): void {
  const resp = ex.response!;
  resp.messageType = M.DHCPNAK;
  resp.yiaddr = 0;
  resp.deleteOption(81);
  resp.deleteOption(12);
}

export async function assignLease(ex: Exchange4): Promise<void> {
  const q = ex.q;
  const resp = ex.response;
  const subnet = ex.subnet;
  if (resp === null) return;
  if (subnet === null) {
    badLog.error(
      MSG.DHCP4_PACKET_NAK_0001,
      ex,
      formatIPv4(ex.ingress.remoteAddress),
      messageType4Name(q.messageType),
    );
    nak(ex);
    return;
  }
  const serverId = q.getOption(54);
  const requested = q.requestedAddress;
  const hint = requested ?? (q.ciaddr !== 0 ? q.ciaddr : 0);
  const fake = q.messageType === M.DHCPDISCOVER;
  const cid = clientIdOf(ex);
  if (!fake && serverId === undefined && requested !== undefined) {
    if (!(await initRebootCheck(ex, subnet, hint, cid))) return;
  }
  ex.host = findHost(ex.srv.config, subnet, q, ex.dbHosts);
  processClientName(ex);
  if (ddns4UpdateHook.callouts !== null) await ddns4Update(ex);
  const ctx: ClientContext4 = {
    subnet,
    hwaddr: q.chaddr.length > 0 ? q.chaddr : null,
    htype: q.htype,
    clientId: cid,
    requestedAddress: hint,
    hostname: ex.hostname,
    fqdnFwd: ex.fqdnFwd,
    fqdnRev: ex.fqdnRev,
    fakeAllocation: fake,
    validLifetimeHint: q.leaseTime ?? null,
    // Every field always present: spreads here made V8 build the context in dictionary mode.
    classes: ex.classes ?? undefined,
    classValid: classLifetime(ex.srv.config.classes, ex.classes ?? undefined, 'valid'),
    relayAgentInfo: q.getOption(82) ?? null,
    query4: q,
    calloutHandle: ex.handle,
    label: ex,
    dbHosts: ex.dbHosts ?? undefined,
  };
  const result = await ex.srv.engine.allocateLease4(ctx);
  const lease = result.lease;
  let final = subnet;
  let nameChanged = false;
  if (result.subnet !== null && result.subnet.id !== subnet.id) {
    packetLog.debug(
      DBG.BASIC_DATA,
      MSG.DHCP4_SUBNET_DYNAMICALLY_CHANGED,
      ex,
      subnet.id,
      result.subnet.id,
      subnet.sharedNetwork?.name ?? '<no network?>',
    );
    final = result.subnet;
    ex.subnet = final;
    ex.host = findHost(ex.srv.config, final, q, ex.dbHosts);
    if (lease !== null) {
      // Another subnet may have other DDNS parameters or a reserved name: the name is made again.
      processClientName(ex);
      if (ddns4UpdateHook.callouts !== null) await ddns4Update(ex);
      if (lease.hostname !== ex.hostname || lease.fqdnFwd !== ex.fqdnFwd || lease.fqdnRev !== ex.fqdnRev) {
        lease.hostname = ex.hostname;
        lease.fqdnFwd = ex.fqdnFwd;
        lease.fqdnRev = ex.fqdnRev;
        nameChanged = true;
      }
    }
  }
  if (lease === null) {
    if (result.unknownRequestedAddress && !subnetAndSiblings(subnet).some((s) => inPool(s, hint))) {
      badLog.debug(
        DBG.DETAIL,
        MSG.DHCP4_UNKNOWN_ADDRESS_REQUESTED,
        ex,
        formatIPv4(q.ciaddr),
        requested !== undefined ? formatIPv4(requested) : '(no address)',
      );
      ex.response = null;
      return;
    }
    badLog.debug(
      DBG.DETAIL,
      fake ? MSG.DHCP4_PACKET_NAK_0003 : MSG.DHCP4_PACKET_NAK_0004,
      ex,
      formatIPv4(q.ciaddr),
      requested !== undefined ? formatIPv4(requested) : '(no address)',
    );
    nak(ex);
    return;
  }
  ex.lease = lease;
  ex.oldLease = result.oldLease ?? null;
  if (fake) leaseLog.info(MSG.DHCP4_LEASE_ADVERT, ex, formatIPv4(lease.address));
  else if (result.reused) {
    leaseLog.info(MSG.DHCP4_LEASE_REUSE, ex, formatIPv4(lease.address), lifetimeText(lease.validLifetime));
  } else {
    leaseLog.info(MSG.DHCP4_LEASE_ALLOC, ex, formatIPv4(lease.address), lifetimeText(lease.validLifetime));
  }
  resp.yiaddr = lease.address;
  if (!fake) resp.ciaddr = q.ciaddr;
  if (postAllocateName(ex, lease, nameChanged) && !fake) await ex.srv.leaseMgr.update(lease);
  resp.setOption(51, u32(lease.validLifetime));
  resp.setOption(1, u32(ipv4Mask(final.prefixLength)));
  setTeeTimes(ex, lease, final);
  if (!fake && ex.srv.d2 !== null && updatesEnabled(ex)) queueNameChanges(ex, lease, final);
}

/** Kea's createNameChangeRequests for a REQUEST: the old lease's names out, the new ones in. */
function queueNameChanges(ex: Exchange4, lease: Readonly<Lease4>, subnet: Subnet4): void {
  const old = ex.oldLease;
  const oldSubnet = old === null ? subnet : (ex.srv.config.lookups.subnetById(old.subnetId) ?? subnet);
  ex.srv.d2!.leaseAssigned4(
    lease,
    old,
    subnet.effective['ddns-update-on-renew'],
    subnet.effective['ddns-use-conflict-resolution'],
    oldSubnet.effective['ddns-use-conflict-resolution'],
  );
}

/** The valid-lifetime triplet of the first class of the query that sets one (Kea's getValidLft). */
function inPool(s: Subnet4, address: number): boolean {
  return s.pools.some((p) => p.first <= address && address <= p.last);
}

/** Kea's setTeeTimes: explicit timers, else calculated ones; each only when below its ceiling. */
function setTeeTimes(ex: Exchange4, lease: Readonly<Lease4>, subnet: Subnet4): void {
  const resp = ex.response!;
  const p = subnet.effective;
  const valid = lease.validLifetime;
  let t2 = 0;
  if (p['rebind-timer'] !== undefined) t2 = p['rebind-timer'];
  else if (p['calculate-tee-times']) t2 = Math.round(p['t2-percent'] * valid);
  let ceiling = valid;
  if (t2 > 0 && t2 < ceiling) {
    resp.setOption(59, u32(t2));
    ceiling = t2;
  }
  let t1 = 0;
  if (p['renew-timer'] !== undefined) t1 = p['renew-timer'];
  else if (p['calculate-tee-times']) t1 = Math.round(p['t1-percent'] * valid);
  if (t1 > 0 && t1 < ceiling) resp.setOption(58, u32(t1));
}
