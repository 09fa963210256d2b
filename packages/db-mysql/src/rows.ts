// Lease4/Lease6 <-> rows of Kea 2.2's MySQL lease4/lease6 tables, as Kea's MySQL backend stores
// them: v4 addresses as INT UNSIGNED, v6 addresses as canonical text, expire as a TIMESTAMP (written
// and read as epoch seconds, so it ends in January 2038 as Kea's does), booleans as 0/1.
import type { JsonMap } from '@kea-ts/cc';
import {
  userContextFromText as context,
  HTYPE_ETHER,
  keaJsonText,
  type Lease4,
  type Lease6,
  type Lease6Type,
} from '@kea-ts/dhcpsrv';
import { formatIPv4, formatIPv6, KeaError, parseIPv6 } from '@kea-ts/util';
import { KEA_ERR_MYSQL_EXPIRE_RANGE } from './errors.js';

export const LEASE4_COLUMNS =
  'address, hwaddr, client_id, valid_lifetime, UNIX_TIMESTAMP(expire) AS expire, subnet_id, ' +
  'fqdn_fwd, fqdn_rev, hostname, state, user_context';

export const LEASE6_COLUMNS =
  'address, duid, valid_lifetime, UNIX_TIMESTAMP(expire) AS expire, subnet_id, pref_lifetime, ' +
  'lease_type, iaid, prefix_len, fqdn_fwd, fqdn_rev, hostname, hwaddr, hwtype, hwaddr_source, state, user_context';

/** The last second a MySQL TIMESTAMP holds (Kea's MAX_DB_TIME). */
const MAX_DB_TIME = 0x7fffffff;

function expireOf(l: { cltt: number; validLifetime: number }, address: string): number {
  const expire = l.cltt + l.validLifetime;
  if (expire > MAX_DB_TIME) {
    throw new KeaError(
      KEA_ERR_MYSQL_EXPIRE_RANGE,
      `lease ${address}: expiration time ${expire} is greater than the maximum the database holds (${MAX_DB_TIME})`,
    );
  }
  return expire;
}

const contextText = (ctx: JsonMap | null): string | null => (ctx === null ? null : keaJsonText(ctx));

/** The columns both tables share, after each family's own. */
interface CommonRow {
  valid_lifetime: number;
  expire: number;
  subnet_id: number;
  fqdn_fwd: number | null;
  fqdn_rev: number | null;
  hostname: string | null;
  state: number | null;
  user_context: string | null;
}

function common(r: CommonRow) {
  return {
    validLifetime: r.valid_lifetime,
    cltt: r.expire - r.valid_lifetime,
    subnetId: r.subnet_id,
    fqdnFwd: r.fqdn_fwd === 1,
    fqdnRev: r.fqdn_rev === 1,
    hostname: r.hostname ?? '',
    state: r.state ?? 0,
    userContext: context(r.user_context),
  };
}

export interface Lease4Row extends CommonRow {
  address: number;
  hwaddr: Buffer | null;
  client_id: Buffer | null;
}

export function lease4FromRow(r: Lease4Row): Lease4 {
  return { address: r.address, hwaddr: r.hwaddr, htype: HTYPE_ETHER, clientId: r.client_id, ...common(r) };
}

/** Parameters in insert column order (expire as epoch seconds). */
export function lease4Params(l: Readonly<Lease4>): unknown[] {
  return [
    l.address,
    l.hwaddr,
    l.clientId,
    l.validLifetime,
    expireOf(l, formatIPv4(l.address)),
    l.subnetId,
    l.fqdnFwd ? 1 : 0,
    l.fqdnRev ? 1 : 0,
    l.hostname,
    l.state,
    contextText(l.userContext),
  ];
}

export interface Lease6Row extends CommonRow {
  address: string;
  duid: Buffer | null;
  pref_lifetime: number;
  lease_type: number;
  iaid: number;
  prefix_len: number;
  hwaddr: Buffer | null;
  hwtype: number | null;
  hwaddr_source: number | null;
}

export function lease6FromRow(r: Lease6Row): Lease6 {
  const hw = r.hwaddr !== null && r.hwaddr.length > 0 ? r.hwaddr : null;
  return {
    address: parseIPv6(r.address),
    type: r.lease_type as Lease6Type,
    prefixLen: r.prefix_len,
    iaid: r.iaid,
    duid: r.duid ?? Buffer.from([0]),
    preferredLifetime: r.pref_lifetime,
    ...common(r),
    hwaddr: hw,
    hwtype: hw === null ? HTYPE_ETHER : (r.hwtype ?? HTYPE_ETHER),
    hwaddrSource: hw === null ? 0 : (r.hwaddr_source ?? 0),
  };
}

/** Parameters in insert column order (see lease-mgr6.ts). */
export function lease6Params(l: Readonly<Lease6>): unknown[] {
  const hw = l.hwaddr !== null && l.hwaddr.length > 0;
  const address = formatIPv6(l.address);
  return [
    address,
    l.duid,
    l.validLifetime,
    expireOf(l, address),
    l.subnetId,
    l.preferredLifetime,
    l.type,
    l.iaid,
    l.prefixLen,
    l.fqdnFwd ? 1 : 0,
    l.fqdnRev ? 1 : 0,
    l.hostname,
    hw ? l.hwaddr : null,
    hw ? l.hwtype : null,
    hw ? l.hwaddrSource : null,
    l.state,
    contextText(l.userContext),
  ];
}
