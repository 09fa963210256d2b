// Host reservations (per subnet or global): exactly one identifier in Kea's text forms, at least one
// resource, no host reserved twice in a subnet, and (with ip-reservations-unique) no address twice.
import { type ConfigSource, configError } from '@kea-ts/config';
import type { OptionRegistry } from '@kea-ts/dhcp';
import { parseIPv4 } from '@kea-ts/util';
import { type Host4, IDENTIFIER_TYPES, type IdentifierType } from '../cfg/types.js';
import { resolveOptions, withUserContext } from './check-options.js';
import type { ReservationInput } from './scoped-schema.js';

/** Kea's identifier text: 'quoted text' as its bytes, else hex with ':' between bytes or none. */
export function parseIdentifier(text: string): Buffer | null {
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) {
    const inner = text.slice(1, -1);
    return inner === '' ? null : Buffer.from(inner, 'utf8');
  }
  if (text.includes(':')) {
    const parts = text.split(':');
    if (!parts.every((p) => /^[0-9a-fA-F]{1,2}$/.test(p))) return null;
    return Buffer.from(parts.map((p) => Number.parseInt(p, 16)));
  }
  const digits = text.startsWith('0x') ? text.slice(2) : text;
  if (digits === '' || !/^[0-9a-fA-F]+$/.test(digits)) return null;
  return Buffer.from(digits.length % 2 ? `0${digits}` : digits, 'hex');
}

export function checkReservations(
  list: readonly ReservationInput[] | undefined,
  subnetId: number,
  registry: OptionRegistry,
  ipUnique: boolean,
  source: ConfigSource,
  path: readonly PropertyKey[],
): Host4[] {
  const out: Host4[] = [];
  const seen = new Set<string>();
  const addresses = new Set<number>();
  (list ?? []).forEach((r, i) => {
    const at = [...path, i];
    const given = IDENTIFIER_TYPES.filter((t) => r[t] !== undefined);
    if (given.length === 0) {
      throw configError(
        source,
        at,
        'one of the supported identifiers must be specified for host reservation: circuit-id, client-id, duid, flex-id, hw-address',
      );
    }
    if (given.length > 1)
      throw configError(source, at, `the '${given[0]}' and '${given[1]}' are mutually exclusive`);
    const type = given[0] as IdentifierType;
    const identifier = parseIdentifier(r[type]!);
    if (!identifier) throw configError(source, [...at, type], `invalid host identifier value '${r[type]}'`);
    const options = resolveOptions(r['option-data'], registry, source, [...at, 'option-data']);
    const ip = r['ip-address'] !== undefined ? parseIPv4(r['ip-address']) : undefined;
    const hasResource =
      (r.hostname ?? '') !== '' ||
      (ip !== undefined && ip !== 0) ||
      options.length > 0 ||
      (r['client-classes'] ?? []).length > 0 ||
      r['next-server'] !== undefined ||
      (r['server-hostname'] ?? '') !== '' ||
      (r['boot-file-name'] ?? '') !== '';
    if (!hasResource) {
      throw configError(
        source,
        at,
        `reservation for ${type} ${r[type]} must include at least one resource: hostname, IPv4 address, options or boot fields`,
      );
    }
    const key = `${type}/${identifier.toString('hex')}`;
    if (seen.has(key))
      throw configError(source, at, `the host with ${type} ${r[type]} is already reserved here`);
    seen.add(key);
    if (ip !== undefined && ip !== 0 && ipUnique) {
      if (addresses.has(ip)) {
        throw configError(source, at, `the address ${r['ip-address']} is already reserved for another host`);
      }
      addresses.add(ip);
    }
    const uc = withUserContext(r);
    out.push({
      subnetId,
      identifierType: type,
      identifier,
      ...(ip !== undefined && ip !== 0 ? { ipAddress: ip } : {}),
      hostname: r.hostname ?? '',
      options,
      nextServer: parseIPv4(r['next-server'] ?? '0.0.0.0'),
      serverHostname: r['server-hostname'] ?? '',
      bootFileName: r['boot-file-name'] ?? '',
      clientClasses: r['client-classes'] ?? [],
      ...(uc ? { userContext: uc } : {}),
    });
  });
  return out;
}
