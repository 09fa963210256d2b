// zod schemas of the scoped Dhcp4 objects: option-data, option-def, pools, reservations, relay, subnet4
// and shared-networks (Kea 2.2's BNF key lists). Values are checked here; cross-entry rules (pools
// inside their subnet, duplicate ids, option data against definitions) are in check-*.ts.
import { z } from 'zod';
import { bool, ipv4, scopedFields, str, uint32, userContextFields } from './fields.js';

const anyMap = z.record(z.string(), z.unknown(), { error: 'must be a map' });

export const optionDataSchema = z.strictObject({
  name: str('name').optional(),
  code: z.int({ error: 'code must be an integer' }).optional(),
  data: str('data').optional(),
  space: str('space').optional(),
  'csv-format': bool('csv-format').optional(),
  'always-send': bool('always-send').optional(),
  ...userContextFields,
});
export const optionDataListSchema = z.array(optionDataSchema, { error: 'option-data must be a list' });

export const optionDefSchema = z.strictObject({
  name: str('name'),
  code: z.int({ error: 'code must be an integer' }),
  type: str('type'),
  'record-types': str('record-types').optional(),
  space: str('space').optional(),
  encapsulate: str('encapsulate').optional(),
  array: bool('array').optional(),
  ...userContextFields,
});

const classFields = {
  'client-class': str('client-class').optional(),
  'require-client-classes': z
    .array(str('class name'), { error: 'require-client-classes must be a list' })
    .optional(),
};

export const poolSchema = z.strictObject({
  pool: str('pool'),
  'option-data': optionDataListSchema.optional(),
  ...classFields,
  ...userContextFields,
});

export const relaySchema = z
  .strictObject({
    'ip-address': ipv4('ip-address').optional(),
    'ip-addresses': z.array(ipv4('ip-addresses entry'), { error: 'ip-addresses must be a list' }).optional(),
  })
  .refine((r) => !(r['ip-address'] !== undefined && r['ip-addresses'] !== undefined), {
    error: 'specify either ip-address or ip-addresses, not both',
  });

export const reservationSchema = z.strictObject({
  'hw-address': str('hw-address').optional(),
  duid: str('duid').optional(),
  'client-id': str('client-id').optional(),
  'circuit-id': str('circuit-id').optional(),
  'flex-id': str('flex-id').optional(),
  'ip-address': ipv4('ip-address').optional(),
  hostname: str('hostname').optional(),
  'option-data': optionDataListSchema.optional(),
  'client-classes': z.array(str('class name'), { error: 'client-classes must be a list' }).optional(),
  'next-server': ipv4('next-server').optional(),
  'server-hostname': str('server-hostname').optional(),
  'boot-file-name': str('boot-file-name').optional(),
  ...userContextFields,
});
export const reservationListSchema = z.array(reservationSchema, { error: 'reservations must be a list' });

const networkFields = {
  ...scopedFields,
  interface: str('interface').optional(),
  relay: relaySchema.optional(),
  'option-data': optionDataListSchema.optional(),
  ...classFields,
  ...userContextFields,
};

export const subnet4Schema = z.strictObject({
  ...networkFields,
  subnet: str('subnet'),
  id: uint32('id').optional(),
  pools: z.array(poolSchema, { error: 'pools must be a list' }).optional(),
  reservations: reservationListSchema.optional(),
  '4o6-interface': str('4o6-interface').optional(),
  '4o6-interface-id': str('4o6-interface-id').optional(),
  '4o6-subnet': str('4o6-subnet').optional(),
});
export const subnet4ListSchema = z.array(subnet4Schema, { error: 'subnet4 must be a list' });

export const sharedNetworkSchema = z.strictObject({
  ...networkFields,
  name: str('name').min(1, 'name must not be empty'),
  subnet4: subnet4ListSchema.optional(),
});

export type OptionDataInput = z.infer<typeof optionDataSchema>;
export type OptionDefInput = z.infer<typeof optionDefSchema>;
export type PoolInput = z.infer<typeof poolSchema>;
export type ReservationInput = z.infer<typeof reservationSchema>;
export type Subnet4Input = z.infer<typeof subnet4Schema>;
export type SharedNetworkInput = z.infer<typeof sharedNetworkSchema>;
export { anyMap };
