// The allocation engine as the server uses it: the shape of @kea-ts/dhcpsrv's AllocEngine4 contract
// (dhcpsrv/src/alloc/types.ts), restated here so the pipeline depends on the shape only and tests can
// drive it with a fake engine.
import type { Dhcp4Config, Host4, IdentifierType, Lease4, Subnet4 } from '@kea-ts/dhcpsrv';

export interface ClientContext4 {
  subnet: Subnet4;
  hwaddr: Buffer | null;
  htype: number;
  clientId: Buffer | null;
  /** Option 50, else ciaddr; 0 or null for none. */
  requestedAddress: number | null;
  hostname: string;
  fqdnFwd: boolean;
  fqdnRev: boolean;
  /** DISCOVER: find an address but store nothing. */
  fakeAllocation: boolean;
  /** Option 51 from the client; the engine clamps it. */
  validLifetimeHint: number | null;
  hosts?: Map<number, Host4>;
  hostIdentifiers?: readonly (readonly [IdentifierType, Buffer])[];
  bootp?: boolean;
  relayAgentInfo?: Buffer | null;
  query4?: unknown;
  calloutHandle?: unknown;
  label?: string;
  now?: number;
}

export interface AllocResult4 {
  lease: Lease4 | null;
  /** The subnet the lease came from (a shared network sibling when the first one was full). */
  subnet: Subnet4 | null;
  reason?: string;
  oldLease?: Lease4 | null;
  reused?: boolean;
  unknownRequestedAddress?: boolean;
  conflictingLease?: Lease4 | null;
}

export interface Allocator4 {
  allocateLease4(ctx: ClientContext4): Promise<AllocResult4>;
  releaseLease4(lease: Readonly<Lease4>): Promise<unknown>;
  declineLease4(lease: Readonly<Lease4>, probationSeconds: number): Promise<unknown>;
  reclaimExpiredLeases4(maxLeases: number, timeoutMs: number, removeLeases: boolean): Promise<unknown>;
  updateConfig(config: Dhcp4Config): void;
  initStatistics(): void;
}
