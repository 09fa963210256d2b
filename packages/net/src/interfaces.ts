// Interface discovery: names, indexes, flags, MTU and hardware address from /sys/class/net (which lists
// every interface, up or down), addresses from os.networkInterfaces() (getifaddrs: every address of every
// running interface, secondary ones included). Called again on demand to re-detect.

import { readdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { parseIPv4, parseIPv6 } from '@kea-ts/util';

/** The interface flags Kea looks at (IFF_* in linux/if.h; `running` is IFF_RUNNING as `ip link` shows it). */
export interface IfaceFlags {
  up: boolean;
  running: boolean;
  loopback: boolean;
  broadcast: boolean;
  multicast: boolean;
  pointToPoint: boolean;
}

export interface IfaceAddress4 {
  address: number;
  prefixLength: number;
}

export interface IfaceAddress6 {
  address: Buffer;
  prefixLength: number;
  linkLocal: boolean;
}

export interface NetInterface {
  name: string;
  index: number;
  flags: IfaceFlags;
  mtu: number;
  /** Hardware address bytes (6 for Ethernet; empty when the link has none, e.g. tun). */
  hwAddress: Buffer;
  /** ARPHRD_* type: 1 Ethernet, 772 loopback, ... (/sys/class/net/<if>/type). */
  hwType: number;
  ipv4: IfaceAddress4[];
  ipv6: IfaceAddress6[];
}

const IFF_UP = 0x1;
const IFF_BROADCAST = 0x2;
const IFF_LOOPBACK = 0x8;
const IFF_POINTOPOINT = 0x10;
const IFF_MULTICAST = 0x1000;

const SYS_NET = '/sys/class/net';

function readAttr(name: string, attr: string): string | null {
  try {
    return readFileSync(`${SYS_NET}/${name}/${attr}`, 'latin1').trim();
  } catch {
    return null; // the interface vanished while we read it, or the attribute is absent for its type
  }
}

function parseHwAddress(text: string | null): Buffer {
  if (text === null || text === '') return Buffer.alloc(0);
  return Buffer.from(text.split(':').map((h) => Number.parseInt(h, 16)));
}

/** True for fe80::/10. */
export function isLinkLocal6(addr: Uint8Array): boolean {
  return addr[0] === 0xfe && (addr[1]! & 0xc0) === 0x80;
}

/**
 * Detects the interfaces of the current network namespace, sorted by index (Kea's order). Reads
 * /sys afresh every time, so a call after an interface appeared, went down or got addresses sees it.
 */
export function detectInterfaces(): NetInterface[] {
  let names: string[];
  try {
    names = readdirSync(SYS_NET);
  } catch {
    names = [];
  }
  const addrs = networkInterfaces();
  const result: NetInterface[] = [];
  for (const name of names) {
    const index = Number(readAttr(name, 'ifindex'));
    const flagBits = Number.parseInt(readAttr(name, 'flags') ?? '0', 16);
    if (!Number.isInteger(index) || index <= 0) continue;
    // IFF_RUNNING is not in the sysfs flags word; the kernel derives it from the operational state.
    const oper = readAttr(name, 'operstate');
    const up = (flagBits & IFF_UP) !== 0;
    const iface: NetInterface = {
      name,
      index,
      flags: {
        up,
        running: up && (oper === 'up' || oper === 'unknown'),
        loopback: (flagBits & IFF_LOOPBACK) !== 0,
        broadcast: (flagBits & IFF_BROADCAST) !== 0,
        multicast: (flagBits & IFF_MULTICAST) !== 0,
        pointToPoint: (flagBits & IFF_POINTOPOINT) !== 0,
      },
      mtu: Number(readAttr(name, 'mtu') ?? 1500),
      hwAddress: parseHwAddress(readAttr(name, 'address')),
      hwType: Number(readAttr(name, 'type') ?? 0),
      ipv4: [],
      ipv6: [],
    };
    for (const a of addrs[name] ?? []) {
      const prefixLength = a.cidr === null ? 0 : Number(a.cidr.slice(a.cidr.indexOf('/') + 1));
      if (a.family === 'IPv4') {
        iface.ipv4.push({ address: parseIPv4(a.address), prefixLength });
      } else {
        // os.networkInterfaces() gives link-local addresses without their %scope suffix.
        const bytes = parseIPv6(a.address.split('%')[0]!);
        iface.ipv6.push({ address: bytes, prefixLength, linkLocal: isLinkLocal6(bytes) });
      }
    }
    result.push(iface);
  }
  return result.sort((a, b) => a.index - b.index);
}
