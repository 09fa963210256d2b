// The `DhcpDdns` section: Kea 2.2's defaults and cross-checks (keys named by domains and servers exist,
// unique names, no 0.0.0.0 listener, UDP only), and the config-get form. Schema: config-schema.ts.
import type { JsonValue } from '@kea-ts/cc';
import { type ConfigSource, checkSchema, configError, notSupportedYet } from '@kea-ts/config';
import { parseNcrFormat, parseNcrProtocol } from '@kea-ts/dhcp-ddns';
import { canonicalName } from '@kea-ts/dns';
import type { LoggerConfig } from '@kea-ts/log';
import { toLoggerConfigs, unparseLoggers } from '@kea-ts/process';
import { formatIPv4, formatIPv6, tryParseIPv4, tryParseIPv6 } from '@kea-ts/util';
import { type Context, contextOf, KEY, type Path, type Section, schema } from './config-schema.js';
import { checkKeys, type TsigKeyInfo } from './tsig-keys.js';

export { KEY } from './config-schema.js';
export type { TsigKeyInfo } from './tsig-keys.js';

export interface DnsServerInfo {
  ipAddress: string;
  port: number;
  /** The key this server signs with (its own key-name, else its domain's), or null. */
  key: TsigKeyInfo | null;
  /** True when the key came from the domain (config-get then omits the server's key-name). */
  inheritedKey: boolean;
  context: Context;
}

export interface DdnsDomain {
  /** As configured ('*' is the forward wildcard). */
  name: string;
  /** Canonical (lowercase, absolute) name used for matching; '*' for the wildcard. */
  match: string;
  keyName: string;
  servers: DnsServerInfo[];
  context: Context;
}

export interface D2Config {
  section: Section;
  ipAddress: string;
  port: number;
  dnsServerTimeout: number;
  ncrProtocol: 'UDP';
  ncrFormat: 'JSON';
  forward: DdnsDomain[];
  reverse: DdnsDomain[];
  keys: Map<string, TsigKeyInfo>;
  controlSocket: string | null;
  loggers: LoggerConfig[];
}

function canonicalAddress(text: string): string | null {
  const v4 = tryParseIPv4(text);
  if (v4 !== null) return formatIPv4(v4);
  const v6 = tryParseIPv6(text);
  return v6 === null ? null : formatIPv6(v6);
}

function checkDomains(
  which: 'forward-ddns' | 'reverse-ddns',
  section: Section,
  keys: Map<string, TsigKeyInfo>,
  source: ConfigSource,
): DdnsDomain[] {
  const seen = new Set<string>();
  const domains = (section[which]?.['ddns-domains'] ?? []).map((d, i): DdnsDomain => {
    const at: Path = [KEY, which, 'ddns-domains', i];
    if (d.name === '') throw configError(source, [...at, 'name'], 'domain name must not be empty');
    let match: string;
    if (d.name === '*') match = '*';
    else {
      try {
        match = canonicalName(d.name);
      } catch (e) {
        throw configError(
          source,
          [...at, 'name'],
          `'${d.name}' is not a domain name: ${(e as Error).message}`,
        );
      }
    }
    if (seen.has(match)) throw configError(source, [...at, 'name'], `duplicate domain '${d.name}'`);
    seen.add(match);
    const keyName = d['key-name'] ?? '';
    if (keyName !== '' && !keys.has(keyName)) {
      throw configError(
        source,
        [...at, 'key-name'],
        `domain '${d.name}' names an undefined TSIG key '${keyName}'`,
      );
    }
    if (d['dns-servers'].length === 0) {
      throw configError(source, [...at, 'dns-servers'], 'the dns-servers list must not be empty');
    }
    const servers = d['dns-servers'].map((s, j): DnsServerInfo => {
      const sat: Path = [...at, 'dns-servers', j];
      if ((s.hostname ?? '') !== '') throw notSupportedYet(source, [...sat, 'hostname']);
      if (s['ip-address'] === undefined || s['ip-address'] === '') {
        throw configError(source, sat, 'a DNS server needs an ip-address');
      }
      const ip = canonicalAddress(s['ip-address']);
      if (ip === null) {
        throw configError(source, [...sat, 'ip-address'], `'${s['ip-address']}' is not an IP address`);
      }
      const own = s['key-name'] ?? '';
      if (own !== '' && !keys.has(own)) {
        throw configError(source, [...sat, 'key-name'], `DNS server names an undefined TSIG key '${own}'`);
      }
      const name = own !== '' ? own : keyName;
      return {
        ipAddress: ip,
        port: s.port ?? 53,
        key: name === '' ? null : keys.get(name)!,
        inheritedKey: own === '',
        context: contextOf(s),
      };
    });
    return { name: d.name, match, keyName, servers, context: contextOf(d) };
  });
  // Kea lists domains in name order (its std::map); config-get shows them so.
  return domains.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Checks a DhcpDdns section (the value under "DhcpDdns") and returns the config, or throws ConfigError. */
export function checkD2Config(value: JsonValue, source: ConfigSource): D2Config {
  const section = checkSchema(schema, value, source, [KEY]);
  const ipText = section['ip-address'] ?? '127.0.0.1';
  const ipAddress = canonicalAddress(ipText);
  if (ipAddress === null) throw configError(source, [KEY, 'ip-address'], `'${ipText}' is not an IP address`);
  if (ipAddress === '0.0.0.0' || ipAddress === '::') {
    throw configError(source, [KEY, 'ip-address'], `ip-address cannot be "${ipAddress}"`);
  }
  const listenPort = section.port ?? 53001;
  if (listenPort === 0) throw configError(source, [KEY, 'port'], 'port cannot be 0');
  const timeout = section['dns-server-timeout'] ?? 100;
  if (timeout < 1)
    throw configError(source, [KEY, 'dns-server-timeout'], 'dns-server-timeout must be larger than 0');
  if (timeout > 2147483647) {
    throw configError(source, [KEY, 'dns-server-timeout'], 'dns-server-timeout must not exceed 2147483647');
  }
  let protocol: string;
  let format: string;
  try {
    protocol = parseNcrProtocol(section['ncr-protocol'] ?? 'UDP');
  } catch (e) {
    throw configError(source, [KEY, 'ncr-protocol'], (e as Error).message);
  }
  if (protocol === 'TCP') throw notSupportedYet(source, [KEY, 'ncr-protocol']);
  try {
    format = parseNcrFormat(section['ncr-format'] ?? 'JSON');
  } catch (e) {
    throw configError(source, [KEY, 'ncr-format'], (e as Error).message);
  }
  // D2's hook points (d2_srv_configured, select_key) are not built: a library would load and never run.
  if ((section['hooks-libraries'] ?? []).length > 0) throw notSupportedYet(source, [KEY, 'hooks-libraries']);
  const keys = checkKeys(section, source);
  return {
    section,
    ipAddress,
    port: listenPort,
    dnsServerTimeout: timeout,
    ncrProtocol: 'UDP',
    ncrFormat: format as 'JSON',
    forward: checkDomains('forward-ddns', section, keys, source),
    reverse: checkDomains('reverse-ddns', section, keys, source),
    keys,
    controlSocket: section['control-socket']?.['socket-name'] ?? null,
    loggers: toLoggerConfigs(section.loggers),
  };
}

function withContext(out: { [k: string]: JsonValue }, ctx: Context): { [k: string]: JsonValue } {
  if (ctx !== undefined) out['user-context'] = ctx as JsonValue;
  return out;
}

function unparseDomains(domains: DdnsDomain[], ctx: Context): JsonValue {
  return withContext(
    {
      'ddns-domains': domains.map((d) => {
        const out: { [k: string]: JsonValue } = {
          name: d.name,
          'dns-servers': d.servers.map((s) => {
            const so: { [k: string]: JsonValue } = { hostname: '', 'ip-address': s.ipAddress, port: s.port };
            if (s.key !== null && !s.inheritedKey) so['key-name'] = s.key.name;
            return withContext(so, s.context);
          }),
        };
        if (d.keyName !== '') out['key-name'] = d.keyName;
        return withContext(out, d.context);
      }),
    },
    ctx,
  );
}

/** config-get's form of the section, Kea's defaults filled in. */
export function unparseD2Config(config: D2Config): JsonValue {
  const s = config.section;
  const out: { [k: string]: JsonValue } = {
    'ip-address': config.ipAddress,
    port: config.port,
    'dns-server-timeout': config.dnsServerTimeout,
    'ncr-protocol': config.ncrProtocol,
    'ncr-format': config.ncrFormat,
    'forward-ddns': unparseDomains(config.forward, contextOf(s['forward-ddns'] ?? {})),
    'reverse-ddns': unparseDomains(config.reverse, contextOf(s['reverse-ddns'] ?? {})),
    'tsig-keys': [...config.keys.values()].map((k) => {
      const ko: { [k: string]: JsonValue } = {
        name: k.name,
        algorithm: k.algorithm,
        'digest-bits': k.digestBits,
      };
      if (k.secretFile !== null) ko['secret-file'] = k.secretFile;
      else ko.secret = k.secret;
      return withContext(ko, k.context);
    }),
    'hooks-libraries': (s['hooks-libraries'] ?? []) as JsonValue,
    loggers: unparseLoggers(s.loggers),
  };
  if (s['control-socket']) {
    out['control-socket'] = withContext(
      { 'socket-name': s['control-socket']['socket-name'], 'socket-type': 'unix' },
      contextOf(s['control-socket']),
    );
  }
  return withContext(out, contextOf(s));
}
