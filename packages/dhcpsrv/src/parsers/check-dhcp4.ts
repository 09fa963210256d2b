// checkDhcp4Config: the Dhcp4 map checked (strict schema, Kea's cross-checks) and modelled for the
// engine. Keys whose feature belongs to a later issue fail with "not supported yet: <key path>".
import type { JsonValue } from '@kea-ts/cc';
import { type ConfigSource, checkSchema, configError } from '@kea-ts/config';
import { resolveParams } from '../cfg/inherit.js';
import { Subnet4Lookups } from '../cfg/lookups.js';
import type { Dhcp4Config, SharedNetwork4, Subnet4 } from '../cfg/types.js';
import { checkClientClasses } from './check-client-classes.js';
import { buildRegistry, resolveOptions } from './check-options.js';
import { checkReservations } from './check-reservations.js';
import { checkSharedNetwork, checkSubnet, explicitOf, type SubnetContext } from './check-subnets.js';
import { checkDhcpDdns, withMovedDdnsParams } from './dhcp-ddns.js';
import { dhcp4Schema } from './globals-schema.js';
import { refuseLaterFeatures } from './later-features.js';

const KEY = 'Dhcp4';

export function checkDhcp4Config(value: JsonValue, source: ConfigSource): Dhcp4Config {
  const section = checkSchema(dhcp4Schema, value, source, [KEY]);
  refuseLaterFeatures(section, source, KEY);
  checkDhcpDdns(section['dhcp-ddns'], source, KEY);
  const { registry, userDefs } = buildRegistry(section['option-def'], source, [KEY, 'option-def']);
  const explicit = explicitOf(withMovedDdnsParams(section));
  const effective = resolveParams([explicit]);
  const min = effective['min-valid-lifetime'];
  const max = effective['max-valid-lifetime'];
  const valid = effective['valid-lifetime'];
  // Kea checks the global triplet only when valid-lifetime is set there; subnets are checked anyway.
  const checkGlobal = explicit['valid-lifetime'] !== undefined;
  if (checkGlobal && min > valid) {
    throw configError(
      source,
      [KEY],
      `the value of min-valid-lifetime (${min}) is not less than valid-lifetime (${valid})`,
    );
  }
  if (checkGlobal && max < valid) {
    throw configError(
      source,
      [KEY],
      `the value of max-valid-lifetime (${max}) is not greater than valid-lifetime (${valid})`,
    );
  }
  const classes = checkClientClasses(section['client-classes'], 4, registry, source, [KEY, 'client-classes']);
  const options = resolveOptions(section['option-data'], registry, source, [KEY, 'option-data']);
  const ctx: SubnetContext = {
    source,
    registry,
    global: explicit,
    ipUnique: section['ip-reservations-unique'] ?? true,
    nextId: 1,
    ids: new Set(),
    prefixes: new Set(),
  };
  // Kea 2.2 parses the Dhcp4 map's keys in alphabetical order: shared-networks before subnet4, which is
  // what its automatic subnet ids follow.
  const names = new Set<string>();
  const sharedNetworks: SharedNetwork4[] = (section['shared-networks'] ?? []).map((n, i) =>
    checkSharedNetwork(n, ctx, names, [KEY, 'shared-networks', i]),
  );
  const subnets: Subnet4[] = sharedNetworks.flatMap((n) => n.subnets);
  (section.subnet4 ?? []).forEach((s, i) => {
    subnets.push(checkSubnet(s, ctx, [KEY, 'subnet4', i]));
  });
  const globalReservations = checkReservations(section.reservations, 0, registry, ctx.ipUnique, source, [
    KEY,
    'reservations',
  ]);
  return {
    section,
    registry,
    userDefs,
    explicit,
    effective,
    options,
    subnets,
    sharedNetworks,
    globalReservations,
    classes,
    lookups: new Subnet4Lookups(subnets, globalReservations),
  };
}
