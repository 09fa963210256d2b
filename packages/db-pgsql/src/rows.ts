// Lease4/Lease6 <-> rows of Kea 2.2's lease4/lease6 tables, as Kea's PostgreSQL backend stores them:
// v4 addresses as BIGINT, v6 addresses as canonical text, expire as a timestamp (written and read
// as epoch seconds), iaid as the signed reinterpretation of the 32-bit value. What is absent is
// stored as Kea 2.2's daemons store it (seen in rows real kea-dhcp4/kea-dhcp6 wrote): an empty
// hostname, user context, client id or hardware address as '' rather than NULL, and a v6 lease
// without a hardware address with hwtype 0 and hwaddr_source 0. Reads accept NULL as well.
import type { JsonMap } from '@kea-ts/cc';
import {
  userContextFromText as context,
  HTYPE_ETHER,
  keaJsonText,
  type Lease4,
  type Lease6,
  type Lease6Type,
} from '@kea-ts/dhcpsrv';
import { formatIPv6, parseIPv6 } from '@kea-ts/util';

export const LEASE4_COLUMNS =
  'address, hwaddr, client_id, valid_lifetime, extract(epoch FROM expire)::BIGINT AS expire, subnet_id, ' +
  'fqdn_fwd, fqdn_rev, hostname, state, user_context';

export const LEASE6_COLUMNS =
  'address, duid, valid_lifetime, extract(epoch FROM expire)::BIGINT AS expire, subnet_id, pref_lifetime, ' +
  'lease_type, iaid, prefix_len, fqdn_fwd, fqdn_rev, hostname, hwaddr, hwtype, hwaddr_source, state, user_context';

const EMPTY = Buffer.alloc(0);

function contextText(ctx: JsonMap | null): string {
  return ctx === null ? '' : keaJsonText(ctx);
}

const bytesOrNull = (b: Buffer | null): Buffer | null => (b === null || b.length === 0 ? null : b);

export interface Lease4Row {
  address: number;
  hwaddr: Buffer | null;
  client_id: Buffer | null;
  valid_lifetime: number;
  expire: number;
  subnet_id: number;
  fqdn_fwd: boolean;
  fqdn_rev: boolean;
  hostname: string | null;
  state: number;
  user_context: string | null;
}

export function lease4FromRow(r: Lease4Row): Lease4 {
  return {
    address: r.address,
    hwaddr: bytesOrNull(r.hwaddr),
    htype: HTYPE_ETHER,
    clientId: bytesOrNull(r.client_id),
    validLifetime: r.valid_lifetime,
    cltt: r.expire - r.valid_lifetime,
    subnetId: r.subnet_id,
    fqdnFwd: r.fqdn_fwd === true,
    fqdnRev: r.fqdn_rev === true,
    hostname: r.hostname ?? '',
    state: r.state ?? 0,
    userContext: context(r.user_context),
  };
}

/** Parameters $1..$11 in LEASE4 column order (expire as epoch seconds). */
export function lease4Params(l: Readonly<Lease4>): unknown[] {
  return [
    l.address,
    l.hwaddr ?? EMPTY,
    l.clientId ?? EMPTY,
    l.validLifetime,
    l.cltt + l.validLifetime,
    l.subnetId,
    l.fqdnFwd,
    l.fqdnRev,
    l.hostname,
    l.state,
    contextText(l.userContext),
  ];
}

export interface Lease6Row {
  address: string;
  duid: Buffer | null;
  valid_lifetime: number;
  expire: number;
  subnet_id: number;
  pref_lifetime: number;
  lease_type: number;
  iaid: number;
  prefix_len: number;
  fqdn_fwd: boolean;
  fqdn_rev: boolean;
  hostname: string | null;
  hwaddr: Buffer | null;
  hwtype: number | null;
  hwaddr_source: number | null;
  state: number;
  user_context: string | null;
}

export function lease6FromRow(r: Lease6Row): Lease6 {
  const hw = bytesOrNull(r.hwaddr);
  return {
    address: parseIPv6(r.address),
    type: r.lease_type as Lease6Type,
    prefixLen: r.prefix_len,
    iaid: r.iaid >>> 0,
    duid: r.duid ?? Buffer.from([0]),
    preferredLifetime: r.pref_lifetime,
    validLifetime: r.valid_lifetime,
    cltt: r.expire - r.valid_lifetime,
    subnetId: r.subnet_id,
    fqdnFwd: r.fqdn_fwd === true,
    fqdnRev: r.fqdn_rev === true,
    hostname: r.hostname ?? '',
    hwaddr: hw,
    hwtype: hw === null ? HTYPE_ETHER : (r.hwtype ?? HTYPE_ETHER),
    hwaddrSource: hw === null ? 0 : (r.hwaddr_source ?? 0),
    state: r.state ?? 0,
    userContext: context(r.user_context),
  };
}

/** Parameters $1..$17 in LEASE6 insert order (see lease6-mgr.ts). */
export function lease6Params(l: Readonly<Lease6>): unknown[] {
  const hw = l.hwaddr !== null && l.hwaddr.length > 0;
  return [
    formatIPv6(l.address),
    l.duid,
    l.validLifetime,
    l.cltt + l.validLifetime,
    l.subnetId,
    l.preferredLifetime,
    l.type,
    l.iaid | 0,
    l.prefixLen,
    l.fqdnFwd,
    l.fqdnRev,
    l.hostname,
    hw ? l.hwaddr : EMPTY,
    hw ? l.hwtype : 0,
    hw ? l.hwaddrSource : 0,
    l.state,
    contextText(l.userContext),
  ];
}
