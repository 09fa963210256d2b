// The client's name (Kea's processClientName, processClientFqdnOption, processHostnameOption and
// postAllocateNameUpdate): option 81 wins over option 12; the answer carries the server's FQDN flags
// and name (reserved hostname, the client's name scrubbed and qualified, or one generated from the
// address), and the exchange keeps the hostname and forward/reverse flags the lease records.
import type { Pkt4 } from '@kea-ts/dhcp';
import {
  answerClientFqdn,
  applyHookedName,
  type ClientFqdn,
  callDdnsUpdate,
  type DdnsUpdateArgs,
  encodeClientFqdn,
  fqdnName,
  fqdnText,
  generateName,
  hostnameLabelCount,
  type Lease4,
  parseClientFqdn,
  qualifyName,
  replacesSentName,
  type Subnet4,
  scrub,
  setFqdnName,
  suppliesMissingName,
  updateDirections,
} from '@kea-ts/dhcpsrv';
import { defineHookPoint } from '@kea-ts/hooks';
import { getLogger } from '@kea-ts/log';
import { formatIPv4 } from '@kea-ts/util';
import { DBG, MSG } from '../messages.js';
import type { Exchange4 } from './context.js';

const DHO_HOST_NAME = 12;
const DHO_FQDN = 81;
const ddnsLog = getLogger('kea-dhcp4.ddns');
const hooksLog = getLogger('kea-dhcp4.hooks');

export interface Ddns4UpdateArgs extends DdnsUpdateArgs {
  query4: Pkt4;
  response4: Pkt4;
  subnet4: Subnet4;
}
/** Kea's ddns4_update: a callout may change the hostname and the update directions. */
export const ddns4UpdateHook = defineHookPoint<Ddns4UpdateArgs>('ddns4_update');

/** Whether DNS updates are on for the exchange's subnet (Kea's DdnsParams::getEnableUpdates). */
export function updatesEnabled(ex: Exchange4): boolean {
  const d2 = ex.srv.d2;
  return d2?.enabled === true && ex.subnet !== null && ex.subnet.effective['ddns-send-updates'];
}

/** Sets option 81 or 12 on the answer and the exchange's hostname and DNS flags. */
export function processClientName(ex: Exchange4): void {
  const resp = ex.response;
  const subnet = ex.subnet;
  ex.hostname = '';
  ex.fqdnFwd = false;
  ex.fqdnRev = false;
  ex.fqdnResp = null;
  ex.hostnameResp = null;
  if (resp === null || subnet === null) return;
  resp.deleteOption(DHO_FQDN);
  resp.deleteOption(DHO_HOST_NAME);
  let f: ClientFqdn | null = null;
  let h: string | null = null;
  try {
    const sent = ex.q.getOption(DHO_FQDN);
    const debug = ddnsLog.isDebugEnabled(DBG.DETAIL);
    if (sent !== undefined) {
      if (debug) ddnsLog.debug(DBG.DETAIL, MSG.DHCP4_CLIENT_FQDN_PROCESS, ex);
      f = processFqdn(ex, sent);
    } else {
      if (debug) ddnsLog.debug(DBG.DETAIL, MSG.DHCP4_CLIENT_HOSTNAME_PROCESS, ex);
      h = processHostname(ex);
    }
  } catch (err) {
    ddnsLog.debug(DBG.DETAIL_DATA, MSG.DHCP4_CLIENT_NAME_PROC_FAIL, ex, (err as Error).message);
    return;
  }
  if (f !== null) {
    ex.hostname = fqdnName(f);
    const dir = updateDirections(f);
    ex.fqdnFwd = dir.forward;
    ex.fqdnRev = dir.reverse;
  } else if (h !== null) {
    ex.hostname = h === '.' ? '' : h;
    const on = updatesEnabled(ex);
    ex.fqdnFwd = on;
    ex.fqdnRev = on;
  }
}

function processFqdn(ex: Exchange4, sent: Buffer): ClientFqdn {
  const client = parseClientFqdn(sent, 4);
  const debug = ddnsLog.isDebugEnabled(DBG.DETAIL_DATA);
  if (debug) ddnsLog.debug(DBG.DETAIL_DATA, MSG.DHCP4_CLIENT_FQDN_DATA, ex, fqdnText(client));
  const reserved = ex.host?.hostname ?? '';
  const f = answerClientFqdn(client, updatesEnabled(ex), ex.subnet!.effective, reserved, 4);
  if (debug) ddnsLog.debug(DBG.DETAIL_DATA, MSG.DHCP4_RESPONSE_FQDN_DATA, ex, fqdnText(f));
  ex.response!.setOption(DHO_FQDN, encodeClientFqdn(f, 4));
  ex.fqdnResp = f;
  return f;
}

function setHostname(ex: Exchange4, name: string): string {
  ex.response!.setOption(DHO_HOST_NAME, Buffer.from(name, 'latin1'));
  ex.hostnameResp = name;
  return name;
}

function processHostname(ex: Exchange4): string | null {
  const p = ex.subnet!.effective;
  const debug = ddnsLog.isDebugEnabled(DBG.DETAIL_DATA);
  let sent: string | undefined;
  try {
    sent = ex.q.hostname;
  } catch {
    sent = undefined;
  }
  if (debug && sent !== undefined) ddnsLog.debug(DBG.DETAIL_DATA, MSG.DHCP4_CLIENT_HOSTNAME_DATA, ex, sent);
  const reserved = ex.host?.hostname ?? '';
  if (reserved !== '') {
    const name = qualifyName(reserved, p['ddns-qualifying-suffix'], false).toLowerCase();
    if (debug) ddnsLog.debug(DBG.DETAIL_DATA, MSG.DHCP4_RESERVED_HOSTNAME_ASSIGNED, ex, name);
    return setHostname(ex, name);
  }
  if (sent === undefined) {
    // A name to generate once the address is known ('.' marks it, as in Kea).
    if (!suppliesMissingName(p)) return null;
    if (debug) ddnsLog.debug(DBG.DETAIL_DATA, MSG.DHCP4_GENERATE_FQDN, ex);
    return setHostname(ex, '.');
  }
  // Kea logs the option a second time here.
  if (debug) ddnsLog.debug(DBG.DETAIL_DATA, MSG.DHCP4_CLIENT_HOSTNAME_DATA, ex, sent);
  const trimmed = sent.trim();
  let labels: number;
  try {
    labels = hostnameLabelCount(trimmed);
  } catch (err) {
    ddnsLog.debug(DBG.DETAIL, MSG.DHCP4_CLIENT_HOSTNAME_MALFORMED, ex, (err as Error).message);
    return null;
  }
  if (labels === 0) {
    if (ddnsLog.isDebugEnabled(DBG.DETAIL)) ddnsLog.debug(DBG.DETAIL, MSG.DHCP4_EMPTY_HOSTNAME, ex);
    return null;
  }
  let name = '.';
  if (!replacesSentName(p) && labels >= 2) {
    name = scrub(trimmed, p).toLowerCase();
    if (labels === 2) name = qualifyName(name, p['ddns-qualifying-suffix'], false);
  }
  if (debug) ddnsLog.debug(DBG.DETAIL_DATA, MSG.DHCP4_RESPONSE_HOSTNAME_DATA, ex, name);
  return setHostname(ex, name);
}

/**
 * Kea's postAllocateNameUpdate: a lease without a name gets one generated from its address (with a
 * final dot for option 81); the answer's option then carries it. Returns whether the lease changed.
 */
export function postAllocateName(ex: Exchange4, lease: Lease4, changed: boolean): boolean {
  const f = ex.fqdnResp;
  if (f === null && ex.hostnameResp === null) return changed;
  let nameChanged = changed;
  if (lease.hostname === '') {
    lease.hostname = generateName(formatIPv4(lease.address), ex.subnet!.effective, f !== null);
    if (ddnsLog.isDebugEnabled(DBG.DETAIL)) {
      ddnsLog.debug(DBG.DETAIL, MSG.DHCP4_RESPONSE_HOSTNAME_GENERATE, ex, lease.hostname);
    }
    nameChanged = true;
  }
  if (!nameChanged) return false;
  if (f !== null) {
    setFqdnName(f, lease.hostname, false);
    ex.response!.setOption(DHO_FQDN, encodeClientFqdn(f, 4));
  } else {
    setHostname(ex, lease.hostname);
  }
  return true;
}

/** ddns4_update after processClientName (only when a library registered a callout). */
export async function ddns4Update(ex: Exchange4): Promise<void> {
  const subnet = ex.subnet;
  const resp = ex.response;
  if (subnet === null || resp === null) return;
  const args: Ddns4UpdateArgs = {
    query4: ex.q,
    response4: resp,
    subnet4: subnet,
    hostname: ex.hostname,
    'fwd-update': ex.fqdnFwd,
    'rev-update': ex.fqdnRev,
    'ddns-params': { ...subnet.effective, 'enable-updates': updatesEnabled(ex) },
  };
  const a = await callDdnsUpdate(
    ddns4UpdateHook,
    args,
    ex.handle,
    hooksLog,
    MSG.DHCP4_HOOK_DDNS_UPDATE,
    DBG.HOOKS,
  );
  if (a === null) return;
  ex.hostname = a.hostname;
  ex.fqdnFwd = a['fwd-update'];
  ex.fqdnRev = a['rev-update'];
  if (ex.hostnameResp !== null) setHostname(ex, a.hostname);
  const f = ex.fqdnResp;
  if (f !== null) {
    // Kea sets S=0 and N=1 on any change a callout makes.
    applyHookedName(f, a.hostname, true);
    resp.setOption(DHO_FQDN, encodeClientFqdn(f, 4));
  }
}
