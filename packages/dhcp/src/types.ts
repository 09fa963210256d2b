// The data model every part of the codec shares: Kea's option data types, option definitions and
// option spaces. Definitions are plain data (tables in src/defs/), never classes with behaviour.

/** Kea's option data types, by their config names. */
export const OPTION_DATA_TYPES = [
  'empty',
  'binary',
  'boolean',
  'int8',
  'int16',
  'int32',
  'uint8',
  'uint16',
  'uint32',
  'ipv4-address',
  'ipv6-address',
  'ipv6-prefix',
  'psid',
  'string',
  'fqdn',
  'tuple',
  'record',
  'internal',
] as const;
export type OptionDataType = (typeof OPTION_DATA_TYPES)[number];

/** DHCPv4 options have 1-byte code and length; DHCPv6 options 2-byte ones. */
export type Universe = 4 | 6;

/** One option definition, standard or from a config's `option-def`. */
export interface OptionDefinition {
  readonly name: string;
  readonly code: number;
  /** 'dhcp4', 'dhcp6', a sub-option space ('dhcp-agent-options-space', 'vendor-4491', ...) or a user's. */
  readonly space: string;
  readonly type: OptionDataType;
  readonly array: boolean;
  /** Field types of a 'record' (empty otherwise). */
  readonly recordTypes: readonly OptionDataType[];
  /** The space of the sub-options this option carries after its fields ('' when none). */
  readonly encapsulate: string;
}

/** A definition as tables write it: defaults for the rarely used parts. */
export interface OptionDefinitionInput {
  name: string;
  code: number;
  type: OptionDataType;
  array?: boolean;
  recordTypes?: readonly OptionDataType[];
  encapsulate?: string;
}

export function defineOption(space: string, input: OptionDefinitionInput): OptionDefinition {
  return Object.freeze({
    name: input.name,
    code: input.code,
    space,
    type: input.type,
    array: input.array ?? false,
    recordTypes: Object.freeze([...(input.recordTypes ?? [])]),
    encapsulate: input.encapsulate ?? '',
  });
}

/** The universe of a space: the v4 ones are dhcp4 and the spaces v4 options encapsulate. */
export interface OptionSpace {
  readonly name: string;
  readonly universe: Universe;
  /** By code and by name; a code may have only one definition per space. */
  readonly byCode: ReadonlyMap<number, OptionDefinition>;
  readonly byName: ReadonlyMap<string, OptionDefinition>;
}
