// The model the engine reads: effective parameters through inheritance, lookups by id / interface /
// relay / address / reservation, option payloads with sub-options, and not-supported-yet refusals.
import { parseJson } from '@kea-ts/cc';
import { parseIPv4 } from '@kea-ts/util';
import t from 'tap';
import { checkDhcp4Config, unparseDhcp4Config } from '../../src/index.js';

function check(text: string) {
  const p = parseJson(text, { file: 'm.json' });
  return checkDhcp4Config((p.value as { Dhcp4: never }).Dhcp4, { file: 'm.json', positions: p.positions });
}

t.test('inheritance and lookups', async (t) => {
  const c = check(`{"Dhcp4": {"valid-lifetime": 4000, "authoritative": true,
    "shared-networks": [{"name": "n", "interface": "eth1", "renew-timer": 100, "relay": {"ip-addresses": ["10.9.9.9"]},
      "subnet4": [{"subnet": "10.0.0.0/24", "valid-lifetime": 3000, "pools": [{"pool": "10.0.0.10-10.0.0.20"}],
        "reservations": [{"hw-address": "01:02:03:04:05:06", "ip-address": "10.0.0.5"}]}]}],
    "subnet4": [{"subnet": "192.0.2.0/24", "authoritative": false,
      "option-data": [{"name": "vendor-encapsulated-options"}, {"code": 1, "space": "vendor-encapsulated-options-space", "csv-format": false, "data": "0A0B"}]}]}}`);
  const [a, b] = c.subnets;
  t.equal(a!.id, 1);
  t.equal(b!.id, 2);
  t.equal(a!.effective['valid-lifetime'], 3000);
  t.equal(a!.effective['renew-timer'], 100);
  t.equal(a!.effective.authoritative, true);
  t.equal(b!.effective.authoritative, false);
  t.equal(b!.effective['valid-lifetime'], 4000);
  t.same(a!.explicit, { 'valid-lifetime': 3000 });
  t.equal(c.lookups.subnetById(2), b);
  t.same(c.lookups.subnetsByInterface('eth1'), [a]);
  t.same(c.lookups.subnetsByRelay(parseIPv4('10.9.9.9')), [a]);
  t.equal(c.lookups.subnetForAddress(parseIPv4('192.0.2.77')), b);
  t.equal(c.lookups.subnetForAddress(parseIPv4('10.0.1.1')), undefined);
  t.equal(c.lookups.host(1, 'hw-address', '010203040506')?.ipAddress, parseIPv4('10.0.0.5'));
  t.equal(a!.pools[0]!.first, parseIPv4('10.0.0.10'));
  t.same([...b!.options[0]!.payload], [1, 2, 0x0a, 0x0b], 'sub-option appended into option 43');
});

t.test('later features are refused with their key path', async (t) => {
  const cases: [string, string][] = [
    [
      '{"Dhcp4": {"lease-database": {"type": "postgresql", "name": "k", "readonly": true}}}',
      'Dhcp4.lease-database.readonly',
    ],
    ['{"Dhcp4": {"config-control": {}}}', 'Dhcp4.config-control'],
    [
      '{"Dhcp4": {"dhcp-ddns": {"enable-updates": true, "ncr-protocol": "TCP"}}}',
      'Dhcp4.dhcp-ddns.ncr-protocol',
    ],
    ['{"Dhcp4": {"dhcp4o6-port": 6767}}', 'Dhcp4.dhcp4o6-port'],
    ['{"Dhcp4": {"early-global-reservations-lookup": true}}', 'Dhcp4.early-global-reservations-lookup'],
  ];
  for (const [text, path] of cases) {
    t.throws(
      () => check(text),
      {
        message: new RegExp(`^m\\.json:\\d+:\\d+: .*not supported yet: ${path.replace(/[.[\]]/g, '\\$&')}$`),
      },
      path,
    );
  }
});

t.test(
  'an empty global reservations list is left out of config-get, a subnet one stays (as real Kea 2.2)',
  (t) => {
    const config = check(
      '{"Dhcp4": {"reservations": [], "subnet4": [{"subnet": "192.0.2.0/24", "id": 1, "reservations": []}]}}',
    );
    const out = unparseDhcp4Config(config) as {
      reservations?: unknown;
      subnet4: { reservations?: unknown }[];
    };
    t.notOk('reservations' in out, 'no global key');
    t.same(out.subnet4[0]?.reservations, []);
    t.end();
  },
);
