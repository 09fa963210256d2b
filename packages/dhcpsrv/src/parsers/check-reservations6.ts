// Dhcp6 host reservations (per subnet or global): exactly one identifier (duid, hw-address, flex-id) in
// Kea's text forms, at least one resource, addresses inside the subnet, prefixes with their length, no
// address or prefix twice in one host, no host twice in a subnet, and (with ip-reservations-unique) no
// address or prefix reserved for two hosts of the same subnet.
import { type ConfigSource, configError } from '@kea-ts/config';
import type { OptionRegistry } from '@kea-ts/dhcp';
import { formatIPv6, ipv6PrefixContains, tryParseIPv6 } from '@kea-ts/util';
import { type Host6, IDENTIFIER_TYPES6, type IdentifierType6, type ReservedPrefix } from '../cfg/types6.js';
import { resolveOptions, withUserContext } from './check-options.js';
import { parseIdentifier } from './check-reservations.js';
import type { Reservation6Input } from './scoped6-schema.js';

type Path = readonly PropertyKey[];

export interface Reservation6Scope {
  subnetId: number;
  /** The subnet's prefix: reserved addresses must lie in it (not checked for global reservations). */
  subnet?: { prefix: Buffer; length: number; text: string };
  registry: OptionRegistry;
  ipUnique: boolean;
  source: ConfigSource;
}

function parseAddresses(list: readonly string[], scope: Reservation6Scope, at: Path): Buffer[] {
  const seen = new Set<string>();
  return list.map((text, j) => {
    const addr = text.includes('/') ? null : tryParseIPv6(text);
    if (addr === null)
      throw configError(scope.source, [...at, j], `invalid prefix '${text}' for new IPv6 reservation`);
    const s = scope.subnet;
    if (s && !ipv6PrefixContains(s.prefix, s.length, addr)) {
      throw configError(
        scope.source,
        [...at, j],
        `specified reservation '${text}' is not within the IPv6 subnet '${s.text}'`,
      );
    }
    const key = addr.toString('hex');
    if (seen.has(key))
      throw configError(scope.source, [...at, j], `duplicated host reservation for ${formatIPv6(addr)}`);
    seen.add(key);
    return addr;
  });
}

function parsePrefixes(list: readonly string[], scope: Reservation6Scope, at: Path): ReservedPrefix[] {
  const seen = new Set<string>();
  return list.map((text, j) => {
    const slash = text.indexOf('/');
    if (slash < 0) {
      throw configError(
        scope.source,
        [...at, j],
        `prefix reservation requires prefix length be specified in '${text}'`,
      );
    }
    const address = tryParseIPv6(text.slice(0, slash));
    const lenText = text.slice(slash + 1);
    const length = /^\d{1,3}$/.test(lenText) ? Number(lenText) : -1;
    if (address === null || length < 0 || length > 128) {
      throw configError(scope.source, [...at, j], `invalid prefix '${text}' for new IPv6 reservation`);
    }
    const key = `${address.toString('hex')}/${length}`;
    if (seen.has(key)) throw configError(scope.source, [...at, j], `duplicated host reservation for ${text}`);
    seen.add(key);
    return { address, length };
  });
}

export function checkReservations6(
  list: readonly Reservation6Input[] | undefined,
  scope: Reservation6Scope,
  path: Path,
): Host6[] {
  const { source } = scope;
  const out: Host6[] = [];
  const seen = new Set<string>();
  const reserved = new Set<string>();
  (list ?? []).forEach((r, i) => {
    const at = [...path, i];
    const given = IDENTIFIER_TYPES6.filter((t) => r[t] !== undefined);
    if (given.length === 0) {
      throw configError(
        source,
        at,
        'one of the supported identifiers must be specified for host reservation: duid, flex-id, hw-address',
      );
    }
    if (given.length > 1)
      throw configError(source, at, `the '${given[0]}' and '${given[1]}' are mutually exclusive`);
    const type = given[0] as IdentifierType6;
    const identifier = parseIdentifier(r[type]!);
    if (!identifier) throw configError(source, [...at, type], `invalid host identifier value '${r[type]}'`);
    const ipAddresses = parseAddresses(r['ip-addresses'] ?? [], scope, [...at, 'ip-addresses']);
    const prefixes = parsePrefixes(r.prefixes ?? [], scope, [...at, 'prefixes']);
    const options = resolveOptions(r['option-data'], scope.registry, source, [...at, 'option-data'], 6);
    if (
      (r.hostname ?? '') === '' &&
      ipAddresses.length === 0 &&
      prefixes.length === 0 &&
      options.length === 0 &&
      (r['client-classes'] ?? []).length === 0
    ) {
      throw configError(
        source,
        at,
        `reservation for ${type} ${r[type]} must include at least one resource: hostname, IPv6 address/prefix or options`,
      );
    }
    const key = `${type}/${identifier.toString('hex')}`;
    if (seen.has(key))
      throw configError(source, at, `the host with ${type} ${r[type]} is already reserved here`);
    seen.add(key);
    if (scope.ipUnique) {
      const keys = [
        ...ipAddresses.map((a) => a.toString('hex')),
        ...prefixes.map((p) => p.address.toString('hex')),
      ];
      for (const k of keys) {
        if (reserved.has(k)) {
          throw configError(
            source,
            at,
            `the address/prefix ${formatIPv6(Buffer.from(k, 'hex'))} is already reserved for another host`,
          );
        }
      }
      for (const k of keys) reserved.add(k);
    }
    const uc = withUserContext(r);
    out.push({
      subnetId: scope.subnetId,
      identifierType: type,
      identifier,
      ipAddresses,
      prefixes,
      hostname: r.hostname ?? '',
      options,
      clientClasses: r['client-classes'] ?? [],
      ...(uc ? { userContext: uc } : {}),
    });
  });
  return out;
}
