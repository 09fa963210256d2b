// The Dhcp6 model the engine reads: effective parameters through inheritance (v6 defaults), lookups by
// id / interface / interface-id / relay / address (nested prefixes) / reservation / reserved address and
// prefix, pd-pools with their excluded prefix, server-id, mac-sources, relay-supplied-options, and
// not-supported-yet refusals naming their key path.
import { parseJson } from '@kea-ts/cc';
import { formatIPv6, parseIPv6 } from '@kea-ts/util';
import t from 'tap';
import { checkDhcp6Config } from '../../src/index.js';

function check(text: string) {
  const p = parseJson(text, { file: 'm6.json' });
  return checkDhcp6Config((p.value as { Dhcp6: never }).Dhcp6, { file: 'm6.json', positions: p.positions });
}

t.test('inheritance with the v6 defaults', async (t) => {
  const c = check(`{"Dhcp6": {"valid-lifetime": 4000, "preferred-lifetime": 3000, "renew-timer": 900,
    "shared-networks": [{"name": "n", "interface-id": "port-1", "rapid-commit": true, "preferred-lifetime": 2000,
      "relay": {"ip-addresses": ["2001:db8::1"]},
      "subnet6": [{"subnet": "2001:db8:1::/64", "valid-lifetime": 3500}]}],
    "subnet6": [{"subnet": "2001:db8:2::/64", "t2-percent": 0.7, "max-preferred-lifetime": 5000}]}}`);
  const [a, b] = c.subnets;
  t.equal(a!.id, 1, 'shared networks are parsed first');
  t.equal(b!.id, 2);
  t.equal(a!.effective['valid-lifetime'], 3500);
  t.equal(a!.effective['preferred-lifetime'], 2000, 'from the shared network');
  t.equal(a!.effective['min-preferred-lifetime'], 2000);
  t.equal(a!.effective['renew-timer'], 900, 'from the global level');
  t.equal(a!.rapidCommit, true, 'rapid-commit inherited from the network');
  t.equal(a!.interfaceId?.toString(), 'port-1');
  t.equal(b!.rapidCommit, false);
  t.equal(b!.effective['calculate-tee-times'], true, 'v6 computes T1/T2 by default');
  t.equal(b!.effective['t1-percent'], 0.5);
  t.equal(b!.effective['t2-percent'], 0.7);
  t.equal(b!.effective['preferred-lifetime'], 3000);
  t.equal(b!.effective['max-preferred-lifetime'], 5000);
  t.same(b!.explicit, { 't2-percent': 0.7, 'max-preferred-lifetime': 5000 });
  t.equal(c.effective['t2-percent'], 0.8);
});

t.test('lookups', async (t) => {
  const c = check(`{"Dhcp6": {
    "reservations": [{"duid": "0a:0b", "hostname": "g"}],
    "subnet6": [
      {"id": 7, "subnet": "2001:db8::/32", "interface": "eth1"},
      {"id": 3, "subnet": "2001:db8:1::/64", "interface-id": "'ifid'",
       "reservations": [{"duid": "01:02:03", "ip-addresses": ["2001:db8:1::5"], "prefixes": ["2001:db8:9::/56"]},
                        {"hw-address": "aa:bb:cc:dd:ee:ff", "hostname": "h"}]},
      {"id": 9, "subnet": "2001:db8:1:2::/64", "relay": {"ip-address": "2001:db8:ffff::1"}},
      {"id": 4, "subnet": "3000::/16"}]}}`);
  const L = c.lookups;
  t.equal(L.subnetById(3)?.prefixLength, 64);
  t.same(
    L.subnetsByInterface('eth1').map((s) => s.id),
    [7],
  );
  t.same(
    L.subnetsByInterfaceId(Buffer.from("'ifid'")).map((s) => s.id),
    [3],
  );
  t.same(
    L.subnetsByRelay(parseIPv6('2001:db8:ffff::1')).map((s) => s.id),
    [9],
  );
  t.equal(L.subnetForAddress(parseIPv6('2001:db8:1::77'))?.id, 3, 'nested: the lowest id holding it');
  t.equal(L.subnetForAddress(parseIPv6('2001:db8:1:2::1'))?.id, 7, 'the /32 has a lower id than the /64');
  t.equal(L.subnetForAddress(parseIPv6('2001:db8:5::1'))?.id, 7, 'past nested prefixes, the enclosing one');
  t.equal(L.subnetForAddress(parseIPv6('3000:1::1'))?.id, 4);
  t.equal(L.subnetForAddress(parseIPv6('2001:db9::1')), undefined);
  t.equal(L.subnetForAddress(parseIPv6('::1')), undefined);
  t.equal(L.host(3, 'duid', '010203')?.ipAddresses.length, 1);
  t.equal(L.host(3, 'hw-address', 'AABBCCDDEEFF')?.hostname, 'h', 'hex case does not matter');
  t.equal(L.host(0, 'duid', '0a0b')?.hostname, 'g', 'global reservations under subnet id 0');
  t.equal(L.hostByAddress(3, parseIPv6('2001:db8:1::5'))?.identifier.toString('hex'), '010203');
  t.equal(L.hostByPrefix(3, parseIPv6('2001:db8:9::'), 56)?.identifier.toString('hex'), '010203');
  t.equal(L.hostByPrefix(3, parseIPv6('2001:db8:9::'), 64), undefined);
});

t.test('pools and pd-pools', async (t) => {
  const c = check(`{"Dhcp6": {"subnet6": [{"subnet": "2001:db8::/32",
    "pools": [{"pool": "2001:db8:0:2::/64"}, {"pool": "2001:db8::10 - 2001:db8::20"}],
    "pd-pools": [{"prefix": "2001:db8:200::", "prefix-len": 48, "delegated-len": 64,
                  "excluded-prefix": "2001:db8:200:0:8000::", "excluded-prefix-len": 72,
                  "option-data": [{"name": "dns-servers", "data": "2001:db8::53"}]},
                 {"prefix": "2001:db8:100::", "prefix-len": 40, "delegated-len": 56}]}]}}`);
  const s = c.subnets[0]!;
  t.same(
    s.pools.map((p) => `${formatIPv6(p.first)}-${formatIPv6(p.last)}`),
    ['2001:db8::10-2001:db8::20', '2001:db8:0:2::-2001:db8:0:2:ffff:ffff:ffff:ffff'],
    'sorted by first address, as Kea keeps them',
  );
  const [p1, p2] = s.pdPools;
  t.equal(formatIPv6(p1!.prefix), '2001:db8:100::');
  t.equal(p1!.excludedPrefixLength, 0);
  t.equal(p2!.delegatedLength, 64);
  t.equal(formatIPv6(p2!.excludedPrefix!), '2001:db8:200:0:8000::');
  t.equal(p2!.excludedPrefixLength, 72);
  t.equal(formatIPv6(p2!.last), '2001:db8:200:ffff:ffff:ffff:ffff:ffff');
  t.same([...p2!.options[0]!.payload], [...parseIPv6('2001:db8::53')]);
});

t.test('server identity and v6-only globals', async (t) => {
  const c = check(`{"Dhcp6": {"server-id": {"type": "EN", "enterprise-id": 2495, "identifier": "0a0B"},
    "mac-sources": ["rfc6939", "duid"], "relay-supplied-options": ["dns-servers", "140", "65"]}}`);
  t.equal(c.serverId.type, 'EN');
  t.equal(c.serverId.enterpriseId, 2495);
  t.same([...c.serverId.identifier], [0x0a, 0x0b]);
  t.equal(c.serverId.persist, true);
  t.same(c.macSources, ['client-link-addr-option', 'duid']);
  t.same(c.relaySuppliedOptions, [23, 65, 140]);
  const d = check('{"Dhcp6": {}}');
  t.equal(d.serverId.type, 'LLT', 'Kea generates a DUID-LLT by default');
  t.equal(d.serverId.identifier.length, 0);
  t.same(d.macSources, ['any']);
  t.same(d.relaySuppliedOptions, [65]);
  t.equal(d.dataDirectory, undefined);
});

t.test('later features are refused with their key path', async (t) => {
  const cases: [string, string][] = [
    [
      '{"Dhcp6": {"lease-database": {"type": "mysql", "name": "k", "readonly": true}}}',
      'Dhcp6.lease-database.readonly',
    ],
    ['{"Dhcp6": {"config-control": {}}}', 'Dhcp6.config-control'],
    [
      '{"Dhcp6": {"dhcp-ddns": {"enable-updates": true, "ncr-protocol": "TCP"}}}',
      'Dhcp6.dhcp-ddns.ncr-protocol',
    ],
    ['{"Dhcp6": {"dhcp4o6-port": 6767}}', 'Dhcp6.dhcp4o6-port'],
    ['{"Dhcp6": {"early-global-reservations-lookup": true}}', 'Dhcp6.early-global-reservations-lookup'],
  ];
  for (const [text, path] of cases) {
    t.throws(
      () => check(text),
      { message: new RegExp(`not supported yet: ${path.replace(/[.[\]]/g, '\\$&')}`) },
      path,
    );
  }
});

t.test('a delegated length above 128 is refused (Kea 2.2 takes it and fails later)', async (t) => {
  t.throws(
    () =>
      check(
        '{"Dhcp6": {"subnet6": [{"subnet": "2001:db8::/32", "pd-pools": [{"prefix": "2001:db8:1::", "prefix-len": 48, "delegated-len": 129}]}]}}',
      ),
    { message: /Dhcp6\.subnet6\[0\]\.pd-pools\[0\]/ },
  );
});
