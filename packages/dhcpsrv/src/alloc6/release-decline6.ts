// RELEASE and DECLINE as Kea 2.2's kea-dhcp6 does them once it has matched the lease to the client:
// lease6_release then delete (2.2 deletes released leases) and assigned-nas / assigned-pds down;
// lease6_decline then Lease6::decline for the probation period (assigned-nas stays until the address
// is recovered, as Kea keeps pool utilisation honest) and declined-addresses up.
import { type CalloutHandle, defineHookPoint, NextStep, runCallouts } from '@kea-ts/hooks';
import { LEASE_STATE_DECLINED, type Lease6 } from '../lease/lease.js';
import type { Lease6PacketArgs } from './types6.js';
import type { AllocEnv6 } from './work6.js';

export const lease6ReleaseHook = defineHookPoint<Lease6PacketArgs>('lease6_release');
export const lease6DeclineHook = defineHookPoint<Lease6PacketArgs>('lease6_decline');

export interface PacketHookOptions6 {
  query6?: unknown;
  calloutHandle?: CalloutHandle<unknown>;
}

async function skippedBy(
  point: typeof lease6ReleaseHook,
  lease: Readonly<Lease6>,
  opts: PacketHookOptions6 | undefined,
): Promise<boolean> {
  if (point.callouts === null) return false;
  const h = await runCallouts(
    point,
    { query6: opts?.query6 ?? null, lease6: { ...lease } },
    opts?.calloutHandle,
  );
  return h.next === NextStep.SKIP || h.next === NextStep.DROP;
}

export async function releaseLease6(
  env: AllocEnv6,
  lease: Readonly<Lease6>,
  opts?: PacketHookOptions6,
): Promise<boolean> {
  if (await skippedBy(lease6ReleaseHook, lease, opts)) return false;
  if (!(await env.leaseMgr.delete(lease))) return false;
  env.stats.unassigned(lease.subnetId, lease.type);
  env.freed(lease);
  env.ddnsRemove?.(lease);
  return true;
}

/** Kea's Lease6::decline plus the server's statistics; null when a callout skipped or dropped it. */
export async function declineLease6(
  env: AllocEnv6,
  lease: Readonly<Lease6>,
  probationSeconds: number,
  now: number,
  opts?: PacketHookOptions6,
): Promise<Lease6 | null> {
  if (await skippedBy(lease6DeclineHook, lease, opts)) return null;
  const declined: Lease6 = {
    ...lease,
    hwaddr: null,
    duid: Buffer.from([0]),
    preferredLifetime: 0,
    validLifetime: probationSeconds,
    cltt: now,
    hostname: '',
    fqdnFwd: false,
    fqdnRev: false,
    state: LEASE_STATE_DECLINED,
  };
  await env.leaseMgr.update(declined);
  env.stats.subnet(lease.subnetId, 'declined-addresses', 1);
  env.stats.add('declined-addresses', 1);
  env.ddnsRemove?.(lease);
  return declined;
}
