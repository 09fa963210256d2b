// The `Control-agent` section: its strict schema, Kea's defaults, the checks that need the file system
// (auth files, TLS files) and the config-get form.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { JsonValue } from '@kea-ts/cc';
import { type ConfigSource, checkSchema, configError } from '@kea-ts/config';
import { loadTlsFiles, type TlsMaterial } from '@kea-ts/http';
import type { LoggerConfig } from '@kea-ts/log';
import {
  controlSocketSchema,
  hooksLibrariesSchema,
  loggersSchema,
  toLoggerConfigs,
  unparseLoggers,
  userContextFields,
} from '@kea-ts/process';
import { z } from 'zod';

export const SERVICES = ['dhcp4', 'dhcp6', 'd2'] as const;
export type Service = (typeof SERVICES)[number];

const clientSchema = z.strictObject({
  user: z.string({ error: 'user must be a string' }).optional(),
  'user-file': z.string({ error: 'user-file must be a string' }).optional(),
  password: z.string({ error: 'password must be a string' }).optional(),
  'password-file': z.string({ error: 'password-file must be a string' }).optional(),
  ...userContextFields,
});

const schema = z.strictObject({
  'http-host': z
    .string({ error: 'http-host must be a string' })
    .min(1, 'http-host must not be empty')
    .optional(),
  'http-port': z
    .int({ error: 'http-port must be an integer' })
    .min(1, 'http-port must be 1-65535')
    .max(65535, 'http-port must be 1-65535')
    .optional(),
  'trust-anchor': z.string({ error: 'trust-anchor must be a string' }).optional(),
  'cert-file': z.string({ error: 'cert-file must be a string' }).optional(),
  'key-file': z.string({ error: 'key-file must be a string' }).optional(),
  'cert-required': z.boolean({ error: 'cert-required must be a boolean' }).optional(),
  authentication: z
    .strictObject({
      type: z.literal('basic', { error: 'authentication type must be "basic"' }),
      realm: z.string({ error: 'realm must be a string' }).optional(),
      directory: z.string({ error: 'directory must be a string' }).optional(),
      clients: z.array(clientSchema, { error: 'clients must be a list' }).optional(),
      ...userContextFields,
    })
    .optional(),
  'control-sockets': z
    .strictObject({
      dhcp4: controlSocketSchema.optional(),
      dhcp6: controlSocketSchema.optional(),
      d2: controlSocketSchema.optional(),
    })
    .optional(),
  'hooks-libraries': hooksLibrariesSchema.optional(),
  loggers: loggersSchema.optional(),
  ...userContextFields,
});

type Section = z.infer<typeof schema>;

export interface AgentConfig {
  section: Section;
  host: string;
  port: number;
  tls: (TlsMaterial & { requireClientCert: boolean }) | null;
  auth: { realm: string; clients: { user: string; password: string }[] } | null;
  sockets: Map<Service, string>;
  loggers: LoggerConfig[];
}

const KEY = 'Control-agent';

function readSecret(
  source: ConfigSource,
  path: PropertyKey[],
  directory: string,
  file: string,
  what: string,
): string {
  const full = isAbsolute(file) || directory === '' ? file : join(directory, file);
  try {
    // One line: a trailing newline left by an editor or `echo` is not part of the secret.
    return readFileSync(full, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw configError(
      source,
      path,
      `cannot read ${what} ${full}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

function checkAuth(section: Section, source: ConfigSource): AgentConfig['auth'] {
  const auth = section.authentication;
  if (!auth?.clients || auth.clients.length === 0) return null;
  const directory = auth.directory ?? '';
  const clients = auth.clients.map((c, i) => {
    const at = [KEY, 'authentication', 'clients', i];
    if (c.user !== undefined && c['user-file'] !== undefined)
      throw configError(source, at, 'user and user-file are mutually exclusive');
    if (c.password !== undefined && c['password-file'] !== undefined) {
      throw configError(source, at, 'password and password-file are mutually exclusive');
    }
    let user =
      c.user ??
      (c['user-file'] !== undefined
        ? readSecret(source, [...at, 'user-file'], directory, c['user-file'], 'user-file')
        : undefined);
    let password =
      c.password ??
      (c['password-file'] !== undefined
        ? readSecret(source, [...at, 'password-file'], directory, c['password-file'], 'password-file')
        : undefined);
    // A password-file without any user holds "user:password", as Kea accepts.
    if (user === undefined && password !== undefined && c['password-file'] !== undefined) {
      const colon = password.indexOf(':');
      if (colon < 0)
        throw configError(
          source,
          [...at, 'password-file'],
          'a password-file without user must hold "user:password"',
        );
      user = password.slice(0, colon);
      password = password.slice(colon + 1);
    }
    if (user === undefined || user === '')
      throw configError(source, at, 'user is required (user or user-file)');
    if (user.includes(':')) throw configError(source, at, "user must not contain a ':'");
    return { user, password: password ?? '' };
  });
  return { realm: auth.realm ?? 'kea-control-agent', clients };
}

function checkTls(section: Section, source: ConfigSource): AgentConfig['tls'] {
  const names = {
    trustAnchor: section['trust-anchor'] ?? '',
    certFile: section['cert-file'] ?? '',
    keyFile: section['key-file'] ?? '',
  };
  const given = [names.trustAnchor, names.certFile, names.keyFile].filter((n) => n !== '').length;
  if (given === 0) return null;
  const certRequired = section['cert-required'] ?? true;
  if (names.certFile === '' || names.keyFile === '') {
    throw configError(
      source,
      [KEY],
      'bad TLS config: cert-file and key-file must both be set (with trust-anchor) or none of them',
    );
  }
  if (names.trustAnchor === '' && certRequired) {
    throw configError(
      source,
      [KEY],
      'bad TLS config: cert-required needs a trust-anchor to check client certificates against',
    );
  }
  for (const [key, file] of [
    ['trust-anchor', names.trustAnchor],
    ['cert-file', names.certFile],
    ['key-file', names.keyFile],
  ] as const) {
    if (file !== '' && !existsSync(file))
      throw configError(source, [KEY, key], `bad TLS config: ${key} ${file} does not exist`);
  }
  try {
    return { ...loadTlsFiles(names), requireClientCert: certRequired };
  } catch (err) {
    throw configError(source, [KEY], `bad TLS config: ${(err as Error).message}`);
  }
}

export function checkAgentConfig(value: JsonValue, source: ConfigSource): AgentConfig {
  const section = checkSchema(schema, value, source, [KEY]);
  const sockets = new Map<Service, string>();
  for (const service of SERVICES) {
    const s = section['control-sockets']?.[service];
    if (s) sockets.set(service, s['socket-name']);
  }
  return {
    section,
    host: section['http-host'] ?? '127.0.0.1',
    port: section['http-port'] ?? 8000,
    tls: checkTls(section, source),
    auth: checkAuth(section, source),
    sockets,
    loggers: toLoggerConfigs(section.loggers),
  };
}

/** config-get's form: what was configured, with Kea's defaults filled in. */
export function unparseAgentConfig(config: AgentConfig): JsonValue {
  const s = config.section;
  const out: { [k: string]: JsonValue } = {
    'http-host': config.host,
    'http-port': config.port,
    'control-sockets': Object.fromEntries(
      [...config.sockets].map(([k, v]) => [k, { 'socket-name': v, 'socket-type': 'unix' }]),
    ),
    'hooks-libraries': (s['hooks-libraries'] ?? []) as JsonValue,
    loggers: unparseLoggers(s.loggers),
  };
  if (config.tls) {
    out['trust-anchor'] = s['trust-anchor'] ?? '';
    out['cert-file'] = s['cert-file'] ?? '';
    out['key-file'] = s['key-file'] ?? '';
    out['cert-required'] = config.tls.requireClientCert;
  }
  if (s.authentication)
    out.authentication = {
      realm: config.auth?.realm ?? 'kea-control-agent',
      ...s.authentication,
    } as JsonValue;
  if (s['user-context'] || s.comment) {
    out['user-context'] = {
      ...(s['user-context'] ?? {}),
      ...(s.comment !== undefined ? { comment: s.comment } : {}),
    } as JsonValue;
  }
  return out;
}
