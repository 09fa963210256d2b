// Accept: Kea's testServerID, testUnicast and sanityCheck, each refusal logged with its DHCP6_* id and
// counted in pkt6-receive-drop. Kea 2.2 never answers UseMulticast: SOLICIT, CONFIRM, REBIND and
// INFORMATION-REQUEST sent straight to a unicast address are dropped, other unicast is served.
import { MessageType6, messageType6Name } from '@kea-ts/dhcp';
import { NextStep, runCallouts } from '@kea-ts/hooks';
import { getLogger } from '@kea-ts/log';
import { DBG, MSG } from '../messages.js';
import { duidText } from '../server-id.js';
import type { Exchange6 } from './context.js';
import { pkt6Receive } from './hook-points.js';

const M = MessageType6;
const badLog = getLogger('kea-dhcp6.bad-packets');
const packetLog = getLogger('kea-dhcp6.packets');
const hooksLog = getLogger('kea-dhcp6.hooks');
const MAX_DUID_LEN = 128;

type Level = 'mandatory' | 'optional' | 'forbidden';

export async function accept(ex: Exchange6): Promise<boolean> {
  const q = ex.q;
  const sid = q.getOption(2);
  if (sid !== undefined && !sid.equals(ex.srv.serverDuid)) {
    badLog.debug(
      DBG.PKT_HANDLING,
      MSG.DHCP6_PACKET_DROP_SERVERID_MISMATCH,
      ex,
      duidText(sid),
      duidText(ex.srv.serverDuid),
    );
    return drop(ex);
  }
  const t = q.msgType;
  const mustMulticast = t === M.SOLICIT || t === M.CONFIRM || t === M.REBIND || t === M.INFORMATION_REQUEST;
  if (mustMulticast && q.relays.length === 0 && !ex.ingress.multicast) {
    badLog.debug(DBG.PKT_HANDLING, MSG.DHCP6_PACKET_DROP_UNICAST, ex, messageType6Name(t));
    return drop(ex);
  }
  if (pkt6Receive.callouts !== null) {
    const h = await runCallouts(pkt6Receive, { query6: q }, ex.handle);
    if (h.next === NextStep.SKIP || h.next === NextStep.DROP) {
      hooksLog.debug(DBG.HOOKS, MSG.DHCP6_HOOK_PACKET_RCVD_SKIP, ex);
      return drop(ex);
    }
  }
  const problem = sanityCheck(ex);
  if (problem !== null) {
    if (problem !== '') {
      badLog.debug(
        DBG.BASIC,
        MSG.DHCP6_REQUIRED_OPTIONS_CHECK_FAIL,
        messageType6Name(t),
        ex.ingress.remoteAddress,
        problem,
      );
    }
    return drop(ex);
  }
  packetLog.debug(
    DBG.BASIC_DATA,
    MSG.DHCP6_PACKET_RECEIVED,
    ex,
    messageType6Name(t),
    t,
    ex.ingress.remoteAddress,
    ex.ingress.localAddress,
    ex.ingress.iface,
  );
  return true;
}

function drop(ex: Exchange6): false {
  ex.srv.stats.receiveDrop.add(1);
  return false;
}

/** null when the message may be served; '' for an unknown type (logged here); else the failed check. */
function sanityCheck(ex: Exchange6): string | null {
  const q = ex.q;
  const name = messageType6Name(q.msgType);
  switch (q.msgType) {
    case M.SOLICIT:
    case M.REBIND:
    case M.CONFIRM:
      return check(q.getOptions(1), q.getOptions(2), 'mandatory', 'forbidden', name);
    case M.REQUEST:
    case M.RENEW:
    case M.RELEASE:
    case M.DECLINE:
      return check(q.getOptions(1), q.getOptions(2), 'mandatory', 'mandatory', name);
    case M.INFORMATION_REQUEST:
      return check(q.getOptions(1), q.getOptions(2), 'optional', 'optional', name);
    default:
      badLog.debug(DBG.BASIC, MSG.DHCP6_UNKNOWN_MSG_RECEIVED, q.msgType, ex.ingress.iface);
      return '';
  }
}

function duidProblem(d: Buffer, what: string): string | null {
  if (d.length < 3 || d.length > MAX_DUID_LEN) {
    return `Received invalid DUID for ${what}, received ${d.length} byte(s). It must be at least 3 and no more than ${MAX_DUID_LEN}`;
  }
  return null;
}

function check(cids: Buffer[], sids: Buffer[], cid: Level, sid: Level, name: string): string | null {
  if (cid === 'mandatory' && cids.length !== 1) {
    return `Exactly 1 client-id option expected in ${name}, but ${cids.length} received`;
  }
  if (cid === 'optional' && cids.length > 1) {
    return `Too many (${cids.length}) client-id options received in ${name}`;
  }
  if (cids.length > 0) {
    const p = duidProblem(cids[0]!, 'client-id');
    if (p !== null) return p;
  }
  if (sid === 'forbidden' && sids.length > 0) {
    return `Server-id option was not expected, but ${sids.length} received in ${name}`;
  }
  if (sid === 'mandatory' && sids.length !== 1) {
    return `Invalid number of server-id options received (${sids.length}), exactly 1 expected in message ${name}`;
  }
  if (sid === 'optional' && sids.length > 1) {
    return `Too many (${sids.length}) server-id options received in ${name}`;
  }
  if (sids.length > 0) return duidProblem(sids[0]!, 'server-id');
  return null;
}
