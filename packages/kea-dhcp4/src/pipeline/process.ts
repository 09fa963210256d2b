// The whole way of one datagram through the steps, in Kea's order: receive (buffer4_receive, parse),
// early classification, accept (pkt4_receive), the DROP class, dispatch by message type, leases4_committed, pkt4_send / pack / buffer4_send.
// A step that throws drops the packet with DHCP4_PACKET_DROP_0007 and pkt4-receive-drop.
import { MessageType4 } from '@kea-ts/dhcp';
import { getLogger } from '@kea-ts/log';
import { packetText } from '../label.js';
import { DBG, MSG } from '../messages.js';
import { accept } from './accept.js';
import { classifyEarly, dropClass } from './classify.js';
import type { Exchange4, Step } from './context.js';
import { processDecline } from './decline.js';
import { processDiscover } from './discover.js';
import { fetchDbHosts } from './host.js';
import { processInform } from './inform.js';
import { receive } from './receive.js';
import { processRelease } from './release.js';
import { processRequest } from './request.js';
import { committed, packResponse } from './send.js';

const M = MessageType4;
const HANDLERS: Step[] = [];
HANDLERS[M.DHCPDISCOVER] = processDiscover;
HANDLERS[M.DHCPREQUEST] = processRequest;
HANDLERS[M.DHCPRELEASE] = processRelease;
HANDLERS[M.DHCPDECLINE] = processDecline;
HANDLERS[M.DHCPINFORM] = processInform;

const packetLog = getLogger('kea-dhcp4.packets');
const badLog = getLogger('kea-dhcp4.bad-packets');

/** Parse and accept: the query is known and wanted afterwards. */
export async function admit(ex: Exchange4): Promise<boolean> {
  if (!(await receive(ex))) return false;
  // Kea classifies before accept: the direct-client check selects a subnet, which classes guard.
  classifyEarly(ex);
  if (!(await accept(ex))) return false;
  if (!dropClass(ex)) return false;
  if (packetLog.isDebugEnabled(DBG.DETAIL_DATA)) {
    const i = ex.ingress;
    packetLog.debug(
      DBG.DETAIL_DATA,
      MSG.DHCP4_QUERY_DATA,
      ex,
      packetText(ex.q, i.localAddress, ex.srv.serverPort || 67, i.remoteAddress, i.remotePort),
    );
  }
  return true;
}

/** Handles an admitted query; the answer's bytes (destination in ex.destination) or null. */
export async function handle(ex: Exchange4): Promise<Buffer | null> {
  const handler = HANDLERS[ex.q.messageType];
  if (handler === undefined) return null;
  try {
    // Only with a hosts database: the client's database hosts, fetched once for every step.
    if (ex.srv.hostMgr !== null && ex.q.messageType !== M.DHCPRELEASE) await fetchDbHosts(ex);
    if (!(await handler(ex))) return null;
  } catch (err) {
    badLog.debug(DBG.PKT_HANDLING, MSG.DHCP4_PACKET_DROP_0007, ex, (err as Error).message);
    ex.srv.stats.receiveDrop.add(1);
    ex.response = null;
  }
  if (!(await committed(ex))) return null;
  return packResponse(ex);
}

/** A label for a datagram not parsed yet (service disabled): from the raw header when it has one. */
export function rawLabel(raw: Buffer): string {
  if (raw.length < 44) return '[no hwaddr info], cid=[no info], tid=0x0';
  const hlen = Math.min(raw[2]!, 16);
  const hw = [...raw.subarray(28, 28 + hlen)].map((b) => b.toString(16).padStart(2, '0')).join(':');
  return `[hwtype=${raw[1]} ${hw}], cid=[no info], tid=0x${raw.readUInt32BE(4).toString(16)}`;
}

export function disabledDrop(raw: Buffer): void {
  badLog.debug(DBG.PKT_HANDLING, MSG.DHCP4_PACKET_DROP_0008, rawLabel(raw));
}
