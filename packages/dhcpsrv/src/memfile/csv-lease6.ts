// DHCPv6 lease file rows (Kea 2.2 schema 4.0): one Lease6 <-> one line, byte for byte as Kea's
// CSVLeaseFile6 writes and reads them.
import { getComponentLogger } from '@kea-ts/log';
import { formatHex, formatIPv6, isKeaError, parseDuid, parseHwAddr, parseIPv6 } from '@kea-ts/util';
import { badLease, badRow } from '../errors.js';
import { keaJsonText, parseKeaJsonMap } from '../lease/kea-json.js';
import { HTYPE_ETHER, LEASE_STATE_DECLINED, type Lease6, type Lease6Type } from '../lease/lease.js';
import { DHCPSRV_MESSAGES as M } from '../messages.js';
import {
  detached,
  escapeField,
  makeSchema,
  parseCanonicalHex,
  parseFlag,
  parseUnsigned,
  UINT32_MAX,
  unescapeField,
} from './csv.js';

export const LEASE6_SCHEMA = makeSchema(
  [
    { name: 'address', version: '1.0', defaultValue: '' },
    { name: 'duid', version: '1.0', defaultValue: '' },
    { name: 'valid_lifetime', version: '1.0', defaultValue: '' },
    { name: 'expire', version: '1.0', defaultValue: '' },
    { name: 'subnet_id', version: '1.0', defaultValue: '' },
    { name: 'pref_lifetime', version: '1.0', defaultValue: '' },
    { name: 'lease_type', version: '1.0', defaultValue: '' },
    { name: 'iaid', version: '1.0', defaultValue: '' },
    { name: 'prefix_len', version: '1.0', defaultValue: '' },
    { name: 'fqdn_fwd', version: '1.0', defaultValue: '' },
    { name: 'fqdn_rev', version: '1.0', defaultValue: '' },
    { name: 'hostname', version: '1.0', defaultValue: '' },
    { name: 'hwaddr', version: '2.0', defaultValue: '' },
    { name: 'state', version: '3.0', defaultValue: '0' },
    { name: 'user_context', version: '3.1', defaultValue: '' },
    // No defaults: they only mean something next to a hwaddr (then Kea assumes 1 and 0).
    { name: 'hwtype', version: '4.0', defaultValue: '' },
    { name: 'hwaddr_source', version: '4.0', defaultValue: '' },
  ],
  'hostname',
);

export const LEASE6_SCHEMA_VERSION: readonly [number, number] = [4, 0];

const log = getComponentLogger('dhcpsrv');

function isEmptyDuid(duid: Uint8Array | null): boolean {
  return duid === null || duid.length === 0 || (duid.length === 1 && duid[0] === 0);
}

export function checkLease6(lease: Readonly<Lease6>): void {
  if (isEmptyDuid(lease.duid) && lease.state !== LEASE_STATE_DECLINED) {
    throw badLease(`Lease6: ${formatIPv6(lease.address)} has no DUID`);
  }
}

/** A row; `valid` 0 is a delete, which Kea writes with both lifetimes 0. */
export function formatLease6Row(lease: Readonly<Lease6>, valid = lease.validLifetime): string {
  const ctx = lease.userContext === null ? '' : escapeField(keaJsonText(lease.userContext));
  const hw = lease.hwaddr === null ? ',' : `${formatHex(lease.hwaddr, ':')},`;
  const hwTail = lease.hwaddr === null ? ',' : `${lease.hwtype},${lease.hwaddrSource}`;
  return (
    `${formatIPv6(lease.address)},${formatHex(lease.duid, ':')},${valid},${lease.cltt + valid},` +
    `${lease.subnetId},${valid === 0 ? 0 : lease.preferredLifetime},${lease.type},${lease.iaid},${lease.prefixLen},` +
    `${lease.fqdnFwd ? 1 : 0},${lease.fqdnRev ? 1 : 0},${escapeField(lease.hostname)},${hw}` +
    `${lease.state},${ctx},${hwTail}`
  );
}

function wrap<T>(column: string, text: string, parse: (t: string) => T): T {
  try {
    return parse(text);
  } catch (e) {
    if (isKeaError(e)) throw badRow(`${column}: ${e.message}`);
    throw e;
  }
}

// Kea logs and drops an unreadable hardware address rather than the whole row.
function readHwAddr(f: string[]): { hwaddr: Buffer | null; hwtype: number; source: number } {
  try {
    const hwtype = f[15] === '' ? HTYPE_ETHER : parseUnsigned(f[15]!, 'hwtype', 0xffff);
    const hwText = f[12]!;
    const hwaddr = (hwText.length <= 59 ? parseCanonicalHex(hwText) : null) ?? parseHwAddr(hwText);
    if (hwaddr.length === 0) return { hwaddr: null, hwtype: HTYPE_ETHER, source: 0 };
    const source = f[16] === '' ? 0 : parseUnsigned(f[16]!, 'hwaddr_source', UINT32_MAX);
    return { hwaddr, hwtype, source };
  } catch (e) {
    if (!isKeaError(e)) throw e;
    log.warn(M.DHCPSRV_MEMFILE_READ_HWADDR_FAIL, e.message);
    return { hwaddr: null, hwtype: HTYPE_ETHER, source: 0 };
  }
}

export function parseLease6Row(f: string[]): Lease6 {
  const type = parseUnsigned(f[6]!, 'lease_type', UINT32_MAX);
  if (type > 2) throw badRow(`lease_type '${f[6]}' is not 0, 1 or 2`);
  const address = wrap('address', f[0]!, parseIPv6);
  const duidText = f[1]!;
  // The canonical form within Kea's 1..130 byte limits skips the general parser.
  const duid =
    (duidText.length <= 389 ? parseCanonicalHex(duidText) : null) ?? wrap('duid', duidText, parseDuid);
  const iaid = parseUnsigned(f[7]!, 'iaid', UINT32_MAX);
  const preferredLifetime = parseUnsigned(f[5]!, 'pref_lifetime', UINT32_MAX);
  const validLifetime = parseUnsigned(f[2]!, 'valid_lifetime', UINT32_MAX);
  const subnetId = parseUnsigned(f[4]!, 'subnet_id', UINT32_MAX);
  const hw = f[12] === '' ? null : readHwAddr(f);
  // Kea reads an int and keeps its low byte.
  const prefixLen = parseUnsigned(f[8]!, 'prefix_len', 0x7fffffff) & 0xff;
  const cltt = parseUnsigned(f[3]!, 'expire', Number.MAX_SAFE_INTEGER) - validLifetime;
  const fqdnFwd = parseFlag(f[9]!, 'fqdn_fwd');
  const fqdnRev = parseFlag(f[10]!, 'fqdn_rev');
  const hostname = detached(unescapeField(f[11]!));
  const state = parseUnsigned(f[13]!, 'state', UINT32_MAX);
  if (isEmptyDuid(duid) && state !== LEASE_STATE_DECLINED) {
    throw badRow('the empty DUID is only valid for declined leases');
  }
  const ctxText = f[14]!;
  let userContext = null;
  if (ctxText !== '') {
    const text = unescapeField(ctxText);
    userContext = parseKeaJsonMap(text);
    if (userContext === null) throw badRow(`user context '${text}' is not a JSON map`);
  }
  return {
    address,
    type: type as Lease6Type,
    prefixLen,
    iaid,
    duid,
    preferredLifetime,
    validLifetime,
    cltt,
    subnetId,
    fqdnFwd,
    fqdnRev,
    hostname,
    hwaddr: hw?.hwaddr ?? null,
    hwtype: hw?.hwtype ?? HTYPE_ETHER,
    hwaddrSource: hw?.source ?? 0,
    state,
    userContext,
  };
}
