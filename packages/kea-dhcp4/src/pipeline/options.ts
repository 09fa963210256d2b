// Options assembly of an answer (Kea's buildCfgOptionList, appendRequestedOptions, appendBasicOptions,
// setFixedFields and appendServerID). Precedence: host reservation > pool > subnet > shared network >
// the query's classes in their order > global; boot fields: reservation > classes > subnet. Options already in the answer (lease time, mask, echoed 82...)
// are never replaced by configured ones.
import { type CfgOption, isBuiltInClass } from '@kea-ts/dhcpsrv';
import { getLogger } from '@kea-ts/log';
import { DBG, MSG } from '../messages.js';
import type { Exchange4 } from './context.js';

const BROADCAST = 0xffffffff;
const serverLog = getLogger('kea-dhcp4.dhcp4');
const DHCP4_SPACE = 'dhcp4';
/** Sent whenever configured, asked for or not (Kea's appendBasicOptions). */
const BASIC_OPTIONS = [3, 6, 15, 54];
const DHO_PRL = 55;

/** The option levels that apply to the answer, most specific first. */
export function optionLevels(ex: Exchange4): (readonly CfgOption[])[] {
  const subnet = ex.subnet;
  if (subnet === null) return [];
  const levels: (readonly CfgOption[])[] = [];
  if (ex.host !== null && ex.host.options.length > 0) levels.push(ex.host.options);
  const yiaddr = ex.response?.yiaddr ?? 0;
  if (yiaddr !== 0) {
    const pool = subnet.pools.find((p) => p.first <= yiaddr && yiaddr <= p.last);
    if (pool !== undefined && pool.options.length > 0) levels.push(pool.options);
  }
  if (subnet.options.length > 0) levels.push(subnet.options);
  const network = subnet.sharedNetwork;
  if (network !== undefined && network.options.length > 0) levels.push(network.options);
  classLevels(ex, levels);
  if (ex.srv.config.options.length > 0) levels.push(ex.srv.config.options);
  return levels;
}

/** The option-data of the query's classes, in the order the query got them (Kea's buildCfgOptionList). */
function classLevels(ex: Exchange4, levels: (readonly CfgOption[])[]): void {
  const classes = ex.classes;
  const dict = ex.srv.config.classes;
  if (classes === null) return;
  const debug = serverLog.isDebugEnabled(DBG.BASIC);
  if (!dict.hasOptions && !debug) return;
  for (const name of classes.names) {
    const def = dict.get(name);
    if (def === undefined) {
      if (debug && !isBuiltInClass(name)) serverLog.debug(DBG.BASIC, MSG.DHCP4_CLASS_UNCONFIGURED, ex, name);
      continue;
    }
    if (def.options.length > 0) levels.push(def.options);
  }
}

function find(levels: readonly (readonly CfgOption[])[], code: number): CfgOption | undefined {
  for (const level of levels) {
    for (const o of level) if (o.code === code && o.space === DHCP4_SPACE) return o;
  }
  return undefined;
}

/** Requested (option 55), always-send and basic options from the configuration. */
export function appendOptions(ex: Exchange4): void {
  const resp = ex.response;
  if (resp === null || ex.subnet === null) return;
  const levels = optionLevels(ex);
  if (levels.length === 0) return;
  const wanted: number[] = [];
  const prl = ex.q.getOption(DHO_PRL);
  if (prl !== undefined) for (const code of prl) wanted.push(code);
  for (const level of levels) {
    for (const o of level) if (o.alwaysSend && o.space === DHCP4_SPACE) wanted.push(o.code);
  }
  for (const code of wanted) {
    if (code === 0 || code === 255 || resp.hasOption(code)) continue;
    const o = find(levels, code);
    if (o !== undefined) resp.setOption(code, o.payload);
  }
  for (const code of BASIC_OPTIONS) {
    if (resp.hasOption(code)) continue;
    const o = find(levels, code);
    if (o !== undefined) resp.setOption(code, o.payload);
  }
}

/** siaddr, sname and file from the subnet's (inherited) values, then from the reservation. */
export function setFixedFields(ex: Exchange4): void {
  const resp = ex.response;
  const subnet = ex.subnet;
  if (resp === null) return;
  if (subnet !== null) {
    const p = subnet.effective;
    if (p['next-server'] !== 0) resp.siaddr = p['next-server'];
    if (p['server-hostname'] !== '') resp.sname = Buffer.from(p['server-hostname'], 'latin1');
    if (p['boot-file-name'] !== '') resp.file = Buffer.from(p['boot-file-name'], 'latin1');
  }
  classFixedFields(ex);
  const host = ex.host;
  if (host !== null) {
    if (host.nextServer !== 0) resp.siaddr = host.nextServer;
    if (host.serverHostname !== '') resp.sname = Buffer.from(host.serverHostname, 'latin1');
    if (host.bootFileName !== '') resp.file = Buffer.from(host.bootFileName, 'latin1');
  }
}

/** Kea's setFixedFields step 2: per field, the first of the query's classes that sets it. */
function classFixedFields(ex: Exchange4): void {
  const resp = ex.response!;
  const classes = ex.classes;
  const dict = ex.srv.config.classes;
  if (classes === null || dict.size === 0) return;
  let siaddr = 0;
  let sname = '';
  let file = '';
  for (const name of classes.names) {
    const def = dict.get(name);
    if (def === undefined) continue;
    if (siaddr === 0 && def.nextServer !== 0) {
      siaddr = def.nextServer;
      resp.siaddr = siaddr;
    }
    if (sname === '' && def.serverHostname !== '') {
      sname = def.serverHostname;
      resp.sname = Buffer.from(sname, 'latin1');
    }
    if (file === '' && def.bootFileName !== '') {
      file = def.bootFileName;
      resp.file = Buffer.from(file, 'latin1');
    }
  }
}

/** The server's own address on the link, unless the configuration set option 54. */
export function appendServerId(ex: Exchange4): void {
  const resp = ex.response;
  if (resp === null || resp.hasOption(54)) return;
  const local = ex.ingress.localAddress;
  const address = local === BROADCAST || local === 0 ? ex.ingress.ifaceAddress : local;
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(address >>> 0, 0);
  resp.setOption(54, b);
}

/** Kea's Dhcpv4Exchange::copyDefaultOptions: client id (echo-client-id), option 82 and 118 echoed. */
export function copyDefaultOptions(ex: Exchange4): void {
  const resp = ex.response;
  if (resp === null) return;
  const q = ex.q;
  const cid = q.getOption(61);
  if (cid !== undefined && ex.srv.echoClientId) resp.setOption(61, cid);
  const rai = q.getOption(82);
  if (rai !== undefined && rai.length > 0) resp.setOption(82, rai);
  const sel = q.getOption(118);
  if (sel !== undefined) resp.setOption(118, sel);
}
