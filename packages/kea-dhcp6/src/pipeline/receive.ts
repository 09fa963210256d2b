// Receive: pkt6-received, then parse (relay layers unwrapped by Pkt6.parse). A buffer that is not a
// DHCPv6 message is dropped with DHCP6_PACKET_DROP_PARSE_FAIL and counted in pkt6-parse-failed and
// pkt6-receive-drop.
import { DhcpParseError, Option6, Pkt6 } from '@kea-ts/dhcp';
import { parseClientFqdn } from '@kea-ts/dhcpsrv';
import { NextStep, runCallouts } from '@kea-ts/hooks';
import { getLogger } from '@kea-ts/log';
import { DBG, MSG } from '../messages.js';
import type { Exchange6 } from './context.js';
import { type Buffer6ReceiveArgs, buffer6Receive } from './hook-points.js';
import { readIas } from './wire6.js';

const packetLog = getLogger('kea-dhcp6.packets');
const badLog = getLogger('kea-dhcp6.bad-packets');
const hooksLog = getLogger('kea-dhcp6.hooks');

export async function receive(ex: Exchange6): Promise<boolean> {
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
  let buf = ex.raw;
  if (buffer6Receive.callouts !== null) {
    const args: Buffer6ReceiveArgs = { buffer6: ex.raw, query6: null, iface: ingress.iface };
    const h = await runCallouts(buffer6Receive, args, ex.handle);
    if (h.next === NextStep.DROP) {
      hooksLog.debug(
        DBG.HOOKS,
        MSG.DHCP6_HOOK_BUFFER_RCVD_DROP,
        ingress.remoteAddress,
        ingress.localAddress,
        ingress.iface,
      );
      srv.stats.receiveDrop.add(1);
      return false;
    }
    if (h.next === NextStep.SKIP && args.query6 !== null) {
      hooksLog.debug(
        DBG.HOOKS,
        MSG.DHCP6_HOOK_BUFFER_RCVD_SKIP,
        ingress.remoteAddress,
        ingress.localAddress,
        ingress.iface,
      );
      ex.query = args.query6;
      srv.stats.countReceived(args.query6.msgType);
      return true;
    }
    buf = args.buffer6;
  }
  try {
    const q = Pkt6.parse(buf);
    // Options are decoded lazily; the IA containers the server reads must fail the packet here, as
    // Kea's unpack does for a malformed standard option.
    readIas(q, Option6.IA_NA);
    readIas(q, Option6.IA_PD);
    // Kea builds option 39 while unpacking: one it cannot read (or with N and S set) fails the packet.
    const fqdn = q.getOption(Option6.CLIENT_FQDN);
    if (fqdn !== undefined) parseClientFqdn(fqdn, 6);
    // Kea's ORO is an array of uint16: empty or an odd length fails the whole packet ("option 6 empty").
    const oro = q.getOption(Option6.ORO);
    if (oro !== undefined && (oro.length === 0 || oro.length % 2 !== 0)) {
      throw new DhcpParseError(
        oro.length === 0 ? 'option 6 empty' : `option 6 length ${oro.length} is not a multiple of 2`,
      );
    }
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
