// Client classification of a DHCPv6 query, in Kea 2.2's passes: early (ALL, VENDOR_CLASS_<first
// vendor-class tuple of option 16>, then each class test not waiting for KNOWN/UNKNOWN), the DROP
// check after pkt6_receive, the pass of Kea's initContext after subnet selection (reservation
// classes, KNOWN or UNKNOWN, the tests reading them, DHCP6_CLASS_ASSIGNED, DROP again), and the
// required classes of the shared network, subnet and the pools of what the answer gives.
import { Option6 } from '@kea-ts/dhcp';
import {
  addReservedClassesLate,
  type ClassifyLog,
  type EvalContext,
  naPoolFor,
  PacketClasses,
  pdPoolFor,
  reservedClassesNow,
  runAfterHostPass,
  runClassPass,
  runRequiredClasses,
} from '@kea-ts/dhcpsrv';
import { getLogger } from '@kea-ts/log';
import { tryParseIPv6 } from '@kea-ts/util';
import { DBG, MSG } from '../messages.js';
import type { Exchange6 } from './context.js';
import { findHost } from './host.js';

const serverLog = getLogger('kea-dhcp6.dhcp6');
const packetLog = getLogger('kea-dhcp6.packets');
const LOG: ClassifyLog = {
  log: serverLog,
  // Kea 2.2's DHCPv6 server writes EVAL_RESULT to its main logger (the DHCPv4 one to .options).
  evalLog: serverLog,
  basic: DBG.BASIC,
  detail: DBG.DETAIL,
  undefinedId: MSG.DHCP6_CLASS_UNDEFINED,
  untestableId: MSG.DHCP6_CLASS_UNTESTABLE,
  assignedId: MSG.DHCP6_CLASS_ASSIGNED,
};
const ANY6 = Buffer.alloc(16);

function address(text: string): Buffer {
  const a = tryParseIPv6(text.replace(/%.*$/, ''));
  return a === null ? ANY6 : Buffer.from(a);
}

function evalContext(ex: Exchange6, classes: PacketClasses): EvalContext {
  const i = ex.ingress;
  return {
    pkt: ex.q,
    iface: i.iface,
    remoteAddr: address(i.remoteAddress),
    localAddr: address(i.localAddress),
    classes,
  };
}

/** Kea's classifyByVendor: the data of the first tuple of the vendor-class option. */
function vendorClass(ex: Exchange6): string | undefined {
  const v = ex.q.getOption(Option6.VENDOR_CLASS);
  if (v === undefined || v.length < 6) return undefined;
  const len = v.readUInt16BE(4);
  if (6 + len > v.length) return undefined;
  return v.toString('latin1', 6, 6 + len);
}

export function classifyEarly(ex: Exchange6): void {
  const classes = new PacketClasses();
  ex.classes = classes;
  classes.add('ALL');
  const vendor = vendorClass(ex);
  if (vendor !== undefined) classes.add(`VENDOR_CLASS_${vendor}`);
  runClassPass(ex.srv.config.classes.early, () => evalContext(ex, classes), classes, LOG);
}

/** The DROP check after pkt6_receive; false when the packet is dropped. */
export function dropClass(ex: Exchange6): boolean {
  if (ex.classes === null || !ex.classes.has('DROP')) return true;
  packetLog.debug(DBG.BASIC, MSG.DHCP6_PACKET_DROP_DROP_CLASS, ex);
  ex.srv.stats.receiveDrop.add(1);
  return false;
}

/** Kea's initContext after subnet selection; false when the packet is now in DROP. */
export function classifyKnown(ex: Exchange6): boolean {
  const classes = ex.classes ?? new PacketClasses();
  ex.classes = classes;
  const host = findHost(ex);
  ex.host = host;
  const dict = ex.srv.config.classes;
  const reserved = reservedClassesNow(host, ex.subnet?.sharedNetwork !== undefined);
  const ctx = () => evalContext(ex, classes);
  if (!runAfterHostPass(dict, classes, host !== null, reserved, ctx, LOG, ex)) return true;
  packetLog.debug(DBG.PKT_HANDLING, MSG.DHCP6_PACKET_DROP_DROP_CLASS2, ex);
  ex.srv.stats.receiveDrop.add(1);
  return false;
}

/** Kea's requiredClassify: shared network, subnet, then the pool of each address or prefix given. */
export function classifyRequired(ex: Exchange6): void {
  const subnet = ex.subnet;
  const classes = ex.classes;
  if (subnet === null || classes === null) return;
  addReservedClassesLate(ex.host, subnet.sharedNetwork !== undefined, classes);
  // Without any class defined, a required class can only be reported undefined (a debug line).
  if (ex.srv.config.classes.size === 0 && !serverLog.isDebugEnabled(DBG.BASIC)) return;
  const lists: (readonly string[])[] = [subnet.sharedNetwork?.requireClasses ?? [], subnet.requireClasses];
  for (const l of ex.offered) {
    const pool = l.type === 2 ? pdPoolFor(subnet, l.address) : naPoolFor(subnet, l.address);
    if (pool !== undefined) lists.push(pool.requireClasses);
  }
  runRequiredClasses(ex.srv.config.classes, lists, () => evalContext(ex, classes), classes, LOG);
}
