// The way out: leases4_committed (DROP; PARK is not supported yet and continues), pkt4_send (SKIP keeps
// the bytes a callout packed, DROP sends nothing), pack within the client's maximum message size,
// buffer4_send, then the DHCP4_PACKET_SEND / DHCP4_RESPONSE_DATA lines and the pkt4-*-sent counters.
import { messageType4Name, type Pkt4 } from '@kea-ts/dhcp';
import type { Lease4 } from '@kea-ts/dhcpsrv';
import { defineHookPoint, NextStep, runCallouts } from '@kea-ts/hooks';
import { getLogger } from '@kea-ts/log';
import { formatIPv4 } from '@kea-ts/util';
import { packetText } from '../label.js';
import { DBG, MSG } from '../messages.js';
import type { Exchange4 } from './context.js';

export interface Leases4CommittedArgs {
  query4: Pkt4;
  leases4: Lease4[];
  deleted_leases4: Lease4[];
}
export interface Pkt4SendArgs {
  query4: Pkt4;
  response4: Pkt4;
  /** Set by a callout that packed the response itself (with SKIP). */
  buffer4: Buffer | null;
}
export interface Buffer4SendArgs {
  response4: Pkt4;
  buffer4: Buffer;
}
export const leases4Committed = defineHookPoint<Leases4CommittedArgs>('leases4_committed');
export const pkt4Send = defineHookPoint<Pkt4SendArgs>('pkt4_send');
export const buffer4Send = defineHookPoint<Buffer4SendArgs>('buffer4_send');

const hooksLog = getLogger('kea-dhcp4.hooks');
const optionsLog = getLogger('kea-dhcp4.options');
const packetLog = getLogger('kea-dhcp4.packets');

/** leases4_committed; false when a callout dropped the answer. */
export async function committed(ex: Exchange4): Promise<boolean> {
  if (!ex.committed || leases4Committed.callouts === null) return true;
  const leases = ex.lease !== null ? [ex.lease] : [];
  const old = ex.oldLease;
  const deleted = old !== null && (ex.lease === null || ex.lease.address !== old.address) ? [old] : [];
  const h = await runCallouts(
    leases4Committed,
    { query4: ex.q, leases4: leases, deleted_leases4: deleted },
    ex.handle,
  );
  if (h.next === NextStep.DROP) {
    hooksLog.debug(DBG.PKT_HANDLING, MSG.DHCP4_HOOK_LEASES4_COMMITTED_DROP, ex);
    ex.response = null;
    return false;
  }
  if (h.next === NextStep.PARK) hooksLog.debug(DBG.HOOKS, MSG.DHCP4_HOOK_LEASES4_COMMITTED_PARK, ex);
  return true;
}

/** pkt4_send, pack and buffer4_send: the bytes to send, or null. */
export async function packResponse(ex: Exchange4): Promise<Buffer | null> {
  const resp = ex.response;
  if (resp === null) return null;
  let wire: Buffer | null = null;
  if (pkt4Send.callouts !== null) {
    const args: Pkt4SendArgs = { query4: ex.q, response4: resp, buffer4: null };
    const h = await runCallouts(pkt4Send, args, ex.handle);
    if (h.next === NextStep.DROP) {
      hooksLog.debug(DBG.PKT_HANDLING, MSG.DHCP4_HOOK_PACKET_SEND_DROP, ex);
      return null;
    }
    if (h.next === NextStep.SKIP) {
      hooksLog.debug(DBG.HOOKS, MSG.DHCP4_HOOK_PACKET_SEND_SKIP, ex);
      wire = args.buffer4;
    }
  }
  if (wire === null) {
    optionsLog.debug(DBG.DETAIL, MSG.DHCP4_PACKET_PACK, ex);
    try {
      wire = resp.pack({ maxSize: ex.q.maxReplySize() });
    } catch (err) {
      optionsLog.error(MSG.DHCP4_PACKET_PACK_FAIL, ex, (err as Error).message);
      return null;
    }
  }
  if (buffer4Send.callouts !== null) {
    const args: Buffer4SendArgs = { response4: resp, buffer4: wire };
    const h = await runCallouts(buffer4Send, args, ex.handle);
    if (h.next === NextStep.SKIP || h.next === NextStep.DROP) {
      hooksLog.debug(DBG.HOOKS, MSG.DHCP4_HOOK_BUFFER_SEND_SKIP, ex);
      return null;
    }
    wire = args.buffer4;
  }
  logSend(ex, resp);
  ex.srv.stats.countSent(resp.messageType);
  return wire;
}

function logSend(ex: Exchange4, resp: Pkt4): void {
  const d = ex.destination;
  if (d === null) return;
  const type = resp.messageType;
  if (packetLog.isDebugEnabled(DBG.BASIC)) {
    packetLog.debug(
      DBG.BASIC,
      MSG.DHCP4_PACKET_SEND,
      ex,
      messageType4Name(type),
      type,
      d.localAddress === 0 ? '*' : formatIPv4(d.localAddress),
      d.localPort,
      formatIPv4(d.address),
      d.port,
      d.iface,
    );
  }
  if (packetLog.isDebugEnabled(DBG.DETAIL_DATA)) {
    packetLog.debug(
      DBG.DETAIL_DATA,
      MSG.DHCP4_RESPONSE_DATA,
      ex,
      messageType4Name(type),
      type,
      packetText(resp, d.localAddress, d.localPort, d.address, d.port),
    );
  }
}
