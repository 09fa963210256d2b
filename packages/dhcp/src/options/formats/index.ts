// The table of data formats by Kea type name. 'record' is a sequence of these and 'internal' is a
// marker for options Kea builds itself; neither is a field format.
import type { OptionDataType } from '../../types.js';
import { binaryFormat } from './binary.js';
import { booleanFormat } from './boolean.js';
import { emptyFormat } from './empty.js';
import type { DataFormat } from './format.js';
import { fqdnFormat } from './fqdn.js';
import { int8Format } from './int8.js';
import { int16Format } from './int16.js';
import { int32Format } from './int32.js';
import { ipv4AddressFormat } from './ipv4-address.js';
import { ipv6AddressFormat } from './ipv6-address.js';
import { ipv6PrefixFormat, type PrefixValue } from './ipv6-prefix.js';
import { type PsidValue, psidFormat } from './psid.js';
import { stringFormat } from './string.js';
import { tupleFormat } from './tuple.js';
import { uint8Format } from './uint8.js';
import { uint16Format } from './uint16.js';
import { uint32Format } from './uint32.js';

export type FieldType = Exclude<OptionDataType, 'record' | 'internal'>;

/** The value a field of each type decodes to. */
export interface FieldValueMap {
  empty: null;
  binary: Buffer;
  boolean: boolean;
  int8: number;
  int16: number;
  int32: number;
  uint8: number;
  uint16: number;
  uint32: number;
  'ipv4-address': number;
  'ipv6-address': Buffer;
  'ipv6-prefix': PrefixValue;
  psid: PsidValue;
  string: Buffer;
  fqdn: string;
  tuple: Buffer;
}
export type FieldValue = FieldValueMap[FieldType];

export const FORMATS: { readonly [K in FieldType]: DataFormat<FieldValueMap[K]> } = {
  empty: emptyFormat,
  binary: binaryFormat,
  boolean: booleanFormat,
  int8: int8Format,
  int16: int16Format,
  int32: int32Format,
  uint8: uint8Format,
  uint16: uint16Format,
  uint32: uint32Format,
  'ipv4-address': ipv4AddressFormat,
  'ipv6-address': ipv6AddressFormat,
  'ipv6-prefix': ipv6PrefixFormat,
  psid: psidFormat,
  string: stringFormat,
  fqdn: fqdnFormat,
  tuple: tupleFormat,
};

/** The format of a field type, untyped for generic code that carries values as FieldValue. */
export function formatOf(type: OptionDataType): DataFormat<FieldValue> | undefined {
  if (type === 'record' || type === 'internal') return undefined;
  return FORMATS[type] as DataFormat<FieldValue>;
}

export type { DataFormat } from './format.js';
export { parseKeaInteger } from './format.js';
export { decodeDomainName, domainNameText, encodeDomainName, parseDomainName } from './fqdn.js';
export type { PrefixValue } from './ipv6-prefix.js';
export type { PsidValue } from './psid.js';
export {
  binaryFormat,
  booleanFormat,
  emptyFormat,
  fqdnFormat,
  int8Format,
  int16Format,
  int32Format,
  ipv4AddressFormat,
  ipv6AddressFormat,
  ipv6PrefixFormat,
  psidFormat,
  stringFormat,
  tupleFormat,
  uint8Format,
  uint16Format,
  uint32Format,
};
