// zod schemas of the scoped Dhcp6 objects: pools, pd-pools, reservations, relay, subnet6 and
// shared-networks (Kea 2.2's BNF key lists; option-data and option-def are shared with Dhcp4). Values are
// checked here; cross-entry rules (pools inside their subnet, excluded prefixes, duplicate ids and
// reservations, option data against definitions) are in check-*6.ts.
import { z } from 'zod';
import { bool, str, uint32, userContextFields } from './fields.js';
import { ipv6, scopedFields6 } from './fields6.js';
import { optionDataListSchema } from './scoped-schema.js';

const classFields = {
  'client-class': str('client-class').optional(),
  'require-client-classes': z
    .array(str('class name'), { error: 'require-client-classes must be a list' })
    .optional(),
};

export const pool6Schema = z.strictObject({
  pool: str('pool'),
  'option-data': optionDataListSchema.optional(),
  ...classFields,
  ...userContextFields,
});

const prefixLen = (key: string) =>
  z
    .int({ error: `${key} must be an integer` })
    .min(0, `out of range value for ${key}: must be 0-255`)
    .max(255, `out of range value for ${key}: must be 0-255`);

export const pdPoolSchema = z.strictObject({
  prefix: str('prefix'),
  'prefix-len': prefixLen('prefix-len'),
  'delegated-len': prefixLen('delegated-len'),
  'excluded-prefix': str('excluded-prefix').optional(),
  'excluded-prefix-len': prefixLen('excluded-prefix-len').optional(),
  'option-data': optionDataListSchema.optional(),
  ...classFields,
  ...userContextFields,
});

export const relay6Schema = z
  .strictObject({
    'ip-address': ipv6('ip-address').optional(),
    'ip-addresses': z.array(ipv6('ip-addresses entry'), { error: 'ip-addresses must be a list' }).optional(),
  })
  .refine((r) => !(r['ip-address'] !== undefined && r['ip-addresses'] !== undefined), {
    error: 'specify either ip-address or ip-addresses, not both',
  });

export const reservation6Schema = z.strictObject({
  'hw-address': str('hw-address').optional(),
  duid: str('duid').optional(),
  'flex-id': str('flex-id').optional(),
  'ip-addresses': z.array(str('ip-addresses entry'), { error: 'ip-addresses must be a list' }).optional(),
  prefixes: z.array(str('prefixes entry'), { error: 'prefixes must be a list' }).optional(),
  hostname: str('hostname').optional(),
  'option-data': optionDataListSchema.optional(),
  'client-classes': z.array(str('class name'), { error: 'client-classes must be a list' }).optional(),
  ...userContextFields,
});
export const reservation6ListSchema = z.array(reservation6Schema, { error: 'reservations must be a list' });

const networkFields = {
  ...scopedFields6,
  interface: str('interface').optional(),
  'interface-id': str('interface-id').optional(),
  'rapid-commit': bool('rapid-commit').optional(),
  relay: relay6Schema.optional(),
  'option-data': optionDataListSchema.optional(),
  ...classFields,
  ...userContextFields,
};

export const subnet6Schema = z.strictObject({
  ...networkFields,
  subnet: str('subnet'),
  id: uint32('id').optional(),
  pools: z.array(pool6Schema, { error: 'pools must be a list' }).optional(),
  'pd-pools': z.array(pdPoolSchema, { error: 'pd-pools must be a list' }).optional(),
  reservations: reservation6ListSchema.optional(),
});
export const subnet6ListSchema = z.array(subnet6Schema, { error: 'subnet6 must be a list' });

export const sharedNetwork6Schema = z.strictObject({
  ...networkFields,
  name: str('name').min(1, 'name must not be empty'),
  subnet6: subnet6ListSchema.optional(),
});

export type Pool6Input = z.infer<typeof pool6Schema>;
export type PdPoolInput = z.infer<typeof pdPoolSchema>;
export type Reservation6Input = z.infer<typeof reservation6Schema>;
export type Subnet6Input = z.infer<typeof subnet6Schema>;
export type SharedNetwork6Input = z.infer<typeof sharedNetwork6Schema>;
