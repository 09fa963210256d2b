// Receive: pkt4-received, the buffer4_receive hook point, then parse. A buffer that is not a DHCPv4
// message is dropped with DHCP4_PACKET_DROP_0001 and counted in pkt4-parse-failed and pkt4-receive-drop.
import { DhcpParseError, Pkt4 } from '@kea-ts/dhcp';
import { parseClientFqdn } from '@kea-ts/dhcpsrv';
import { defineHookPoint, NextStep, runCallouts } from '@kea-ts/hooks';
import { getLogger } from '@kea-ts/log';
import { formatIPv4 } from '@kea-ts/util';
import { DBG, MSG } from '../messages.js';
import type { Exchange4 } from './context.js';

export interface Buffer4ReceiveArgs {
  /** The raw bytes; a callout that parsed them itself (SKIP) sets query4. */
  buffer4: Buffer;
  query4: Pkt4 | null;
  iface: string;
}
export const buffer4Receive = defineHookPoint<Buffer4ReceiveArgs>('buffer4_receive');

const packetLog = getLogger('kea-dhcp4.packets');
const optionsLog = getLogger('kea-dhcp4.options');
const badLog = getLogger('kea-dhcp4.bad-packets');
const hooksLog = getLogger('kea-dhcp4.hooks');

export async function receive(ex: Exchange4): Promise<boolean> {
  const { ingress, srv } = ex;
  srv.stats.received.add(1);
  if (packetLog.isDebugEnabled(DBG.BASIC)) {
    packetLog.debug(
      DBG.BASIC,
      MSG.DHCP4_BUFFER_RECEIVED,
      formatIPv4(ingress.remoteAddress),
      ingress.remotePort,
      formatIPv4(ingress.localAddress),
      srv.serverPort || 67,
      ingress.iface,
    );
  }
  let parsed: Pkt4 | null = null;
  if (buffer4Receive.callouts !== null) {
    const args: Buffer4ReceiveArgs = { buffer4: ex.raw, query4: null, iface: ingress.iface };
    const h = await runCallouts(buffer4Receive, args, ex.handle);
    if (h.next === NextStep.DROP) {
      hooksLog.debug(
        DBG.PKT_HANDLING,
        MSG.DHCP4_HOOK_BUFFER_RCVD_DROP,
        formatIPv4(ingress.remoteAddress),
        formatIPv4(ingress.localAddress),
        ingress.iface,
      );
      return false;
    }
    if (h.next === NextStep.SKIP && args.query4 !== null) {
      hooksLog.debug(
        DBG.DETAIL,
        MSG.DHCP4_HOOK_BUFFER_RCVD_SKIP,
        formatIPv4(ingress.remoteAddress),
        formatIPv4(ingress.localAddress),
        ingress.iface,
      );
      parsed = args.query4;
    } else if (args.buffer4 !== ex.raw) {
      return parse(ex, args.buffer4);
    }
  }
  if (parsed !== null) {
    ex.query = parsed;
    srv.stats.countReceived(messageTypeOrZero(parsed));
    return true;
  }
  return parse(ex, ex.raw);
}

function parse(ex: Exchange4, buf: Buffer): boolean {
  const { ingress, srv } = ex;
  if (optionsLog.isDebugEnabled(DBG.DETAIL)) {
    optionsLog.debug(
      DBG.DETAIL,
      MSG.DHCP4_BUFFER_UNPACK,
      formatIPv4(ingress.remoteAddress),
      formatIPv4(ingress.localAddress),
      ingress.iface,
    );
  }
  try {
    const q = Pkt4.parse(buf);
    // The codec decodes lazily; the options the server reads by their definition must fail here, as
    // Kea's unpack fails the whole packet for a standard option that does not fit its format.
    const type = q.messageType;
    checkOptions(q);
    ex.query = q;
    srv.stats.countReceived(type);
    return true;
  } catch (err) {
    if (!(err instanceof DhcpParseError)) throw err;
    badLog.debug(
      DBG.PKT_HANDLING,
      MSG.DHCP4_PACKET_DROP_0001,
      formatIPv4(ingress.remoteAddress),
      formatIPv4(ingress.localAddress),
      ingress.iface,
      err.message,
    );
    srv.stats.parseFailed.add(1);
    srv.stats.receiveDrop.add(1);
    return false;
  }
}

/**
 * Options 50, 51, 54 and 57 of the wrong size are parse errors. A malformed option 82 is not: Kea stops
 * reading its sub-options at the bad one and goes on, and so do the readers of sub-options here.
 */
function checkOptions(q: Pkt4): void {
  void q.requestedAddress;
  void q.leaseTime;
  void q.serverId;
  void q.maxMessageSize;
  // Kea builds option 81 while unpacking: one it cannot read (or with N and S set) fails the packet.
  const fqdn = q.getOption(81);
  if (fqdn !== undefined) parseClientFqdn(fqdn, 4);
}

function messageTypeOrZero(p: Pkt4): number {
  try {
    return p.messageType;
  } catch {
    return 0;
  }
}
