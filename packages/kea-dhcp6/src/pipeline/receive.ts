// Receive: pkt6-received, then parse (relay layers unwrapped by Pkt6.parse). A buffer that is not a
// DHCPv6 message is dropped with DHCP6_PACKET_DROP_PARSE_FAIL and counted in pkt6-parse-failed and
// pkt6-receive-drop.
import { DhcpParseError, Option6, Pkt6 } from '@kea-ts/dhcp';
import { getLogger } from '@kea-ts/log';
import { DBG, MSG } from '../messages.js';
import type { Exchange6 } from './context.js';
import { readIas } from './wire6.js';

const packetLog = getLogger('kea-dhcp6.packets');
const badLog = getLogger('kea-dhcp6.bad-packets');

export function receive(ex: Exchange6): boolean {
  const { ingress, srv } = ex;
  srv.stats.received.add(1);
  if (packetLog.isDebugEnabled(DBG.BASIC)) {
    packetLog.debug(
      DBG.BASIC,
      MSG.DHCP6_BUFFER_RECEIVED,
      ingress.remoteAddress,
      ingress.remotePort,
      ingress.localAddress,
      srv.serverPort || 547,
      ingress.iface,
    );
  }
  try {
    const q = Pkt6.parse(ex.raw);
    // Options are decoded lazily; the IA containers the server reads must fail the packet here, as
    // Kea's unpack does for a malformed standard option.
    readIas(q, Option6.IA_NA);
    readIas(q, Option6.IA_PD);
    ex.query = q;
    srv.stats.countReceived(q.msgType);
    return true;
  } catch (err) {
    if (!(err instanceof DhcpParseError)) throw err;
    badLog.debug(
      DBG.PKT_HANDLING,
      MSG.DHCP6_PACKET_DROP_PARSE_FAIL,
      ingress.remoteAddress,
      ingress.localAddress,
      ingress.iface,
      err.message,
    );
    srv.stats.parseFailed.add(1);
    srv.stats.receiveDrop.add(1);
    return false;
  }
}
