// subnet6 and shared-networks into the model: prefixes, Kea 2.2's subnet id rule (shared with Dhcp4: a
// counter from 1 for subnets without an id in parse order, shared networks' subnets first), duplicate
// prefixes and network names, interface vs interface-id, one rapid-commit value per shared network,
// client-class and require-client-classes kept as guards, parameters resolved through inheritance and checked
// where Kea checks them (lifetime triplets, t1-percent < t2-percent, renew-timer <= rebind-timer).
import { type ConfigSource, configError } from '@kea-ts/config';
import type { OptionRegistry } from '@kea-ts/dhcp';
import { ipv6LastAddress, ipv6Network, parseIPv6, tryParseIPv6 } from '@kea-ts/util';
import { normalizeExplicit6, resolveParams6 } from '../cfg/inherit6.js';
import type { EffectiveParams6, ScopedParams6, SharedNetwork6, Subnet6 } from '../cfg/types6.js';
import { guardOf } from './check-client-classes.js';
import { resolveOptions, withUserContext } from './check-options.js';
import { checkPdPools, checkPools6 } from './check-pools6.js';
import { checkReservations6 } from './check-reservations6.js';
import { SCOPED_KEYS6 } from './fields6.js';
import type { SharedNetwork6Input, Subnet6Input } from './scoped6-schema.js';

type Path = readonly PropertyKey[];

export function explicitOf6(entry: Partial<Record<string, unknown>>): ScopedParams6 {
  const out: Record<string, unknown> = {};
  for (const k of SCOPED_KEYS6) if (entry[k] !== undefined) out[k] = entry[k];
  return normalizeExplicit6(out as ScopedParams6);
}

/** Kea's per-level checks of the resolved parameters (subnets and shared networks). */
export function checkEffective6(p: EffectiveParams6, source: ConfigSource, path: Path): void {
  for (const what of ['valid', 'preferred'] as const) {
    const v = p[`${what}-lifetime`];
    const min = p[`min-${what}-lifetime`];
    const max = p[`max-${what}-lifetime`];
    if (min > max) {
      throw configError(
        source,
        path,
        `min-${what}-lifetime (${min}) is greater than max-${what}-lifetime (${max})`,
      );
    }
    if (v < min || v > max) {
      throw configError(
        source,
        path,
        `the value of ${what}-lifetime (${v}) is not between min-${what}-lifetime (${min}) and max-${what}-lifetime (${max})`,
      );
    }
  }
  if (p['calculate-tee-times'] && p['t1-percent'] >= p['t2-percent']) {
    throw configError(
      source,
      path,
      `t1-percent: ${p['t1-percent']} is invalid, it must be less than t2-percent: ${p['t2-percent']}`,
    );
  }
  const renew = p['renew-timer'];
  const rebind = p['rebind-timer'];
  if (renew !== undefined && rebind !== undefined && renew > rebind) {
    throw configError(
      source,
      path,
      `the value of renew-timer (${renew}) is greater than the value of rebind-timer (${rebind})`,
    );
  }
}

export interface Subnet6Context {
  source: ConfigSource;
  registry: OptionRegistry;
  global: ScopedParams6;
  ipUnique: boolean;
  nextId: number;
  ids: Set<number>;
  prefixes: Set<string>;
}

function parseSubnetPrefix(text: string, source: ConfigSource, at: Path): { prefix: Buffer; len: number } {
  const slash = text.indexOf('/');
  const addrText = slash > 0 ? text.slice(0, slash) : text;
  const lenText = slash > 0 ? text.slice(slash + 1) : '';
  const addr = tryParseIPv6(addrText);
  if (addr === null) {
    const v4 = /^\d+\.\d+\.\d+\.\d+$/.test(addrText);
    throw configError(
      source,
      at,
      v4 ? `Non IPv6 prefix ${addrText} specified in subnet6` : `invalid subnet prefix '${text}'`,
    );
  }
  if (!/^\d{1,3}$/.test(lenText)) throw configError(source, at, `invalid subnet prefix '${text}'`);
  const len = Number(lenText);
  if (len > 128) throw configError(source, at, `Invalid prefix length specified for subnet: ${len}`);
  return { prefix: ipv6Network(addr, len), len };
}

export function checkSubnet6(
  e: Subnet6Input,
  ctx: Subnet6Context,
  path: Path,
  network?: SharedNetwork6,
): Subnet6 {
  const { source, registry } = ctx;
  const { prefix, len } = parseSubnetPrefix(e.subnet, source, [...path, 'subnet']);
  const last = ipv6LastAddress(prefix, len);
  let id = e.id ?? 0;
  if (id === 0) id = ctx.nextId++;
  if (ctx.ids.has(id)) {
    throw configError(
      source,
      e.id ? [...path, 'id'] : path,
      `ID of the new IPv6 subnet '${id}' is already in use`,
    );
  }
  ctx.ids.add(id);
  const prefixKey = `${prefix.toString('hex')}/${len}`;
  if (ctx.prefixes.has(prefixKey)) {
    throw configError(source, [...path, 'subnet'], `subnet with the prefix of '${e.subnet}' already exists`);
  }
  ctx.prefixes.add(prefixKey);
  // Kea reads an empty interface-id as not set.
  const ownIfaceId = e['interface-id'] || undefined;
  if (e.interface !== undefined && ownIfaceId !== undefined) {
    throw configError(
      source,
      path,
      `interface (defined for locally reachable subnets) and interface-id (defined for subnets reachable via relays) cannot be defined at the same time for subnet ${e.subnet}`,
    );
  }
  const explicit = explicitOf6(e);
  const effective = resolveParams6(
    network ? [explicit, network.explicit, ctx.global] : [explicit, ctx.global],
  );
  checkEffective6(effective, source, path);
  const relayExplicit = e.relay !== undefined;
  const relayList = e.relay
    ? (e.relay['ip-addresses'] ?? (e.relay['ip-address'] ? [e.relay['ip-address']] : []))
    : [];
  const uc = withUserContext(e);
  const iface = e.interface ?? network?.interface;
  const ifaceId = ownIfaceId ?? network?.interfaceId;
  const text = `${e.subnet}`;
  return {
    id,
    prefix,
    prefixLength: len,
    first: prefix,
    last,
    pools: checkPools6(e.pools, { first: prefix, last, text }, registry, source, [...path, 'pools']),
    pdPools: checkPdPools(e['pd-pools'], registry, source, [...path, 'pd-pools']),
    options: resolveOptions(e['option-data'], registry, source, [...path, 'option-data'], 6),
    reservations: checkReservations6(
      e.reservations,
      { subnetId: id, subnet: { prefix, length: len, text }, registry, ipUnique: ctx.ipUnique, source },
      [...path, 'reservations'],
    ),
    relayAddresses: relayExplicit ? relayList.map(parseIPv6) : (network?.relayAddresses ?? []),
    relayExplicit,
    ...(iface !== undefined ? { interface: iface } : {}),
    ...(e.interface !== undefined ? { explicitInterface: e.interface } : {}),
    ...(ifaceId !== undefined ? { interfaceId: Buffer.from(ifaceId, 'utf8') } : {}),
    ...(ownIfaceId !== undefined ? { explicitInterfaceId: ownIfaceId } : {}),
    rapidCommit: e['rapid-commit'] ?? network?.rapidCommit ?? false,
    ...(e['rapid-commit'] !== undefined ? { explicitRapidCommit: e['rapid-commit'] } : {}),
    ...(network ? { sharedNetwork: network } : {}),
    explicit,
    effective,
    ...guardOf(e),
    ...(uc ? { userContext: uc } : {}),
  };
}

export function checkSharedNetwork6(
  e: SharedNetwork6Input,
  ctx: Subnet6Context,
  names: Set<string>,
  path: Path,
): SharedNetwork6 {
  const { source } = ctx;
  if (names.has(e.name)) {
    throw configError(source, [...path, 'name'], `duplicate network '${e.name}' found in the configuration`);
  }
  names.add(e.name);
  const explicit = explicitOf6(e);
  const effective = resolveParams6([explicit, ctx.global]);
  checkEffective6(effective, source, path);
  const relay = e.relay
    ? (e.relay['ip-addresses'] ?? (e.relay['ip-address'] ? [e.relay['ip-address']] : []))
    : [];
  const uc = withUserContext(e);
  const model: SharedNetwork6 = {
    name: e.name,
    subnets: [],
    options: resolveOptions(e['option-data'], ctx.registry, source, [...path, 'option-data'], 6),
    relayAddresses: relay.map(parseIPv6),
    ...(e.interface !== undefined ? { interface: e.interface } : {}),
    ...(e['interface-id'] ? { interfaceId: e['interface-id'] } : {}),
    rapidCommit: e['rapid-commit'] ?? false,
    explicit,
    effective,
    ...guardOf(e),
    ...(uc ? { userContext: uc } : {}),
  };
  (e.subnet6 ?? []).forEach((s, i) => {
    const at = [...path, 'subnet6', i];
    const subnet = checkSubnet6(s, ctx, at, model);
    // The engine answers a whole shared network with one rapid-commit behaviour: Kea refuses a mix.
    const first = model.subnets[0];
    if (first && first.rapidCommit !== subnet.rapidCommit) {
      throw configError(
        source,
        at,
        `All subnets in a shared network must have the same rapid-commit value. Subnet ${s.subnet} has specified rapid-commit ${subnet.rapidCommit}, but earlier subnet in the same shared-network or the shared-network itself used rapid-commit ${first.rapidCommit}`,
      );
    }
    model.subnets.push(subnet);
  });
  return model;
}
