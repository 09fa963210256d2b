// Our own configs of the config6 valid corpus: each one probes a part of Kea 2.2's Dhcp6 behaviour that
// the examples leave open (inheritance and what config-get repeats on subnets and networks, automatic
// subnet ids, pool and pd-pool forms, excluded prefixes, reservations, options, server-id forms, the
// v6-only globals).
const SOCKET = '/tmp/kea-ts-config6/kea6.sock';
const DATA_DIR = '/tmp/kea-ts-config6/data';
const controlSocket = { 'socket-type': 'unix', 'socket-name': SOCKET };

export function own(d) {
  return {
    Dhcp6: {
      'interfaces-config': { interfaces: [] },
      'lease-database': { type: 'memfile', persist: false },
      'control-socket': controlSocket,
      'data-directory': DATA_DIR,
      ...d,
    },
  };
}

export const OWN_SCOPED_CASES = [
  ['own-minimal', own({})],
  [
    'own-inherit-global',
    own({
      'preferred-lifetime': 3000,
      'min-preferred-lifetime': 2000,
      'max-preferred-lifetime': 4000,
      'valid-lifetime': 5000,
      'min-valid-lifetime': 4500,
      'max-valid-lifetime': 6000,
      'renew-timer': 1000,
      'rebind-timer': 2000,
      'calculate-tee-times': false,
      't1-percent': 0.4,
      't2-percent': 0.7,
      'cache-threshold': 0.25,
      'cache-max-age': 600,
      'store-extended-info': true,
      subnet6: [
        { subnet: '2001:db8:1::/64', pools: [{ pool: '2001:db8:1::10 - 2001:db8:1::20' }] },
        {
          subnet: '2001:db8:2::/64',
          'preferred-lifetime': 2500,
          'valid-lifetime': 4600,
          'renew-timer': 100,
          'rebind-timer': 200,
          'rapid-commit': true,
          'calculate-tee-times': true,
          'store-extended-info': false,
        },
        { subnet: '2001:db8:3::/64', 'valid-lifetime': 5500, 'max-preferred-lifetime': 3500 },
      ],
    }),
  ],
  [
    'own-lifetime-triplets',
    own({
      'preferred-lifetime': 300,
      subnet6: [
        { id: 1, subnet: '2001:db8:1::/64', 'min-preferred-lifetime': 100 },
        { id: 2, subnet: '2001:db8:2::/64', 'preferred-lifetime': 500, 'max-preferred-lifetime': 900 },
        { id: 3, subnet: '2001:db8:3::/64', 'min-valid-lifetime': 1000, 'max-valid-lifetime': 9000 },
      ],
      'shared-networks': [
        {
          name: 'n',
          'preferred-lifetime': 400,
          'min-preferred-lifetime': 350,
          'valid-lifetime': 800,
          'max-valid-lifetime': 1600,
          subnet6: [
            { id: 4, subnet: '2001:db8:4::/64' },
            { id: 5, subnet: '2001:db8:5::/64', 'preferred-lifetime': 360, 'valid-lifetime': 700 },
          ],
        },
      ],
    }),
  ],
  [
    'own-shared-networks',
    own({
      'valid-lifetime': 4000,
      'shared-networks': [
        {
          name: 'floor1',
          'interface-id': 'relay-port-7',
          'rapid-commit': true,
          'valid-lifetime': 1200,
          'renew-timer': 300,
          'rebind-timer': 600,
          'option-data': [{ name: 'dns-servers', data: '2001:db8::53' }],
          relay: { 'ip-addresses': ['2001:db8::1', '2001:db8::2'] },
          subnet6: [
            { id: 10, subnet: '2001:db8:10::/64', pools: [{ pool: '2001:db8:10::/96' }] },
            {
              id: 11,
              subnet: '2001:db8:11::/64',
              'valid-lifetime': 1100,
              'rapid-commit': true,
              'interface-id': 'relay-port-7',
              'option-data': [{ name: 'preference', data: '7' }],
            },
          ],
        },
        {
          name: 'on-lo',
          interface: 'lo',
          'calculate-tee-times': false,
          't1-percent': 0.3,
          't2-percent': 0.6,
        },
      ],
      subnet6: [{ id: 1, subnet: '2001:db8:1::/64' }],
    }),
  ],
  [
    'own-subnet-ids',
    own({
      subnet6: [
        { subnet: '2001:db8:1::/64' },
        { id: 20, subnet: '2001:db8:2::/64' },
        { subnet: '2001:db8:3::/64' },
        { id: 9, subnet: '2001:db8:4::/64' },
      ],
      'shared-networks': [
        { name: 'net', subnet6: [{ subnet: '2001:db8:5::/64' }, { id: 30, subnet: '2001:db8:6::/64' }] },
      ],
    }),
  ],
  [
    'own-pools',
    own({
      subnet6: [
        {
          id: 1,
          subnet: '2001:db8::/32',
          pools: [
            { pool: '2001:db8::1 - 2001:db8::1' },
            { pool: '2001:db8:1::/64', 'option-data': [{ name: 'domain-search', data: 'pool.example.org' }] },
            { pool: '2001:db8:2::5-2001:db8:2::ffff', comment: 'a pool' },
            { pool: '2001:db8:3::/128' },
            { pool: '2001:db8:4:: - 2001:db8:4::ffff', 'user-context': { site: 'x' } },
            { pool: '2001:DB8:5::0/112' },
          ],
        },
      ],
    }),
  ],
  [
    'own-pd-pools',
    own({
      subnet6: [
        {
          id: 1,
          subnet: '2001:db8::/32',
          'pd-pools': [
            { prefix: '2001:db8:100::', 'prefix-len': 40, 'delegated-len': 56 },
            {
              prefix: '2001:db8:200::',
              'prefix-len': 48,
              'delegated-len': 64,
              'excluded-prefix': '2001:db8:200:0:8000::',
              'excluded-prefix-len': 72,
              'option-data': [{ name: 'dns-servers', data: '2001:db8::53' }],
              comment: 'excluded',
            },
            { prefix: '2001:db8:300::', 'prefix-len': 64, 'delegated-len': 64 },
            { prefix: '3000::', 'prefix-len': 16, 'delegated-len': 48, 'user-context': { outside: true } },
            {
              prefix: '2001:db8:400::',
              'prefix-len': 48,
              'delegated-len': 60,
              'excluded-prefix': '2001:db8:400::',
              'excluded-prefix-len': 64,
            },
          ],
        },
        {
          id: 2,
          subnet: '2001:db9::/48',
          'pd-pools': [{ prefix: '2001:db9:0:100::', 'prefix-len': 56, 'delegated-len': 62 }],
        },
      ],
    }),
  ],
  [
    'own-relay-interface',
    own({
      subnet6: [
        { id: 1, subnet: '2001:db8:1::/64', relay: { 'ip-address': '2001:db8:1::1' } },
        {
          id: 2,
          subnet: '2001:db8:2::/64',
          relay: { 'ip-addresses': ['2001:db8::a', '2001:db8::b'] },
          interface: 'lo',
        },
        { id: 3, subnet: '2001:db8:3::/64', relay: { 'ip-addresses': [] }, 'interface-id': "'ifid'" },
        { id: 4, subnet: '2001:db8:4::/64', 'interface-id': 'eth0/vlan7' },
      ],
    }),
  ],
  [
    'own-reservations',
    own({
      'host-reservation-identifiers': ['flex-id', 'duid', 'hw-address'],
      'reservations-out-of-pool': true,
      reservations: [
        {
          duid: '01:02:03:04:05:0a:0b',
          hostname: 'global-host',
          'option-data': [{ name: 'domain-search', data: 'g.example.org' }],
        },
        { 'hw-address': 'aa:bb:cc:dd:ee:01', 'ip-addresses': ['2001:db8:9::1'] },
      ],
      subnet6: [
        {
          id: 5,
          subnet: '2001:db8:1::/48',
          'reservations-global': true,
          pools: [{ pool: '2001:db8:1::100 - 2001:db8:1::200' }],
          'pd-pools': [{ prefix: '2001:db8:1:8000::', 'prefix-len': 49, 'delegated-len': 64 }],
          reservations: [
            { 'hw-address': '1a:1b:1c:1d:1e:1f', 'ip-addresses': ['2001:db8:1::201'], hostname: 'special' },
            {
              duid: '00:03:00:01:aa:bb:cc:dd:ee:ff',
              'ip-addresses': ['2001:db8:1::202', '2001:db8:1::203'],
              prefixes: ['2001:db8:1:8000::/64', '2001:db8:1:9000::/56'],
            },
            { 'flex-id': "'s0mEVaLue'", 'ip-addresses': ['2001:db8:1::204'], comment: 'flex' },
            {
              duid: '0A0B0C0D',
              'option-data': [
                { name: 'dns-servers', data: '2001:db8::1' },
                { code: 24, data: 'res.example.org' },
              ],
            },
            { 'hw-address': 'AABBCC000001', hostname: 'rack', 'user-context': { rack: 1 } },
            { 'flex-id': '01:02:03', prefixes: ['2001:db8:1:a000::/60'] },
          ],
        },
      ],
    }),
  ],
  [
    'own-options',
    own({
      'option-def': [
        { name: 'foo', code: 1000, type: 'uint32', space: 'dhcp6' },
        { name: 'container', code: 1001, type: 'empty', encapsulate: 'isp' },
        { name: 'sub-a', code: 1, type: 'string', space: 'isp' },
        { name: 'sub-b', code: 2, type: 'ipv6-address', array: true, space: 'isp' },
        { name: 'rec', code: 1002, type: 'record', 'record-types': 'uint8, ipv6-address, string' },
        { name: 'pfx', code: 1003, type: 'ipv6-prefix' },
      ],
      'option-data': [
        { name: 'foo', data: '1234' },
        { name: 'container' },
        { name: 'sub-a', space: 'isp', data: 'hello' },
        { code: 2, space: 'isp', data: '2001:db8::1, 2001:db8::2' },
        { name: 'rec', data: '5, 2001:db8::3, text', 'always-send': true },
        { name: 'pfx', data: '2001:db8:1::/48' },
        { code: 21, 'csv-format': false, data: '076578616D706C65036F726700' },
        { name: 'domain-search', data: 'example.org, example.com' },
        { name: 'vendor-opts', data: '4491' },
        { code: 32, space: 'vendor-4491', data: '2001:db8::99' },
        { name: 'sntp-servers', data: '2001:db8::123', 'always-send': true },
        { name: 'information-refresh-time', data: '3600' },
      ],
      subnet6: [
        {
          id: 1,
          subnet: '2001:db8:1::/64',
          'option-data': [{ name: 'foo', data: '99', comment: 'override' }],
        },
      ],
    }),
  ],
];
