// DHCPv4 lease file rows (Kea 2.2 schema 2.1): one Lease4 <-> one line, byte for byte as Kea's
// CSVLeaseFile4 writes and reads them.
import { formatHex, formatIPv4, isKeaError, parseClientId, parseHwAddr, parseIPv4 } from '@kea-ts/util';
import { badLease, badRow } from '../errors.js';
import { keaJsonText, parseKeaJsonMap } from '../lease/kea-json.js';
import { HTYPE_ETHER, LEASE_STATE_DECLINED, type Lease4 } from '../lease/lease.js';
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

export const LEASE4_SCHEMA = makeSchema(
  [
    { name: 'address', version: '1.0', defaultValue: '' },
    { name: 'hwaddr', version: '1.0', defaultValue: '' },
    { name: 'client_id', version: '1.0', defaultValue: '' },
    { name: 'valid_lifetime', version: '1.0', defaultValue: '' },
    { name: 'expire', version: '1.0', defaultValue: '' },
    { name: 'subnet_id', version: '1.0', defaultValue: '' },
    { name: 'fqdn_fwd', version: '1.0', defaultValue: '' },
    { name: 'fqdn_rev', version: '1.0', defaultValue: '' },
    { name: 'hostname', version: '1.0', defaultValue: '' },
    { name: 'state', version: '2.0', defaultValue: '0' },
    { name: 'user_context', version: '2.1', defaultValue: '' },
  ],
  'hostname',
);

/** Kea's Memfile_LeaseMgr::MAJOR_VERSION_V4 / MINOR_VERSION_V4. */
export const LEASE4_SCHEMA_VERSION: readonly [number, number] = [2, 1];

function hex(b: Uint8Array | null): string {
  return b === null ? '' : formatHex(b, ':');
}

/** Throws KEA_ERR_DHCPSRV_BAD_LEASE for leases Kea refuses to write. */
export function checkLease4(lease: Readonly<Lease4>): void {
  if (
    (lease.hwaddr === null || lease.hwaddr.length === 0) &&
    (lease.clientId === null || lease.clientId.length === 0) &&
    lease.state !== LEASE_STATE_DECLINED
  ) {
    throw badLease(`Lease4: ${formatIPv4(lease.address)} has neither hardware address nor client id`);
  }
}

/** The line Kea appends for this lease (no newline). `valid` overrides the lifetime (0 = delete). */
export function formatLease4Row(lease: Readonly<Lease4>, valid = lease.validLifetime): string {
  const ctx = lease.userContext === null ? '' : escapeField(keaJsonText(lease.userContext));
  return (
    `${formatIPv4(lease.address)},${hex(lease.hwaddr)},${hex(lease.clientId)},${valid},` +
    `${lease.cltt + valid},${lease.subnetId},` +
    `${lease.fqdnFwd ? 1 : 0},${lease.fqdnRev ? 1 : 0},${escapeField(lease.hostname)},${lease.state},${ctx}`
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

/** One row (already fitted to the current schema) to a lease; throws KEA_ERR_DHCPSRV_BAD_ROW. */
export function parseLease4Row(f: string[]): Lease4 {
  const address = wrap('address', f[0]!, parseIPv4);
  const cidText = f[2]!;
  const clientId =
    cidText === ''
      ? null
      : cidText.length >= 5 && cidText.length <= 764
        ? (parseCanonicalHex(cidText) ?? wrap('client_id', cidText, parseClientId))
        : wrap('client_id', cidText, parseClientId);
  const hwText = f[1]!;
  const hwaddr =
    hwText === ''
      ? null
      : hwText.length <= 59
        ? (parseCanonicalHex(hwText) ?? wrap('hwaddr', hwText, parseHwAddr))
        : wrap('hwaddr', hwText, parseHwAddr);
  const state = parseUnsigned(f[9]!, 'state', UINT32_MAX);
  if (hwaddr === null && clientId === null && state !== LEASE_STATE_DECLINED) {
    throw badRow(`Lease4: ${f[0]} has neither hardware address nor client id`);
  }
  const ctxText = f[10]!;
  let userContext = null;
  if (ctxText !== '') {
    const text = unescapeField(ctxText);
    userContext = parseKeaJsonMap(text);
    if (userContext === null) throw badRow(`user context '${text}' is not a JSON map`);
  }
  const validLifetime = parseUnsigned(f[3]!, 'valid_lifetime', UINT32_MAX);
  return {
    address,
    hwaddr,
    htype: HTYPE_ETHER,
    clientId,
    validLifetime,
    cltt: parseUnsigned(f[4]!, 'expire', Number.MAX_SAFE_INTEGER) - validLifetime,
    subnetId: parseUnsigned(f[5]!, 'subnet_id', UINT32_MAX),
    fqdnFwd: parseFlag(f[6]!, 'fqdn_fwd'),
    fqdnRev: parseFlag(f[7]!, 'fqdn_rev'),
    hostname: detached(unescapeField(f[8]!)),
    state,
    userContext,
  };
}
