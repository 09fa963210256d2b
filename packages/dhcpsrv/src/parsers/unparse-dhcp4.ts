// unparseDhcp4Config: config-get's form of a checked Dhcp4 config, as real Kea 2.2 prints it: its
// defaults filled in, subnets by id, shared networks by name, reservations by identifier bytes,
// option-data and option-def grouped by space, inherited parameters repeated on subnets and networks.
import type { JsonValue } from '@kea-ts/cc';
import { formatHex, formatIPv4 } from '@kea-ts/util';
import type {
  Dhcp4Config,
  EffectiveParams,
  Host4,
  Pool4,
  ScopedParams,
  SharedNetwork4,
  Subnet4,
} from '../cfg/types.js';
import { unparseClasses } from './unparse-classes.js';
import { unparseGlobals } from './unparse-globals.js';
import { guardOut, type Obj, uc, unparseOptions } from './unparse-shared.js';

export { unparseOptions };

function unparsePool(p: Pool4): JsonValue {
  const pool =
    p.prefixLength !== undefined
      ? `${formatIPv4(p.first)}/${p.prefixLength}`
      : `${formatIPv4(p.first)}-${formatIPv4(p.last)}`;
  return uc({ ...guardOut(p), 'option-data': unparseOptions(p.options), pool }, p.userContext);
}

const COLON_TYPES = new Set(['hw-address', 'duid']);

export function unparseHosts(hosts: readonly Host4[]): JsonValue {
  const sorted = [...hosts].sort(
    (a, b) => Buffer.compare(a.identifier, b.identifier) || (a.identifierType < b.identifierType ? -1 : 1),
  );
  return sorted.map((h) => {
    const id = COLON_TYPES.has(h.identifierType)
      ? formatHex(h.identifier, ':')
      : formatHex(h.identifier).toUpperCase();
    const out: Obj = {
      'boot-file-name': h.bootFileName,
      'client-classes': [...h.clientClasses],
      [h.identifierType]: id,
      hostname: h.hostname,
      'next-server': formatIPv4(h.nextServer),
      'option-data': unparseOptions(h.options),
      'server-hostname': h.serverHostname,
    };
    if (h.ipAddress !== undefined) out['ip-address'] = formatIPv4(h.ipAddress);
    return uc(out, h.userContext);
  });
}

/** The scoped keys a subnet or network shows: what it set, plus what Kea 2.2 copies down to it. */
function scopedOut(explicit: ScopedParams, eff: EffectiveParams): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(explicit)) {
    if (v === undefined) continue;
    // Kea keeps an empty server-hostname/boot-file-name on a subnet or network as "not set".
    if ((k === 'server-hostname' || k === 'boot-file-name') && v === '') continue;
    out[k] = v as JsonValue;
  }
  for (const k of [
    'calculate-tee-times',
    't1-percent',
    't2-percent',
    'store-extended-info',
    'valid-lifetime',
    'min-valid-lifetime',
    'max-valid-lifetime',
    'renew-timer',
    'rebind-timer',
    'cache-threshold',
    'cache-max-age',
  ] as const) {
    const v = eff[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function unparseSubnet(s: Subnet4): JsonValue {
  const out: Obj = {
    ...scopedOut(s.explicit, s.effective),
    ...guardOut(s),
    '4o6-interface': s.fourOverSix.interface,
    '4o6-interface-id': s.fourOverSix.interfaceId,
    '4o6-subnet': s.fourOverSix.subnet,
    id: s.id,
    subnet: `${formatIPv4(s.network)}/${s.prefixLength}`,
    'option-data': unparseOptions(s.options),
    pools: s.pools.map(unparsePool),
    relay: { 'ip-addresses': s.relayAddresses.map(formatIPv4) },
    reservations: unparseHosts(s.reservations),
  };
  if (s.explicitInterface !== undefined) out.interface = s.explicitInterface;
  return uc(out, s.userContext);
}

function unparseNetwork(n: SharedNetwork4): JsonValue {
  const out: Obj = {
    ...scopedOut(n.explicit, n.effective),
    ...guardOut(n),
    name: n.name,
    'option-data': unparseOptions(n.options),
    relay: { 'ip-addresses': n.relayAddresses.map(formatIPv4) },
    subnet4: [...n.subnets].sort((a, b) => a.id - b.id).map(unparseSubnet),
  };
  if (n.interface !== undefined) out.interface = n.interface;
  return uc(out, n.userContext);
}

export function unparseDhcp4Config(config: Dhcp4Config): JsonValue {
  const top = config.subnets.filter((s) => !s.sharedNetwork).sort((a, b) => a.id - b.id);
  return {
    ...unparseGlobals(config),
    'option-data': unparseOptions(config.options),
    subnet4: top.map(unparseSubnet),
    'shared-networks': [...config.sharedNetworks]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(unparseNetwork),
    // Real kea-dhcp4 2.2 leaves an empty global list out (a subnet's empty list stays).
    ...(config.classes.size > 0
      ? { 'client-classes': unparseClasses(config.classes, 4, config.registry) }
      : {}),
    ...(config.globalReservations.length > 0
      ? { reservations: unparseHosts(config.globalReservations) }
      : {}),
  };
}
