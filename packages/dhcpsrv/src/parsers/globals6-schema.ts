// The strict zod schema of the whole Dhcp6 map: Kea 2.2's global_param list for Dhcp6. The sub-objects
// both daemons share (databases, expired-leases-processing, queue, multi-threading, sanity checks,
// compatibility, config-control) come from globals-schema.ts; interfaces-config, dhcp-ddns and the
// v6-only keys (server-id, mac-sources, relay-supplied-options, data-directory) are defined here.
import { controlSocketSchema, hooksLibrariesSchema, loggersSchema } from '@kea-ts/process';
import { isIPv4, isIPv6 } from '@kea-ts/util';
import { z } from 'zod';
import { bool, str, uint16, uint32, userContextFields } from './fields.js';
import { scopedFields6 } from './fields6.js';
import {
  compatibilitySchema,
  configControlSchema,
  databaseSchema,
  dhcpDdnsSchema,
  expiredLeasesSchema,
  multiThreadingSchema,
  queueControlSchema,
  sanityChecksSchema,
} from './globals-schema.js';
import { optionDataListSchema, optionDefSchema } from './scoped-schema.js';
import { reservation6ListSchema, sharedNetwork6Schema, subnet6ListSchema } from './scoped6-schema.js';

export const interfacesConfig6Schema = z.strictObject({
  interfaces: z.array(str('interface name'), { error: 'interfaces must be a list' }).optional(),
  're-detect': bool('re-detect').optional(),
  'service-sockets-require-all': bool('service-sockets-require-all').optional(),
  'service-sockets-max-retries': uint32('service-sockets-max-retries').optional(),
  'service-sockets-retry-wait-time': uint32('service-sockets-retry-wait-time').optional(),
  ...userContextFields,
});

// D2 may listen on either family, whatever the DHCP daemon's own family.
const anyIp = (key: string) =>
  z
    .string({ error: `${key} must be a string` })
    .refine((t) => isIPv4(t) || isIPv6(t), { error: `invalid IP address for ${key}` });

export const dhcpDdns6Schema = dhcpDdnsSchema.extend({
  'server-ip': anyIp('server-ip').optional(),
  'sender-ip': anyIp('sender-ip').optional(),
});

export const SERVER_ID_TYPES = ['LLT', 'EN', 'LL'] as const;

export const serverIdSchema = z.strictObject({
  type: z.enum(SERVER_ID_TYPES, { error: 'server-id type must be LLT, EN or LL' }),
  identifier: str('identifier').optional(),
  htype: uint16('htype').optional(),
  time: uint32('time').optional(),
  'enterprise-id': uint32('enterprise-id').optional(),
  persist: bool('persist').optional(),
  ...userContextFields,
});

export const HOST_IDENTIFIERS6 = ['hw-address', 'duid', 'flex-id'] as const;

export const dhcp6Schema = z.strictObject({
  ...scopedFields6,
  'data-directory': str('data-directory').optional(),
  'interfaces-config': interfacesConfig6Schema.optional(),
  'lease-database': databaseSchema.optional(),
  'hosts-database': databaseSchema.optional(),
  'hosts-databases': z.array(databaseSchema, { error: 'hosts-databases must be a list' }).optional(),
  subnet6: subnet6ListSchema.optional(),
  'shared-networks': z.array(sharedNetwork6Schema, { error: 'shared-networks must be a list' }).optional(),
  'option-data': optionDataListSchema.optional(),
  'option-def': z.array(optionDefSchema, { error: 'option-def must be a list' }).optional(),
  'client-classes': z.array(z.unknown(), { error: 'client-classes must be a list' }).optional(),
  reservations: reservation6ListSchema.optional(),
  'host-reservation-identifiers': z
    .array(
      z.enum(HOST_IDENTIFIERS6, { error: 'host reservation identifier must be duid, hw-address or flex-id' }),
      {
        error: 'host-reservation-identifiers must be a list',
      },
    )
    .optional(),
  'reservations-lookup-first': bool('reservations-lookup-first').optional(),
  'early-global-reservations-lookup': bool('early-global-reservations-lookup').optional(),
  'ip-reservations-unique': bool('ip-reservations-unique').optional(),
  'mac-sources': z
    .array(str('mac-sources entry'), { error: 'mac-sources must be a list' })
    .min(1, 'mac-sources must not be empty')
    .optional(),
  'relay-supplied-options': z
    .array(str('relay-supplied-options entry'), { error: 'relay-supplied-options must be a list' })
    .optional(),
  'server-id': serverIdSchema.optional(),
  'dhcp-ddns': dhcpDdns6Schema.optional(),
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
  'statistic-default-sample-count': uint32('statistic-default-sample-count').optional(),
  'statistic-default-sample-age': uint32('statistic-default-sample-age').optional(),
  compatibility: compatibilitySchema.optional(),
  ...userContextFields,
});

export type Dhcp6Input = z.infer<typeof dhcp6Schema>;
