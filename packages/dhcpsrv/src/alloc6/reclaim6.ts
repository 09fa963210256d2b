// Lease reclamation as Kea 2.2 does it for v6: one lease (lease6_expire, lease6_recover for declined
// ones, expired-reclaimed state or removal, assigned-nas / assigned-pds and reclaimed-leases) and
// the periodic pass with its max-reclaim-leases / max-reclaim-time limits; the lease's DNS names are
// removed (queueNCR) unless a callout took over.
import { CalloutHandle, defineHookPoint, NextStep, runCallouts } from '@kea-ts/hooks';
import { DBG_TRACE, ALLOC_MESSAGES as M4 } from '../alloc/alloc-messages.js';
import type { ReclaimPassState } from '../alloc/reclaim.js';
import { LEASE_STATE_DECLINED, LEASE_STATE_EXPIRED_RECLAIMED, type Lease6 } from '../lease/lease.js';
import { ALLOC6_MESSAGES as M } from './messages6.js';
import type { Lease6ExpireArgs, Lease6RecoverArgs } from './types6.js';
import { type AllocEnv6, fmt6, makeLabel6 } from './work6.js';

export const lease6ExpireHook = defineHookPoint<Lease6ExpireArgs>('lease6_expire');
export const lease6RecoverHook = defineHookPoint<Lease6RecoverArgs>('lease6_recover');

export type ReclaimMode6 = 'update' | 'remove' | 'leave';

/** Kea's AllocEngine::reclaimExpiredLease for one v6 lease. */
export async function reclaimLease6(
  env: AllocEnv6,
  lease: Readonly<Lease6>,
  mode: ReclaimMode6,
  handle: CalloutHandle<unknown> | undefined,
): Promise<void> {
  // Allocation and renewal reclaim before reuse; a lease reclaimed already needs nothing (Kea).
  if (mode === 'leave' && lease.state === LEASE_STATE_EXPIRED_RECLAIMED) return;
  const log = env.log;
  if (log.isDebugEnabled(DBG_TRACE)) {
    log.debug(
      DBG_TRACE,
      M.ALLOC_ENGINE_V6_LEASE_RECLAIM,
      makeLabel6(lease.duid, lease.hwaddr),
      fmt6(lease.address),
      lease.prefixLen,
    );
  }
  let skipped = false;
  if (lease6ExpireHook.callouts !== null) {
    const h = await runCallouts(
      lease6ExpireHook,
      { lease6: { ...lease }, remove_lease: mode === 'remove' },
      handle,
    );
    skipped = h.next === NextStep.SKIP;
  }
  if (!skipped) {
    env.ddnsRemove?.(lease);
    let remove = mode === 'remove';
    if (lease.state === LEASE_STATE_DECLINED) remove = await reclaimDeclined6(env, lease);
    if (mode !== 'leave') {
      if (remove) await env.leaseMgr.delete(lease);
      else {
        await env.leaseMgr.update({
          ...lease,
          hostname: '',
          fqdnFwd: false,
          fqdnRev: false,
          state: LEASE_STATE_EXPIRED_RECLAIMED,
        });
      }
      if (log.isDebugEnabled(DBG_TRACE))
        log.debug(DBG_TRACE, M4.ALLOC_ENGINE_LEASE_RECLAIMED, fmt6(lease.address));
      env.freed(lease);
    }
  }
  // Counted even when a callout took over, as Kea does.
  env.stats.unassigned(lease.subnetId, lease.type);
  env.stats.add('reclaimed-leases', 1);
  env.stats.subnet(lease.subnetId, 'reclaimed-leases', 1);
}

/** Kea's reclaimDeclined (v6): true when the declined lease should be removed. */
async function reclaimDeclined6(env: AllocEnv6, lease: Readonly<Lease6>): Promise<boolean> {
  if (lease6RecoverHook.callouts !== null) {
    const h = await runCallouts(lease6RecoverHook, { lease6: { ...lease } });
    if (h.next === NextStep.SKIP) {
      if (env.log.isDebugEnabled(DBG_TRACE))
        env.log.debug(DBG_TRACE, M.DHCPSRV_HOOK_LEASE6_RECOVER_SKIP, fmt6(lease.address));
      return false;
    }
  }
  env.log.info(M.ALLOC_ENGINE_V6_DECLINED_RECOVERED, fmt6(lease.address), lease.validLifetime);
  env.stats.subnet(lease.subnetId, 'declined-addresses', -1);
  env.stats.add('declined-addresses', -1);
  env.stats.add('reclaimed-declined-addresses', 1);
  env.stats.subnet(lease.subnetId, 'reclaimed-declined-addresses', 1);
  return true;
}

/** Kea's AllocEngine::reclaimExpiredLeases6; returns the number of leases processed. */
export async function reclaimExpired6(
  env: AllocEnv6,
  state: ReclaimPassState,
  maxLeases: number,
  timeoutMs: number,
  removeLeases: boolean,
  maxUnwarnedCycles: number,
  now: number,
): Promise<number> {
  const log = env.log;
  if (log.isDebugEnabled(DBG_TRACE))
    log.debug(DBG_TRACE, M.ALLOC_ENGINE_V6_LEASES_RECLAMATION_START, maxLeases, timeoutMs);
  const started = performance.now();
  let incomplete = false;
  const leases = [...(await env.leaseMgr.getExpired(maxLeases > 0 ? maxLeases + 1 : 0, now))];
  if (maxLeases > 0 && leases.length > maxLeases) {
    leases.pop();
    incomplete = true;
  }
  const handle =
    leases.length > 0 && lease6ExpireHook.callouts !== null ? new CalloutHandle<unknown>(null) : undefined;
  let processed = 0;
  for (const lease of leases) {
    try {
      await reclaimLease6(env, lease, removeLeases ? 'remove' : 'update', handle);
      processed++;
    } catch (err) {
      log.error(M.ALLOC_ENGINE_V6_LEASE_RECLAMATION_FAILED, fmt6(lease.address), (err as Error).message);
    }
    if (timeoutMs > 0 && performance.now() - started >= timeoutMs) {
      if (processed < leases.length) incomplete = true;
      if (log.isDebugEnabled(DBG_TRACE))
        log.debug(DBG_TRACE, M.ALLOC_ENGINE_V6_LEASES_RECLAMATION_TIMEOUT, timeoutMs);
      break;
    }
  }
  if (log.isDebugEnabled(DBG_TRACE)) {
    const ms = (performance.now() - started).toFixed(3);
    log.debug(DBG_TRACE, M.ALLOC_ENGINE_V6_LEASES_RECLAMATION_COMPLETE, processed, `${ms} ms`);
  }
  if (incomplete) {
    state.incomplete++;
    if (maxUnwarnedCycles > 0 && state.incomplete > maxUnwarnedCycles) {
      log.warn(M.ALLOC_ENGINE_V6_LEASES_RECLAMATION_SLOW, maxUnwarnedCycles);
      state.incomplete = 0;
    }
  } else {
    state.incomplete = 0;
    if (log.isDebugEnabled(DBG_TRACE)) log.debug(DBG_TRACE, M.ALLOC_ENGINE_V6_NO_MORE_EXPIRED_LEASES);
  }
  return processed;
}

/** Kea's deleteExpiredReclaimedLeases6 (hold-reclaimed-time). */
export async function deleteExpiredReclaimed6(env: AllocEnv6, secs: number, now: number): Promise<number> {
  const log = env.log;
  if (log.isDebugEnabled(DBG_TRACE)) log.debug(DBG_TRACE, M.ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE, secs);
  let deleted = 0;
  try {
    deleted = await env.leaseMgr.deleteExpiredReclaimed(secs, now);
  } catch (err) {
    log.error(M.ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_FAILED, (err as Error).message);
  }
  if (log.isDebugEnabled(DBG_TRACE))
    log.debug(DBG_TRACE, M.ALLOC_ENGINE_V6_RECLAIMED_LEASES_DELETE_COMPLETE, deleted);
  return deleted;
}
