// Kea 2.2's standard sub-option spaces below 'dhcp6': the softwire (RFC 7598) containers and their
// rules, and ISC's DHCPv4-over-DHCPv6 inter-process space '4o6'. Facts from Kea-2.2.0
// src/lib/dhcp/std_option_defs.h. The v4 sub-option spaces (82's and 43's) have no standard
// definitions in 2.2; their names live in dhcp4.ts.
import { defineOption, type OptionDataType, type OptionDefinition } from '../types.js';

export const S46_CONT_MAPE_SPACE = 's46-cont-mape-options';
export const S46_CONT_MAPT_SPACE = 's46-cont-mapt-options';
export const S46_CONT_LW_SPACE = 's46-cont-lw-options';
export const S46_RULE_SPACE = 's46-rule-options';
export const S46_V4V6BIND_SPACE = 's46-v4v6bind-options';
/** ISC's space for the options kea-dhcp4 and kea-dhcp6 exchange in DHCPv4-over-DHCPv6. */
export const ISC_4O6_SPACE = '4o6';

const S46_RULE_FIELDS: readonly OptionDataType[] = ['uint8', 'uint8', 'uint8', 'ipv4-address', 'ipv6-prefix'];
const S46_PORTPARAMS_FIELDS: readonly OptionDataType[] = ['uint8', 'psid'];

function s46Rule(space: string): OptionDefinition {
  return defineOption(space, {
    name: 's46-rule',
    code: 89,
    type: 'record',
    recordTypes: S46_RULE_FIELDS,
    encapsulate: S46_RULE_SPACE,
  });
}

function s46Br(space: string): OptionDefinition {
  return defineOption(space, { name: 's46-br', code: 90, type: 'ipv6-address' });
}

function s46PortParams(space: string): OptionDefinition {
  return defineOption(space, {
    name: 's46-portparams',
    code: 93,
    type: 'record',
    recordTypes: S46_PORTPARAMS_FIELDS,
  });
}

/** Definitions of ISC's 4o6 options (Kea keeps them in '4o6' and serves them as vendor 2495). */
export function isc4o6Definitions(space: string): readonly OptionDefinition[] {
  return Object.freeze([
    defineOption(space, { name: '4o6-interface', code: 60000, type: 'string' }),
    defineOption(space, { name: '4o6-source-address', code: 60001, type: 'ipv6-address' }),
    defineOption(space, { name: '4o6-source-port', code: 60002, type: 'uint16' }),
  ]);
}

/** Every standard v6 sub-option space and its definitions, in Kea's order. */
export const DHCP6_SUB_SPACE_DEFINITIONS: ReadonlyMap<string, readonly OptionDefinition[]> = new Map([
  [S46_CONT_MAPE_SPACE, Object.freeze([s46Br(S46_CONT_MAPE_SPACE), s46Rule(S46_CONT_MAPE_SPACE)])],
  [
    S46_CONT_MAPT_SPACE,
    Object.freeze([
      s46Rule(S46_CONT_MAPT_SPACE),
      defineOption(S46_CONT_MAPT_SPACE, { name: 's46-dmr', code: 91, type: 'ipv6-prefix' }),
    ]),
  ],
  [
    S46_CONT_LW_SPACE,
    Object.freeze([
      s46Br(S46_CONT_LW_SPACE),
      defineOption(S46_CONT_LW_SPACE, {
        name: 's46-v4v6bind',
        code: 92,
        type: 'record',
        recordTypes: ['ipv4-address', 'ipv6-prefix'],
        encapsulate: S46_V4V6BIND_SPACE,
      }),
    ]),
  ],
  [S46_RULE_SPACE, Object.freeze([s46PortParams(S46_RULE_SPACE)])],
  [S46_V4V6BIND_SPACE, Object.freeze([s46PortParams(S46_V4V6BIND_SPACE)])],
  [ISC_4O6_SPACE, isc4o6Definitions(ISC_4O6_SPACE)],
]);
