// Definitions checked one by one against Kea-2.2.0 src/lib/dhcp/std_option_defs.h and
// docsis3_option_defs.h: name, code, type, array flag, record field types, encapsulated space.
import t from 'tap';
import {
  type OptionDataType,
  type OptionRegistry,
  standardRegistry,
  type Universe,
} from '../../src/index.js';

type Row = [
  universe: Universe,
  space: string,
  code: number,
  name: string,
  type: OptionDataType,
  array: boolean,
  recordTypes: OptionDataType[],
  encapsulate: string,
];

const ROWS: Row[] = [
  [4, 'dhcp4', 1, 'subnet-mask', 'ipv4-address', false, [], ''],
  [4, 'dhcp4', 2, 'time-offset', 'int32', false, [], ''],
  [4, 'dhcp4', 3, 'routers', 'ipv4-address', true, [], ''],
  [4, 'dhcp4', 19, 'ip-forwarding', 'boolean', false, [], ''],
  [4, 'dhcp4', 25, 'path-mtu-plateau-table', 'uint16', true, [], ''],
  [4, 'dhcp4', 43, 'vendor-encapsulated-options', 'empty', false, [], 'vendor-encapsulated-options-space'],
  [4, 'dhcp4', 53, 'dhcp-message-type', 'uint8', false, [], ''],
  [4, 'dhcp4', 55, 'dhcp-parameter-request-list', 'uint8', true, [], ''],
  [4, 'dhcp4', 61, 'dhcp-client-identifier', 'binary', false, [], ''],
  [4, 'dhcp4', 77, 'user-class', 'binary', false, [], ''],
  [4, 'dhcp4', 78, 'slp-directory-agent', 'record', true, ['boolean', 'ipv4-address'], ''],
  [4, 'dhcp4', 79, 'slp-service-scope', 'record', false, ['boolean', 'string'], ''],
  [4, 'dhcp4', 81, 'fqdn', 'record', false, ['uint8', 'uint8', 'uint8', 'fqdn'], ''],
  [4, 'dhcp4', 82, 'dhcp-agent-options', 'empty', false, [], 'dhcp-agent-options-space'],
  [4, 'dhcp4', 88, 'bcms-controller-names', 'fqdn', true, [], ''],
  [4, 'dhcp4', 90, 'authenticate', 'binary', false, [], ''],
  [4, 'dhcp4', 94, 'client-ndi', 'record', false, ['uint8', 'uint8', 'uint8'], ''],
  [4, 'dhcp4', 97, 'uuid-guid', 'record', false, ['uint8', 'binary'], ''],
  [4, 'dhcp4', 108, 'v6-only-preferred', 'uint32', false, [], ''],
  [4, 'dhcp4', 119, 'domain-search', 'fqdn', true, [], ''],
  [4, 'dhcp4', 124, 'vivco-suboptions', 'record', false, ['uint32', 'binary'], ''],
  [4, 'dhcp4', 125, 'vivso-suboptions', 'uint32', false, [], ''],
  [4, 'dhcp4', 146, 'rdnss-selection', 'record', true, ['uint8', 'ipv4-address', 'ipv4-address', 'fqdn'], ''],
  [4, 'dhcp4', 159, 'v4-portparams', 'record', false, ['uint8', 'psid'], ''],
  [4, 'dhcp4', 212, 'option-6rd', 'record', true, ['uint8', 'uint8', 'ipv6-address', 'ipv4-address'], ''],
  [4, 'dhcp4', 213, 'v4-access-domain', 'fqdn', false, [], ''],
  [6, 'dhcp6', 1, 'clientid', 'binary', false, [], ''],
  [6, 'dhcp6', 3, 'ia-na', 'record', false, ['uint32', 'uint32', 'uint32'], ''],
  [6, 'dhcp6', 4, 'ia-ta', 'uint32', false, [], ''],
  [6, 'dhcp6', 5, 'iaaddr', 'record', false, ['ipv6-address', 'uint32', 'uint32'], ''],
  [6, 'dhcp6', 6, 'oro', 'uint16', true, [], ''],
  [6, 'dhcp6', 11, 'auth', 'binary', false, [], ''],
  [6, 'dhcp6', 13, 'status-code', 'record', false, ['uint16', 'string'], ''],
  [6, 'dhcp6', 14, 'rapid-commit', 'empty', false, [], ''],
  [6, 'dhcp6', 16, 'vendor-class', 'record', false, ['uint32', 'binary'], ''],
  [6, 'dhcp6', 17, 'vendor-opts', 'uint32', false, [], ''],
  [6, 'dhcp6', 26, 'iaprefix', 'record', false, ['uint32', 'uint32', 'uint8', 'ipv6-address'], ''],
  [6, 'dhcp6', 36, 'geoconf-civic', 'record', false, ['uint8', 'uint16', 'binary'], ''],
  [6, 'dhcp6', 39, 'client-fqdn', 'record', false, ['uint8', 'fqdn'], ''],
  [6, 'dhcp6', 44, 'lq-query', 'record', false, ['uint8', 'ipv6-address'], 'dhcp6'],
  [6, 'dhcp6', 45, 'client-data', 'empty', false, [], 'dhcp6'],
  [6, 'dhcp6', 60, 'bootfile-param', 'tuple', true, [], ''],
  [6, 'dhcp6', 66, 'rsoo', 'empty', false, [], 'rsoo-opts'],
  [6, 'dhcp6', 67, 'pd-exclude', 'ipv6-prefix', false, [], ''],
  [6, 'dhcp6', 74, 'rdnss-selection', 'record', true, ['ipv6-address', 'uint8', 'fqdn'], ''],
  [6, 'dhcp6', 94, 's46-cont-mape', 'empty', false, [], 's46-cont-mape-options'],
  [6, 'dhcp6', 96, 's46-cont-lw', 'empty', false, [], 's46-cont-lw-options'],
  [6, 'dhcp6', 143, 'ipv6-address-andsf', 'ipv6-address', true, [], ''],
  [
    6,
    's46-cont-mapt-options',
    89,
    's46-rule',
    'record',
    false,
    ['uint8', 'uint8', 'uint8', 'ipv4-address', 'ipv6-prefix'],
    's46-rule-options',
  ],
  [6, 's46-cont-mapt-options', 91, 's46-dmr', 'ipv6-prefix', false, [], ''],
  [
    6,
    's46-cont-lw-options',
    92,
    's46-v4v6bind',
    'record',
    false,
    ['ipv4-address', 'ipv6-prefix'],
    's46-v4v6bind-options',
  ],
  [6, 's46-v4v6bind-options', 93, 's46-portparams', 'record', false, ['uint8', 'psid'], ''],
  [6, '4o6', 60001, '4o6-source-address', 'ipv6-address', false, [], ''],
  [6, 'vendor-2495', 60002, '4o6-source-port', 'uint16', false, [], ''],
  [4, 'vendor-4491', 1, 'oro', 'uint8', true, [], ''],
  [4, 'vendor-4491', 2, 'tftp-servers', 'ipv4-address', true, [], ''],
  [6, 'vendor-4491', 1, 'oro', 'uint16', true, [], ''],
  [6, 'vendor-4491', 2, 'device-type', 'string', false, [], ''],
  [6, 'vendor-4491', 32, 'tftp-servers', 'ipv6-address', true, [], ''],
  [6, 'vendor-4491', 1026, 'cmts-cm-mac', 'binary', false, [], ''],
  [4, 'docsis3-v4', 2, 'tftp-servers', 'ipv4-address', true, [], ''],
  [6, 'docsis3-v6', 38, 'time-offset', 'int32', false, [], ''],
];

t.test('spot checks against Kea 2.2', (t) => {
  for (const [universe, space, code, name, type, array, recordTypes, encapsulate] of ROWS) {
    const registry: OptionRegistry = standardRegistry(universe);
    const def = registry.get(space, code);
    t.ok(def, `v${universe} ${space} ${code} exists`);
    if (!def) continue;
    t.same(
      { name: def.name, code: def.code, space: def.space, type: def.type, array: def.array },
      { name, code, space, type, array },
      `v${universe} ${space}.${name}`,
    );
    t.same(def.recordTypes, recordTypes, `${space}.${name} record fields`);
    t.equal(def.encapsulate, encapsulate, `${space}.${name} encapsulates`);
    t.equal(registry.getByName(space, name), def, `${space}.${name} by name is the same definition`);
  }
  t.end();
});

t.test('codes Kea 2.2 has no definition for', (t) => {
  const v4 = standardRegistry(4);
  const v6 = standardRegistry(6);
  // 80 rapid commit, 121 classless static routes, 0 pad, 255 end: named in comments only.
  for (const code of [0, 80, 83, 121, 255]) t.equal(v4.get('dhcp4', code), undefined, `dhcp4 ${code}`);
  // 10 is unassigned, 111 s46-priority and 136 (sztp) came after 2.2.
  for (const code of [10, 35, 111, 136]) t.equal(v6.get('dhcp6', code), undefined, `dhcp6 ${code}`);
  t.equal(v4.get('vendor-2495', 60000), undefined, 'ISC vendor options are v6 only');
  t.equal(v4.get('vendor-4491', 32), undefined, 'v6 DOCSIS codes are not seen by kea-dhcp4');
  t.equal(v6.get('vendor-9999', 1), undefined, 'unknown enterprise');
  t.equal(v4.get('no-such-space', 1), undefined);
  t.equal(v4.getByName('dhcp4', 'no-such-option'), undefined);
  t.same(v4.definitions('dhcp-agent-options-space'), [], 'Kea 2.2 defines no option 82 sub-options');
  t.same(v4.definitions('no-such-space'), []);
  t.end();
});

t.test('the same name means different options in different spaces', (t) => {
  const v6 = standardRegistry(6);
  t.equal(v6.getByName('dhcp6', 'domain-search')?.code, 24);
  t.equal(standardRegistry(4).getByName('dhcp4', 'domain-search')?.code, 119);
  t.equal(v6.getByName('s46-cont-mape-options', 's46-br')?.space, 's46-cont-mape-options');
  t.equal(v6.getByName('s46-cont-lw-options', 's46-br')?.space, 's46-cont-lw-options');
  t.end();
});
