// The NameChangeRequest (NCR) model and Kea's JSON form of it: what a DHCP server asks D2 to do in DNS.
// Field names, defaults and validation rules are Kea 2.2's (src/lib/dhcp_ddns/ncr_msg.cc); texts are ours.
import { canonicalName, labelsToName, nameToLabels } from '@kea-ts/dns';
import { formatHex, formatIPv4, formatIPv6, isKeaError, tryParseIPv4, tryParseIPv6 } from '@kea-ts/util';
import { badNcr } from './errors.js';

/** change-type 0: add (or update) the lease's names. */
export const CHG_ADD = 0;
/** change-type 1: remove the lease's names. */
export const CHG_REMOVE = 1;
export type NameChangeType = typeof CHG_ADD | typeof CHG_REMOVE;

/**
 * One request, validated and normalised: `fqdn` is absolute (trailing dot, case kept), `ipAddress` is the
 * canonical text of an IPv4 or IPv6 address, `dhcid` the DHCID RDATA (RFC 4701) bytes, `leaseExpiresOn`
 * seconds since the epoch (UTC). Build one with `createNcr` (or `ncrFromJson`/`decodeNcr`) so it is valid.
 */
export interface NameChangeRequest {
  changeType: NameChangeType;
  forwardChange: boolean;
  reverseChange: boolean;
  fqdn: string;
  ipAddress: string;
  dhcid: Buffer;
  leaseExpiresOn: number;
  leaseLength: number;
  useConflictResolution: boolean;
}

/** The fields accepted by createNcr; `useConflictResolution` defaults to true as in Kea. */
export interface NcrFields {
  changeType: NameChangeType;
  forwardChange: boolean;
  reverseChange: boolean;
  fqdn: string;
  ipAddress: string;
  /** DHCID RDATA bytes, or its hex text. */
  dhcid: Uint8Array | string;
  /** Seconds since the epoch, or Kea's YYYYMMDDHHMMSS text. */
  leaseExpiresOn: number | string;
  leaseLength: number;
  useConflictResolution?: boolean;
}

/** Validates and normalises the fields into a request; throws KEA_ERR_DHCP_DDNS_BAD_NCR naming the field. */
export function createNcr(f: NcrFields): NameChangeRequest {
  if (f.changeType !== CHG_ADD && f.changeType !== CHG_REMOVE) {
    throw badNcr(`change-type ${String(f.changeType)} is neither 0 (add) nor 1 (remove)`);
  }
  const ncr: NameChangeRequest = {
    changeType: f.changeType,
    forwardChange: f.forwardChange === true,
    reverseChange: f.reverseChange === true,
    fqdn: normaliseFqdn(f.fqdn),
    ipAddress: normaliseAddress(f.ipAddress),
    dhcid: typeof f.dhcid === 'string' ? parseDhcidHex(f.dhcid) : Buffer.from(f.dhcid),
    leaseExpiresOn:
      typeof f.leaseExpiresOn === 'string' ? parseLeaseExpiresOn(f.leaseExpiresOn) : f.leaseExpiresOn,
    leaseLength: f.leaseLength,
    useConflictResolution: f.useConflictResolution ?? true,
  };
  if (!Number.isSafeInteger(ncr.leaseExpiresOn) || ncr.leaseExpiresOn < 0) {
    throw badNcr(`lease-expires-on ${String(ncr.leaseExpiresOn)} is not a time after 1970`);
  }
  checkLeaseLength(ncr.leaseLength);
  validateContent(ncr);
  return ncr;
}

/** Kea's last checks over a whole request. */
function validateContent(ncr: NameChangeRequest): void {
  if (ncr.dhcid.length === 0) throw badNcr('dhcid must not be empty');
  if (!ncr.forwardChange && !ncr.reverseChange) {
    throw badNcr('forward-change and reverse-change are both false: nothing to update');
  }
}

function checkLeaseLength(v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw badNcr(`lease-length must be an integer, got ${describe(v)}`);
  }
  if (v < 0) throw badNcr(`lease-length ${v} is negative`);
  if (v > 0xffffffff) throw badNcr(`lease-length ${v} does not fit in an unsigned 32-bit integer`);
}

/** Absolute form with the trailing dot; case and escapes kept as Kea's dns::Name prints them. */
function normaliseFqdn(text: unknown): string {
  if (typeof text !== 'string') throw badNcr(`fqdn must be a string, got ${describe(text)}`);
  if (text === '') throw badNcr('fqdn must not be empty');
  try {
    return labelsToName(nameToLabels(text));
  } catch (e) {
    if (isKeaError(e)) throw badNcr(`fqdn '${text}' is not a valid domain name: ${e.message}`);
    throw e;
  }
}

function normaliseAddress(text: unknown): string {
  if (typeof text !== 'string') throw badNcr(`ip-address must be a string, got ${describe(text)}`);
  const v4 = tryParseIPv4(text);
  if (v4 !== null) return formatIPv4(v4);
  const v6 = tryParseIPv6(text);
  if (v6 !== null) return formatIPv6(v6);
  throw badNcr(`ip-address '${text}' is not an IPv4 or IPv6 address`);
}

function parseDhcidHex(text: unknown): Buffer {
  if (typeof text !== 'string') throw badNcr(`dhcid must be a string, got ${describe(text)}`);
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw badNcr(`dhcid '${text}' is not an even-length string of hex digits`);
  }
  return Buffer.from(text, 'hex');
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Kea's YYYYMMDDHHMMSS (UTC) to seconds since the epoch; ranges checked as Kea checks them (second 60 allowed). */
export function parseLeaseExpiresOn(text: unknown): number {
  if (typeof text !== 'string') throw badNcr(`lease-expires-on must be a string, got ${describe(text)}`);
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (m === null) throw badNcr(`lease-expires-on '${text}' is not YYYYMMDDHHMMSS`);
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const inRange = (lo: number, hi: number, v: number, what: string): void => {
    if (v < lo || v > hi) throw badNcr(`lease-expires-on '${text}': ${what} ${v} is not in ${lo}..${hi}`);
  };
  inRange(1970, 9999, year, 'year');
  inRange(1, 12, month, 'month');
  inRange(1, DAYS[month - 1]! + (month === 2 && isLeap(year) ? 1 : 0), day, 'day');
  inRange(0, 23, hour, 'hour');
  inRange(0, 59, minute, 'minute');
  inRange(0, 60, second, 'second');
  // Date.UTC rolls second 60 into the next minute, as Kea's arithmetic does.
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

/** Seconds since the epoch to Kea's YYYYMMDDHHMMSS (UTC). */
export function formatLeaseExpiresOn(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    p(d.getUTCFullYear(), 4) +
    p(d.getUTCMonth() + 1) +
    p(d.getUTCDate()) +
    p(d.getUTCHours()) +
    p(d.getUTCMinutes()) +
    p(d.getUTCSeconds())
  );
}

/** Kea's JSON text of a request, byte for byte (key order, no spaces, upper-case DHCID hex). */
export function ncrToJson(ncr: NameChangeRequest): string {
  return (
    `{"change-type":${ncr.changeType},` +
    `"forward-change":${ncr.forwardChange},` +
    `"reverse-change":${ncr.reverseChange},` +
    `"fqdn":${JSON.stringify(ncr.fqdn)},` +
    `"ip-address":${JSON.stringify(ncr.ipAddress)},` +
    `"dhcid":"${formatHex(ncr.dhcid).toUpperCase()}",` +
    `"lease-expires-on":"${formatLeaseExpiresOn(ncr.leaseExpiresOn)}",` +
    `"lease-length":${ncr.leaseLength},` +
    `"use-conflict-resolution":${ncr.useConflictResolution}}`
  );
}

const REQUIRED = [
  'change-type',
  'forward-change',
  'reverse-change',
  'fqdn',
  'ip-address',
  'dhcid',
  'lease-expires-on',
  'lease-length',
] as const;

/**
 * Parses Kea's JSON text of a request. Every member but use-conflict-resolution (default true) is
 * required and type-checked; other members are ignored, as Kea 2.2 ignores them.
 */
export function ncrFromJson(text: string): NameChangeRequest {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw badNcr(`malformed NameChangeRequest JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw badNcr(`a NameChangeRequest must be a JSON map, got ${describe(doc)}`);
  }
  const map = doc as Record<string, unknown>;
  for (const key of REQUIRED) {
    if (!Object.hasOwn(map, key)) throw badNcr(`NameChangeRequest has no '${key}'`);
  }
  const changeType = map['change-type'];
  if (typeof changeType !== 'number' || !Number.isInteger(changeType)) {
    throw badNcr(`change-type must be an integer, got ${describe(changeType)}`);
  }
  const bool = (key: string): boolean => {
    const v = map[key];
    if (typeof v !== 'boolean') throw badNcr(`${key} must be a boolean, got ${describe(v)}`);
    return v;
  };
  checkLeaseLength(map['lease-length']);
  return createNcr({
    changeType: changeType as NameChangeType,
    forwardChange: bool('forward-change'),
    reverseChange: bool('reverse-change'),
    fqdn: map.fqdn as string,
    ipAddress: map['ip-address'] as string,
    dhcid: parseDhcidHex(map.dhcid),
    leaseExpiresOn: parseLeaseExpiresOn(map['lease-expires-on']),
    leaseLength: map['lease-length'] as number,
    useConflictResolution: Object.hasOwn(map, 'use-conflict-resolution')
      ? bool('use-conflict-resolution')
      : true,
  });
}

/** True when both requests ask for the same change (Kea's operator==; FQDNs compared case-insensitively). */
export function ncrEquals(a: NameChangeRequest, b: NameChangeRequest): boolean {
  return (
    a.changeType === b.changeType &&
    a.forwardChange === b.forwardChange &&
    a.reverseChange === b.reverseChange &&
    canonicalName(a.fqdn) === canonicalName(b.fqdn) &&
    a.ipAddress === b.ipAddress &&
    a.dhcid.equals(b.dhcid) &&
    a.leaseExpiresOn === b.leaseExpiresOn &&
    a.leaseLength === b.leaseLength &&
    a.useConflictResolution === b.useConflictResolution
  );
}

/** A multi-line description for debug logs, in the shape of Kea's NameChangeRequest::toText. */
export function ncrToText(ncr: NameChangeRequest): string {
  return (
    `Type: ${ncr.changeType} (${ncr.changeType === CHG_ADD ? 'CHG_ADD' : 'CHG_REMOVE'})\n` +
    `Forward Change: ${ncr.forwardChange ? 'yes' : 'no'}\n` +
    `Reverse Change: ${ncr.reverseChange ? 'yes' : 'no'}\n` +
    `FQDN: [${ncr.fqdn}]\n` +
    `IP Address: [${ncr.ipAddress}]\n` +
    `DHCID: [${formatHex(ncr.dhcid).toUpperCase()}]\n` +
    `Lease Expires On: ${formatLeaseExpiresOn(ncr.leaseExpiresOn)}\n` +
    `Lease Length: ${ncr.leaseLength}\n` +
    `Conflict Resolution: ${ncr.useConflictResolution ? 'yes' : 'no'}\n`
  );
}

/** True for an IPv6 request (AAAA and ip6.arpa), false for IPv4. */
export function isV6Ncr(ncr: NameChangeRequest): boolean {
  return ncr.ipAddress.includes(':');
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}
