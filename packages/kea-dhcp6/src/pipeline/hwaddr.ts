// The client's hardware address for the lease (Kea's Dhcpv6Srv::getMAC): mac-sources in order, "any"
// trying the client-link-layer-address relay option (79), then the DUID (LLT / LL), then the EUI-64 in
// the client's link-local address. remote-id, subscriber-id and DOCSIS sources are not read yet.
import { Option6 } from '@kea-ts/dhcp';
import { parseIPv6 } from '@kea-ts/util';
import type { Exchange6 } from './context.js';

/** Kea's HWAddr::HWADDR_SOURCE_* bits. */
const SOURCE_DUID = 2;
const SOURCE_IPV6_LINK_LOCAL = 4;
const SOURCE_CLIENT_ADDR_RELAY_OPTION = 8;
const HTYPE_ETHER = 1;

export interface HwAddr {
  hwaddr: Buffer;
  hwtype: number;
  source: number;
}

function fromDuid(duid: Buffer | undefined): HwAddr | null {
  if (duid === undefined || duid.length < 2) return null;
  const type = duid.readUInt16BE(0);
  if (type === 3 && duid.length >= 5) {
    return { hwaddr: duid.subarray(4), hwtype: duid.readUInt16BE(2), source: SOURCE_DUID };
  }
  if (type === 1 && duid.length >= 9) {
    return { hwaddr: duid.subarray(8), hwtype: duid.readUInt16BE(2), source: SOURCE_DUID };
  }
  return null;
}

/** The MAC inside a modified EUI-64 interface id of a link-local address. */
function fromLinkLocal(a: Buffer): HwAddr | null {
  if (a[0] !== 0xfe || a[1] !== 0x80 || (a[8]! & 3) !== 2 || a[11] !== 0xff || a[12] !== 0xfe) return null;
  const mac = Buffer.from([a[8]! ^ 2, a[9]!, a[10]!, a[13]!, a[14]!, a[15]!]);
  return { hwaddr: mac, hwtype: HTYPE_ETHER, source: SOURCE_IPV6_LINK_LOCAL };
}

function clientPeer(ex: Exchange6): Buffer | null {
  const relays = ex.q.relays;
  if (relays.length > 0) return relays[relays.length - 1]!.peerAddress;
  try {
    return parseIPv6(ex.ingress.remoteAddress.replace(/%.*$/, ''));
  } catch {
    return null;
  }
}

function fromRelayOption(ex: Exchange6): HwAddr | null {
  const relays = ex.q.relays;
  if (relays.length === 0) return null;
  const o = relays[relays.length - 1]!.options.find((x) => x.code === Option6.CLIENT_LINKLAYER_ADDR);
  if (o === undefined || o.payload.length < 3) return null;
  return {
    hwaddr: o.payload.subarray(2),
    hwtype: o.payload.readUInt16BE(0),
    source: SOURCE_CLIENT_ADDR_RELAY_OPTION,
  };
}

function bySource(ex: Exchange6, source: string): HwAddr | null {
  switch (source) {
    case 'duid':
      return fromDuid(ex.q.getOption(Option6.CLIENTID));
    case 'ipv6-link-local': {
      const peer = clientPeer(ex);
      return peer === null ? null : fromLinkLocal(peer);
    }
    case 'client-link-addr-option':
      return fromRelayOption(ex);
    case 'any':
      return (
        bySource(ex, 'client-link-addr-option') ?? bySource(ex, 'duid') ?? bySource(ex, 'ipv6-link-local')
      );
    default:
      return null;
  }
}

export function clientHwAddr(ex: Exchange6): HwAddr | null {
  for (const s of ex.srv.config.macSources) {
    const h = bySource(ex, s);
    if (h !== null) return h;
  }
  return null;
}
