// The lease-level steps of Kea 2.2's v4 engine: create a lease for a free address (lease4_select),
// take over an expired one, renew the client's own lease (lease4_renew) with cache-threshold /
// cache-max-age reuse, and the valid lifetime rule. Statistics move exactly where Kea moves them.

import { defineHookPoint, NextStep, runCallouts } from '@kea-ts/hooks';
import { tripletGet } from '../cfg/classes.js';
import type { Subnet4 } from '../cfg/types.js';
import {
  isLeaseExpired,
  LEASE_STATE_DEFAULT,
  LEASE_STATE_EXPIRED_RECLAIMED,
  type Lease4,
} from '../lease/lease.js';
import { DBG_TRACE, DBG_TRACE_DETAIL_DATA, ALLOC_MESSAGES as M } from './alloc-messages.js';
import { fmt, reclaimLease } from './reclaim.js';
import { INFINITY_LFT, type Lease4RenewArgs, type Lease4SelectArgs } from './types.js';
import { type AllocEnv, type Work, workLabel } from './work.js';

export const lease4SelectHook = defineHookPoint<Lease4SelectArgs>('lease4_select');
export const lease4RenewHook = defineHookPoint<Lease4RenewArgs>('lease4_renew');

/** Kea's getValidLft: BOOTP gets infinity; a client's hint is clamped to min/max-valid-lifetime. */
export function validLifetime(work: Work): number {
  if (work.ctx.bootp === true) return INFINITY_LFT;
  const p = work.subnet.effective;
  const hint = work.ctx.validLifetimeHint ?? 0;
  // A class's triplet, when the packet has a class with one, replaces the subnet's (Kea's getValidLft).
  const cls = work.ctx.classValid;
  if (cls !== undefined) return tripletGet(cls, hint);
  if (hint > 0) {
    if (hint <= p['min-valid-lifetime']) return p['min-valid-lifetime'];
    if (hint >= p['max-valid-lifetime']) return p['max-valid-lifetime'];
    return hint;
  }
  return p['valid-lifetime'];
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === b || (a !== null && b !== null && a.equals(b));
}

/** Kea's Lease4::belongsToClient. */
export function belongsToClient(
  lease: Readonly<Lease4>,
  hwaddr: Buffer | null,
  htype: number,
  clientId: Buffer | null,
): boolean {
  if (sameBytes(clientId, lease.clientId)) return true;
  if (clientId === null || lease.clientId === null) {
    return hwaddr === null
      ? lease.hwaddr === null
      : lease.hwaddr !== null && lease.htype === htype && hwaddr.equals(lease.hwaddr);
  }
  return false;
}

function matchedClientId(work: Work): Buffer | null {
  return work.subnet.effective['match-client-id'] ? work.ctx.clientId : null;
}

/** Kea's updateLease4ExtendedInfo: option 82 kept in user-context ISC.relay-agent-info. */
function extendedInfo(lease: Lease4, work: Work): boolean {
  const rai = work.ctx.relayAgentInfo;
  if (!work.subnet.effective['store-extended-info'] || rai === undefined || rai === null) return false;
  const text = `0x${rai.toString('hex').toUpperCase()}`;
  const ctx = lease.userContext ?? {};
  const isc = ctx.ISC as { 'relay-agent-info'?: unknown } | undefined;
  if (isc !== undefined && isc['relay-agent-info'] === text && Object.keys(isc).length === 1) return false;
  lease.userContext = { ...ctx, ISC: { 'relay-agent-info': text } };
  return true;
}

/** Kea's updateLease4Information; true when something significant changed. */
function updateInformation(lease: Lease4, work: Work, current: Readonly<Lease4>): boolean {
  const c = work.ctx;
  let changed = false;
  if (lease.subnetId !== work.subnet.id) {
    changed = true;
    lease.subnetId = work.subnet.id;
  }
  if (!sameBytes(c.hwaddr, lease.hwaddr) || (c.hwaddr !== null && c.htype !== lease.htype)) {
    changed = true;
    lease.hwaddr = c.hwaddr;
    lease.htype = c.htype;
  }
  const cid = matchedClientId(work);
  if (cid !== null) {
    if (!sameBytes(cid, lease.clientId)) {
      changed = true;
      lease.clientId = cid;
    }
  } else if (lease.clientId !== null) {
    changed = true;
    lease.clientId = null;
  }
  lease.cltt = work.now;
  lease.validLifetime = validLifetime(work);
  if (lease.validLifetime < current.validLifetime) changed = true;
  if (lease.fqdnFwd !== c.fqdnFwd || lease.fqdnRev !== c.fqdnRev || lease.hostname !== c.hostname) {
    changed = true;
    lease.fqdnFwd = c.fqdnFwd;
    lease.fqdnRev = c.fqdnRev;
    lease.hostname = c.hostname;
  }
  if (extendedInfo(lease, work)) changed = true;
  return changed;
}

/** Kea's setLeaseReusable: the remaining lifetime the client may keep, or 0. */
function reusableLifetime(lease: Lease4, current: Readonly<Lease4>, subnet: Subnet4): number {
  if (lease.state !== LEASE_STATE_DEFAULT) return 0;
  if (lease.validLifetime === INFINITY_LFT) return INFINITY_LFT;
  if (lease.cltt < current.cltt) return 0;
  const age = lease.cltt - current.cltt;
  if (age >= current.validLifetime) return 0;
  const p = subnet.effective;
  let maxAge = 0;
  if (p['cache-max-age'] !== undefined) {
    maxAge = p['cache-max-age'];
    if (maxAge === 0 || age > maxAge) return 0;
  }
  if (p['cache-threshold'] !== undefined) {
    const t = p['cache-threshold'];
    if (t <= 0 || t > 1) return 0;
    maxAge = Math.floor(lease.validLifetime * t);
    if (age > maxAge) return 0;
  }
  return maxAge === 0 ? 0 : current.validLifetime - age;
}

function countAssigned(env: AllocEnv, subnetId: number): void {
  env.stats.subnet(subnetId, 'assigned-addresses', 1);
  env.stats.subnet(subnetId, 'cumulative-assigned-addresses', 1);
  env.stats.add('cumulative-assigned-addresses', 1);
}

/** Runs lease4_select; returns the (possibly replaced) lease, or null on SKIP. */
async function select(env: AllocEnv, work: Work, lease: Lease4): Promise<Lease4 | null> {
  if (lease4SelectHook.callouts === null) return lease;
  const args: Lease4SelectArgs = {
    query4: work.ctx.query4 ?? null,
    subnet4: work.subnet,
    fake_allocation: work.ctx.fakeAllocation,
    lease4: lease,
  };
  const h = await runCallouts(lease4SelectHook, args, work.ctx.calloutHandle);
  if (h.next === NextStep.SKIP) {
    work.selectSkipped = true;
    if (env.log.isDebugEnabled(DBG_TRACE)) env.log.debug(DBG_TRACE, M.DHCPSRV_HOOK_LEASE4_SELECT_SKIP);
    return null;
  }
  return h.args.lease4;
}

/** Kea's createLease4: a new lease for a free address; stored unless this is an offer. */
export async function createLease(env: AllocEnv, work: Work, address: number): Promise<Lease4 | null> {
  const c = work.ctx;
  const fresh: Lease4 = {
    address,
    hwaddr: c.hwaddr,
    htype: c.htype,
    clientId: matchedClientId(work),
    validLifetime: validLifetime(work),
    cltt: work.now,
    subnetId: work.subnet.id,
    fqdnFwd: c.fqdnFwd,
    fqdnRev: c.fqdnRev,
    hostname: c.hostname,
    state: LEASE_STATE_DEFAULT,
    userContext: null,
  };
  extendedInfo(fresh, work);
  const lease = await select(env, work, fresh);
  if (lease === null || c.fakeAllocation) return lease;
  // false: another packet in flight took the address first.
  if (!(await env.leaseMgr.add(lease))) return null;
  countAssigned(env, work.subnet.id);
  return lease;
}

/** Kea's reuseExpiredLease4: an expired (or reclaimed, or recovered declined) lease taken over. */
export async function reuseExpired(
  env: AllocEnv,
  work: Work,
  expired: Readonly<Lease4>,
): Promise<Lease4 | null> {
  const c = work.ctx;
  const lease: Lease4 = { ...expired };
  if (!c.fakeAllocation) {
    if (expired.state !== LEASE_STATE_EXPIRED_RECLAIMED)
      await reclaimLease(env, expired, 'leave', c.calloutHandle);
    lease.state = LEASE_STATE_DEFAULT;
  }
  updateInformation(lease, work, expired);
  if (env.log.isDebugEnabled(DBG_TRACE_DETAIL_DATA)) {
    env.log.debug(
      DBG_TRACE_DETAIL_DATA,
      M.ALLOC_ENGINE_V4_REUSE_EXPIRED_LEASE_DATA,
      workLabel(work),
      fmt(lease.address),
    );
  }
  const chosen = await select(env, work, lease);
  if (chosen === null || c.fakeAllocation) return chosen;
  await env.leaseMgr.update(chosen);
  countAssigned(env, work.subnet.id);
  return chosen;
}

/**
 * Kea's allocateOrReuseLease4: the candidate is free, expired (taken over) or in use (conflict).
 * `stored` is the candidate's lease when the caller has just read it (null: none), saving a round
 * trip to an SQL database; a row another server adds meanwhile makes the insert lose, as it would anyway.
 */
export async function allocateOrReuse(
  env: AllocEnv,
  work: Work,
  candidate: number,
  stored?: Readonly<Lease4> | null,
): Promise<Lease4 | null> {
  work.conflicting = null;
  const exist = stored !== undefined ? stored : await env.leaseMgr.get(candidate);
  if (exist === null) return createLease(env, work, candidate);
  if (isLeaseExpired(exist, work.now)) {
    // The reclamation below removes its DNS entries; the old lease must not name them again.
    work.oldLease = { ...exist, hostname: '', fqdnFwd: false, fqdnRev: false };
    return reuseExpired(env, work, exist);
  }
  work.conflicting = exist;
  return null;
}

/** Kea's renewLease4: the client's own lease extended (or reused under the cache settings). */
export async function renewLease(env: AllocEnv, work: Work, current: Readonly<Lease4>): Promise<Lease4> {
  const c = work.ctx;
  work.oldLease = { ...current };
  let lease: Lease4 = { ...current };
  const changed = updateInformation(lease, work, current);
  const reuse = changed ? 0 : reusableLifetime(lease, current, work.subnet);
  const wasExpired = isLeaseExpired(current, work.now);
  if (!c.fakeAllocation) {
    if (wasExpired && current.state !== LEASE_STATE_EXPIRED_RECLAIMED) {
      await reclaimLease(env, current, 'leave', c.calloutHandle);
    }
    lease.state = LEASE_STATE_DEFAULT;
  }
  let skip = false;
  if (lease4RenewHook.callouts !== null) {
    const args: Lease4RenewArgs = {
      query4: c.query4 ?? null,
      subnet4: work.subnet,
      clientid: matchedClientId(work),
      hwaddr: c.hwaddr,
      lease4: lease,
    };
    const h = await runCallouts(lease4RenewHook, args, c.calloutHandle);
    lease = h.args.lease4;
    if (h.next === NextStep.SKIP) {
      skip = true;
      if (env.log.isDebugEnabled(DBG_TRACE)) env.log.debug(DBG_TRACE, M.DHCPSRV_HOOK_LEASE4_RENEW_SKIP);
    }
  }
  if (!c.fakeAllocation && !skip && reuse === 0) {
    await env.leaseMgr.update(lease);
    if (wasExpired || current.state === LEASE_STATE_EXPIRED_RECLAIMED) countAssigned(env, work.subnet.id);
  }
  if (skip) return { ...current };
  if (reuse > 0) {
    // Nothing was written: the client is told what is left of the stored lease.
    work.reused = true;
    return { ...current, cltt: work.now, validLifetime: reuse };
  }
  return lease;
}
