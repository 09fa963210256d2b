// `interfaces-config` as Kea 2.2 reads it: the map's keys and defaults, and the selection of interfaces
// and addresses from the `interfaces` list with Kea's rules and errors (checked against detected
// interfaces, as config-test does). Pure apart from the info/debug lines Kea logs while selecting.

import { getComponentLogger } from '@kea-ts/log';
import { formatIPv4, formatIPv6, tryParseIPv4, tryParseIPv6 } from '@kea-ts/util';
import {
  KEA_ERR_NET_BAD_IFACE_NAME,
  KEA_ERR_NET_CONFIG,
  KEA_ERR_NET_DUPLICATE,
  KEA_ERR_NET_NO_SUCH_ADDRESS,
  KEA_ERR_NET_NO_SUCH_IFACE,
  NetError,
} from './errors.js';
import { isLinkLocal6, type NetInterface } from './interfaces.js';
import { NET_MESSAGES as M } from './messages.js';

export type Family = 4 | 6;

export interface InterfacesConfig {
  interfaces: string[];
  /** v4 only; 'raw' unless given. */
  dhcpSocketType: 'raw' | 'udp';
  /** Whether `dhcp-socket-type` was given (Kea logs a different line when it was not). */
  socketTypeGiven: boolean;
  /** v4 only. */
  outboundInterface: 'same-as-inbound' | 'use-routing';
  reDetect: boolean;
  serviceSocketsRequireAll: boolean;
  serviceSocketsMaxRetries: number;
  serviceSocketsRetryWaitTime: number;
}

const COMMON_KEYS = [
  'interfaces',
  're-detect',
  'service-sockets-require-all',
  'service-sockets-max-retries',
  'service-sockets-retry-wait-time',
  'user-context',
  'comment',
];
const V4_KEYS = ['dhcp-socket-type', 'outbound-interface'];

function bad(path: string, what: string): NetError {
  return new NetError(KEA_ERR_NET_CONFIG, `interfaces-config.${path}: ${what}`);
}

function uint32(raw: Record<string, unknown>, key: string, dflt: number): number {
  const v = raw[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw bad(key, `expected an integer between 0 and 4294967295, got ${JSON.stringify(v)}`);
  }
  return v;
}

function bool(raw: Record<string, unknown>, key: string, dflt: boolean): boolean {
  const v = raw[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw bad(key, `expected a boolean, got ${JSON.stringify(v)}`);
  return v;
}

function oneOf<T extends string>(
  raw: Record<string, unknown>,
  key: string,
  values: readonly T[],
  dflt: T,
): T {
  const v = raw[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !values.includes(v as T)) {
    throw bad(key, `expected one of ${values.map((x) => `'${x}'`).join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** Checks and defaults an `interfaces-config` map (absent map: Kea's empty selection, re-detect false). */
export function parseInterfacesConfig(family: Family, raw: unknown): InterfacesConfig {
  if (raw === undefined) {
    return {
      interfaces: [],
      dhcpSocketType: 'raw',
      socketTypeGiven: false,
      outboundInterface: 'same-as-inbound',
      reDetect: false,
      serviceSocketsRequireAll: false,
      serviceSocketsMaxRetries: 0,
      serviceSocketsRetryWaitTime: 5000,
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new NetError(KEA_ERR_NET_CONFIG, 'interfaces-config: expected a map');
  }
  const map = raw as Record<string, unknown>;
  const allowed = family === 4 ? [...COMMON_KEYS, ...V4_KEYS] : COMMON_KEYS;
  for (const key of Object.keys(map)) {
    if (!allowed.includes(key)) throw bad(key, `unsupported parameter for DHCPv${family}`);
  }
  const list = map.interfaces ?? [];
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) {
    throw bad('interfaces', 'expected a list of strings');
  }
  return {
    interfaces: list as string[],
    dhcpSocketType: oneOf(map, 'dhcp-socket-type', ['raw', 'udp'] as const, 'raw'),
    socketTypeGiven: map['dhcp-socket-type'] !== undefined,
    outboundInterface: oneOf(
      map,
      'outbound-interface',
      ['same-as-inbound', 'use-routing'] as const,
      'same-as-inbound',
    ),
    reDetect: bool(map, 're-detect', true),
    serviceSocketsRequireAll: bool(map, 'service-sockets-require-all', false),
    serviceSocketsMaxRetries: uint32(map, 'service-sockets-max-retries', 0),
    serviceSocketsRetryWaitTime: uint32(map, 'service-sockets-retry-wait-time', 5000),
  };
}

/** One interface the server listens on, with what was selected on it. */
export interface SelectedInterface {
  name: string;
  /** Listed by name (v4: every IPv4 address of it; v6: link-local + multicast). */
  byName: boolean;
  /** v4 `iface/address` entries. */
  addresses4: number[];
  /** v6 `iface/address` entries (unicast sockets). */
  unicast6: Buffer[];
  /** Explicitly listed (by name or address): Kea accepts a loopback interface only then. */
  explicit: boolean;
}

/**
 * Applies the `interfaces` list to the detected interfaces, in list order, with Kea's checks. `*` adds
 * every interface except loopback ones; a loopback interface is used only when listed explicitly (and,
 * for DHCPv4, only with udp sockets - that check is made when sockets are opened, as Kea does).
 */
export function selectInterfaces(family: Family, config: InterfacesConfig, ifaces: readonly NetInterface[]) {
  const log = getComponentLogger('dhcpsrv');
  const byName = new Map(ifaces.map((i) => [i.name, i]));
  const selected = new Map<string, SelectedInterface>();
  let wildcard = false;
  const entry = (name: string): SelectedInterface => {
    let s = selected.get(name);
    if (s === undefined) {
      s = { name, byName: false, addresses4: [], unicast6: [], explicit: true };
      selected.set(name, s);
    }
    return s;
  };
  for (const text of config.interfaces) {
    const slash = text.indexOf('/');
    const name = (slash < 0 ? text : text.slice(0, slash)).trim();
    if (name === '') throw new NetError(KEA_ERR_NET_BAD_IFACE_NAME, `empty interface name in '${text}'`);
    if (slash < 0 && name === '*') {
      if (wildcard)
        throw new NetError(KEA_ERR_NET_DUPLICATE, "the wildcard interface '*' can only be specified once");
      log.debug(40, M.DHCPSRV_CFGMGR_ALL_IFACES_ACTIVE);
      wildcard = true;
      continue;
    }
    const iface = byName.get(name);
    if (slash >= 0) {
      const addrText = text.slice(slash + 1).trim();
      if (addrText === '') throw new NetError(KEA_ERR_NET_BAD_IFACE_NAME, `empty address in '${text}'`);
      if (name === '*') {
        throw new NetError(
          KEA_ERR_NET_BAD_IFACE_NAME,
          "the wildcard interface '*' must not be used with an address",
        );
      }
      if (iface === undefined)
        throw new NetError(KEA_ERR_NET_NO_SUCH_IFACE, `interface '${name}' doesn't exist in the system`);
      if (family === 4) {
        const a = tryParseIPv4(addrText);
        if (a === null)
          throw new NetError(KEA_ERR_NET_BAD_IFACE_NAME, `address '${addrText}' is not a valid IPv4 address`);
        if (!iface.ipv4.some((x) => x.address === a)) {
          throw new NetError(
            KEA_ERR_NET_NO_SUCH_ADDRESS,
            `interface '${name}' doesn't have address '${addrText}' assigned`,
          );
        }
        const s = selected.get(name);
        if (s?.byName)
          throw new NetError(KEA_ERR_NET_DUPLICATE, `interface '${name}' has already been selected`);
        if (s?.addresses4.includes(a)) {
          throw new NetError(
            KEA_ERR_NET_DUPLICATE,
            `must not select address '${addrText}' for interface '${name}' because this address is already selected`,
          );
        }
        entry(name).addresses4.push(a);
        log.info(M.DHCPSRV_CFGMGR_USE_ADDRESS, formatIPv4(a), name);
      } else {
        const a = tryParseIPv6(addrText);
        if (a === null || a[0] === 0xff) {
          throw new NetError(
            KEA_ERR_NET_BAD_IFACE_NAME,
            `address '${addrText}' is not a valid IPv6 unicast address`,
          );
        }
        if (isLinkLocal6(a)) log.warn(M.DHCPSRV_CFGMGR_UNICAST_LINK_LOCAL, formatIPv6(a), name);
        if (!iface.ipv6.some((x) => x.address.equals(a))) {
          throw new NetError(
            KEA_ERR_NET_NO_SUCH_ADDRESS,
            `interface '${name}' doesn't have address '${addrText}' assigned`,
          );
        }
        if (selected.get(name)?.unicast6.some((x) => x.equals(a))) {
          throw new NetError(
            KEA_ERR_NET_DUPLICATE,
            `must not select address '${addrText}' for interface '${name}' because this address is already selected`,
          );
        }
        entry(name).unicast6.push(a);
        log.info(M.DHCPSRV_CFGMGR_USE_UNICAST, formatIPv6(a), name);
      }
      continue;
    }
    if (iface === undefined)
      throw new NetError(KEA_ERR_NET_NO_SUCH_IFACE, `interface '${name}' doesn't exist in the system`);
    const s = selected.get(name);
    if (s?.byName || (family === 4 && s !== undefined && s.addresses4.length > 0)) {
      throw new NetError(KEA_ERR_NET_DUPLICATE, `interface '${name}' has already been specified`);
    }
    log.info(M.DHCPSRV_CFGMGR_ADD_IFACE, name);
    entry(name).byName = true;
  }
  if (wildcard) {
    for (const iface of ifaces) {
      if (iface.flags.loopback) continue;
      // As in Kea, the wildcard activates every address, also on interfaces listed with one address.
      const s = selected.get(iface.name);
      if (s !== undefined) s.byName = true;
      else
        selected.set(iface.name, {
          name: iface.name,
          byName: true,
          addresses4: [],
          unicast6: [],
          explicit: false,
        });
    }
  }
  if (family === 4) {
    if (config.socketTypeGiven) log.info(M.DHCPSRV_CFGMGR_SOCKET_TYPE_SELECT, config.dhcpSocketType);
    else log.info(M.DHCPSRV_CFGMGR_SOCKET_TYPE_DEFAULT, config.dhcpSocketType);
  }
  // Kea opens sockets in interface index order, whatever the order of the list.
  return ifaces.filter((i) => selected.has(i.name)).map((i) => selected.get(i.name)!);
}
