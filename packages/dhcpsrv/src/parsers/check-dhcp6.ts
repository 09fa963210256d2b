// checkDhcp6Config: the Dhcp6 map checked (strict schema, Kea's cross-checks) and modelled for the
// engine. Keys whose feature belongs to a later issue fail with "not supported yet: <key path>".
import type { JsonValue } from '@kea-ts/cc';
import { type ConfigSource, checkSchema, configError } from '@kea-ts/config';
import { resolveParams6 } from '../cfg/inherit6.js';
import { Subnet6Lookups } from '../cfg/lookups6.js';
import type { Dhcp6Config, SharedNetwork6, Subnet6 } from '../cfg/types6.js';
import { checkClientClasses } from './check-client-classes.js';
import { buildRegistry, resolveOptions } from './check-options.js';
import { checkReservations6 } from './check-reservations6.js';
import {
  checkDataDirectory,
  checkMacSources,
  checkRelaySuppliedOptions,
  checkServerId,
} from './check-server-id.js';
import { checkSharedNetwork6, checkSubnet6, explicitOf6, type Subnet6Context } from './check-subnets6.js';
import { checkDhcpDdns, withMovedDdnsParams } from './dhcp-ddns.js';
import { dhcp6Schema } from './globals6-schema.js';
import { refuseLaterFeatures } from './later-features.js';

const KEY = 'Dhcp6';

function checkGlobalTriplets(explicit: ReturnType<typeof explicitOf6>, source: ConfigSource): void {
  const effective = resolveParams6([explicit]);
  // As for Dhcp4, Kea checks a global triplet only when its middle value is set there.
  for (const what of ['valid', 'preferred'] as const) {
    if (explicit[`${what}-lifetime`] === undefined) continue;
    const v = effective[`${what}-lifetime`];
    const min = effective[`min-${what}-lifetime`];
    const max = effective[`max-${what}-lifetime`];
    if (min > v) {
      throw configError(
        source,
        [KEY],
        `the value of min-${what}-lifetime (${min}) is not less than ${what}-lifetime (${v})`,
      );
    }
    if (max < v) {
      throw configError(
        source,
        [KEY],
        `the value of ${what}-lifetime (${v}) is not less than max-${what}-lifetime (${max})`,
      );
    }
  }
}

export function checkDhcp6Config(value: JsonValue, source: ConfigSource): Dhcp6Config {
  const section = checkSchema(dhcp6Schema, value, source, [KEY]);
  refuseLaterFeatures(section, source, KEY);
  checkDhcpDdns(section['dhcp-ddns'], source, KEY);
  const { registry, userDefs } = buildRegistry(section['option-def'], source, [KEY, 'option-def'], 6);
  const explicit = explicitOf6(withMovedDdnsParams(section));
  checkGlobalTriplets(explicit, source);
  checkDataDirectory(section['data-directory'], source, [KEY, 'data-directory']);
  const serverId = checkServerId(section['server-id'], source, [KEY, 'server-id']);
  const macSources = checkMacSources(section['mac-sources'], source, [KEY, 'mac-sources']);
  const relaySuppliedOptions = checkRelaySuppliedOptions(
    section['relay-supplied-options'],
    registry,
    source,
    [KEY, 'relay-supplied-options'],
  );
  const classes = checkClientClasses(section['client-classes'], 6, registry, source, [KEY, 'client-classes']);
  const options = resolveOptions(section['option-data'], registry, source, [KEY, 'option-data'], 6);
  const ctx: Subnet6Context = {
    source,
    registry,
    global: explicit,
    ipUnique: section['ip-reservations-unique'] ?? true,
    nextId: 1,
    ids: new Set(),
    prefixes: new Set(),
  };
  // Kea 2.2 parses the map's keys in alphabetical order: shared-networks before subnet6, which is what
  // its automatic subnet ids follow (as in Dhcp4).
  const names = new Set<string>();
  const sharedNetworks: SharedNetwork6[] = (section['shared-networks'] ?? []).map((n, i) =>
    checkSharedNetwork6(n, ctx, names, [KEY, 'shared-networks', i]),
  );
  const subnets: Subnet6[] = sharedNetworks.flatMap((n) => n.subnets);
  (section.subnet6 ?? []).forEach((s, i) => {
    subnets.push(checkSubnet6(s, ctx, [KEY, 'subnet6', i]));
  });
  const globalReservations = checkReservations6(
    section.reservations,
    { subnetId: 0, registry, ipUnique: ctx.ipUnique, source },
    [KEY, 'reservations'],
  );
  return {
    section,
    registry,
    userDefs,
    explicit,
    effective: resolveParams6([explicit]),
    options,
    subnets,
    sharedNetworks,
    globalReservations,
    classes,
    serverId,
    ...(section['data-directory'] !== undefined ? { dataDirectory: section['data-directory'] } : {}),
    macSources,
    relaySuppliedOptions,
    lookups: new Subnet6Lookups(subnets, globalReservations),
  };
}
