// The lease model shared by every lease backend: plain objects with Kea's fields. IPv4 addresses
// are numbers and IPv6 addresses 16-byte Buffers, so indexes key on them without parsing text.
import type { JsonMap } from '@kea-ts/cc';

/** Kea's Lease::STATE_* values, as stored in the `state` column. */
export const LEASE_STATE_DEFAULT = 0;
export const LEASE_STATE_DECLINED = 1;
export const LEASE_STATE_EXPIRED_RECLAIMED = 2;

/** Kea's Lease::Type values, as stored in the v6 `lease_type` column. */
export const LEASE_TYPE_NA = 0;
export const LEASE_TYPE_TA = 1;
export const LEASE_TYPE_PD = 2;
export type Lease6Type = 0 | 1 | 2;

/** Ethernet, what Kea assumes when a file has a hardware address but no type. */
export const HTYPE_ETHER = 1;

export interface Lease4 {
  /** uint32 */
  address: number;
  /** null: none recorded. An empty Buffer is what Kea loads from an empty column. */
  hwaddr: Buffer | null;
  htype: number;
  clientId: Buffer | null;
  /** Seconds; 0 in a file row means "this lease was deleted". */
  validLifetime: number;
  /** Client last transmission time, Unix seconds; the file stores cltt + validLifetime. */
  cltt: number;
  subnetId: number;
  fqdnFwd: boolean;
  fqdnRev: boolean;
  hostname: string;
  state: number;
  userContext: JsonMap | null;
}

export interface Lease6 {
  /** 16 bytes; for a prefix (PD) the prefix itself. */
  address: Buffer;
  type: Lease6Type;
  /** 128 for addresses. */
  prefixLen: number;
  iaid: number;
  /** The single byte 00 (Kea's DUID::EMPTY) only in declined leases. */
  duid: Buffer;
  preferredLifetime: number;
  validLifetime: number;
  cltt: number;
  subnetId: number;
  fqdnFwd: boolean;
  fqdnRev: boolean;
  hostname: string;
  hwaddr: Buffer | null;
  hwtype: number;
  /** Kea's HWADDR_SOURCE_* bitmask; 0 unknown. */
  hwaddrSource: number;
  state: number;
  userContext: JsonMap | null;
}

/** Unix seconds at which the lease expires, the value of the `expire` column. */
export function leaseExpire(lease: { cltt: number; validLifetime: number }): number {
  return lease.cltt + lease.validLifetime;
}

/** Kea's Lease::expired(): expiration strictly before `now`. */
export function isLeaseExpired(lease: { cltt: number; validLifetime: number }, now: number): boolean {
  return lease.cltt + lease.validLifetime < now;
}

/** A Lease4 with Kea's defaults for what is not given. */
export function makeLease4(fields: Partial<Lease4> & Pick<Lease4, 'address'>): Lease4 {
  return {
    hwaddr: null,
    htype: HTYPE_ETHER,
    clientId: null,
    validLifetime: 0,
    cltt: 0,
    subnetId: 0,
    fqdnFwd: false,
    fqdnRev: false,
    hostname: '',
    state: LEASE_STATE_DEFAULT,
    userContext: null,
    ...fields,
  };
}

/** A Lease6 with Kea's defaults for what is not given (prefixLen 128 for NA/TA). */
export function makeLease6(fields: Partial<Lease6> & Pick<Lease6, 'address'>): Lease6 {
  return {
    type: LEASE_TYPE_NA,
    prefixLen: 128,
    iaid: 0,
    duid: Buffer.from([0]),
    preferredLifetime: 0,
    validLifetime: 0,
    cltt: 0,
    subnetId: 0,
    fqdnFwd: false,
    fqdnRev: false,
    hostname: '',
    hwaddr: null,
    hwtype: HTYPE_ETHER,
    hwaddrSource: 0,
    state: LEASE_STATE_DEFAULT,
    userContext: null,
    ...fields,
  };
}
