// Lease reclamation as Kea 2.2 does it: one lease (lease4_expire, then lease4_recover for declined
// ones, then expired-reclaimed state or removal, statistics) and the periodic pass over expired
// leases with its max-reclaim-leases / max-reclaim-time limits and unwarned-reclaim-cycles warning.
// The lease's DNS names are removed (queueNCR) unless a callout took over.

import { CalloutHandle, defineHookPoint, NextStep, runCallouts } from '@kea-ts/hooks';
import { formatIPv4 } from '@kea-ts/util';
import { LEASE_STATE_DECLINED, LEASE_STATE_EXPIRED_RECLAIMED, type Lease4 } from '../lease/lease.js';
import { DBG_TRACE, ALLOC_MESSAGES as M } from './alloc-messages.js';
import type { Lease4ExpireArgs, Lease4RecoverArgs } from './types.js';
import { type AllocEnv, makeLabel } from './work.js';

export const lease4ExpireHook = defineHookPoint<Lease4ExpireArgs>('lease4_expire');
export const lease4RecoverHook = defineHookPoint<Lease4RecoverArgs>('lease4_recover');

/** Kea's DbReclaimMode: update to expired-reclaimed, remove, or leave (the caller reuses it). */
export type ReclaimMode = 'update' | 'remove' | 'leave';

/** Kea's AllocEngine::reclaimExpiredLease for one v4 lease. */
export async function reclaimLease(
  env: AllocEnv,
  lease: Readonly<Lease4>,
  mode: ReclaimMode,
  handle: CalloutHandle<unknown> | undefined,
): Promise<void> {
  const log = env.log;
  if (log.isDebugEnabled(DBG_TRACE)) {
    log.debug(
      DBG_TRACE,
      M.ALLOC_ENGINE_V4_LEASE_RECLAIM,
      makeLabel(lease.hwaddr, lease.htype, lease.clientId),
      fmt(lease.address),
    );
  }
  let skipped = false;
  if (lease4ExpireHook.callouts !== null) {
    const h = await runCallouts(
      lease4ExpireHook,
      { lease4: { ...lease }, remove_lease: mode === 'remove' },
      handle,
    );
    skipped = h.next === NextStep.SKIP;
  }
  if (!skipped) {
    env.ddnsRemove?.(lease);
    // The DNS entries are removed at this point, so the reclaimed lease no longer names them.
    const l: Lease4 = { ...lease, hostname: '', fqdnFwd: false, fqdnRev: false };
    let remove = mode === 'remove';
    if (lease.state === LEASE_STATE_DECLINED) remove = await reclaimDeclined(env, l);
    if (mode !== 'leave') {
      if (remove) await env.leaseMgr.delete(l);
      else {
        l.state = LEASE_STATE_EXPIRED_RECLAIMED;
        await env.leaseMgr.update(l);
      }
      if (log.isDebugEnabled(DBG_TRACE)) log.debug(DBG_TRACE, M.ALLOC_ENGINE_LEASE_RECLAIMED, fmt(l.address));
      env.freed(l.address);
    }
  }
  // Counted even when a callout took over, as Kea does.
  env.stats.subnet(lease.subnetId, 'assigned-addresses', -1);
  env.stats.add('reclaimed-leases', 1);
  env.stats.subnet(lease.subnetId, 'reclaimed-leases', 1);
}

/** Kea's reclaimDeclined: true when the declined lease should now be removed. */
async function reclaimDeclined(env: AllocEnv, lease: Lease4): Promise<boolean> {
  if (lease4RecoverHook.callouts !== null) {
    const h = await runCallouts(lease4RecoverHook, { lease4: { ...lease } });
    if (h.next === NextStep.SKIP) {
      if (env.log.isDebugEnabled(DBG_TRACE)) {
        env.log.debug(DBG_TRACE, M.DHCPSRV_HOOK_LEASE4_RECOVER_SKIP, fmt(lease.address));
      }
      return false;
    }
  }
  env.log.info(M.ALLOC_ENGINE_V4_DECLINED_RECOVERED, fmt(lease.address), lease.validLifetime);
  env.stats.subnet(lease.subnetId, 'declined-addresses', -1);
  env.stats.add('declined-addresses', -1);
  env.stats.add('reclaimed-declined-addresses', 1);
  env.stats.subnet(lease.subnetId, 'reclaimed-declined-addresses', 1);
  return true;
}

export interface ReclaimPassState {
  /** Consecutive passes that left expired leases behind. */
  incomplete: number;
}

/** Kea's AllocEngine::reclaimExpiredLeases4; returns the number of leases processed. */
export async function reclaimExpired(
  env: AllocEnv,
  state: ReclaimPassState,
  maxLeases: number,
  timeoutMs: number,
  removeLeases: boolean,
  maxUnwarnedCycles: number,
  now: number,
): Promise<number> {
  const log = env.log;
  if (log.isDebugEnabled(DBG_TRACE))
    log.debug(DBG_TRACE, M.ALLOC_ENGINE_V4_LEASES_RECLAMATION_START, maxLeases, timeoutMs);
  const started = performance.now();
  let incomplete = false;
  // One more than the limit tells whether leases are left for the next pass.
  const leases = [...(await env.leaseMgr.getExpired(maxLeases > 0 ? maxLeases + 1 : 0, now))];
  if (maxLeases > 0 && leases.length > maxLeases) {
    leases.pop();
    incomplete = true;
  }
  const handle =
    leases.length > 0 && lease4ExpireHook.callouts !== null ? new CalloutHandle<unknown>(null) : undefined;
  let processed = 0;
  for (const lease of leases) {
    try {
      await reclaimLease(env, lease, removeLeases ? 'remove' : 'update', handle);
      processed++;
    } catch (err) {
      log.error(M.ALLOC_ENGINE_V4_LEASE_RECLAMATION_FAILED, fmt(lease.address), (err as Error).message);
    }
    // Checked after each lease so that at least one is always reclaimed.
    if (timeoutMs > 0 && performance.now() - started >= timeoutMs) {
      if (processed < leases.length) incomplete = true;
      if (log.isDebugEnabled(DBG_TRACE))
        log.debug(DBG_TRACE, M.ALLOC_ENGINE_V4_LEASES_RECLAMATION_TIMEOUT, timeoutMs);
      break;
    }
  }
  if (log.isDebugEnabled(DBG_TRACE)) {
    const ms = (performance.now() - started).toFixed(3);
    log.debug(DBG_TRACE, M.ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE, processed, `${ms} ms`);
  }
  if (incomplete) {
    state.incomplete++;
    if (maxUnwarnedCycles > 0 && state.incomplete > maxUnwarnedCycles) {
      log.warn(M.ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW, maxUnwarnedCycles);
      state.incomplete = 0;
    }
  } else {
    state.incomplete = 0;
    if (log.isDebugEnabled(DBG_TRACE)) log.debug(DBG_TRACE, M.ALLOC_ENGINE_V4_NO_MORE_EXPIRED_LEASES);
  }
  return processed;
}

/** Kea's deleteExpiredReclaimedLeases4 (hold-reclaimed-time); returns how many were removed. */
export async function deleteExpiredReclaimed(env: AllocEnv, secs: number, now: number): Promise<number> {
  const log = env.log;
  if (log.isDebugEnabled(DBG_TRACE)) log.debug(DBG_TRACE, M.ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE, secs);
  let deleted = 0;
  try {
    deleted = await env.leaseMgr.deleteExpiredReclaimed(secs, now);
  } catch (err) {
    log.error(M.ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_FAILED, (err as Error).message);
  }
  if (log.isDebugEnabled(DBG_TRACE))
    log.debug(DBG_TRACE, M.ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_COMPLETE, deleted);
  return deleted;
}

/** Dotted-quad text of an address number (only called when a message is emitted). */
export const fmt = formatIPv4;
