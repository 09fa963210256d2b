// The contract between kea-dhcp4's message handlers and the v4 allocation engine: what the server
// knows about the client (Kea's ClientContext4) and what the engine answers. Fields beyond the
// agreed ones are optional so the server can start with the minimum and add detail later.
import type { CalloutHandle } from '@kea-ts/hooks';
import type { Host4, IdentifierType, Subnet4 } from '../cfg/types.js';
import type { ClientDbHosts } from '../host/host-mgr.js';
import type { Lease4 } from '../lease/lease.js';

/** The packet's classes as the engine asks about them (member test only). */
export interface ClassSet {
  has(name: string): boolean;
}

export interface ClientContext4 {
  /** Selected by the server; when it is in a shared network its siblings are tried too. */
  subnet: Subnet4;
  hwaddr: Buffer | null;
  htype: number;
  /** Option 61 payload; ignored for matching in subnets with match-client-id false. */
  clientId: Buffer | null;
  /** Option 50 (SELECTING / INIT-REBOOT) or ciaddr (RENEWING / REBINDING); null or 0 for none. */
  requestedAddress: number | null;
  hostname: string;
  fqdnFwd: boolean;
  fqdnRev: boolean;
  /** true for DISCOVER: the lease is only offered, nothing is stored (Kea 2.2). */
  fakeAllocation: boolean;
  /** Option 51 from the client, clamped to min/max-valid-lifetime; null or 0 for none. */
  validLifetimeHint: number | null;
  /**
   * Reservations already found by the server, keyed by subnet id (0 = global), as Kea's
   * ClientContext4::hosts_. When absent the engine looks them up itself in the config by
   * `hostIdentifiers` (or, without those, by hw-address, duid-in-client-id and client-id in the
   * order of host-reservation-identifiers).
   */
  hosts?: Map<number, Host4>;
  /**
   * The client's hosts in the hosts databases, fetched by the server for this packet; absent when
   * no hosts database is configured. Consulted after the config's reservations.
   */
  dbHosts?: ClientDbHosts<Host4>;
  /** Identifier type and value in preference order (circuit-id and flex-id only come this way). */
  hostIdentifiers?: readonly (readonly [IdentifierType, Buffer])[];
  /** The packet's classes: guarded pools and subnets serve only their class. */
  classes?: ClassSet;
  /** The valid-lifetime triplet of the first of the packet's classes that sets one. */
  classValid?: { value: number; min: number; max: number };
  /** BOOTP client (Kea's BOOTP class): infinite valid lifetime. */
  bootp?: boolean;
  /** Option 82 as received, stored in user-context ISC.relay-agent-info when store-extended-info. */
  relayAgentInfo?: Buffer | null;
  /** The packet, passed to callouts as `query4`. */
  query4?: unknown;
  /** The packet's callout handle, so library contexts follow the packet across hook points. */
  calloutHandle?: CalloutHandle<unknown>;
  /** The packet's log label (Kea's getLabel()); built from hwaddr / client-id when absent. */
  label?: string | { toString(): string };
  /** Unix seconds; tests set it. */
  now?: number;
}

export interface AllocResult4 {
  /** The lease offered (DISCOVER) or assigned (REQUEST); null when none could be given. */
  lease: Lease4 | null;
  /** The subnet the lease came from (a shared-network sibling of ctx.subnet, possibly). */
  subnet: Subnet4 | null;
  /** Why no lease was given, for the NAK text and logs. */
  reason?: string;
  /** The client's previous lease (renewed, replaced or removed), as Kea's ctx.old_lease_. */
  oldLease?: Lease4 | null;
  /**
   * The existing lease was reused under cache-threshold / cache-max-age: nothing was written and
   * `lease` carries cltt = now and validLifetime = the remaining lifetime (what the client is told).
   */
  reused?: boolean;
  /** REQUEST for an address outside every allowed pool without a reservation (Kea's unknown_requested_addr_). */
  unknownRequestedAddress?: boolean;
  /** The live lease of another client that blocked the reserved or requested address. */
  conflictingLease?: Lease4 | null;
}

/** Arguments of lease4_select; a callout may replace `lease4`. SKIP: the lease is not assigned. */
export interface Lease4SelectArgs {
  query4: unknown;
  subnet4: Subnet4;
  fake_allocation: boolean;
  lease4: Lease4;
}

/** Arguments of lease4_renew; a callout may change `lease4`. SKIP: the stored lease stays as it was. */
export interface Lease4RenewArgs {
  query4: unknown;
  subnet4: Subnet4;
  /** null when the subnet has match-client-id false, as in Kea. */
  clientid: Buffer | null;
  hwaddr: Buffer | null;
  lease4: Lease4;
}

/** Arguments of lease4_release and lease4_decline. SKIP or DROP: nothing is changed. */
export interface Lease4PacketArgs {
  query4: unknown;
  lease4: Lease4;
}

/** Arguments of lease4_expire. SKIP: the callout reclaimed the lease itself (no DB change here). */
export interface Lease4ExpireArgs {
  lease4: Lease4;
  remove_lease: boolean;
}

/** Arguments of lease4_recover. SKIP: the declined lease is kept (not removed) and not counted. */
export interface Lease4RecoverArgs {
  lease4: Lease4;
}

/** Kea's Lease::INFINITY_LFT. */
export const INFINITY_LFT = 0xffffffff;
