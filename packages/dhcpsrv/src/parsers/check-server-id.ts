// The v6-only globals that say who the server is and what it trusts: server-id (the DUID Kea creates
// and keeps in <data-directory>/kea-dhcp6-serverid), data-directory (must exist, as Kea checks),
// mac-sources (Kea's names and RFC aliases) and relay-supplied-options (codes or dhcp6 option names).
import { statSync } from 'node:fs';
import { type ConfigSource, configError } from '@kea-ts/config';
import type { OptionRegistry } from '@kea-ts/dhcp';
import type { ServerIdConfig } from '../cfg/types6.js';
import { withUserContext } from './check-options.js';
import type { Dhcp6Input } from './globals6-schema.js';

type Path = readonly PropertyKey[];

export function checkServerId(s: Dhcp6Input['server-id'], source: ConfigSource, path: Path): ServerIdConfig {
  const id = s?.identifier ?? '';
  // Kea reads the identifier as bare hex digits: no separators, no 0x, an even count.
  if (!/^([0-9a-fA-F]{2})*$/.test(id)) {
    throw configError(
      source,
      [...path, 'identifier'],
      `identifier specified in the DUID configuration '${id}' is not a valid string of hexadecimal digits`,
    );
  }
  const uc = s ? withUserContext(s) : undefined;
  return {
    type: s?.type ?? 'LLT',
    identifier: Buffer.from(id, 'hex'),
    htype: s?.htype ?? 0,
    time: s?.time ?? 0,
    enterpriseId: s?.['enterprise-id'] ?? 0,
    persist: s?.persist ?? true,
    ...(uc ? { userContext: uc } : {}),
  };
}

export function checkDataDirectory(dir: string | undefined, source: ConfigSource, path: Path): void {
  if (dir === undefined) return;
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw configError(source, path, `Bad directory '${dir}': No such file or directory`);
}

const MAC_SOURCES: Record<string, string> = {
  any: 'any',
  raw: 'raw',
  duid: 'duid',
  'ipv6-link-local': 'ipv6-link-local',
  'client-link-addr-option': 'client-link-addr-option',
  rfc6939: 'client-link-addr-option',
  'remote-id': 'remote-id',
  rfc4649: 'remote-id',
  'subscriber-id': 'subscriber-id',
  rfc4580: 'subscriber-id',
  'docsis-cmts': 'docsis-cmts',
  'docsis-modem': 'docsis-modem',
};

export function checkMacSources(
  list: readonly string[] | undefined,
  source: ConfigSource,
  path: Path,
): string[] {
  return (list ?? ['any']).map((name, i) => {
    const canonical = MAC_SOURCES[name];
    if (canonical === undefined) {
      throw configError(source, [...path, i], `Failed to convert '${name}' to any recognized MAC source`);
    }
    return canonical;
  });
}

/** ERP local domain name (65) is always among them (RFC 6440 requires relays to supply it). */
export function checkRelaySuppliedOptions(
  list: readonly string[] | undefined,
  registry: OptionRegistry,
  source: ConfigSource,
  path: Path,
): number[] {
  const codes = new Set<number>([65]);
  (list ?? []).forEach((entry, i) => {
    const text = entry.trim();
    const code = /^\d+$/.test(text) ? Number(text) : registry.getByName('dhcp6', text)?.code;
    if (code === undefined || code < 1 || code > 0xffff) {
      throw configError(
        source,
        [...path, i],
        `unable to find option code for the specified option name '${entry}' while parsing the list of enabled relay-supplied-options`,
      );
    }
    codes.add(code);
  });
  return [...codes].sort((a, b) => a - b);
}
