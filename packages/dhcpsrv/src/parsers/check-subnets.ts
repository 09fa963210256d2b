// subnet4 and shared-networks into the model: prefixes, Kea 2.2's subnet id rule (a counter from 1 for
// subnets without an id, in parse order: shared networks' subnets first, then subnet4; explicit ids do
// not move it; any id already in use is refused), duplicate prefixes and network names, client-class
// and require-client-classes kept as guards, parameters resolved through inheritance.
import { type ConfigSource, configError } from '@kea-ts/config';
import type { OptionRegistry } from '@kea-ts/dhcp';
import { ipv4Mask, parseIPv4, tryParseIPv4 } from '@kea-ts/util';
import { normalizeExplicit, resolveParams } from '../cfg/inherit.js';
import type { ScopedParams, SharedNetwork4, Subnet4 } from '../cfg/types.js';
import { guardOf } from './check-client-classes.js';
import { resolveOptions, withUserContext } from './check-options.js';
import { checkPools } from './check-pools.js';
import { checkReservations } from './check-reservations.js';
import { SCOPED_KEYS } from './fields.js';
import type { SharedNetworkInput, Subnet4Input } from './scoped-schema.js';

type Path = readonly PropertyKey[];

export function explicitOf(entry: Partial<Record<string, unknown>>): ScopedParams {
  const out: Record<string, unknown> = {};
  for (const k of SCOPED_KEYS) if (entry[k] !== undefined) out[k] = entry[k];
  return normalizeExplicit(out as ScopedParams);
}

function checkLifetimeTriplet(p: ReturnType<typeof resolveParams>, source: ConfigSource, path: Path): void {
  const v = p['valid-lifetime'];
  const min = p['min-valid-lifetime'];
  const max = p['max-valid-lifetime'];
  if (min > max)
    throw configError(
      source,
      path,
      `min-valid-lifetime (${min}) is greater than max-valid-lifetime (${max})`,
    );
  if (v < min || v > max) {
    throw configError(
      source,
      path,
      `the value of valid-lifetime (${v}) is not between min-valid-lifetime (${min}) and max-valid-lifetime (${max})`,
    );
  }
}

export interface SubnetContext {
  source: ConfigSource;
  registry: OptionRegistry;
  global: ScopedParams;
  ipUnique: boolean;
  nextId: number;
  ids: Set<number>;
  prefixes: Set<string>;
}

export function checkSubnet(
  e: Subnet4Input,
  ctx: SubnetContext,
  path: Path,
  network?: { input: SharedNetworkInput; model: SharedNetwork4 },
): Subnet4 {
  const { source, registry } = ctx;
  const slash = e.subnet.indexOf('/');
  const addr = slash > 0 ? tryParseIPv4(e.subnet.slice(0, slash)) : null;
  const lenText = slash > 0 ? e.subnet.slice(slash + 1) : '';
  if (addr === null || !/^\d{1,2}$/.test(lenText)) {
    throw configError(source, [...path, 'subnet'], `invalid subnet prefix '${e.subnet}'`);
  }
  const len = Number(lenText);
  if (len > 32)
    throw configError(source, [...path, 'subnet'], `Invalid prefix length specified for subnet: ${len}`);
  const network4 = (addr & ipv4Mask(len)) >>> 0;
  const last = (network4 + 2 ** (32 - len) - 1) >>> 0;
  const text = e.subnet;
  let id = e.id ?? 0;
  if (id === 0) id = ctx.nextId++;
  if (ctx.ids.has(id)) {
    throw configError(
      source,
      e.id ? [...path, 'id'] : path,
      `ID of the new IPv4 subnet '${id}' is already in use`,
    );
  }
  ctx.ids.add(id);
  const prefixKey = `${network4}/${len}`;
  if (ctx.prefixes.has(prefixKey)) {
    throw configError(source, [...path, 'subnet'], `subnet with the prefix of '${text}' already exists`);
  }
  ctx.prefixes.add(prefixKey);
  const explicit = explicitOf(e);
  const levels = network ? [explicit, network.model.explicit, ctx.global] : [explicit, ctx.global];
  const effective = resolveParams(levels);
  checkLifetimeTriplet(effective, source, path);
  const relayExplicit = e.relay !== undefined;
  const relayList = e.relay
    ? (e.relay['ip-addresses'] ?? (e.relay['ip-address'] ? [e.relay['ip-address']] : []))
    : [];
  const uc = withUserContext(e);
  const iface = e.interface ?? network?.model.interface;
  return {
    id,
    network: network4,
    prefixLength: len,
    first: network4,
    last,
    pools: checkPools(e.pools, { first: network4, last, text }, registry, source, [...path, 'pools']),
    options: resolveOptions(e['option-data'], registry, source, [...path, 'option-data']),
    reservations: checkReservations(e.reservations, id, registry, ctx.ipUnique, source, [
      ...path,
      'reservations',
    ]),
    relayAddresses: relayExplicit ? relayList.map(parseIPv4) : (network?.model.relayAddresses ?? []),
    relayExplicit,
    ...(iface !== undefined ? { interface: iface } : {}),
    ...(e.interface !== undefined ? { explicitInterface: e.interface } : {}),
    ...(network ? { sharedNetwork: network.model } : {}),
    ...guardOf(e),
    explicit,
    effective,
    fourOverSix: {
      interface: e['4o6-interface'] ?? '',
      interfaceId: e['4o6-interface-id'] ?? '',
      subnet: e['4o6-subnet'] ?? '',
    },
    ...(uc ? { userContext: uc } : {}),
  };
}

export function checkSharedNetwork(
  e: SharedNetworkInput,
  ctx: SubnetContext,
  names: Set<string>,
  path: Path,
): SharedNetwork4 {
  const { source } = ctx;
  if (names.has(e.name))
    throw configError(source, [...path, 'name'], `duplicate network '${e.name}' found in the configuration`);
  names.add(e.name);
  const explicit = explicitOf(e);
  const effective = resolveParams([explicit, ctx.global]);
  checkLifetimeTriplet(effective, source, path);
  const relay = e.relay
    ? (e.relay['ip-addresses'] ?? (e.relay['ip-address'] ? [e.relay['ip-address']] : []))
    : [];
  const uc = withUserContext(e);
  const model: SharedNetwork4 = {
    name: e.name,
    subnets: [],
    options: resolveOptions(e['option-data'], ctx.registry, source, [...path, 'option-data']),
    relayAddresses: relay.map(parseIPv4),
    ...(e.interface !== undefined ? { interface: e.interface } : {}),
    ...guardOf(e),
    explicit,
    effective,
    ...(uc ? { userContext: uc } : {}),
  };
  (e.subnet4 ?? []).forEach((s, i) => {
    model.subnets.push(checkSubnet(s, ctx, [...path, 'subnet4', i], { input: e, model }));
  });
  return model;
}
