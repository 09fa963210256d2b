// Vendor option spaces. Options 125 (vivso-suboptions, v4) and 17 (vendor-opts, v6) carry an
// enterprise number and then sub-options from space 'vendor-<enterprise>'. Kea 2.2 knows the
// sub-options of two enterprises: CableLabs 4491 (DOCSIS 3, with different v4 and v6 tables under the
// same space name) and ISC 2495 (v6 only: the 4o6 options). Facts from Kea-2.2.0
// src/lib/dhcp/docsis3_option_defs.h and libdhcp++.cc (getVendorOptionDefs, optionSpaceToVendorId).
import { defineOption, type OptionDefinition, type OptionDefinitionInput, type Universe } from '../types.js';
import { isc4o6Definitions } from './sub-spaces.js';

export const ENTERPRISE_ID_CABLE_LABS = 4491;
export const ENTERPRISE_ID_ISC = 2495;

/** Kea's DOCSIS 3 vendor class strings (option 60 / vendor-class data of cable modems). */
export const DOCSIS3_CLASS_MODEM = 'docsis3.0';
export const DOCSIS3_CLASS_EROUTER = 'eRouter1.0';

/** The space of an enterprise's vendor sub-options: 'vendor-<id>'. */
export function vendorSpace(enterpriseId: number): string {
  return `vendor-${enterpriseId}`;
}

/**
 * The enterprise number of a 'vendor-<id>' space name, or undefined when the name is not one. As in
 * Kea, the id must be a decimal number within uint32; 'vendor-0' counts as no vendor space.
 */
export function vendorIdOfSpace(space: string): number | undefined {
  if (!space.startsWith('vendor-')) return undefined;
  const digits = space.slice(7);
  if (!/^[0-9]{1,10}$/.test(digits)) return undefined;
  const id = Number(digits);
  return id > 0 && id <= 0xffffffff ? id : undefined;
}

const DOCSIS3_SPACE = vendorSpace(ENTERPRISE_ID_CABLE_LABS);

/** DOCSIS 3 DHCPv4 sub-options of vivso (125) for enterprise 4491. */
export const DOCSIS3_V4_DEFINITIONS: readonly OptionDefinition[] = Object.freeze([
  defineOption(DOCSIS3_SPACE, { name: 'oro', code: 1, type: 'uint8', array: true }),
  defineOption(DOCSIS3_SPACE, { name: 'tftp-servers', code: 2, type: 'ipv4-address', array: true }),
]);

const DOCSIS3_V6_INPUT: readonly OptionDefinitionInput[] = [
  { name: 'oro', code: 1, type: 'uint16', array: true },
  { name: 'device-type', code: 2, type: 'string' },
  { name: 'vendor-type', code: 10, type: 'string' },
  { name: 'tftp-servers', code: 32, type: 'ipv6-address', array: true },
  { name: 'time-servers', code: 37, type: 'ipv6-address', array: true },
  { name: 'config-file', code: 33, type: 'string' },
  { name: 'syslog-servers', code: 34, type: 'ipv6-address', array: true },
  { name: 'device-id', code: 36, type: 'binary' },
  { name: 'time-offset', code: 38, type: 'int32' },
  // Inserted by the CMTS acting as relay agent.
  { name: 'cmts-cm-mac', code: 1026, type: 'binary' },
];

/** DOCSIS 3 DHCPv6 sub-options of vendor-opts (17) for enterprise 4491, in Kea's order. */
export const DOCSIS3_V6_DEFINITIONS: readonly OptionDefinition[] = Object.freeze(
  DOCSIS3_V6_INPUT.map((input) => defineOption(DOCSIS3_SPACE, input)),
);

/** Kea's own names of the DOCSIS tables; configs may use them as spaces too (Kea's all-options.json does). */
export const DOCSIS3_V4_SPACE = 'docsis3-v4';
export const DOCSIS3_V6_SPACE = 'docsis3-v6';

/** The DOCSIS tables under Kea's internal space names, each of its own universe. */
export const DOCSIS3_SPACE_DEFINITIONS: ReadonlyMap<string, readonly OptionDefinition[]> = new Map([
  [DOCSIS3_V4_SPACE, inSpace(DOCSIS3_V4_DEFINITIONS, DOCSIS3_V4_SPACE)],
  [DOCSIS3_V6_SPACE, inSpace(DOCSIS3_V6_DEFINITIONS, DOCSIS3_V6_SPACE)],
]);

function inSpace(defs: readonly OptionDefinition[], space: string): readonly OptionDefinition[] {
  return Object.freeze(defs.map((def) => defineOption(space, def)));
}

/** The standard vendor spaces a daemon of one universe knows, by space name. */
export function standardVendorSpaces(universe: Universe): ReadonlyMap<string, readonly OptionDefinition[]> {
  if (universe === 4) return new Map([[DOCSIS3_SPACE, DOCSIS3_V4_DEFINITIONS]]);
  return new Map([
    [DOCSIS3_SPACE, DOCSIS3_V6_DEFINITIONS],
    [vendorSpace(ENTERPRISE_ID_ISC), isc4o6Definitions(vendorSpace(ENTERPRISE_ID_ISC))],
  ]);
}
