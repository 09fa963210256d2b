// Client classification of a query, in Kea 2.2's passes: early (ALL, VENDOR_CLASS_<option 60>, then
// each class test not waiting for KNOWN/UNKNOWN, before accept), the DROP check after pkt4_receive,
// the pass after the host lookup (reservation classes, KNOWN or UNKNOWN, tests that read them, then
// DHCP4_CLASS_ASSIGNED and the second DROP check), and the required classes of the shared network,
// subnet and pool once the address is known.
import {
  addReservedClassesLate,
  type ClassifyLog,
  type EvalContext,
  PacketClasses,
  reservedClassesNow,
  runAfterHostPass,
  runClassPass,
  runRequiredClasses,
} from '@kea-ts/dhcpsrv';
import { getLogger } from '@kea-ts/log';
import { packetText } from '../label.js';
import { DBG, MSG } from '../messages.js';
import type { Exchange4 } from './context.js';
import { findHost } from './host.js';

const DHO_VENDOR_CLASS_IDENTIFIER = 60;
const serverLog = getLogger('kea-dhcp4.dhcp4');
const packetLog = getLogger('kea-dhcp4.packets');

function ipv4Bytes(a: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(a >>> 0, 0);
  return b;
}

/** What the compiled tests read: the query, its socket data and the classes so far. */
function evalContext(ex: Exchange4, classes: PacketClasses): EvalContext {
  const i = ex.ingress;
  return {
    pkt: ex.q,
    iface: i.iface,
    remoteAddr: ipv4Bytes(i.remoteAddress),
    localAddr: ipv4Bytes(i.localAddress),
    classes,
  };
}

const LOG: ClassifyLog = {
  log: serverLog,
  evalLog: getLogger('kea-dhcp4.options'),
  basic: DBG.BASIC,
  detail: DBG.DETAIL,
  undefinedId: MSG.DHCP4_CLASS_UNDEFINED,
  untestableId: MSG.DHCP4_CLASS_UNTESTABLE,
  assignedId: MSG.DHCP4_CLASS_ASSIGNED,
};

/** Kea's classifyPacket: ALL, the vendor class, then every early class test in definition order. */
export function classifyEarly(ex: Exchange4): void {
  const classes = new PacketClasses();
  ex.classes = classes;
  classes.add('ALL');
  const vendor = ex.q.getOption(DHO_VENDOR_CLASS_IDENTIFIER);
  if (vendor !== undefined && vendor.length > 0) {
    // Kea's string options drop trailing NULs.
    let end = vendor.length;
    while (end > 0 && vendor[end - 1] === 0) end--;
    classes.add(`VENDOR_CLASS_${vendor.toString('latin1', 0, end)}`);
  }
  runClassPass(ex.srv.config.classes.early, () => evalContext(ex, classes), classes, LOG);
}

/** The DROP check after pkt4_receive; false when the packet is dropped. */
export function dropClass(ex: Exchange4): boolean {
  if (ex.classes === null || !ex.classes.has('DROP')) return true;
  dropLog(ex, MSG.DHCP4_PACKET_DROP_0010);
  return false;
}

function dropLog(ex: Exchange4, id: string): void {
  if (packetLog.isDebugEnabled(DBG.BASIC)) {
    const i = ex.ingress;
    const text = packetText(ex.q, i.localAddress, ex.srv.serverPort || 67, i.remoteAddress, i.remotePort);
    packetLog.debug(DBG.BASIC, id, text);
  }
  ex.srv.stats.receiveDrop.add(1);
}

/**
 * The pass Kea runs when it builds the exchange: host lookup in the selected subnet, reservation
 * classes, KNOWN or UNKNOWN, the tests that depend on them; false when the packet is now in DROP.
 */
export function classifyKnown(ex: Exchange4): boolean {
  const classes = ex.classes ?? new PacketClasses();
  ex.classes = classes;
  const host = ex.subnet !== null ? findHost(ex.srv.config, ex.subnet, ex.q, ex.dbHosts) : null;
  ex.host = host;
  const dict = ex.srv.config.classes;
  const reserved = reservedClassesNow(host, ex.subnet?.sharedNetwork !== undefined);
  const ctx = () => evalContext(ex, classes);
  if (!runAfterHostPass(dict, classes, host !== null, reserved, ctx, LOG, ex)) return true;
  dropLog(ex, MSG.DHCP4_PACKET_DROP_0012);
  return false;
}

/**
 * Kea's requiredClassify: the require-client-classes of the shared network, the subnet and the
 * pool of the address given, in that order, each evaluated once (a class without a test is
 * simply assigned).
 */
export function classifyRequired(ex: Exchange4): void {
  const subnet = ex.subnet;
  const classes = ex.classes;
  if (subnet === null || classes === null) return;
  const network = subnet.sharedNetwork;
  addReservedClassesLate(ex.host, network !== undefined, classes);
  // Without any class defined, a required class can only be reported undefined (a debug line).
  if (ex.srv.config.classes.size === 0 && !serverLog.isDebugEnabled(DBG.BASIC)) return;
  const yiaddr = ex.response?.yiaddr ?? 0;
  const pool = yiaddr !== 0 ? subnet.pools.find((p) => p.first <= yiaddr && yiaddr <= p.last) : undefined;
  const lists = [network?.requireClasses ?? [], subnet.requireClasses, pool?.requireClasses ?? []];
  runRequiredClasses(ex.srv.config.classes, lists, () => evalContext(ex, classes), classes, LOG);
}
