// RELEASE and DECLINE as Kea 2.2's server does them once it has checked the lease belongs to the
// client: lease4_release then delete (2.2 deletes released leases; expiring them instead came in
// 2.3), lease4_decline then the declined state for the probation period. The caller may pass the
// packet's callout handle and read handle.next afterwards to tell a callout's SKIP/DROP from a
// failure (it logs DHCP4_HOOK_LEASE4_RELEASE_SKIP / DHCP4_HOOK_DECLINE_SKIP itself).
import { type CalloutHandle, defineHookPoint, NextStep, runCallouts } from '@kea-ts/hooks';
import { HTYPE_ETHER, LEASE_STATE_DECLINED, type Lease4 } from '../lease/lease.js';
import type { Lease4PacketArgs } from './types.js';
import type { AllocEnv } from './work.js';

export const lease4ReleaseHook = defineHookPoint<Lease4PacketArgs>('lease4_release');
export const lease4DeclineHook = defineHookPoint<Lease4PacketArgs>('lease4_decline');

/** What the server may hand over with a RELEASE or DECLINE. */
export interface PacketHookOptions {
  query4?: unknown;
  calloutHandle?: CalloutHandle<unknown>;
}

async function skippedBy(
  point: typeof lease4ReleaseHook,
  lease: Readonly<Lease4>,
  opts: PacketHookOptions | undefined,
): Promise<boolean> {
  if (point.callouts === null) return false;
  const h = await runCallouts(
    point,
    { query4: opts?.query4 ?? null, lease4: { ...lease } },
    opts?.calloutHandle,
  );
  return h.next === NextStep.SKIP || h.next === NextStep.DROP;
}

/** Deletes a released lease; false when a callout skipped it or the lease was already gone. */
export async function releaseLease(
  env: AllocEnv,
  lease: Readonly<Lease4>,
  opts?: PacketHookOptions,
): Promise<boolean> {
  if (await skippedBy(lease4ReleaseHook, lease, opts)) return false;
  if (!(await env.leaseMgr.delete(lease))) return false;
  env.stats.subnet(lease.subnetId, 'assigned-addresses', -1);
  env.freed(lease.address);
  env.ddnsRemove?.(lease);
  return true;
}

/**
 * Kea's Lease4::decline plus the server's statistics: no client identity, no DNS names, state
 * declined for the probation period. assigned-addresses is left alone until the address is
 * recovered, as Kea does (pool utilisation keeps counting it).
 */
export async function declineLease(
  env: AllocEnv,
  lease: Readonly<Lease4>,
  probationSeconds: number,
  now: number,
  opts?: PacketHookOptions,
): Promise<Lease4 | null> {
  if (await skippedBy(lease4DeclineHook, lease, opts)) return null;
  const declined: Lease4 = {
    ...lease,
    hwaddr: Buffer.alloc(0),
    htype: HTYPE_ETHER,
    clientId: null,
    cltt: now,
    hostname: '',
    fqdnFwd: false,
    fqdnRev: false,
    state: LEASE_STATE_DECLINED,
    validLifetime: probationSeconds,
  };
  await env.leaseMgr.update(declined);
  env.stats.subnet(lease.subnetId, 'declined-addresses', 1);
  env.stats.add('declined-addresses', 1);
  env.ddnsRemove?.(lease);
  return declined;
}
