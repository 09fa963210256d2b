// The Client FQDN option (39) and the DNS updates of an answer (Kea's processClientFqdn,
// updateReservedFqdn, generateFqdn and createNameChangeRequests): the server's flags and name before
// the leases are assigned (they carry the hostname and directions), the reserved or generated name
// after, then the NameChangeRequests of a REPLY: the first IA_NA address's name added, a renewed
// lease's old name removed when it changed (or always with ddns-update-on-renew).
import { Option6, type Pkt6 } from '@kea-ts/dhcp';
import {
  answerClientFqdn,
  applyHookedName,
  CHG_REMOVE,
  type ClientFqdn,
  callDdnsUpdate,
  DDNS_DEFAULTS,
  type DdnsNameParams,
  type DdnsUpdateArgs,
  encodeClientFqdn,
  FQDN_FLAG_S,
  fqdnName,
  fqdnText,
  generateName,
  type Lease6,
  ncrToText,
  parseClientFqdn,
  qualifyName,
  type Subnet6,
  setFqdnName,
  suppliesMissingName,
  updateDirections,
} from '@kea-ts/dhcpsrv';
import { defineHookPoint } from '@kea-ts/hooks';
import { getLogger } from '@kea-ts/log';
import { formatIPv6 } from '@kea-ts/util';
import { DBG, MSG } from '../messages.js';
import type { Exchange6 } from './context.js';
import { findHost } from './host.js';
import type { IaOut } from './wire6.js';

const ddnsLog = getLogger('kea-dhcp6.ddns');
const hooksLog = getLogger('kea-dhcp6.hooks');

export interface Ddns6UpdateArgs extends DdnsUpdateArgs {
  query6: Pkt6;
  response6: Pkt6;
  subnet6: Subnet6 | null;
}
/** Kea's ddns6_update: a callout may change the hostname and the update directions. */
export const ddns6UpdateHook = defineHookPoint<Ddns6UpdateArgs>('ddns6_update');

/** Whether DNS updates are on for the exchange's subnet (Kea's DdnsParams::getEnableUpdates). */
export function updatesEnabled(ex: Exchange6): boolean {
  return ex.srv.d2?.enabled === true && ex.subnet !== null && ex.subnet.effective['ddns-send-updates'];
}

/** Before the leases: option 39 on the answer, and the hostname and directions the leases take. */
export function processClientFqdn(ex: Exchange6): void {
  const sent = ex.q.getOption(Option6.CLIENT_FQDN);
  // Without option 39 and with nothing to supply, the lease takes the reserved hostname (if any).
  if (sent === undefined && !(updatesEnabled(ex) && suppliesMissingName(params(ex)))) {
    if (ex.srv.config.lookups.hasHosts || ex.dbHosts !== null) ex.hostname = findHost(ex)?.hostname ?? '';
    return;
  }
  const enabled = updatesEnabled(ex);
  const p = params(ex);
  let client: ClientFqdn;
  if (sent === undefined) {
    if (ddnsLog.isDebugEnabled(DBG.DETAIL)) ddnsLog.debug(DBG.DETAIL, MSG.DHCP6_DDNS_GENERATE_FQDN, ex);
    client = { universe: 6, flags: FQDN_FLAG_S, rcode1: 0, rcode2: 0, labels: [], partial: true };
  } else {
    // Checked when the packet was received.
    client = parseClientFqdn(sent, 6);
  }
  const debug = ddnsLog.isDebugEnabled(DBG.DETAIL);
  if (debug) ddnsLog.debug(DBG.DETAIL, MSG.DHCP6_DDNS_RECEIVE_FQDN, ex, fqdnText(client));
  const reserved = ex.subnet !== null ? (findHost(ex)?.hostname ?? '') : '';
  const f = answerClientFqdn(client, enabled, p, reserved, 6);
  const dir = updateDirections(f);
  ex.fqdnFwd = dir.forward;
  ex.fqdnRev = dir.reverse;
  ex.hostname = fqdnName(f);
  ex.fqdnResp = f;
  if (debug) ddnsLog.debug(DBG.DETAIL, MSG.DHCP6_DDNS_RESPONSE_FQDN_DATA, ex, fqdnText(f));
  ex.response!.setOption(Option6.CLIENT_FQDN, encodeClientFqdn(f, 6));
}

/** A subnet's ddns parameters; without a subnet Kea reads none of them (its defaults, updates off). */
function params(ex: Exchange6): DdnsNameParams {
  return ex.subnet?.effective ?? DDNS_DEFAULTS;
}

/**
 * After the options (Kea's updateReservedFqdn, then for REPLYs to REQUEST/RENEW/REBIND generateFqdn):
 * the reserved name of the subnet finally used; a name made from the first IA_NA address when empty.
 */
export async function finishClientFqdn(ex: Exchange6, generate: boolean): Promise<void> {
  const f = ex.fqdnResp;
  if (f === null) return;
  const p = params(ex);
  const reserved = ex.host?.hostname ?? '';
  if (reserved !== '') {
    const name = qualifyName(reserved, p['ddns-qualifying-suffix'], true);
    if (name !== fqdnName(f)) {
      setFqdnName(f, name, false);
      ex.response!.setOption(Option6.CLIENT_FQDN, encodeClientFqdn(f, 6));
    }
  }
  if (!generate || fqdnName(f) !== '' || ex.firstNa === null) return;
  const address = ex.firstNa.subarray(0, 16);
  const name = generateName(formatIPv6(address), p, true);
  if (ddnsLog.isDebugEnabled(DBG.DETAIL_DATA)) {
    ddnsLog.debug(DBG.DETAIL_DATA, MSG.DHCP6_DDNS_FQDN_GENERATED, ex, name);
  }
  const lease = ex.leases.find((l) => l.type === 0 && l.address.equals(address));
  if (lease === undefined) {
    ddnsLog.error(MSG.DHCP6_DDNS_GENERATED_FQDN_UPDATE_FAIL, ex, formatIPv6(address), 'no lease for it');
    return;
  }
  lease.hostname = name;
  try {
    await ex.srv.leaseMgr.update(lease);
  } catch (err) {
    ddnsLog.error(MSG.DHCP6_DDNS_GENERATED_FQDN_UPDATE_FAIL, ex, formatIPv6(address), (err as Error).message);
    return;
  }
  setFqdnName(f, name, false);
  ex.response!.setOption(Option6.CLIENT_FQDN, encodeClientFqdn(f, 6));
  ex.hostname = name;
}

/** Remembers the first IAADDR of the first IA_NA of the answer (generateFqdn and the add request use it). */
export function noteIaNa(ex: Exchange6, out: IaOut): void {
  if (ex.firstNa !== null || ex.fqdnResp === null) return;
  const a = out.subs.find(([c]) => c === Option6.IAADDR);
  if (a !== undefined) ex.firstNa = a[1];
}

/** Kea's extendIA_NA: a lease the client lost whose name differs from the new one has it removed. */
export function lostLease(ex: Exchange6, old: Readonly<Lease6>): void {
  const d2 = ex.srv.d2;
  if (d2 === null || old.type === 2) return;
  if (old.hostname === ex.hostname && old.fqdnFwd === ex.fqdnFwd && old.fqdnRev === ex.fqdnRev) return;
  if (ddnsLog.isDebugEnabled(DBG.DETAIL)) {
    ddnsLog.debug(
      DBG.DETAIL,
      MSG.DHCP6_DDNS_REMOVE_OLD_LEASE_FQDN,
      ex,
      formatIPv6(old.address),
      ex.hostname,
      ex.fqdnRev,
      ex.fqdnFwd,
    );
  }
  d2.queueLease6(CHG_REMOVE, old, useCr(ex, old.subnetId));
}

function useCr(ex: Exchange6, subnetId: number): boolean {
  return ex.srv.config.lookups.subnetById(subnetId)?.effective['ddns-use-conflict-resolution'] ?? true;
}

/** Kea's createNameChangeRequests for a REPLY. */
export function queueNameChanges(ex: Exchange6): void {
  const d2 = ex.srv.d2;
  const f = ex.fqdnResp;
  if (d2 === null || f === null || ex.firstNa === null || !updatesEnabled(ex)) return;
  const p = params(ex);
  const dir = updateDirections(f);
  const name = fqdnName(f);
  const iaaddr = ex.firstNa;
  const address = iaaddr.subarray(0, 16);
  let extendedOnly = false;
  for (const l of ex.changed) {
    if (!l.address.equals(address)) continue;
    if (
      !p['ddns-update-on-renew'] &&
      l.hostname === name &&
      l.fqdnFwd === dir.forward &&
      l.fqdnRev === dir.reverse
    ) {
      extendedOnly = true;
    } else {
      d2.queueLease6(CHG_REMOVE, l, useCr(ex, l.subnetId));
    }
    break;
  }
  if (!(dir.forward || dir.reverse) || extendedOnly) return;
  const ncr = d2.queueAdd6(
    name,
    address,
    ex.q.getOption(Option6.CLIENTID)!,
    dir.forward,
    dir.reverse,
    iaaddr.readUInt32BE(20),
    p['ddns-use-conflict-resolution'],
  );
  if (ncr !== null && ddnsLog.isDebugEnabled(DBG.DETAIL)) {
    ddnsLog.debug(DBG.DETAIL, MSG.DHCP6_DDNS_CREATE_ADD_NAME_CHANGE_REQUEST, ncrToText(ncr));
  }
}

/** ddns6_update after the option 39 answer is made (only when a library registered a callout). */
export async function ddns6Update(ex: Exchange6): Promise<void> {
  const f = ex.fqdnResp!;
  const args: Ddns6UpdateArgs = {
    query6: ex.q,
    response6: ex.response!,
    subnet6: ex.subnet,
    hostname: ex.hostname,
    'fwd-update': ex.fqdnFwd,
    'rev-update': ex.fqdnRev,
    'ddns-params': { ...params(ex), 'enable-updates': updatesEnabled(ex) },
  };
  const a = await callDdnsUpdate(
    ddns6UpdateHook,
    args,
    ex.handle,
    hooksLog,
    MSG.DHCP6_HOOK_DDNS_UPDATE,
    DBG.HOOKS,
  );
  if (a === null) return;
  // Kea sets S=0 and N=1 back only when the callout turned both updates off.
  applyHookedName(f, a.hostname, !(a['fwd-update'] || a['rev-update']));
  ex.response!.setOption(Option6.CLIENT_FQDN, encodeClientFqdn(f, 6));
  ex.hostname = a.hostname;
  ex.fqdnFwd = a['fwd-update'];
  ex.fqdnRev = a['rev-update'];
}
