// Accept: Kea's accept() (message type, direct-client, server identifier checks; each refusal logged
// with its DHCP4_PACKET_DROP_* id and counted in pkt4-receive-drop), then the pkt4_receive hook point.
import { MessageType4, messageType4Name, type Pkt4 } from '@kea-ts/dhcp';
import { defineHookPoint, NextStep, runCallouts } from '@kea-ts/hooks';
import { getLogger } from '@kea-ts/log';
import { formatIPv4 } from '@kea-ts/util';
import { DBG, MSG } from '../messages.js';
import type { Exchange4 } from './context.js';
import { selectSubnetFor } from './select-subnet.js';

export interface Pkt4ReceiveArgs {
  query4: Pkt4;
}
export const pkt4Receive = defineHookPoint<Pkt4ReceiveArgs>('pkt4_receive');

const M = MessageType4;
/** Kea's DHCP_TYPES_EOF: types at or above it are unknown, below it known but not served. */
const DHCP_TYPES_EOF = 19;
const BROADCAST = 0xffffffff;
const RAI_SERVER_ID_OVERRIDE = 11;
const badLog = getLogger('kea-dhcp4.bad-packets');
const packetLog = getLogger('kea-dhcp4.packets');
const hooksLog = getLogger('kea-dhcp4.hooks');

export async function accept(ex: Exchange4): Promise<boolean> {
  if (!acceptMessageType(ex)) return drop(ex);
  if (!acceptDirectRequest(ex)) {
    badLog.debug(DBG.PKT_HANDLING, MSG.DHCP4_PACKET_DROP_0002, ex, ex.ingress.iface);
    return drop(ex);
  }
  if (!acceptServerId(ex)) {
    badLog.debug(DBG.PKT_HANDLING, MSG.DHCP4_PACKET_DROP_0003, ex, ex.ingress.iface);
    return drop(ex);
  }
  const q = ex.q;
  if (packetLog.isDebugEnabled(DBG.BASIC_DATA)) {
    const type = q.messageType;
    packetLog.debug(
      DBG.BASIC_DATA,
      MSG.DHCP4_PACKET_RECEIVED,
      ex,
      messageName(type),
      type,
      formatIPv4(ex.ingress.remoteAddress),
      formatIPv4(ex.ingress.localAddress),
      ex.ingress.iface,
    );
  }
  if (pkt4Receive.callouts !== null) {
    const h = await runCallouts(pkt4Receive, { query4: q }, ex.handle);
    if (h.next === NextStep.SKIP || h.next === NextStep.DROP) {
      hooksLog.debug(DBG.HOOKS, MSG.DHCP4_HOOK_PACKET_RCVD_SKIP, ex);
      return false;
    }
  }
  return true;
}

function drop(ex: Exchange4): false {
  ex.srv.stats.receiveDrop.add(1);
  return false;
}

function messageName(type: number): string {
  return messageType4Name(type);
}

function acceptMessageType(ex: Exchange4): boolean {
  let type: number;
  try {
    type = ex.q.messageType;
  } catch {
    badLog.debug(DBG.PKT_HANDLING, MSG.DHCP4_PACKET_DROP_0004, ex, ex.ingress.iface);
    return false;
  }
  switch (type) {
    case M.DHCPDISCOVER:
    case M.DHCPREQUEST:
    case M.DHCPRELEASE:
    case M.DHCPDECLINE:
    case M.DHCPINFORM:
      return true;
    case 0:
      badLog.debug(DBG.PKT_HANDLING, MSG.DHCP4_PACKET_DROP_0009, ex);
      return false;
    default:
      badLog.debug(
        DBG.PKT_HANDLING,
        type >= DHCP_TYPES_EOF ? MSG.DHCP4_PACKET_DROP_0005 : MSG.DHCP4_PACKET_DROP_0006,
        ex,
        type,
      );
      return false;
  }
}

/** A direct (not relayed) client must belong to a subnet we serve, or nobody answers it. */
function acceptDirectRequest(ex: Exchange4): boolean {
  const q = ex.q;
  if (q.giaddr !== 0) return true;
  if (q.messageType === M.DHCPINFORM && ex.ingress.remoteAddress === 0 && q.ciaddr === 0) return false;
  return ex.ingress.localAddress !== BROADCAST || selectSubnetFor(ex) !== null;
}

function acceptServerId(ex: Exchange4): boolean {
  const q = ex.q;
  const raw = q.getOption(54);
  if (raw === undefined) return true;
  if (raw.length !== 4) return false;
  const id = raw.readUInt32BE(0);
  // RFC 5107: a relay that overrides the server identifier puts the same address in option 82.
  const override = safeAgentSubOption(q, RAI_SERVER_ID_OVERRIDE);
  if (override !== undefined && override.length === 4 && override.readUInt32BE(0) === id) return true;
  return id === ex.ingress.ifaceAddress || ex.srv.isOwnAddress(id) || ex.srv.configuredServerIds.has(id);
}

function safeAgentSubOption(q: Pkt4, code: number): Buffer | undefined {
  try {
    return q.agentSubOption(code);
  } catch {
    return undefined;
  }
}
