// The `DhcpDdns` section: its strict schema, Kea 2.2's defaults and cross-checks (keys named by domains and
// servers exist, unique names, no 0.0.0.0 listener, UDP only), and the config-get form.
import { readFileSync } from 'node:fs';
import type { JsonValue } from '@kea-ts/cc';
import { type ConfigSource, checkSchema, configError, notSupportedYet } from '@kea-ts/config';
import { parseNcrFormat, parseNcrProtocol } from '@kea-ts/dhcp-ddns';
import { canonicalName, createTsigKey, labelsToName, nameToLabels, type TsigKey } from '@kea-ts/dns';
import type { LoggerConfig } from '@kea-ts/log';
import {
  controlSocketSchema,
  hooksLibrariesSchema,
  loggersSchema,
  toLoggerConfigs,
  unparseLoggers,
  userContextFields,
} from '@kea-ts/process';
import { formatIPv4, formatIPv6, tryParseIPv4, tryParseIPv6 } from '@kea-ts/util';
import { z } from 'zod';

export const KEY = 'DhcpDdns';

const str = (what: string) => z.string({ error: `${what} must be a string` });
const port = (what: string) =>
  z
    .int({ error: `${what} must be an integer` })
    .min(0, `${what} must be 0-65535`)
    .max(65535, `${what} must be 0-65535`);

const tsigKeySchema = z.strictObject({
  name: str('name'),
  algorithm: str('algorithm'),
  'digest-bits': z
    .int({ error: 'digest-bits must be an integer' })
    .min(0, 'digest-bits must not be negative')
    .optional(),
  secret: str('secret').optional(),
  'secret-file': str('secret-file').optional(),
  ...userContextFields,
});

const dnsServerSchema = z.strictObject({
  hostname: str('hostname').optional(),
  'ip-address': str('ip-address').optional(),
  port: port('port').optional(),
  'key-name': str('key-name').optional(),
  ...userContextFields,
});

const domainSchema = z.strictObject({
  name: str('name'),
  'key-name': str('key-name').optional(),
  'dns-servers': z.array(dnsServerSchema, { error: 'dns-servers must be a list' }),
  ...userContextFields,
});

const domainListSchema = z.strictObject({
  'ddns-domains': z.array(domainSchema, { error: 'ddns-domains must be a list' }).optional(),
  ...userContextFields,
});

const schema = z.strictObject({
  'ip-address': str('ip-address').optional(),
  port: port('port').optional(),
  'dns-server-timeout': z.int({ error: 'dns-server-timeout must be an integer' }).optional(),
  'ncr-protocol': str('ncr-protocol').optional(),
  'ncr-format': str('ncr-format').optional(),
  'forward-ddns': domainListSchema.optional(),
  'reverse-ddns': domainListSchema.optional(),
  'tsig-keys': z.array(tsigKeySchema, { error: 'tsig-keys must be a list' }).optional(),
  'control-socket': controlSocketSchema.optional(),
  'hooks-libraries': hooksLibrariesSchema.optional(),
  loggers: loggersSchema.optional(),
  ...userContextFields,
});

type Section = z.infer<typeof schema>;
type Context = Record<string, unknown> | undefined;

/** One tsig-keys entry, ready to sign with. */
export interface TsigKeyInfo {
  name: string;
  algorithm: string;
  digestBits: number;
  /** The base64 secret (from `secret`, or read from `secret-file`). */
  secret: string;
  secretFile: string | null;
  key: TsigKey;
  /** The key's DNS name as Kea prints it in statistic names: case kept, trailing dot. */
  statName: string;
  context: Context;
}

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

type Path = (string | number)[];

function context(entry: { 'user-context'?: Record<string, unknown>; comment?: string }): Context {
  if (entry['user-context'] === undefined && entry.comment === undefined) return undefined;
  return {
    ...(entry['user-context'] ?? {}),
    ...(entry.comment !== undefined ? { comment: entry.comment } : {}),
  };
}

function checkKeys(section: Section, source: ConfigSource): Map<string, TsigKeyInfo> {
  const keys = new Map<string, TsigKeyInfo>();
  (section['tsig-keys'] ?? []).forEach((k, i) => {
    const at: Path = [KEY, 'tsig-keys', i];
    if (k.name === '') throw configError(source, [...at, 'name'], 'TSIG key name must not be empty');
    if (keys.has(k.name)) throw configError(source, [...at, 'name'], `duplicate TSIG key name '${k.name}'`);
    if ((k.secret === undefined) === (k['secret-file'] === undefined)) {
      throw configError(source, at, 'a TSIG key needs exactly one of secret and secret-file');
    }
    let secret = k.secret ?? '';
    if (k['secret-file'] !== undefined) {
      try {
        secret = readFileSync(k['secret-file'], 'utf8').trim();
      } catch (e) {
        const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        throw configError(
          source,
          [...at, 'secret-file'],
          `cannot read secret-file ${k['secret-file']}: ${why}`,
        );
      }
    }
    const digestBits = k['digest-bits'] ?? 0;
    let key: TsigKey;
    let statName: string;
    try {
      key = createTsigKey({ name: k.name, algorithm: k.algorithm, secret, 'digest-bits': digestBits });
      statName = labelsToName(nameToLabels(k.name));
    } catch (e) {
      const msg = (e as Error).message;
      const field = /algorithm/.test(msg) ? 'algorithm' : /digest-bits/.test(msg) ? 'digest-bits' : null;
      throw configError(source, field ? [...at, field] : at, msg);
    }
    keys.set(k.name, {
      name: k.name,
      algorithm: k.algorithm,
      digestBits,
      secret,
      secretFile: k['secret-file'] ?? null,
      key,
      statName,
      context: context(k),
    });
  });
  return keys;
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
    if (d.name === '*' && which === 'forward-ddns') match = '*';
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
        context: context(s),
      };
    });
    return { name: d.name, match, keyName, servers, context: context(d) };
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
    'forward-ddns': unparseDomains(config.forward, context(s['forward-ddns'] ?? {})),
    'reverse-ddns': unparseDomains(config.reverse, context(s['reverse-ddns'] ?? {})),
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
      context(s['control-socket']),
    );
  }
  return withContext(out, context(s));
}
