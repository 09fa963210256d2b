// Kea 2.2's reservation steps for one IA: allocateReservedLeases6 (and the global variant),
// removeNonmatchingReservedLeases6 (leases now reserved for someone else, or outside every pool)
// and removeNonreservedLeases6 (a client with a reservation keeps only that). Kea removes leases in
// these steps even for SOLICIT; so do we.
import { DBG_TRACE } from '../alloc/alloc-messages.js';
import type { Host6 } from '../cfg/types6.js';
import type { Lease6 } from '../lease/lease.js';
import { inPool6 } from './addr6.js';
import { createLease6 } from './lease-ops6.js';
import { ALLOC6_MESSAGES as M } from './messages6.js';
import {
  globalHost,
  hostHasLease,
  inAllowedPool,
  leaseReserved,
  reservedFor,
  siblings,
} from './reservations6.js';
import { type AllocEnv6, fmt6, resourceKey, type Work6, workLabel } from './work6.js';

function isAllocated(work: Work6, address: Buffer, len: number): boolean {
  return work.ctx.allocated?.has(resourceKey(address, len)) === true;
}

function reservations(host: Host6, type: number): { address: Buffer; length: number }[] {
  return type === 2 ? [...host.prefixes] : host.ipAddresses.map((a) => ({ address: a, length: 128 }));
}

function granted(env: AllocEnv6, work: Work6, lease: Lease6): void {
  if (lease.type === 2)
    env.log.info(M.ALLOC_ENGINE_V6_HR_PREFIX_GRANTED, fmt6(lease.address), lease.prefixLen, workLabel(work));
  else env.log.info(M.ALLOC_ENGINE_V6_HR_ADDR_GRANTED, fmt6(lease.address), workLabel(work));
}

function exists(env: AllocEnv6, work: Work6, lease: Readonly<Lease6>): void {
  if (env.log.isDebugEnabled(DBG_TRACE)) {
    env.log.debug(
      DBG_TRACE,
      M.ALLOC_ENGINE_V6_ALLOC_HR_LEASE_EXISTS,
      workLabel(work),
      lease.type === 2 ? 'IA_PD' : 'IA_NA',
      fmt6(lease.address),
    );
  }
}

/** Kea's allocateReservedLeases6: adds at most one reserved lease to `leases`. */
export async function allocateReserved6(env: AllocEnv6, work: Work6, leases: Lease6[]): Promise<void> {
  if (work.hosts.size === 0) {
    if (env.log.isDebugEnabled(DBG_TRACE))
      env.log.debug(DBG_TRACE, M.ALLOC_ENGINE_V6_ALLOC_NO_V6_HR, workLabel(work));
    return;
  }
  const type = work.ctx.type;
  for (const l of leases) {
    if (l.validLifetime !== 0 && hostHasLease(work.hosts.get(l.subnetId), l)) {
      exists(env, work, l);
      return;
    }
  }
  for (const s of siblings(work.subnet)) {
    const host = work.hosts.get(s.id);
    if (host === undefined) continue;
    for (const r of reservations(host, type)) {
      if (isAllocated(work, r.address, r.length)) continue;
      if (
        !s.effective['reservations-in-subnet'] ||
        (s.effective['reservations-out-of-pool'] && inPool6(s, type, r.address))
      )
        continue;
      if ((await env.leaseMgr.get(type, r.address)) === null) {
        work.subnet = s;
        const lease = await createLease6(env, work, r.address, r.length);
        if (lease !== null) {
          leases.push(lease);
          granted(env, work, lease);
        }
        return;
      }
    }
  }
  await allocateGlobalReserved6(env, work, leases);
}

async function allocateGlobalReserved6(env: AllocEnv6, work: Work6, leases: Lease6[]): Promise<void> {
  const ghost = globalHost(work);
  if (ghost === undefined) return;
  for (const l of leases) {
    if (l.validLifetime !== 0 && hostHasLease(ghost, l)) {
      exists(env, work, l);
      return;
    }
  }
  for (const r of reservations(ghost, work.ctx.type)) {
    if (isAllocated(work, r.address, r.length)) continue;
    if ((await env.leaseMgr.get(work.ctx.type, r.address)) === null) {
      const lease = await createLease6(env, work, r.address, r.length);
      if (lease !== null) {
        leases.push(lease);
        granted(env, work, lease);
      }
      return;
    }
  }
}

async function drop(env: AllocEnv6, work: Work6, lease: Readonly<Lease6>): Promise<boolean> {
  if (!(await env.leaseMgr.delete(lease))) return false;
  env.stats.unassigned(lease.subnetId, work.ctx.type);
  work.oldLeases.push({ ...lease });
  env.freed(lease);
  return true;
}

/** Kea's removeNonmatchingReservedLeases6; `leases` is edited in place. */
export async function removeNonmatchingReserved6(
  env: AllocEnv6,
  work: Work6,
  leases: Lease6[],
): Promise<void> {
  if (leases.length === 0) return;
  const e = work.subnet.effective;
  const hostsApply = e['reservations-in-subnet'] || e['reservations-global'];
  for (const l of [...leases]) {
    let other: { identifier: Buffer } | undefined;
    if (hostsApply) {
      if (leaseReserved(work, l)) continue;
      other = reservedFor(env.config, work.subnet.id, l.address, l.prefixLen);
      if (other === undefined && env.hostMgr != null) {
        other = (await env.hostMgr.byAddress6(work.subnet.id, l.address, l.prefixLen))[0];
      }
      if (other === undefined && inAllowedPool(work, l.type, l.address)) continue;
    } else if (inAllowedPool(work, l.type, l.address)) continue;
    if (other !== undefined) {
      const id = other.identifier.toString('hex');
      if (l.type === 2)
        env.log.info(
          M.ALLOC_ENGINE_V6_REVOKED_PREFIX_LEASE,
          fmt6(l.address),
          l.prefixLen,
          workLabel(work),
          id,
        );
      else env.log.info(M.ALLOC_ENGINE_V6_REVOKED_ADDR_LEASE, fmt6(l.address), workLabel(work), id);
    }
    if (!(await drop(env, work, l))) continue;
    leases.splice(leases.indexOf(l), 1);
  }
}

/** Kea's removeNonreservedLeases6: with more than one lease, the unreserved ones go, keeping one. */
export async function removeNonreserved6(env: AllocEnv6, work: Work6, leases: Lease6[]): Promise<void> {
  let total = leases.length;
  if (total <= 1) return;
  for (const l of [...leases]) {
    if (leaseReserved(work, l)) continue;
    if (!(await drop(env, work, l))) continue;
    leases.splice(leases.indexOf(l), 1);
    if (--total === 1) break;
  }
}
