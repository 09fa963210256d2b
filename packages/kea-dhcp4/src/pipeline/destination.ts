// Where an answer goes (Kea's adjustIfaceData and adjustRemoteAddr): to the relay (giaddr, port 67 or
// the relay's port with RFC 8357 relay-port), to ciaddr, broadcast for NAKs and for clients that asked
// for it, otherwise straight to yiaddr and chaddr when raw sockets allow it (else broadcast).
import { MessageType4 } from '@kea-ts/dhcp';
import type { Exchange4 } from './context.js';

const M = MessageType4;
const BROADCAST = 0xffffffff;
const FLAG_BROADCAST = 0x8000;
const CLIENT_PORT = 68;
const SERVER_PORT = 67;
const RAI_RELAY_PORT = 19;

function relayPort(ex: Exchange4): number {
  try {
    return ex.q.agentSubOption(RAI_RELAY_PORT) !== undefined ? ex.ingress.remotePort : 0;
  } catch {
    return 0;
  }
}

export function setDestination(ex: Exchange4): void {
  const q = ex.q;
  const resp = ex.response;
  if (resp === null) return;
  const { ingress, srv } = ex;
  const type = q.messageType;
  const relayed = q.giaddr !== 0;
  let address: number;
  let direct = false;
  if (type === M.DHCPINFORM) {
    if (q.ciaddr !== 0) address = q.ciaddr;
    else if (relayed) {
      address = q.giaddr;
      resp.flags |= FLAG_BROADCAST;
    } else address = ingress.remoteAddress;
  } else if (relayed) {
    address = q.giaddr;
  } else if (q.ciaddr !== 0) {
    address = q.ciaddr;
  } else if (resp.messageType === M.DHCPNAK) {
    address = BROADCAST;
  } else if (resp.yiaddr !== 0) {
    if (!srv.directResponse || (q.flags & FLAG_BROADCAST) !== 0) address = BROADCAST;
    else {
      address = resp.yiaddr;
      direct = true;
    }
  } else {
    address = ingress.remoteAddress;
  }
  let port: number;
  if (srv.clientPort) port = srv.clientPort;
  else if (
    (type === M.DHCPINFORM && (q.ciaddr !== 0 || (!relayed && ingress.remoteAddress !== 0))) ||
    (type !== M.DHCPINFORM && !relayed)
  ) {
    port = CLIENT_PORT;
  } else {
    port = relayPort(ex) || SERVER_PORT;
  }
  const local =
    relayed && srv.useRouting
      ? 0
      : ingress.localAddress === BROADCAST || ingress.localAddress === 0
        ? ingress.ifaceAddress
        : ingress.localAddress;
  ex.destination = {
    iface: ingress.iface,
    address: address === 0 ? BROADCAST : address,
    port,
    direct,
    localAddress: local,
    localPort: srv.serverPort || SERVER_PORT,
  };
}
