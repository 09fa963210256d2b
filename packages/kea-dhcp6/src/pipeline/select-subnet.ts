// Subnet selection as Kea 2.2's CfgSubnets6::selectSubnet: a relayed message with a usable (not zero,
// not link-local) link-address by the interface-id of the relay closest to the client, then by that
// link-address (a subnet naming it in relay ip-addresses, then the subnet holding it); any other message
// by its ingress interface, then by its source address (as Kea, even when a relay sent it).
import { guardAllows, type PacketClasses, type Subnet6 } from '@kea-ts/dhcpsrv';
import { NextStep, runCallouts } from '@kea-ts/hooks';
import { getLogger } from '@kea-ts/log';
import { parseIPv6 } from '@kea-ts/util';
import { DBG, MSG } from '../messages.js';
import type { Exchange6 } from './context.js';
import { type Subnet6SelectArgs, subnet6Select } from './hook-points.js';

const packetLog = getLogger('kea-dhcp6.packets');
const hooksLog = getLogger('kea-dhcp6.hooks');
const D6O_INTERFACE_ID = 18;

type Accept = ((s: Subnet6) => boolean) | undefined;

function lowestId(list: readonly Subnet6[], accept: Accept): Subnet6 | null {
  let best: Subnet6 | null = null;
  for (const s of list) if ((best === null || s.id < best.id) && (!accept || accept(s))) best = s;
  return best;
}

/** Kea's Subnet6::clientSupported: the subnet's client-class guard and its shared network's. */
function guardFilter(classes: PacketClasses | null): Accept {
  if (classes === null) return undefined;
  return (s) =>
    guardAllows(s, classes) && (s.sharedNetwork === undefined || guardAllows(s.sharedNetwork, classes));
}

function isZero(a: Buffer): boolean {
  for (const b of a) if (b !== 0) return false;
  return true;
}

function isLinkLocal(a: Buffer): boolean {
  return a[0] === 0xfe && (a[1]! & 0xc0) === 0x80;
}

export function selectSubnetFor(ex: Exchange6): Subnet6 | null {
  const lookups = ex.srv.config.lookups;
  const relays = ex.q.relays;
  const accept = guardFilter(ex.classes);
  // Kea's first_relay_linkaddr_: from the relay closest to the client, the first usable link-address.
  let link: Buffer | null = null;
  for (let i = relays.length - 1; i >= 0; i--) {
    const l = relays[i]!.linkAddress;
    if (!isZero(l) && !isLinkLocal(l)) {
      link = l;
      break;
    }
  }
  if (link === null) {
    // Not relayed, or relayed with no usable link-address: Kea treats both as a direct client.
    const byIface = lowestId(lookups.subnetsByInterface(ex.ingress.iface), accept);
    if (byIface !== null) return byIface;
    let remote: Buffer;
    try {
      remote = parseIPv6(ex.ingress.remoteAddress.replace(/%.*$/, ''));
    } catch {
      return null;
    }
    return isZero(remote) ? null : (lookups.subnetForAddress(remote, accept) ?? null);
  }
  // Only the relay closest to the client is asked for interface-id (Kea's RELAY_GET_FIRST).
  const id = relays[relays.length - 1]!.options.find((o) => o.code === D6O_INTERFACE_ID);
  if (id !== undefined) {
    const s = lowestId(lookups.subnetsByInterfaceId(id.payload), accept);
    if (s !== null) return s;
  }
  return lowestId(lookups.subnetsByRelay(link), accept) ?? lookups.subnetForAddress(link, accept) ?? null;
}

/** Selects the subnet of the exchange; false when a subnet6_select callout dropped the packet. */
export async function selectSubnet(ex: Exchange6): Promise<boolean> {
  let subnet = selectSubnetFor(ex);
  if (subnet6Select.callouts !== null) {
    const args: Subnet6SelectArgs = {
      query6: ex.q,
      subnet6: subnet,
      subnet6collection: ex.srv.config.subnets,
    };
    const h = await runCallouts(subnet6Select, args, ex.handle);
    if (h.next === NextStep.DROP) {
      hooksLog.debug(DBG.HOOKS, MSG.DHCP6_HOOK_SUBNET6_SELECT_DROP, ex);
      return false;
    }
    if (h.next === NextStep.SKIP) {
      hooksLog.debug(DBG.HOOKS, MSG.DHCP6_HOOK_SUBNET6_SELECT_SKIP, ex);
      subnet = null;
    } else subnet = args.subnet6;
  }
  ex.subnet = subnet;
  if (subnet !== null) packetLog.debug(DBG.BASIC_DATA, MSG.DHCP6_SUBNET_SELECTED, ex, subnet.id);
  else packetLog.debug(DBG.DETAIL, MSG.DHCP6_SUBNET_SELECTION_FAILED, ex);
  return true;
}
