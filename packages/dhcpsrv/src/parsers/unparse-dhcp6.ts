// unparseDhcp6Config: config-get's form of a checked Dhcp6 config, as real Kea 2.2 prints it: its
// defaults filled in, subnets by id, shared networks by name, pools and pd-pools by first address,
// reservations by identifier bytes, option-data and option-def grouped by space, inherited parameters
// repeated on subnets and networks, the server-id map with its unset parts at zero.
import type { JsonValue } from '@kea-ts/cc';
import { formatHex, formatIPv6 } from '@kea-ts/util';
import type {
  Dhcp6Config,
  EffectiveParams6,
  Host6,
  PdPool6,
  Pool6,
  ScopedParams6,
  SharedNetwork6,
  Subnet6,
} from '../cfg/types6.js';
import { unparseClasses } from './unparse-classes.js';
import { guardOut, type Obj, uc, unparseOptions, unparseSharedGlobals } from './unparse-shared.js';

const GLOBAL_DEFAULTS6: Obj = {
  'calculate-tee-times': true,
  'ddns-generated-prefix': 'myhost',
  'ddns-override-client-update': false,
  'ddns-override-no-update': false,
  'ddns-qualifying-suffix': '',
  'ddns-replace-client-name': 'never',
  'ddns-send-updates': true,
  'ddns-update-on-renew': false,
  'ddns-use-conflict-resolution': true,
  'decline-probation-period': 86400,
  'dhcp4o6-port': 0,
  'early-global-reservations-lookup': false,
  'host-reservation-identifiers': ['hw-address', 'duid'],
  'hostname-char-replacement': '',
  'hostname-char-set': '[^A-Za-z0-9.-]',
  'ip-reservations-unique': true,
  'parked-packet-limit': 256,
  'preferred-lifetime': 3600,
  'reservations-global': false,
  'reservations-in-subnet': true,
  'reservations-lookup-first': false,
  'reservations-out-of-pool': false,
  'server-tag': '',
  'statistic-default-sample-age': 0,
  'statistic-default-sample-count': 20,
  'store-extended-info': false,
  't1-percent': 0.5,
  't2-percent': 0.8,
  'valid-lifetime': 7200,
};

// Keys copied as given (after the defaults): the plain global scalars and lists.
const PLAIN = [
  'data-directory',
  'decline-probation-period',
  'dhcp4o6-port',
  'early-global-reservations-lookup',
  'host-reservation-identifiers',
  'ip-reservations-unique',
  'parked-packet-limit',
  'reservations-lookup-first',
  'server-tag',
  'statistic-default-sample-age',
  'statistic-default-sample-count',
] as const;

// What Kea 2.2 copies down to every subnet and network whether set there or not.
const REPEATED = [
  'calculate-tee-times',
  't1-percent',
  't2-percent',
  'store-extended-info',
  'preferred-lifetime',
  'min-preferred-lifetime',
  'max-preferred-lifetime',
  'valid-lifetime',
  'min-valid-lifetime',
  'max-valid-lifetime',
  'renew-timer',
  'rebind-timer',
  'cache-threshold',
  'cache-max-age',
] as const;

function scopedOut(explicit: ScopedParams6, eff: EffectiveParams6): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(explicit)) if (v !== undefined) out[k] = v as JsonValue;
  for (const k of REPEATED) {
    const v = eff[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function unparsePool(p: Pool6): JsonValue {
  const pool =
    p.prefixLength !== undefined
      ? `${formatIPv6(p.first)}/${p.prefixLength}`
      : `${formatIPv6(p.first)}-${formatIPv6(p.last)}`;
  return uc({ ...guardOut(p), 'option-data': unparseOptions(p.options), pool }, p.userContext);
}

function unparsePdPool(p: PdPool6): JsonValue {
  const out: Obj = {
    ...guardOut(p),
    'delegated-len': p.delegatedLength,
    'option-data': unparseOptions(p.options),
    prefix: formatIPv6(p.prefix),
    'prefix-len': p.prefixLength,
  };
  if (p.excludedPrefix && p.excludedPrefixLength > 0) {
    out['excluded-prefix'] = formatIPv6(p.excludedPrefix);
    out['excluded-prefix-len'] = p.excludedPrefixLength;
  }
  return uc(out, p.userContext);
}

export function unparseHosts6(hosts: readonly Host6[]): JsonValue {
  const sorted = [...hosts].sort(
    (a, b) => Buffer.compare(a.identifier, b.identifier) || (a.identifierType < b.identifierType ? -1 : 1),
  );
  return sorted.map((h) => {
    const id =
      h.identifierType === 'flex-id' ? formatHex(h.identifier).toUpperCase() : formatHex(h.identifier, ':');
    const out: Obj = {
      'client-classes': [...h.clientClasses],
      [h.identifierType]: id,
      hostname: h.hostname,
      'ip-addresses': h.ipAddresses.map((a) => formatIPv6(a)),
      'option-data': unparseOptions(h.options),
      prefixes: h.prefixes.map((p) => `${formatIPv6(p.address)}/${p.length}`),
    };
    return uc(out, h.userContext);
  });
}

function unparseSubnet(s: Subnet6): JsonValue {
  const out: Obj = {
    ...scopedOut(s.explicit, s.effective),
    ...guardOut(s),
    id: s.id,
    subnet: `${formatIPv6(s.prefix)}/${s.prefixLength}`,
    'option-data': unparseOptions(s.options),
    pools: s.pools.map(unparsePool),
    'pd-pools': s.pdPools.map(unparsePdPool),
    relay: { 'ip-addresses': s.relayAddresses.map((a) => formatIPv6(a)) },
    reservations: unparseHosts6(s.reservations),
  };
  if (s.explicitInterface !== undefined) out.interface = s.explicitInterface;
  if (s.explicitInterfaceId !== undefined) out['interface-id'] = s.explicitInterfaceId;
  // A subnet of a shared network inherits rapid-commit, so Kea shows it there only when set.
  if (s.explicitRapidCommit !== undefined) out['rapid-commit'] = s.explicitRapidCommit;
  else if (!s.sharedNetwork) out['rapid-commit'] = false;
  return uc(out, s.userContext);
}

function unparseNetwork(n: SharedNetwork6): JsonValue {
  const out: Obj = {
    ...scopedOut(n.explicit, n.effective),
    ...guardOut(n),
    name: n.name,
    'option-data': unparseOptions(n.options),
    'rapid-commit': n.rapidCommit,
    relay: { 'ip-addresses': n.relayAddresses.map((a) => formatIPv6(a)) },
    subnet6: [...n.subnets].sort((a, b) => a.id - b.id).map(unparseSubnet),
  };
  if (n.interface !== undefined) out.interface = n.interface;
  if (n.interfaceId !== undefined) out['interface-id'] = n.interfaceId;
  return uc(out, n.userContext);
}

function unparseGlobals6(config: Dhcp6Config): Obj {
  const s = config.section;
  const out: Obj = { ...GLOBAL_DEFAULTS6 };
  for (const [k, v] of Object.entries(config.explicit)) if (v !== undefined) out[k] = v as JsonValue;
  for (const k of PLAIN) if (s[k] !== undefined) out[k] = s[k] as JsonValue;
  const sid = config.serverId;
  out['server-id'] = uc(
    {
      'enterprise-id': sid.enterpriseId,
      htype: sid.htype,
      identifier: formatHex(sid.identifier).toUpperCase(),
      persist: sid.persist,
      time: sid.time,
      type: sid.type,
    },
    sid.userContext,
  );
  out['mac-sources'] = [...config.macSources];
  out['relay-supplied-options'] = config.relaySuppliedOptions.map(String);
  return { ...out, ...unparseSharedGlobals(s, config.userDefs, 'kea-ring6') };
}

export function unparseDhcp6Config(config: Dhcp6Config): JsonValue {
  const top = config.subnets.filter((s) => !s.sharedNetwork).sort((a, b) => a.id - b.id);
  return {
    ...unparseGlobals6(config),
    'option-data': unparseOptions(config.options),
    subnet6: top.map(unparseSubnet),
    'shared-networks': [...config.sharedNetworks]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(unparseNetwork),
    ...(config.classes.size > 0
      ? { 'client-classes': unparseClasses(config.classes, 6, config.registry) }
      : {}),
    // Kea 2.2 leaves the key out when no global reservation is configured, even if given as [].
    ...(config.globalReservations.length > 0
      ? { reservations: unparseHosts6(config.globalReservations) }
      : {}),
  };
}
