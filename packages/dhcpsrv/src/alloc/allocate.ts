// Kea 2.2's v4 decision order: findClientLease, then DISCOVER (discoverLease4) or REQUEST
// (requestLease4), and allocateUnreservedLease4 which takes candidates from the pool cursors of
// the subnet and its shared-network siblings and counts the v4-allocation-fail* statistics.
import type { Subnet4 } from '../cfg/types.js';
import { isLeaseExpired, type Lease4 } from '../lease/lease.js';
import type { ClientLeases4 } from '../lease/lease-mgr.js';
import { DBG_TRACE, ALLOC_MESSAGES as M } from './alloc-messages.js';
import { allocateOrReuse, belongsToClient, createLease, renewLease, reuseExpired } from './lease-ops.js';
import { fmt } from './reclaim.js';
import {
  addressReserved,
  dbAddressReserved,
  hasAddressReservation,
  inAllowedPool,
  nextSubnet,
  reservedAddress,
} from './reservations.js';
import { type AllocEnv, type Work, workLabel } from './work.js';

function debug(env: AllocEnv, id: string, ...args: unknown[]): void {
  if (env.log.isDebugEnabled(DBG_TRACE)) env.log.debug(DBG_TRACE, id, ...args);
}

/**
 * Kea's findClientLease: by client-id first (where match-client-id allows), then by hwaddr; from
 * `read` when the caller has read the client's leases already.
 */
export async function findClientLease(
  env: AllocEnv,
  work: Work,
  read: ClientLeases4 | null = null,
): Promise<Readonly<Lease4> | null> {
  const c = work.ctx;
  const first = work.subnet;
  const siblings: Subnet4[] = [];
  for (let s: Subnet4 | null = first; s !== null; s = nextSubnet(first, s, c.classes)) siblings.push(s);
  if (c.clientId !== null && c.clientId.length > 0 && siblings.some((s) => s.effective['match-client-id'])) {
    const leases = read !== null ? read.byClientId : await env.leaseMgr.getByClientId(c.clientId);
    for (const s of siblings) {
      if (!s.effective['match-client-id']) continue;
      const l = leases.find((x) => x.subnetId === s.id);
      if (l !== undefined) {
        work.subnet = s;
        return l;
      }
    }
  }
  if (c.hwaddr !== null && c.hwaddr.length > 0) {
    const leases = read !== null ? read.byHwAddr : await env.leaseMgr.getByHwAddr(c.hwaddr);
    for (const s of siblings) {
      const cid = s.effective['match-client-id'] ? c.clientId : null;
      const l = leases.find((x) => x.subnetId === s.id && belongsToClient(x, c.hwaddr, c.htype, cid));
      if (l !== undefined) {
        work.subnet = s;
        return l;
      }
    }
  }
  return null;
}

/** A pool candidate picked before the client's leases were read, and its lease as that read found it. */
interface EarlyPick {
  subnet: Subnet4;
  candidate: number;
  exist: Readonly<Lease4> | null;
}

/**
 * Where the lease manager reads a client's leases and one address together (SQL: one statement, one
 * round trip), a DISCOVER that will most likely take a new address from the pool picks its candidate
 * first and reads both at once: one round trip instead of two. Only for the plain case (no requested
 * address, no reservation, no shared network); an unused candidate goes back to the pool's free set.
 */
async function earlyRead(
  env: AllocEnv,
  work: Work,
): Promise<{ read: ClientLeases4; pick: EarlyPick | null } | null> {
  const mgr = env.leaseMgr;
  if (mgr.getClientLeases === undefined || work.requested !== 0) return null;
  const c = work.ctx;
  if (work.subnet.sharedNetwork !== undefined || hasAddressReservation(work)) {
    return { read: await mgr.getClientLeases(c.hwaddr, c.clientId, 0), pick: null };
  }
  const subnet = work.subnet;
  const cursor = env.cursor(subnet);
  const surveying = cursor.ensureSurveyed(mgr, work.now);
  if (surveying !== null) await surveying;
  const candidate = cursor.pick(env.tick(), c.classes);
  const read = await mgr.getClientLeases!(c.hwaddr, c.clientId, candidate ?? 0);
  return { read, pick: candidate === null ? null : { subnet, candidate, exist: read.atAddress } };
}

/** Kea's discoverLease4: what to offer; nothing is stored. */
export async function discover(env: AllocEnv, work: Work): Promise<Lease4 | null> {
  const early = await earlyRead(env, work);
  const pick = early?.pick ?? null;
  const clientLease = await findClientLease(env, work, early?.read ?? null);
  let lease: Lease4 | null = null;
  if (hasAddressReservation(work)) {
    const reserved = reservedAddress(work)!;
    debug(env, M.ALLOC_ENGINE_V4_DISCOVER_HR, workLabel(work), fmt(reserved));
    if (clientLease === null || clientLease.address !== reserved) {
      lease = await allocateOrReuse(env, work, reserved);
      if (lease === null) {
        const other = work.conflicting;
        env.log.warn(
          M.ALLOC_ENGINE_V4_DISCOVER_ADDRESS_CONFLICT,
          workLabel(work),
          fmt(reserved),
          other !== null ? fmt(other.address) : '(no lease info)',
        );
        const sid = other?.subnetId ?? work.subnet.id;
        env.stats.subnet(sid, 'v4-reservation-conflicts', 1);
        env.stats.add('v4-reservation-conflicts', 1);
      }
    } else lease = await renewLease(env, work, clientLease);
  }
  if (
    lease === null &&
    clientLease !== null &&
    inAllowedPool(work, clientLease.address) &&
    !(
      addressReserved(work, env.config, clientLease.address) ||
      (env.hostMgr != null && (await dbAddressReserved(env, work, clientLease.address)))
    )
  ) {
    debug(env, M.ALLOC_ENGINE_V4_OFFER_EXISTING_LEASE, workLabel(work));
    lease = await renewLease(env, work, clientLease);
  }
  const req = work.requested;
  if (
    lease === null &&
    req !== 0 &&
    inAllowedPool(work, req) &&
    !(
      addressReserved(work, env.config, req) ||
      (env.hostMgr != null && (await dbAddressReserved(env, work, req)))
    )
  ) {
    debug(env, M.ALLOC_ENGINE_V4_OFFER_REQUESTED_LEASE, fmt(req), workLabel(work));
    lease = await allocateOrReuse(env, work, req);
  }
  if (lease === null) {
    debug(env, M.ALLOC_ENGINE_V4_OFFER_NEW_LEASE, workLabel(work));
    lease = await allocateUnreserved(env, work, pick);
  } else if (pick !== null) env.freed(pick.candidate);
  if (work.oldLease === null && clientLease !== null) work.oldLease = { ...clientLease };
  return lease;
}

/** Kea's requestLease4: assign (and store) the requested, reserved, existing or a new address. */
export async function request(env: AllocEnv, work: Work): Promise<Lease4 | null> {
  const c = work.ctx;
  // One round trip for the client's leases and the requested address's lease where the manager can.
  const read =
    env.leaseMgr.getClientLeases !== undefined && work.requested !== 0
      ? await env.leaseMgr.getClientLeases(c.hwaddr, c.clientId, work.requested)
      : null;
  const clientLease = await findClientLease(env, work, read);
  // made only when a debug line is written
  const label = { toString: () => workLabel(work) };
  if (work.requested !== 0) {
    if (
      addressReserved(work, env.config, work.requested) ||
      (env.hostMgr != null && (await dbAddressReserved(env, work, work.requested)))
    ) {
      debug(env, M.ALLOC_ENGINE_V4_REQUEST_ADDRESS_RESERVED, label, fmt(work.requested));
      return null;
    }
  } else if (hasAddressReservation(work)) {
    work.requested = reservedAddress(work)!;
    debug(env, M.ALLOC_ENGINE_V4_REQUEST_USE_HR, label, fmt(work.requested));
  }
  const req = work.requested;
  // The requested address's lease, read once for the checks below and the allocation.
  let existing: Readonly<Lease4> | null | undefined;
  if (req !== 0) {
    existing = read !== null ? read.atAddress : await env.leaseMgr.get(req);
    const cid = work.subnet.effective['match-client-id'] ? c.clientId : null;
    if (
      existing !== null &&
      !isLeaseExpired(existing, work.now) &&
      !belongsToClient(existing, c.hwaddr, c.htype, cid)
    ) {
      debug(env, M.ALLOC_ENGINE_V4_REQUEST_IN_USE, label, fmt(req));
      work.conflicting = existing;
      return null;
    }
    const hasRes = hasAddressReservation(work);
    const reserved = hasRes ? reservedAddress(work) : undefined;
    if (hasRes && reserved !== req) {
      const onReserved = await env.leaseMgr.get(reserved!);
      // The reserved address is free: the client should come back through DISCOVER and get it.
      if (onReserved === null || isLeaseExpired(onReserved, work.now)) {
        debug(env, M.ALLOC_ENGINE_V4_REQUEST_INVALID, label, fmt(reserved!), fmt(req));
        return null;
      }
    }
    if ((!hasRes || reserved !== req) && !inAllowedPool(work, req)) {
      debug(env, M.ALLOC_ENGINE_V4_REQUEST_OUT_OF_POOL, label, fmt(req));
      work.unknownRequested = true;
      return null;
    }
  }
  if (clientLease !== null && (clientLease.address === req || req === 0)) {
    const hasRes = hasAddressReservation(work);
    if ((hasRes && reservedAddress(work) === req) || inAllowedPool(work, clientLease.address)) {
      debug(env, M.ALLOC_ENGINE_V4_REQUEST_EXTEND_LEASE, label, fmt(req));
      return renewLease(env, work, clientLease);
    }
  }
  let lease: Lease4 | null;
  if (req !== 0) {
    debug(env, M.ALLOC_ENGINE_V4_REQUEST_ALLOC_REQUESTED, label, fmt(req));
    lease = await allocateOrReuse(env, work, req, existing);
  } else {
    debug(env, M.ALLOC_ENGINE_V4_REQUEST_PICK_ADDRESS, label);
    lease = await allocateUnreserved(env, work);
  }
  if (lease !== null && clientLease !== null) {
    work.oldLease = { ...clientLease };
    debug(env, M.ALLOC_ENGINE_V4_REQUEST_REMOVE_LEASE, label, fmt(clientLease.address));
    if (await env.leaseMgr.delete(clientLease)) {
      env.stats.subnet(clientLease.subnetId, 'assigned-addresses', -1);
      env.freed(clientLease.address);
    }
  }
  return lease;
}

/** Kea's getPreferredSubnet: the sibling (with the same client-class) that allocated most recently. */
function preferredSubnet(env: AllocEnv, subnet: Subnet4): Subnet4 {
  const net = subnet.sharedNetwork;
  if (net === undefined) return subnet;
  let best = subnet;
  let bestTick = env.cursor(subnet).lastPick;
  for (const s of net.subnets) {
    // Kea looks only at siblings guarded by the same class as the selected subnet.
    if (s.clientClass !== subnet.clientClass) continue;
    const t = env.cursor(s).lastPick;
    if (t > bestTick) {
      best = s;
      bestTick = t;
    }
  }
  return best;
}

/**
 * Kea's allocateUnreservedLease4 with the cursor allocator instead of capacity-bounded probing;
 * `early` is discover's candidate, tried first with the lease it read for it.
 */
export async function allocateUnreserved(
  env: AllocEnv,
  work: Work,
  early: EarlyPick | null = null,
): Promise<Lease4 | null> {
  const network = work.subnet.sharedNetwork;
  if (network !== undefined) work.subnet = preferredSubnet(env, work.subnet);
  const first = work.subnet;
  // Kea probes every address of a pool before giving up, so its attempt count is the capacity of
  // the subnets tried; ours is reported the same way (the actual probes only when a callout skipped).
  let probes = 0;
  let capacity = 0;
  let withPools = 0;
  let withoutPools = 0;
  for (let s: Subnet4 | null = first; s !== null; ) {
    work.subnet = s;
    const cursor = env.cursor(s);
    capacity += cursor.capacity;
    if (cursor.capacity > 0) withPools++;
    else withoutPools++;
    const surveying = cursor.ensureSurveyed(env.leaseMgr, work.now);
    if (surveying !== null) await surveying;
    for (;;) {
      const pre = early !== null && early.subnet === s ? early : null;
      early = null;
      let candidate = pre !== null ? pre.candidate : cursor.pick(env.tick(), work.ctx.classes);
      if (candidate === null) {
        // Everything known is used: look at the pools again (rate-limited), as Kea's cursor wraps.
        if (!(await cursor.resurvey(env.leaseMgr, work.now))) break;
        candidate = cursor.pick(env.tick(), work.ctx.classes);
        if (candidate === null) break;
      }
      probes++;
      const exist = pre !== null ? pre.exist : await env.leaseMgr.get(candidate);
      let lease: Lease4 | null = null;
      if (exist === null) {
        if (
          !(
            addressReserved(work, env.config, candidate) ||
            (env.hostMgr != null && (await dbAddressReserved(env, work, candidate)))
          )
        )
          lease = await createLease(env, work, candidate);
      } else if (
        isLeaseExpired(exist, work.now) &&
        !(
          addressReserved(work, env.config, candidate) ||
          (env.hostMgr != null && (await dbAddressReserved(env, work, candidate)))
        )
      ) {
        work.oldLease = { ...exist };
        lease = await reuseExpired(env, work, exist);
      }
      if (lease !== null) return lease;
      if (work.selectSkipped) {
        s = null;
        break;
      }
    }
    if (s !== null) s = nextSubnet(first, s, work.ctx.classes);
  }
  const attempts = work.selectSkipped ? probes : capacity;
  const label = workLabel(work);
  const sid = work.subnet.id;
  if (network !== undefined) {
    env.log.warn(M.ALLOC_ENGINE_V4_ALLOC_FAIL_SHARED_NETWORK, label, network.name, withPools, withoutPools);
    env.stats.add('v4-allocation-fail-shared-network', 1);
    env.stats.subnet(sid, 'v4-allocation-fail-shared-network', 1);
  } else {
    const s = work.subnet;
    const text = `${fmt(s.network)}/${s.prefixLength}`;
    env.log.warn(M.ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET, label, text, s.id, '(none)');
    env.stats.add('v4-allocation-fail-subnet', 1);
    env.stats.subnet(sid, 'v4-allocation-fail-subnet', 1);
  }
  if (attempts === 0) {
    env.log.warn(M.ALLOC_ENGINE_V4_ALLOC_FAIL_NO_POOLS, label);
    env.stats.add('v4-allocation-fail-no-pools', 1);
    env.stats.subnet(sid, 'v4-allocation-fail-no-pools', 1);
  } else {
    env.log.warn(M.ALLOC_ENGINE_V4_ALLOC_FAIL, label, attempts);
    env.stats.add('v4-allocation-fail', 1);
    env.stats.subnet(sid, 'v4-allocation-fail', 1);
  }
  return null;
}
