// The contract between kea-dhcp6's IA handlers and the v6 allocation engine: one IA (IA_NA or IA_PD)
// of one client per call (Kea's ClientContext6 with its current IAContext), and what the engine
// answers. Fields beyond the agreed ones are optional.
import type { CalloutHandle } from '@kea-ts/hooks';
import type { ClassSet } from '../alloc/types.js';
import type { ClassLifetime } from '../cfg/classes.js';
import type { Host6, IdentifierType6, Subnet6 } from '../cfg/types6.js';
import type { ClientDbHosts } from '../host/host-mgr.js';
import type { Lease6 } from '../lease/lease.js';

/** An IAADDR / IAPREFIX the client sent (Kea's Resource); prefixLen 128 for addresses. */
export interface Hint6 {
  address: Buffer;
  prefixLen: number;
  preferred?: number;
  valid?: number;
}

export interface ClientContext6 {
  /** Selected by the server; shared-network siblings are tried too. */
  subnet: Subnet6;
  duid: Buffer;
  iaid: number;
  /** 0 IA_NA, 2 IA_PD. */
  type: 0 | 2;
  /** Kea uses the first hint only (address and lifetimes); the others are the server's business. */
  hints: Hint6[];
  hwaddr?: Buffer | null;
  /** Kea's HWADDR_SOURCE_* of hwaddr. */
  hwaddrSource?: number;
  /** The hardware type of hwaddr (from the DUID or relay option; 1 when unknown). */
  hwtype?: number;
  hostname: string;
  fqdnFwd: boolean;
  fqdnRev: boolean;
  /** SOLICIT without rapid commit: nothing is stored (reserved-lease revocation still is, as in Kea). */
  fakeAllocation: boolean;
  /** Reservations keyed by subnet id (0 = global); looked up by duid / hw-address when absent. */
  hosts?: Map<number, Host6>;
  hostIdentifiers?: readonly (readonly [IdentifierType6, Buffer])[];
  /**
   * The client's hosts in the hosts databases, fetched by the server for this packet; absent when
   * no hosts database is configured. Consulted after the config's reservations.
   */
  dbHosts?: ClientDbHosts<Host6>;
  /**
   * Addresses and prefixes already given to this client in the same packet (Kea's
   * allocated_resources_), keys made by resourceKey(); the engine adds its answers so the next IA skips them.
   */
  allocated?: Set<string>;
  /** The packet's classes: guarded pools and subnets serve only their class. */
  classes?: ClassSet;
  /** Lifetime triplets of the first of the packet's classes that sets each (Kea's getLifetimes6). */
  classValid?: ClassLifetime;
  classPreferred?: ClassLifetime;
  /** RENEW (default) or REBIND: which hook point renewLeases6 calls. */
  rebind?: boolean;
  query6?: unknown;
  /** The IA option of the response, passed to lease6_renew / lease6_rebind as ia_na / ia_pd. */
  iaResponse?: unknown;
  calloutHandle?: CalloutHandle<unknown>;
  /** The packet's log label, or something that makes it when a line is written (String(label)). */
  label?: string | { toString(): string };
  now?: number;
}

export interface AllocResult6 {
  /** The leases assigned, offered or extended for the IA (empty: none). */
  leases: Lease6[];
  subnet: Subnet6 | null;
  reason?: string;
  /** Leases the client lost (replaced, revoked, expired taken over), as Kea's old_leases_. */
  oldLeases?: Lease6[];
  /**
   * Leases reused under cache-threshold / cache-max-age: not written; their entry in `leases`
   * carries cltt = now and the remaining preferred / valid lifetimes.
   */
  reused?: Lease6[];
  /** The client's existing leases as they were before being updated or extended (DDNS on only). */
  changedLeases?: Lease6[];
}

export interface Lease6SelectArgs {
  query6: unknown;
  subnet6: Subnet6;
  fake_allocation: boolean;
  lease6: Lease6;
}

export interface Lease6ExtendArgs {
  query6: unknown;
  lease6: Lease6;
  ia_na?: unknown;
  ia_pd?: unknown;
}

export interface Lease6PacketArgs {
  query6: unknown;
  lease6: Lease6;
}

export interface Lease6ExpireArgs {
  lease6: Lease6;
  remove_lease: boolean;
}

export interface Lease6RecoverArgs {
  lease6: Lease6;
}
