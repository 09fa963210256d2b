// The packet hook points of kea-dhcp6, declared beside the steps that call them (Kea 2.2's names and
// arguments). Each is null-checked per packet, so an unused point costs one comparison.
import type { Pkt6 } from '@kea-ts/dhcp';
import type { Lease6, Subnet6 } from '@kea-ts/dhcpsrv';
import { defineHookPoint } from '@kea-ts/hooks';

export interface Buffer6ReceiveArgs {
  /** The raw bytes; a callout that parsed them itself (SKIP) sets query6. */
  buffer6: Buffer;
  query6: Pkt6 | null;
  iface: string;
}
export interface Pkt6ReceiveArgs {
  query6: Pkt6;
}
export interface Subnet6SelectArgs {
  query6: Pkt6;
  subnet6: Subnet6 | null;
  subnet6collection: readonly Subnet6[];
}
export interface Leases6CommittedArgs {
  query6: Pkt6;
  leases6: Lease6[];
  deleted_leases6: Lease6[];
}
export interface Pkt6SendArgs {
  query6: Pkt6;
  response6: Pkt6;
  /** Set by a callout that packed the response itself (with SKIP). */
  buffer6: Buffer | null;
}
export interface Buffer6SendArgs {
  response6: Pkt6;
  buffer6: Buffer;
}

export const buffer6Receive = defineHookPoint<Buffer6ReceiveArgs>('buffer6_receive');
export const pkt6Receive = defineHookPoint<Pkt6ReceiveArgs>('pkt6_receive');
export const subnet6Select = defineHookPoint<Subnet6SelectArgs>('subnet6_select');
export const leases6Committed = defineHookPoint<Leases6CommittedArgs>('leases6_committed');
export const pkt6Send = defineHookPoint<Pkt6SendArgs>('pkt6_send');
export const buffer6Send = defineHookPoint<Buffer6SendArgs>('buffer6_send');
