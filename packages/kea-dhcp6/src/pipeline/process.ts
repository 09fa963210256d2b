// The way of one datagram through the steps, in Kea's order: receive/parse, early classes, accept,
// the DROP class, select subnet, classes after the host lookup,
// dispatch by message type (IA handling per IA_NA / IA_PD), options, pack (re-wrapped in RELAY-REPL
// layers by Pkt6.reply), the pkt6-*-sent counters and where the answer goes.
import { MessageType6, messageType6Name, Option6, Pkt6 } from '@kea-ts/dhcp';
import { NextStep, runCallouts } from '@kea-ts/hooks';
import { getLogger } from '@kea-ts/log';
import { DBG, MSG } from '../messages.js';
import { accept } from './accept.js';
import { assignIa, extendIa } from './assign.js';
import { classifyEarly, classifyKnown, classifyRequired, dropClass } from './classify.js';
import {
  ddns6Update,
  ddns6UpdateHook,
  finishClientFqdn,
  noteIaNa,
  processClientFqdn,
  queueNameChanges,
} from './client-fqdn.js';
import { processConfirm } from './confirm.js';
import type { Exchange6 } from './context.js';
import { processDecline } from './decline.js';
import { buffer6Send, leases6Committed, type Pkt6SendArgs, pkt6Send } from './hook-points.js';
import { fetchDbHosts, findHost } from './host.js';
import { appendDefaultOptions, appendRequestedOptions, copyClientOptions } from './options.js';
import { receive } from './receive.js';
import { processRelease } from './release.js';
import { selectSubnet } from './select-subnet.js';
import { readIas } from './wire6.js';

const M = MessageType6;
const packetLog = getLogger('kea-dhcp6.packets');
const optionsLog = getLogger('kea-dhcp6.options');
const hooksLog = getLogger('kea-dhcp6.hooks');

/** Where an answer goes: the relay (server port, or its relay-source-port) or the client. */
export interface Destination6 {
  iface: string;
  address: string;
  port: number;
}

export async function admit(ex: Exchange6): Promise<boolean> {
  if (!(await receive(ex))) return false;
  classifyEarly(ex);
  return (await accept(ex)) && dropClass(ex);
}

async function leases(ex: Exchange6, fake: boolean, extend: boolean): Promise<void> {
  const resp = ex.response!;
  // The client's name first: the leases take its hostname and update directions.
  processClientFqdn(ex);
  if (ddns6UpdateHook.callouts !== null && ex.fqdnResp !== null) await ddns6Update(ex);
  for (const code of [Option6.IA_NA, Option6.IA_PD]) {
    for (const ia of readIas(ex.q, code)) {
      const out = extend ? await extendIa(ex, ia) : await assignIa(ex, ia, fake);
      if (code === Option6.IA_NA) noteIaNa(ex, out);
      resp.addOption(code, out.encode());
    }
  }
}

/** Builds the answer in ex.response; false when the query gets none. */
async function build(ex: Exchange6): Promise<boolean> {
  const q = ex.q;
  switch (q.msgType) {
    case M.SOLICIT: {
      const rapid = q.hasOption(Option6.RAPID_COMMIT) && ex.subnet?.rapidCommit === true;
      ex.response = Pkt6.reply(q, rapid ? M.REPLY : M.ADVERTISE);
      if (rapid) {
        packetLog.debug(DBG.DETAIL, MSG.DHCP6_RAPID_COMMIT, ex);
        ex.response.setOption(Option6.RAPID_COMMIT, Buffer.alloc(0));
      }
      ex.committed = rapid;
      await leases(ex, !rapid, false);
      break;
    }
    case M.REQUEST:
      ex.response = Pkt6.reply(q, M.REPLY);
      await leases(ex, false, false);
      break;
    case M.RENEW:
    case M.REBIND:
      ex.response = Pkt6.reply(q, M.REPLY);
      await leases(ex, false, true);
      break;
    case M.RELEASE:
      ex.response = Pkt6.reply(q, M.REPLY);
      await processRelease(ex);
      break;
    case M.DECLINE:
      ex.response = Pkt6.reply(q, M.REPLY);
      if (!(await processDecline(ex))) return false;
      break;
    case M.CONFIRM:
      ex.response = Pkt6.reply(q, M.REPLY);
      if (!processConfirm(ex)) return false;
      break;
    case M.INFORMATION_REQUEST:
      ex.response = Pkt6.reply(q, M.REPLY);
      break;
    default:
      return false;
  }
  if (q.msgType !== M.SOLICIT) ex.committed = q.msgType !== M.CONFIRM && q.msgType !== M.INFORMATION_REQUEST;
  ex.host = findHost(ex);
  classifyRequired(ex);
  copyClientOptions(ex);
  appendDefaultOptions(ex);
  appendRequestedOptions(ex);
  if (ex.fqdnResp !== null) {
    // Kea names the leases of a REPLY only (an ADVERTISE, even a rapid-commit REPLY, keeps the name).
    const t = q.msgType;
    await finishClientFqdn(ex, t === M.REQUEST || t === M.RENEW || t === M.REBIND);
    if (ex.response.msgType === M.REPLY) queueNameChanges(ex);
  }
  return true;
}

export function destination(ex: Exchange6): Destination6 {
  const q = ex.q;
  const i = ex.ingress;
  if (q.relays.length > 0) {
    const rsp = q.relays[0]!.options.some((o) => o.code === Option6.RELAY_SOURCE_PORT);
    return { iface: i.iface, address: i.remoteAddress, port: rsp ? i.remotePort : ex.srv.serverPort || 547 };
  }
  return { iface: i.iface, address: i.remoteAddress, port: ex.srv.clientPort || 546 };
}

/** Handles an admitted query: the answer's bytes, or null. */
export async function handle(ex: Exchange6): Promise<Buffer | null> {
  if (!(await selectSubnet(ex))) {
    ex.srv.stats.receiveDrop.add(1);
    return null;
  }
  // Only with a hosts database: the client's database hosts, fetched once for every step.
  if (ex.srv.hostMgr !== null) await fetchDbHosts(ex);
  if (!classifyKnown(ex)) return null;
  if (!(await build(ex))) return null;
  const resp = ex.response!;
  if (ex.committed && leases6Committed.callouts !== null) {
    const args = { query6: ex.q, leases6: ex.leases, deleted_leases6: ex.deleted };
    const h = await runCallouts(leases6Committed, args, ex.handle);
    if (h.next === NextStep.DROP) {
      hooksLog.debug(DBG.HOOKS, MSG.DHCP6_HOOK_LEASES6_COMMITTED_DROP, ex);
      return null;
    }
  }
  let wire: Buffer | null = null;
  if (pkt6Send.callouts !== null) {
    const args: Pkt6SendArgs = { query6: ex.q, response6: resp, buffer6: null };
    const h = await runCallouts(pkt6Send, args, ex.handle);
    if (h.next === NextStep.DROP) {
      hooksLog.debug(DBG.HOOKS, MSG.DHCP6_HOOK_PACKET_SEND_DROP, ex);
      return null;
    }
    if (h.next === NextStep.SKIP) {
      hooksLog.debug(DBG.HOOKS, MSG.DHCP6_HOOK_PACKET_SEND_SKIP, ex);
      wire = args.buffer6;
      if (wire === null) return null;
    }
  }
  if (wire === null) {
    try {
      wire = resp.pack();
    } catch (err) {
      optionsLog.error(MSG.DHCP6_PACK_FAIL, (err as Error).message);
      return null;
    }
  }
  if (buffer6Send.callouts !== null) {
    const args = { response6: resp, buffer6: wire };
    const h = await runCallouts(buffer6Send, args, ex.handle);
    if (h.next === NextStep.SKIP || h.next === NextStep.DROP) {
      hooksLog.debug(DBG.HOOKS, MSG.DHCP6_HOOK_BUFFER_SEND_SKIP, ex);
      return null;
    }
    wire = args.buffer6;
  }
  if (packetLog.isDebugEnabled(DBG.BASIC)) {
    const d = destination(ex);
    packetLog.debug(
      DBG.BASIC,
      MSG.DHCP6_PACKET_SEND,
      ex,
      messageType6Name(resp.msgType),
      resp.msgType,
      ex.ingress.localAddress,
      ex.srv.serverPort || 547,
      d.address,
      d.port,
      d.iface,
    );
  }
  ex.srv.stats.countSent(resp.msgType);
  return wire;
}
