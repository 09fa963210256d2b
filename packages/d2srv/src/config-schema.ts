// The zod schema of the DhcpDdns section (every key of Kea 2.2, plus secret-file) and small shared types.
import { controlSocketSchema, hooksLibrariesSchema, loggersSchema, userContextFields } from '@kea-ts/process';
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

export const schema = z.strictObject({
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

export type Section = z.infer<typeof schema>;
export type Context = Record<string, unknown> | undefined;

export type Path = (string | number)[];

export function contextOf(entry: { 'user-context'?: Record<string, unknown>; comment?: string }): Context {
  if (entry['user-context'] === undefined && entry.comment === undefined) return undefined;
  return {
    ...(entry['user-context'] ?? {}),
    ...(entry.comment !== undefined ? { comment: entry.comment } : {}),
  };
}
