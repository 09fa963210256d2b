// The strict zod schema of the whole Dhcp4 map: every key of Kea 2.2's global_param list and its
// sub-objects (interfaces-config, lease-database, hosts-databases, expired-leases-processing,
// dhcp-queue-control, multi-threading, sanity-checks, compatibility, dhcp-ddns, config-control,
// control-socket, loggers, hooks-libraries), with Kea's enumerations and ranges.
import { controlSocketSchema, hooksLibrariesSchema, loggersSchema } from '@kea-ts/process';
import { z } from 'zod';
import { bool, ipv4, scopedFields, str, uint16, uint32, userContextFields } from './fields.js';
import {
  optionDataListSchema,
  optionDefSchema,
  reservationListSchema,
  sharedNetworkSchema,
  subnet4ListSchema,
} from './scoped-schema.js';

export const interfacesConfigSchema = z.strictObject({
  interfaces: z.array(str('interface name'), { error: 'interfaces must be a list' }).optional(),
  'dhcp-socket-type': z.enum(['raw', 'udp'], { error: 'dhcp-socket-type must be raw or udp' }).optional(),
  'outbound-interface': z
    .enum(['same-as-inbound', 'use-routing'], {
      error: 'outbound-interface must be same-as-inbound or use-routing',
    })
    .optional(),
  're-detect': bool('re-detect').optional(),
  'service-sockets-require-all': bool('service-sockets-require-all').optional(),
  'service-sockets-max-retries': uint32('service-sockets-max-retries').optional(),
  'service-sockets-retry-wait-time': uint32('service-sockets-retry-wait-time').optional(),
  ...userContextFields,
});

export const databaseSchema = z.strictObject({
  type: z.enum(['memfile', 'mysql', 'postgresql'], { error: 'type must be memfile, mysql or postgresql' }),
  user: str('user').optional(),
  password: str('password').optional(),
  host: str('host').optional(),
  port: uint16('port').optional(),
  name: str('name').optional(),
  persist: bool('persist').optional(),
  'lfc-interval': uint32('lfc-interval').optional(),
  readonly: bool('readonly').optional(),
  'connect-timeout': uint32('connect-timeout').optional(),
  'max-reconnect-tries': uint32('max-reconnect-tries').optional(),
  'reconnect-wait-time': uint32('reconnect-wait-time').optional(),
  'on-fail': z
    .enum(['stop-retry-exit', 'serve-retry-exit', 'serve-retry-continue'], {
      error: 'on-fail must be stop-retry-exit, serve-retry-exit or serve-retry-continue',
    })
    .optional(),
  'max-row-errors': uint32('max-row-errors').optional(),
  'trust-anchor': str('trust-anchor').optional(),
  'cert-file': str('cert-file').optional(),
  'key-file': str('key-file').optional(),
  'cipher-list': str('cipher-list').optional(),
  ...userContextFields,
});

export const expiredLeasesSchema = z.strictObject({
  'reclaim-timer-wait-time': uint32('reclaim-timer-wait-time').optional(),
  'flush-reclaimed-timer-wait-time': uint32('flush-reclaimed-timer-wait-time').optional(),
  'hold-reclaimed-time': uint32('hold-reclaimed-time').optional(),
  'max-reclaim-leases': uint32('max-reclaim-leases').optional(),
  'max-reclaim-time': uint32('max-reclaim-time').optional(),
  'unwarned-reclaim-cycles': uint32('unwarned-reclaim-cycles').optional(),
  ...userContextFields,
});

// Kea passes unknown keys of dhcp-queue-control to the queue implementation: a loose object.
export const queueControlSchema = z.looseObject({
  'enable-queue': bool('enable-queue'),
  'queue-type': str('queue-type').optional(),
  capacity: uint32('capacity').optional(),
  ...userContextFields,
});

export const multiThreadingSchema = z.strictObject({
  'enable-multi-threading': bool('enable-multi-threading').optional(),
  'thread-pool-size': uint32('thread-pool-size').optional(),
  'packet-queue-size': uint32('packet-queue-size').optional(),
  ...userContextFields,
});

export const sanityChecksSchema = z.strictObject({
  'lease-checks': z
    .enum(['none', 'warn', 'fix', 'fix-del', 'del'], { error: "Unsupported 'lease-checks' value" })
    .optional(),
  ...userContextFields,
});

export const compatibilitySchema = z.strictObject({
  'lenient-option-parsing': bool('lenient-option-parsing').optional(),
  ...userContextFields,
});

export const dhcpDdnsSchema = z.strictObject({
  'enable-updates': bool('enable-updates'),
  'server-ip': ipv4('server-ip').optional(),
  'server-port': uint16('server-port').optional(),
  'sender-ip': ipv4('sender-ip').optional(),
  'sender-port': uint16('sender-port').optional(),
  'max-queue-size': uint32('max-queue-size').optional(),
  'ncr-protocol': z.enum(['UDP', 'TCP'], { error: 'ncr-protocol must be UDP or TCP' }).optional(),
  'ncr-format': z.literal('JSON', { error: 'ncr-format must be JSON' }).optional(),
  // Deprecated aliases of the global ddns-* keys (Kea 2.2 still parses them).
  'override-no-update': bool('override-no-update').optional(),
  'override-client-update': bool('override-client-update').optional(),
  'replace-client-name': z.union([z.string(), z.boolean()]).optional(),
  'generated-prefix': str('generated-prefix').optional(),
  'qualifying-suffix': str('qualifying-suffix').optional(),
  'hostname-char-set': str('hostname-char-set').optional(),
  'hostname-char-replacement': str('hostname-char-replacement').optional(),
  ...userContextFields,
});

export const configControlSchema = z.strictObject({
  'config-databases': z.array(databaseSchema, { error: 'config-databases must be a list' }).optional(),
  'config-fetch-wait-time': uint32('config-fetch-wait-time').optional(),
  ...userContextFields,
});

export const HOST_IDENTIFIERS = ['hw-address', 'duid', 'circuit-id', 'client-id', 'flex-id'] as const;

export const dhcp4Schema = z.strictObject({
  ...scopedFields,
  'interfaces-config': interfacesConfigSchema.optional(),
  'lease-database': databaseSchema.optional(),
  'hosts-database': databaseSchema.optional(),
  'hosts-databases': z.array(databaseSchema, { error: 'hosts-databases must be a list' }).optional(),
  subnet4: subnet4ListSchema.optional(),
  'shared-networks': z.array(sharedNetworkSchema, { error: 'shared-networks must be a list' }).optional(),
  'option-data': optionDataListSchema.optional(),
  'option-def': z.array(optionDefSchema, { error: 'option-def must be a list' }).optional(),
  'client-classes': z.array(z.unknown(), { error: 'client-classes must be a list' }).optional(),
  reservations: reservationListSchema.optional(),
  'host-reservation-identifiers': z
    .array(z.enum(HOST_IDENTIFIERS, { error: 'unsupported host reservation identifier' }), {
      error: 'host-reservation-identifiers must be a list',
    })
    .optional(),
  'reservations-lookup-first': bool('reservations-lookup-first').optional(),
  'early-global-reservations-lookup': bool('early-global-reservations-lookup').optional(),
  'ip-reservations-unique': bool('ip-reservations-unique').optional(),
  'dhcp-ddns': dhcpDdnsSchema.optional(),
  'expired-leases-processing': expiredLeasesSchema.optional(),
  'decline-probation-period': uint32('decline-probation-period').optional(),
  'multi-threading': multiThreadingSchema.optional(),
  'dhcp-queue-control': queueControlSchema.optional(),
  'parked-packet-limit': uint32('parked-packet-limit').optional(),
  'control-socket': controlSocketSchema.optional(),
  'hooks-libraries': hooksLibrariesSchema.optional(),
  loggers: loggersSchema.optional(),
  'sanity-checks': sanityChecksSchema.optional(),
  'dhcp4o6-port': uint16('dhcp4o6-port').optional(),
  'config-control': configControlSchema.optional(),
  'server-tag': str('server-tag').optional(),
  'echo-client-id': bool('echo-client-id').optional(),
  'statistic-default-sample-count': uint32('statistic-default-sample-count').optional(),
  'statistic-default-sample-age': uint32('statistic-default-sample-age').optional(),
  compatibility: compatibilitySchema.optional(),
  ...userContextFields,
});

export type Dhcp4Input = z.infer<typeof dhcp4Schema>;
export type DatabaseInput = z.infer<typeof databaseSchema>;
