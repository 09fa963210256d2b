// A config's `option-def` entry checked as Kea 2.2 checks it (OptionDefParser and
// OptionDefinition::validate) and turned into an OptionDefinition. Duplicates and overrides of
// standard definitions are the registry's checks (OptionRegistry.extend). Throws only DhcpConfigError.
import { DhcpConfigError } from '../errors.js';
import {
  defineOption,
  OPTION_DATA_TYPES,
  type OptionDataType,
  type OptionDefinition,
  type Universe,
} from '../types.js';
import { splitCsv } from './csv.js';
import { checkEntry, isValidOptionName } from './entry-check.js';

/** An option-def entry as it appears in a config. */
export interface OptionDefEntry {
  name?: string;
  code?: number;
  type?: string;
  space?: string;
  array?: boolean;
  'record-types'?: string;
  encapsulate?: string;
  'user-context'?: Record<string, unknown>;
  comment?: string;
  metadata?: Record<string, unknown>;
}

const OPTION_DEF_KEYS = {
  name: 'string',
  code: 'integer',
  type: 'string',
  'record-types': 'string',
  space: 'string',
  encapsulate: 'string',
  array: 'boolean',
  'user-context': 'map',
  comment: 'string',
  metadata: 'map',
} as const;

// 'internal' is a marker of our tables; Kea's type names do not include it.
const USER_TYPES: ReadonlySet<string> = new Set(OPTION_DATA_TYPES.filter((t) => t !== 'internal'));

export function parseOptionDef(entry: unknown, universe: Universe): OptionDefinition {
  checkEntry(entry, OPTION_DEF_KEYS, 'option-def');
  const e = entry as OptionDefEntry;
  for (const key of ['name', 'code', 'type'] as const) {
    if (e[key] === undefined) throw new DhcpConfigError(`option-def entry is missing '${key}'`);
  }
  const name = e.name!;
  const code = e.code!;
  const space = e.space ?? (universe === 4 ? 'dhcp4' : 'dhcp6');
  const array = e.array ?? false;
  const encapsulate = e.encapsulate ?? '';
  const where = `option-def '${space}.${name}'`;

  const max = universe === 4 ? 0xff : 0xffff;
  if (code < 0) throw new DhcpConfigError(`${where}: option code must not be negative`);
  if (code > max) throw new DhcpConfigError(`${where}: option code ${code} is greater than ${max}`);
  if (!isValidOptionName(space)) throw new DhcpConfigError(`${where}: invalid option space name '${space}'`);
  if (space === 'dhcp4' && (code === 0 || code === 255)) {
    throw new DhcpConfigError(`${where}: option code ${code} is reserved for ${code === 0 ? 'PAD' : 'END'}`);
  }
  if (space === 'dhcp6' && code === 0) throw new DhcpConfigError(`${where}: option code 0 is reserved`);
  if (encapsulate !== '') {
    if (array) throw new DhcpConfigError(`${where}: an array option may not encapsulate an option space`);
    if (encapsulate === space) {
      throw new DhcpConfigError(`${where}: an option must not encapsulate its own space '${space}'`);
    }
  }

  const type = e.type!;
  const recordTypes: OptionDataType[] = [];
  for (const raw of splitCsv(e['record-types'] ?? '')) {
    const field = raw.trim();
    if (field === '') continue;
    if (type !== 'record') {
      throw new DhcpConfigError(`${where}: record-types are given but the type is '${type}', not 'record'`);
    }
    if (!USER_TYPES.has(field) || field === 'record' || field === 'empty') {
      throw new DhcpConfigError(`${where}: '${field}' cannot be a field of a record`);
    }
    recordTypes.push(field as OptionDataType);
  }

  // OptionDefinition::validate, in Kea's order.
  if (!isValidOptionName(name)) throw new DhcpConfigError(`${where}: invalid option name '${name}'`);
  if (encapsulate !== '' && !isValidOptionName(encapsulate)) {
    throw new DhcpConfigError(`${where}: invalid encapsulated option space name '${encapsulate}'`);
  }
  if (!USER_TYPES.has(type)) throw new DhcpConfigError(`${where}: option type '${type}' is not supported`);
  if (type === 'record') {
    if (recordTypes.length < 2) {
      throw new DhcpConfigError(`${where}: a record needs at least 2 fields, ${recordTypes.length} given`);
    }
    recordTypes.forEach((t, i) => {
      if ((t === 'string' || t === 'binary') && i < recordTypes.length - 1) {
        throw new DhcpConfigError(`${where}: a ${t} field may only be the last field of a record`);
      }
    });
    const last = recordTypes[recordTypes.length - 1];
    if (array && (last === 'string' || last === 'binary')) {
      throw new DhcpConfigError(`${where}: an array of ${last} values is not a valid definition`);
    }
  } else if (array && (type === 'string' || type === 'binary' || type === 'empty')) {
    throw new DhcpConfigError(`${where}: an array of ${type} values is not a valid definition`);
  }

  return defineOption(space, {
    name,
    code,
    type: type as OptionDataType,
    array: encapsulate !== '' ? false : array,
    recordTypes,
    encapsulate,
  });
}
