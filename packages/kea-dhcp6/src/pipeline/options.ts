// Options of an answer (Kea's copyClientOptions, appendDefaultOptions, appendRequestedOptions):
// client-id echoed, server-id, then what the ORO asks for and what is always-send, from the most
// specific level that has it: host > pool (of the leased address or prefix) > subnet > shared
// network > the query's classes in their order > global.
import { Option6 } from '@kea-ts/dhcp';
import type { CfgOption } from '@kea-ts/dhcpsrv';
import { isBuiltInClass, naPoolFor, pdPoolFor } from '@kea-ts/dhcpsrv';
import { getLogger } from '@kea-ts/log';
import { DBG, MSG } from '../messages.js';
import type { Exchange6 } from './context.js';

const SPACE = 'dhcp6';
const serverLog = getLogger('kea-dhcp6.dhcp6');

/** Whether the client's ORO lists `code`. */
export function requested(ex: Exchange6, code: number): boolean {
  const oro = ex.q.getOption(Option6.ORO);
  if (oro === undefined) return false;
  for (let i = 0; i + 1 < oro.length; i += 2) if (oro.readUInt16BE(i) === code) return true;
  return false;
}

function levels(ex: Exchange6): (readonly CfgOption[])[] {
  const out: (readonly CfgOption[])[] = [];
  const subnet = ex.subnet;
  if (ex.host !== null && ex.host.options.length > 0) out.push(ex.host.options);
  if (subnet !== null) {
    for (const l of ex.offered) {
      const pool = l.type === 2 ? pdPoolFor(subnet, l.address) : naPoolFor(subnet, l.address);
      if (pool !== undefined && pool.options.length > 0) out.push(pool.options);
    }
    if (subnet.options.length > 0) out.push(subnet.options);
    const net = subnet.sharedNetwork;
    if (net !== undefined && net.options.length > 0) out.push(net.options);
  }
  classLevels(ex, out);
  if (ex.srv.config.options.length > 0) out.push(ex.srv.config.options);
  return out;
}

/** The option-data of the query's classes, in the order it got them (Kea's buildCfgOptionList). */
function classLevels(ex: Exchange6, out: (readonly CfgOption[])[]): void {
  const classes = ex.classes;
  const dict = ex.srv.config.classes;
  if (classes === null) return;
  const debug = serverLog.isDebugEnabled(DBG.BASIC);
  if (!dict.hasOptions && !debug) return;
  for (const name of classes.names) {
    const def = dict.get(name);
    if (def === undefined) {
      if (debug && !isBuiltInClass(name))
        serverLog.debug(DBG.BASIC, MSG.DHCP6_CLASS_UNCONFIGURED, ex.label, name);
    } else if (def.options.length > 0) out.push(def.options);
  }
}

export function copyClientOptions(ex: Exchange6): void {
  const resp = ex.response!;
  const cid = ex.q.getOption(Option6.CLIENTID);
  if (cid !== undefined) resp.setOption(Option6.CLIENTID, cid);
}

export function appendDefaultOptions(ex: Exchange6): void {
  ex.response!.setOption(Option6.SERVERID, ex.srv.serverDuid);
}

export function appendRequestedOptions(ex: Exchange6): void {
  const resp = ex.response!;
  const lv = levels(ex);
  if (lv.length === 0) return;
  const wanted: number[] = [];
  const oro = ex.q.getOption(Option6.ORO);
  if (oro !== undefined) for (let i = 0; i + 1 < oro.length; i += 2) wanted.push(oro.readUInt16BE(i));
  for (const level of lv) for (const o of level) if (o.alwaysSend && o.space === SPACE) wanted.push(o.code);
  for (const code of wanted) {
    if (resp.hasOption(code)) continue;
    for (const level of lv) {
      const o = level.find((x) => x.code === code && x.space === SPACE);
      if (o !== undefined) {
        resp.setOption(code, o.payload);
        break;
      }
    }
  }
}
