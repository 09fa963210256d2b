// Kea 2.2's v6 decision order for one IA: allocateLeases6 (SOLICIT / REQUEST: existing leases,
// reservations, then allocateUnreservedLeases6) and renewLeases6 (RENEW / REBIND). The unreserved
// step honours the first hint when it is free and inside a pool of the subnet or a sibling, then
// takes candidates from the pool cursors (delegated prefixes for IA_PD) instead of probing.
import { DBG_TRACE } from '../alloc/alloc-messages.js';
import type { ClassSet } from '../alloc/types.js';
import type { Subnet6 } from '../cfg/types6.js';
import { isLeaseExpired, type Lease6 } from '../lease/lease.js';
import { poolCapacity, UINT64_MAX } from './addr6.js';
import { createLease6, extendLease6, reuseExpired6, updateLeaseData } from './lease-ops6.js';
import { DBG_TRACE_DETAIL, ALLOC6_MESSAGES as M } from './messages6.js';
import {
  allowedPool6,
  candidateReserved,
  dbCandidateReserved,
  nextSubnet,
  siblings,
} from './reservations6.js';
import { allocateReserved6, removeNonmatchingReserved6, removeNonreserved6 } from './reserved6.js';
import { type AllocEnv6, fmt6, resourceKey, type Work6, workLabel } from './work6.js';

function debug(env: AllocEnv6, id: string, ...args: unknown[]): void {
  if (env.log.isDebugEnabled(DBG_TRACE)) env.log.debug(DBG_TRACE, id, ...args);
}

async function clientLeases(env: AllocEnv6, work: Work6): Promise<Lease6[]> {
  const c = work.ctx;
  const all = await env.leaseMgr.getByDuidIaid(c.type, c.duid, c.iaid);
  const out: Lease6[] = [];
  for (const s of siblings(work.subnet)) for (const l of all) if (l.subnetId === s.id) out.push({ ...l });
  return out;
}

/** Kea's allocateLeases6. */
export async function allocate6(env: AllocEnv6, work: Work6): Promise<Lease6[]> {
  let leases = await clientLeases(env, work);
  // made only when a debug line is written
  const label = { toString: () => workLabel(work) };
  const hosts = work.hosts.size > 0;
  if (leases.length === 0 && hosts) {
    debug(env, M.ALLOC_ENGINE_V6_ALLOC_NO_LEASES_HR, label);
    await allocateReserved6(env, work, leases);
    leases = await updateLeaseData(env, work, leases);
  } else if (leases.length > 0 && !hosts) {
    debug(env, M.ALLOC_ENGINE_V6_ALLOC_LEASES_NO_HR, label);
    await removeNonmatchingReserved6(env, work, leases);
    leases = await updateLeaseData(env, work, leases);
  } else if (leases.length > 0 && hosts) {
    debug(env, M.ALLOC_ENGINE_V6_ALLOC_LEASES_HR, label);
    await allocateReserved6(env, work, leases);
    await removeNonmatchingReserved6(env, work, leases);
    await removeNonreserved6(env, work, leases);
    leases = await updateLeaseData(env, work, leases);
  }
  if (leases.length === 0) {
    debug(env, M.ALLOC_ENGINE_V6_ALLOC_UNRESERVED, label);
    const l = await allocateUnreserved6(env, work);
    if (l !== null) leases.push(l);
  }
  return leases;
}

/** Kea's renewLeases6. */
export async function renew6(env: AllocEnv6, work: Work6): Promise<Lease6[]> {
  const leases = await clientLeases(env, work);
  // made only when a debug line is written
  const label = { toString: () => workLabel(work) };
  if (leases.length > 0) {
    debug(env, M.ALLOC_ENGINE_V6_RENEW_REMOVE_RESERVED, label);
    await removeNonmatchingReserved6(env, work, leases);
  }
  if (work.hosts.size > 0) {
    debug(env, M.ALLOC_ENGINE_V6_RENEW_HR, label);
    await allocateReserved6(env, work, leases);
    await removeNonreserved6(env, work, leases);
  }
  if (leases.length === 0) {
    debug(env, M.ALLOC_ENGINE_V6_EXTEND_ALLOC_UNRESERVED, label);
    const l = await allocateUnreserved6(env, work);
    if (l !== null) leases.push(l);
  }
  const out: Lease6[] = [];
  for (const l of leases) {
    if (work.created.has(resourceKey(l.address, l.prefixLen))) {
      out.push(l);
      continue;
    }
    if (env.log.isDebugEnabled(DBG_TRACE_DETAIL)) {
      env.log.debug(
        DBG_TRACE_DETAIL,
        M.ALLOC_ENGINE_V6_EXTEND_LEASE,
        label,
        l.type === 2 ? 'IA_PD' : 'IA_NA',
        fmt6(l.address),
      );
    }
    const extended = await extendLease6(env, work, l);
    if (extended !== null) out.push(extended);
  }
  return out;
}

function poolLength(subnet: Subnet6, type: 0 | 2, address: Buffer, classes?: ClassSet): number | null {
  const pool = allowedPool6(subnet, type, address, classes);
  if (pool === undefined) return null;
  return 'delegatedLength' in pool ? pool.delegatedLength : 128;
}

/** Kea's allocateUnreservedLeases6: the hint first, then the pools of the subnet and its siblings. */
async function allocateUnreserved6(env: AllocEnv6, work: Work6): Promise<Lease6 | null> {
  const c = work.ctx;
  const type = c.type;
  const hint = c.hints[0]?.address;
  const first = work.subnet;
  if (hint !== undefined) {
    for (const s of siblings(first, c.classes)) {
      work.subnet = s;
      const len = poolLength(s, type, hint, c.classes);
      if (len === null) continue;
      const lease = await env.leaseMgr.get(type, hint);
      if (lease === null) {
        if (
          !(
            candidateReserved(env.config, s, type, hint, len) ||
            (env.hostMgr != null && (await dbCandidateReserved(env, s, type, hint, len)))
          )
        ) {
          const created = await createLease6(env, work, hint, len);
          if (created !== null) return created;
        } else debug(env, M.ALLOC_ENGINE_V6_HINT_RESERVED, workLabel(work), fmt6(hint));
      } else if (isLeaseExpired(lease, work.now)) {
        if (
          !(
            candidateReserved(env.config, s, type, hint, len) ||
            (env.hostMgr != null && (await dbCandidateReserved(env, s, type, hint, len)))
          )
        ) {
          work.oldLeases.push({ ...lease });
          return reuseExpired6(env, work, lease, len);
        }
        debug(env, M.ALLOC_ENGINE_V6_EXPIRED_HINT_RESERVED, workLabel(work), fmt6(hint));
      }
    }
  }
  const network = first.sharedNetwork;
  let start = first;
  if (network !== undefined) {
    // Kea's getPreferredSubnet: the sibling that allocated this lease type most recently.
    let bestTick = env.cursor(first, type).lastPick;
    for (const s of network.subnets) {
      // Kea looks only at siblings guarded by the same class as the selected subnet.
      if (s.clientClass !== first.clientClass) continue;
      const t = env.cursor(s, type).lastPick;
      if (t > bestTick) {
        start = s;
        bestTick = t;
      }
    }
  }
  work.subnet = start;
  // Only a failure reports the pools' capacity: the bigint sum waits until then.
  const tried: Subnet6[] = [];
  let withLeases = 0;
  let withoutPools = 0;
  let probes = 0;
  for (let s: Subnet6 | null = start; s !== null; s = nextSubnet(start, s, c.classes)) {
    const cursor = env.cursor(s, type);
    if (cursor.empty) {
      withoutPools++;
      continue;
    }
    withLeases++;
    tried.push(s);
    const surveying = cursor.ensureSurveyed(env.leaseMgr, work.now);
    if (surveying !== null) await surveying;
    for (;;) {
      let cand = cursor.pick(env.tick(), c.classes);
      if (cand === null) {
        if (!(await cursor.resurvey(env.leaseMgr, work.now))) break;
        cand = cursor.pick(env.tick(), c.classes);
        if (cand === null) break;
      }
      if (
        candidateReserved(env.config, s, type, cand.address, cand.prefixLen) ||
        (env.hostMgr != null && (await dbCandidateReserved(env, s, type, cand.address, cand.prefixLen)))
      )
        continue;
      if (c.allocated?.has(resourceKey(cand.address, cand.prefixLen)) === true) continue;
      probes++;
      const exist = await env.leaseMgr.get(type, cand.address);
      work.subnet = s;
      if (exist === null) {
        const lease = await createLease6(env, work, cand.address, cand.prefixLen);
        if (lease !== null) {
          work.oldLeases.length = 0;
          return lease;
        }
        if (work.selectSkipped) break;
      } else if (isLeaseExpired(exist, work.now)) {
        work.oldLeases.push({ ...exist });
        return reuseExpired6(env, work, exist, cand.prefixLen);
      }
    }
    if (work.selectSkipped) break;
  }
  // Kea probes every address of the pools before giving up; that count is what it reports.
  let capacity = 0n;
  for (const s of tried) capacity += poolCapacity(s, type);
  const attempts = work.selectSkipped
    ? String(probes)
    : String(capacity > UINT64_MAX ? UINT64_MAX : capacity);
  const label = workLabel(work);
  const sid = work.subnet.id;
  if (network !== undefined) {
    env.log.warn(M.ALLOC_ENGINE_V6_ALLOC_FAIL_SHARED_NETWORK, label, network.name, withLeases, withoutPools);
    env.stats.add('v6-allocation-fail-shared-network', 1);
    env.stats.subnet(sid, 'v6-allocation-fail-shared-network', 1);
  } else {
    const s = work.subnet;
    env.log.warn(
      M.ALLOC_ENGINE_V6_ALLOC_FAIL_SUBNET,
      label,
      `${fmt6(s.prefix)}/${s.prefixLength}`,
      s.id,
      '(none)',
    );
    env.stats.add('v6-allocation-fail-subnet', 1);
    env.stats.subnet(sid, 'v6-allocation-fail-subnet', 1);
  }
  if (withLeases === 0) {
    env.log.warn(M.ALLOC_ENGINE_V6_ALLOC_FAIL_NO_POOLS, label);
    env.stats.add('v6-allocation-fail-no-pools', 1);
    env.stats.subnet(sid, 'v6-allocation-fail-no-pools', 1);
  } else {
    env.log.warn(M.ALLOC_ENGINE_V6_ALLOC_FAIL, label, attempts);
    env.stats.add('v6-allocation-fail', 1);
    env.stats.subnet(sid, 'v6-allocation-fail', 1);
  }
  return null;
}
