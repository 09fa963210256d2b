// The lease-level steps of Kea 2.2's v6 engine: lifetimes from the first hint clamped to min/max
// (getLifetimes6), createLease6 (lease6_select), reuseExpiredLease, extendLease6 (lease6_renew /
// lease6_rebind), updateLeaseData and setLeaseReusable (cache-threshold / cache-max-age).
// Statistics move exactly where Kea moves them (only for leases inside a pool).
import { defineHookPoint, NextStep, runCallouts } from '@kea-ts/hooks';
import { DBG_TRACE, DBG_TRACE_DETAIL_DATA } from '../alloc/alloc-messages.js';
import { INFINITY_LFT } from '../alloc/types.js';
import type { Subnet6 } from '../cfg/types6.js';
import {
  isLeaseExpired,
  LEASE_STATE_DEFAULT,
  LEASE_STATE_EXPIRED_RECLAIMED,
  type Lease6,
} from '../lease/lease.js';
import { inPool6, inSubnet } from './addr6.js';
import { ALLOC6_MESSAGES as M } from './messages6.js';
import { reclaimLease6 } from './reclaim6.js';
import { globalHost, hostHasLease, inAllowedPool, siblings } from './reservations6.js';
import type { Lease6ExtendArgs, Lease6SelectArgs } from './types6.js';
import { type AllocEnv6, fmt6, resourceKey, type Work6, workLabel } from './work6.js';

export const lease6SelectHook = defineHookPoint<Lease6SelectArgs>('lease6_select');
export const lease6RenewHook = defineHookPoint<Lease6ExtendArgs>('lease6_renew');
export const lease6RebindHook = defineHookPoint<Lease6ExtendArgs>('lease6_rebind');

/** Kea's Triplet::get(hint): the hint clamped to [min, max]. */
function clamp(hint: number, dflt: number, min: number, max: number): number {
  if (hint === 0) return dflt;
  return hint < min ? min : Math.min(hint, max);
}

/** Kea's getLifetimes6: [preferred, valid], each from the first class that sets it, else the subnet. */
export function lifetimes6(work: Work6): [number, number] {
  const e = work.subnet.effective;
  const c = work.ctx;
  const h = c.hints[0];
  const p = c.classPreferred;
  const v = c.classValid;
  return [
    p !== undefined
      ? clamp(h?.preferred ?? 0, p.value, p.min, p.max)
      : clamp(
          h?.preferred ?? 0,
          e['preferred-lifetime'],
          e['min-preferred-lifetime'],
          e['max-preferred-lifetime'],
        ),
    v !== undefined
      ? clamp(h?.valid ?? 0, v.value, v.min, v.max)
      : clamp(h?.valid ?? 0, e['valid-lifetime'], e['min-valid-lifetime'], e['max-valid-lifetime']),
  ];
}

async function select(env: AllocEnv6, work: Work6, lease: Lease6): Promise<Lease6 | null> {
  if (lease6SelectHook.callouts === null) return lease;
  const args: Lease6SelectArgs = {
    query6: work.ctx.query6 ?? null,
    subnet6: work.subnet,
    fake_allocation: work.ctx.fakeAllocation,
    lease6: lease,
  };
  const h = await runCallouts(lease6SelectHook, args, work.ctx.calloutHandle);
  if (h.next === NextStep.SKIP) {
    work.selectSkipped = true;
    if (env.log.isDebugEnabled(DBG_TRACE)) env.log.debug(DBG_TRACE, M.DHCPSRV_HOOK_LEASE6_SELECT_SKIP);
    return null;
  }
  return h.args.lease6;
}

function countIfInPool(env: AllocEnv6, subnet: Subnet6, lease: Readonly<Lease6>): void {
  if (inPool6(subnet, lease.type, lease.address)) env.stats.assigned(subnet.id, lease.type);
}

/** Kea's createLease6: stored unless this is an offer; null when taken meanwhile or skipped. */
export async function createLease6(
  env: AllocEnv6,
  work: Work6,
  address: Buffer,
  prefixLen: number,
): Promise<Lease6 | null> {
  const c = work.ctx;
  const [preferred, valid] = lifetimes6(work);
  const fresh: Lease6 = {
    address,
    type: c.type,
    prefixLen: c.type === 2 ? prefixLen : 128,
    iaid: c.iaid,
    duid: c.duid,
    preferredLifetime: preferred,
    validLifetime: valid,
    cltt: work.now,
    subnetId: work.subnet.id,
    fqdnFwd: c.fqdnFwd,
    fqdnRev: c.fqdnRev,
    hostname: c.hostname,
    hwaddr: c.hwaddr ?? null,
    hwtype: c.hwtype ?? 1,
    hwaddrSource: c.hwaddrSource ?? 0,
    state: LEASE_STATE_DEFAULT,
    userContext: null,
  };
  const lease = await select(env, work, fresh);
  if (lease === null || c.fakeAllocation) return lease;
  if (!(await env.leaseMgr.add(lease))) return null;
  countIfInPool(env, work.subnet, lease);
  work.created.add(resourceKey(lease.address, lease.prefixLen));
  return lease;
}

/** Kea's reuseExpiredLease (v6): an expired lease of anybody taken over for this client. */
export async function reuseExpired6(
  env: AllocEnv6,
  work: Work6,
  expired: Readonly<Lease6>,
  prefixLen: number,
): Promise<Lease6 | null> {
  const c = work.ctx;
  if (!c.fakeAllocation) await reclaimLease6(env, expired, 'leave', c.calloutHandle);
  const [preferred, valid] = lifetimes6(work);
  const lease: Lease6 = {
    ...expired,
    iaid: c.iaid,
    duid: c.duid,
    preferredLifetime: preferred,
    validLifetime: valid,
    cltt: work.now,
    subnetId: work.subnet.id,
    hostname: c.hostname,
    fqdnFwd: c.fqdnFwd,
    fqdnRev: c.fqdnRev,
    prefixLen: expired.type === 2 ? prefixLen : 128,
    state: LEASE_STATE_DEFAULT,
  };
  if (env.log.isDebugEnabled(DBG_TRACE_DETAIL_DATA)) {
    env.log.debug(
      DBG_TRACE_DETAIL_DATA,
      M.ALLOC_ENGINE_V6_REUSE_EXPIRED_LEASE_DATA,
      workLabel(work),
      fmt6(lease.address),
    );
  }
  const chosen = await select(env, work, lease);
  if (chosen === null || c.fakeAllocation) return chosen;
  await env.leaseMgr.update(chosen);
  countIfInPool(env, work.subnet, chosen);
  return chosen;
}

/** Kea's setLeaseReusable (v6): [preferred, valid] the client may keep, or null. */
function reusable(
  lease: Lease6,
  current: Readonly<Lease6>,
  currentPreferred: number,
  subnet: Subnet6,
): [number, number] | null {
  if (lease.state !== LEASE_STATE_DEFAULT || lease.cltt < current.cltt) return null;
  const age = lease.cltt - current.cltt;
  if (age >= current.validLifetime) return null;
  const e = subnet.effective;
  let maxAge = 0;
  if (e['cache-max-age'] !== undefined) {
    maxAge = e['cache-max-age'];
    if (maxAge === 0 || age > maxAge) return null;
  }
  if (e['cache-threshold'] !== undefined) {
    const t = e['cache-threshold'];
    if (t <= 0 || t > 1) return null;
    maxAge = Math.floor(lease.validLifetime * t);
    if (age > maxAge) return null;
  }
  if (maxAge === 0) return null;
  let preferred: number;
  if (currentPreferred === INFINITY_LFT || currentPreferred === 0) preferred = currentPreferred;
  else if (currentPreferred > age) preferred = currentPreferred - age;
  else return null;
  const valid = current.validLifetime === INFINITY_LFT ? INFINITY_LFT : current.validLifetime - age;
  return [preferred, valid];
}

/** What the client is told for a reused lease: nothing was written. */
function reusedView(work: Work6, current: Readonly<Lease6>, r: [number, number]): Lease6 {
  const view = { ...current, cltt: work.now, preferredLifetime: r[0], validLifetime: r[1] };
  work.reused.push(view);
  return view;
}

/** Kea's updateLeaseData: the client's existing leases on SOLICIT / REQUEST (lifetimes kept, as 2.2). */
export async function updateLeaseData(
  env: AllocEnv6,
  work: Work6,
  leases: readonly Readonly<Lease6>[],
): Promise<Lease6[]> {
  const c = work.ctx;
  const out: Lease6[] = [];
  for (const current of leases) {
    const lease: Lease6 = { ...current };
    if (work.created.has(resourceKey(lease.address, lease.prefixLen))) {
      out.push(lease);
      continue;
    }
    lease.fqdnFwd = c.fqdnFwd;
    lease.fqdnRev = c.fqdnRev;
    lease.hostname = c.hostname;
    lease.cltt = work.now;
    if (!c.fakeAllocation) {
      let count = false;
      if (lease.state === LEASE_STATE_EXPIRED_RECLAIMED) {
        lease.state = LEASE_STATE_DEFAULT;
        count = inAllowedPool(work, c.type, lease.address);
      }
      const fqdnChanged =
        lease.type !== 2 &&
        (lease.hostname !== current.hostname ||
          lease.fqdnFwd !== current.fqdnFwd ||
          lease.fqdnRev !== current.fqdnRev);
      const r = fqdnChanged ? null : reusable(lease, current, lease.preferredLifetime, work.subnet);
      if (r === null) await env.leaseMgr.update(lease);
      if (r === null && env.ddnsRemove !== null) work.changed.push({ ...current });
      if (count) env.stats.assigned(lease.subnetId, c.type);
      if (r !== null) {
        out.push(reusedView(work, current, r));
        continue;
      }
    }
    out.push(lease);
  }
  return out;
}

/** Kea's extendLease6 (RENEW / REBIND); returns the lease as the client should see it, or null if removed. */
export async function extendLease6(
  env: AllocEnv6,
  work: Work6,
  current: Readonly<Lease6>,
): Promise<Lease6 | null> {
  const c = work.ctx;
  if (work.subnet.id !== current.subnetId) {
    const s = siblings(work.subnet).find((x) => x.id === current.subnetId);
    if (s !== undefined) work.subnet = s;
  }
  const subnet = work.subnet;
  const global = hostHasLease(globalHost(work), current);
  if (!global && current.type !== 2 && !inSubnet(subnet, current.address)) {
    if (!(await env.leaseMgr.delete(current))) return null;
    // Kea counts this as assigned-nas whatever the type (only NA gets here).
    env.stats.subnet(subnet.id, 'assigned-nas', -1);
    work.oldLeases.push({ ...current });
    return null;
  }
  if (env.log.isDebugEnabled(DBG_TRACE_DETAIL_DATA)) {
    env.log.debug(
      DBG_TRACE_DETAIL_DATA,
      M.ALLOC_ENGINE_V6_EXTEND_LEASE_DATA,
      workLabel(work),
      fmt6(current.address),
    );
  }
  let lease: Lease6 = { ...current };
  if (env.ddnsRemove !== null) work.changed.push({ ...current });
  const [preferred, valid] = lifetimes6(work);
  let changed = preferred < current.preferredLifetime || valid < current.validLifetime;
  lease.preferredLifetime = preferred;
  lease.validLifetime = valid;
  lease.cltt = work.now;
  if (lease.fqdnFwd !== c.fqdnFwd || lease.fqdnRev !== c.fqdnRev || lease.hostname !== c.hostname) {
    changed = true;
    lease.hostname = c.hostname;
    lease.fqdnFwd = c.fqdnFwd;
    lease.fqdnRev = c.fqdnRev;
  }
  const hw = c.hwaddr ?? null;
  if (
    (hw === null && lease.hwaddr !== null) ||
    (hw !== null && (lease.hwaddr === null || !hw.equals(lease.hwaddr)))
  ) {
    changed = true;
    lease.hwaddr = hw;
    lease.hwtype = c.hwtype ?? 1;
    lease.hwaddrSource = c.hwaddrSource ?? 0;
  }
  if (lease.state !== LEASE_STATE_DEFAULT) {
    changed = true;
    lease.state = LEASE_STATE_DEFAULT;
  }
  const point = c.rebind === true ? lease6RebindHook : lease6RenewHook;
  if (point.callouts !== null) {
    const args: Lease6ExtendArgs = { query6: c.query6 ?? null, lease6: lease };
    if (lease.type === 2) args.ia_pd = c.iaResponse ?? null;
    else args.ia_na = c.iaResponse ?? null;
    const h = await runCallouts(point, args, c.calloutHandle);
    if (h.next === NextStep.SKIP) {
      if (env.log.isDebugEnabled(DBG_TRACE))
        env.log.debug(DBG_TRACE, M.DHCPSRV_HOOK_LEASE6_EXTEND_SKIP, workLabel(work));
      return { ...current };
    }
    lease = h.args.lease6;
  }
  let count = false;
  if (isLeaseExpired(current, work.now)) {
    await reclaimLease6(env, current, 'leave', c.calloutHandle);
    count = inPool6(subnet, c.type, current.address);
    changed = true;
  }
  const r = changed ? null : reusable(lease, current, current.preferredLifetime, subnet);
  if (r === null) await env.leaseMgr.update(lease);
  if (count) env.stats.assigned(subnet.id, c.type);
  return r === null ? lease : reusedView(work, current, r);
}
