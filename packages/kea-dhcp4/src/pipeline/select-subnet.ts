// Subnet selection as Kea's CfgSubnets4::selectSubnet: relay link-selection or option 118 first, then
// giaddr against the subnets' (or their shared network's) relay addresses, then the address that
// identifies the link (giaddr, ciaddr, source address, or the ingress interface and its address).
// The subnet4_select hook point may replace the choice or drop the packet.
import type { Pkt4 } from '@kea-ts/dhcp';
import { type Dhcp4Config, guardAllows, type PacketClasses, type Subnet4 } from '@kea-ts/dhcpsrv';
import { defineHookPoint, NextStep, runCallouts } from '@kea-ts/hooks';
import { getLogger } from '@kea-ts/log';
import { formatIPv4Prefix } from '@kea-ts/util';
import { DBG, MSG } from '../messages.js';
import type { Exchange4 } from './context.js';

export interface Subnet4SelectArgs {
  query4: Pkt4;
  subnet4: Subnet4 | null;
  subnet4collection: readonly Subnet4[];
}
export const subnet4Select = defineHookPoint<Subnet4SelectArgs>('subnet4_select');

const BROADCAST = 0xffffffff;
const RAI_LINK_SELECTION = 5;
const DHO_SUBNET_SELECTION = 118;
const packetLog = getLogger('kea-dhcp4.packets');
const hooksLog = getLogger('kea-dhcp4.hooks');

function lowestId(list: readonly Subnet4[], accept: ((s: Subnet4) => boolean) | undefined): Subnet4 | null {
  let best: Subnet4 | null = null;
  for (const s of list) if ((best === null || s.id < best.id) && (!accept || accept(s))) best = s;
  return best;
}

/** Kea's Subnet4::clientSupported: the subnet's guard and its shared network's both pass. */
function guardFilter(classes: PacketClasses | null): ((s: Subnet4) => boolean) | undefined {
  if (classes === null) return undefined;
  return (s) =>
    guardAllows(s, classes) && (s.sharedNetwork === undefined || guardAllows(s.sharedNetwork, classes));
}

function u32(b: Buffer | undefined): number {
  return b !== undefined && b.length === 4 ? b.readUInt32BE(0) : 0;
}

/** The address a relay or client names to select the link (RFC 3527, RFC 3011); 0 for none. */
function optionSelect(q: Pkt4): number {
  try {
    const link = q.agentSubOption(RAI_LINK_SELECTION);
    if (link !== undefined && link.length === 4) return link.readUInt32BE(0);
  } catch {
    // a malformed option 82 selects nothing
  }
  return u32(q.getOption(DHO_SUBNET_SELECTION));
}

/** The pure selection, without hooks or logs (acceptDirectRequest calls it as a sanity check). */
export function selectSubnetFor(ex: Exchange4): Subnet4 | null {
  const config: Dhcp4Config = ex.srv.config;
  const lookups = config.lookups;
  const q = ex.q;
  const accept = guardFilter(ex.classes);
  const byAddress = (a: number) => lookups.subnetForAddress(a, accept) ?? null;
  const selected = optionSelect(q);
  if (selected !== 0) return byAddress(selected);
  const bcast = ex.ingress.localAddress === BROADCAST;
  let address = 0;
  if (q.giaddr !== 0) {
    const relayed = lowestId(lookups.subnetsByRelay(q.giaddr), accept);
    if (relayed !== null) return relayed;
    address = q.giaddr;
  } else if (q.ciaddr !== 0 && !bcast) {
    address = q.ciaddr;
  } else if (ex.ingress.remoteAddress !== 0 && !bcast) {
    address = ex.ingress.remoteAddress;
  } else {
    const byIface = lowestId(lookups.subnetsByInterface(ex.ingress.iface), accept);
    if (byIface !== null) return byIface;
    address = ex.srv.interfaceAddress(ex.ingress.iface) || ex.ingress.ifaceAddress;
  }
  return address === 0 ? null : byAddress(address);
}

export function subnetText(s: Subnet4): string {
  return formatIPv4Prefix({ address: s.network, length: s.prefixLength });
}

/** Selects the subnet of the exchange; false when a subnet4_select callout dropped the packet. */
export async function selectSubnet(ex: Exchange4): Promise<boolean> {
  let subnet = selectSubnetFor(ex);
  if (subnet4Select.callouts !== null) {
    const args: Subnet4SelectArgs = {
      query4: ex.q,
      subnet4: subnet,
      subnet4collection: ex.srv.config.subnets,
    };
    const h = await runCallouts(subnet4Select, args, ex.handle);
    if (h.next === NextStep.SKIP) {
      hooksLog.debug(DBG.HOOKS, MSG.DHCP4_HOOK_SUBNET4_SELECT_SKIP, ex);
      subnet = null;
    } else if (h.next === NextStep.DROP) {
      hooksLog.debug(DBG.HOOKS, MSG.DHCP4_HOOK_SUBNET4_SELECT_DROP, ex);
      return false;
    } else {
      subnet = args.subnet4;
    }
  }
  ex.subnet = subnet;
  if (subnet !== null) {
    packetLog.debug(DBG.BASIC_DATA, MSG.DHCP4_SUBNET_SELECTED, ex, subnet.id);
    if (packetLog.isDebugEnabled(DBG.DETAIL_DATA)) {
      packetLog.debug(DBG.DETAIL_DATA, MSG.DHCP4_SUBNET_DATA, ex, subnetText(subnet));
    }
  } else {
    packetLog.debug(DBG.DETAIL, MSG.DHCP4_SUBNET_SELECTION_FAILED, ex);
  }
  return true;
}
