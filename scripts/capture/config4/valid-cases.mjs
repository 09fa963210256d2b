// The valid corpus of the config4 capture: which of Kea's examples are used and how they are adapted so a
// real kea-dhcp4 can run them without touching the host (no interfaces, no lease file, logs to stdout),
// plus configs of our own that exercise inheritance (global > shared network > subnet), subnet ids,
// pool forms, reservations, options and every global sub-object.
export const SOCKET = '/tmp/kea-ts-config4/kea4.sock';
const controlSocket = { 'socket-type': 'unix', 'socket-name': SOCKET };

function base(config) {
  const d = config.Dhcp4;
  d['interfaces-config'] = { ...(d['interfaces-config'] ?? {}), interfaces: [] };
  d['lease-database'] = { ...(d['lease-database'] ?? { type: 'memfile' }), persist: false };
  d['control-socket'] = controlSocket;
  for (const l of d.loggers ?? []) for (const o of l.output_options ?? []) o.output = 'stdout';
  // Kea refuses an interface that the host lacks: the examples' eth0/eth1 become the loopback.
  const scoped = [...(d.subnet4 ?? []), ...(d['shared-networks'] ?? [])];
  for (const n of d['shared-networks'] ?? []) scoped.push(...(n.subnet4 ?? []));
  for (const s of scoped) if (s.interface !== undefined) s.interface = 'lo';
  return config;
}

/** [example name, adaptation]: only examples whose features are all supported (no classes, no SQL). */
export const EXAMPLES = [
  ['several-subnets', base],
  ['single-subnet', base],
  ['reservations', base],
  ['shared-network', base],
  ['multiple-options', base],
  ['all-options', base],
  ['leases-expiration', base],
  ['global-reservations', base],
  ['advanced', base],
];

function own(d) {
  return {
    Dhcp4: {
      'interfaces-config': { interfaces: [] },
      'lease-database': { type: 'memfile', persist: false },
      'control-socket': controlSocket,
      ...d,
    },
  };
}

export const OWN_CASES = [
  [
    'own-minimal',
    { Dhcp4: { 'control-socket': controlSocket, 'lease-database': { type: 'memfile', persist: false } } },
  ],
  [
    'own-inherit-global',
    own({
      'valid-lifetime': 4000,
      'min-valid-lifetime': 3000,
      'max-valid-lifetime': 5000,
      'renew-timer': 1000,
      'rebind-timer': 2000,
      'calculate-tee-times': true,
      't1-percent': 0.4,
      't2-percent': 0.7,
      'cache-threshold': 0.25,
      'cache-max-age': 600,
      authoritative: true,
      'match-client-id': false,
      'next-server': '192.0.2.254',
      'server-hostname': 'boot.example.org',
      'boot-file-name': '/pxelinux.0',
      'store-extended-info': true,
      subnet4: [
        { subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.10 - 192.0.2.20' }] },
        {
          subnet: '198.51.100.0/24',
          'valid-lifetime': 3500,
          'renew-timer': 100,
          'rebind-timer': 200,
          authoritative: false,
          'next-server': '198.51.100.1',
          'boot-file-name': 'other.efi',
          'store-extended-info': false,
          pools: [{ pool: '198.51.100.0/26' }],
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
          interface: 'lo',
          'valid-lifetime': 1200,
          'min-valid-lifetime': 1000,
          'max-valid-lifetime': 1400,
          'renew-timer': 300,
          'rebind-timer': 600,
          'match-client-id': false,
          authoritative: true,
          'option-data': [{ name: 'domain-name-servers', data: '192.0.2.53' }],
          relay: { 'ip-addresses': ['192.0.2.1', '192.0.2.2'] },
          subnet4: [
            { id: 10, subnet: '10.0.0.0/24', pools: [{ pool: '10.0.0.10-10.0.0.99' }] },
            {
              id: 11,
              subnet: '10.0.1.0/24',
              'valid-lifetime': 1100,
              'match-client-id': true,
              pools: [{ pool: '10.0.1.10 - 10.0.1.99' }],
              'option-data': [{ name: 'routers', data: '10.0.1.1' }],
            },
          ],
        },
        { name: 'empty-net', 'calculate-tee-times': true, 't1-percent': 0.3, 't2-percent': 0.6 },
      ],
      subnet4: [{ id: 1, subnet: '192.0.2.0/24' }],
    }),
  ],
  [
    'own-subnet-ids',
    own({
      subnet4: [
        { subnet: '192.0.2.0/24' },
        { id: 20, subnet: '198.51.100.0/24' },
        { subnet: '203.0.113.0/24' },
        { id: 7, subnet: '10.1.0.0/16' },
      ],
      'shared-networks': [
        { name: 'net', subnet4: [{ subnet: '10.2.0.0/16' }, { id: 30, subnet: '10.3.0.0/16' }] },
      ],
    }),
  ],
  [
    'own-pools',
    own({
      subnet4: [
        {
          id: 1,
          subnet: '10.0.0.0/8',
          pools: [
            { pool: '10.0.0.1 - 10.0.0.1' },
            { pool: '10.1.0.0/16', 'option-data': [{ name: 'domain-name', data: 'pool.example.org' }] },
            { pool: '10.2.0.5-10.2.0.200', comment: 'a pool' },
            { pool: '10.3.0.0/32' },
            { pool: '10.4.0.0 - 10.4.255.255', 'user-context': { site: 'x' } },
          ],
        },
      ],
    }),
  ],
  [
    'own-relay-interface',
    own({
      subnet4: [
        { id: 1, subnet: '192.0.2.0/24', relay: { 'ip-address': '192.0.2.1' } },
        {
          id: 2,
          subnet: '198.51.100.0/24',
          relay: { 'ip-addresses': ['10.0.0.1', '10.0.0.2'] },
          interface: 'lo',
        },
        { id: 3, subnet: '203.0.113.0/24', relay: { 'ip-addresses': [] } },
      ],
    }),
  ],
  [
    'own-reservations',
    own({
      'host-reservation-identifiers': ['circuit-id', 'hw-address', 'duid', 'client-id', 'flex-id'],
      'reservations-out-of-pool': true,
      reservations: [
        {
          'hw-address': 'aa:bb:cc:dd:ee:01',
          hostname: 'global-host',
          'option-data': [{ name: 'domain-name', data: 'g.example.org' }],
        },
        { 'client-id': '01:aa:bb:cc:dd:ee:02', 'ip-address': '198.51.100.77' },
      ],
      subnet4: [
        {
          id: 5,
          subnet: '192.0.2.0/24',
          'reservations-global': true,
          'reservations-in-subnet': true,
          pools: [{ pool: '192.0.2.100 - 192.0.2.200' }],
          reservations: [
            { 'hw-address': '1a:1b:1c:1d:1e:1f', 'ip-address': '192.0.2.201', hostname: 'special' },
            {
              duid: '01:02:03:04:05:06',
              'ip-address': '192.0.2.202',
              'next-server': '192.0.2.1',
              'server-hostname': 'hal',
              'boot-file-name': '/dev/null',
            },
            { 'circuit-id': "'charter950'", 'ip-address': '192.0.2.203' },
            { 'flex-id': "'s0mEVaLue'", 'ip-address': '192.0.2.204', comment: 'flex' },
            {
              'client-id': '01:11:22:33:44:55:66',
              'option-data': [
                { name: 'routers', data: '192.0.2.2' },
                { code: 15, data: 'res.example.org' },
              ],
            },
            { 'hw-address': 'AABBCC000001', hostname: 'rack', 'user-context': { rack: 1 } },
          ],
        },
      ],
    }),
  ],
  [
    'own-options',
    own({
      'option-def': [
        { name: 'foo', code: 222, type: 'uint32', space: 'dhcp4' },
        { name: 'container', code: 223, type: 'empty', encapsulate: 'isp' },
        { name: 'sub-a', code: 1, type: 'string', space: 'isp' },
        { name: 'sub-b', code: 2, type: 'ipv4-address', array: true, space: 'isp' },
        { name: 'rec', code: 224, type: 'record', 'record-types': 'uint8, ipv4-address, string' },
      ],
      'option-data': [
        { name: 'foo', data: '1234' },
        { name: 'container' },
        { name: 'sub-a', space: 'isp', data: 'hello' },
        { code: 2, space: 'isp', data: '10.0.0.1, 10.0.0.2' },
        { name: 'rec', data: '5, 192.0.2.1, text', 'always-send': true },
        { code: 6, 'csv-format': false, data: 'C0000201' },
        { name: 'domain-search', data: 'example.org, example.com' },
        { name: 'vendor-encapsulated-options' },
        { code: 1, space: 'vendor-encapsulated-options-space', 'csv-format': false, data: '01020304' },
      ],
      subnet4: [
        { id: 1, subnet: '192.0.2.0/24', 'option-data': [{ name: 'foo', data: '99', comment: 'override' }] },
      ],
    }),
  ],
  [
    'own-ddns',
    own({
      'ddns-send-updates': false,
      'ddns-override-no-update': true,
      'ddns-override-client-update': true,
      'ddns-replace-client-name': 'when-not-present',
      'ddns-generated-prefix': 'host',
      'ddns-qualifying-suffix': 'example.org.',
      'ddns-update-on-renew': true,
      'ddns-use-conflict-resolution': false,
      'hostname-char-set': '[^a-z]',
      'hostname-char-replacement': 'x',
      'dhcp-ddns': { 'enable-updates': false, 'server-ip': '127.0.0.2', 'max-queue-size': 10 },
      'shared-networks': [
        {
          name: 'n',
          'ddns-send-updates': true,
          'ddns-replace-client-name': 'always',
          'hostname-char-set': '',
          subnet4: [
            {
              id: 1,
              subnet: '192.0.2.0/24',
              'ddns-generated-prefix': 'sub',
              'ddns-qualifying-suffix': 's.example.org.',
            },
          ],
        },
      ],
    }),
  ],
  [
    'own-globals',
    own({
      'interfaces-config': {
        interfaces: [],
        'dhcp-socket-type': 'udp',
        'outbound-interface': 'use-routing',
        're-detect': false,
        'service-sockets-require-all': true,
        'service-sockets-max-retries': 3,
        'service-sockets-retry-wait-time': 1000,
        comment: 'ifaces',
      },
      'lease-database': {
        type: 'memfile',
        persist: false,
        'lfc-interval': 0,
        'max-row-errors': 5,
        name: '/tmp/kea-ts-config4/l4.csv',
      },
      'expired-leases-processing': { 'reclaim-timer-wait-time': 5, 'hold-reclaimed-time': 0 },
      'dhcp-queue-control': { 'enable-queue': true, 'queue-type': 'kea-ring4', capacity: 100 },
      'multi-threading': { 'enable-multi-threading': true, 'thread-pool-size': 4, 'packet-queue-size': 16 },
      'sanity-checks': { 'lease-checks': 'fix-del' },
      compatibility: { 'lenient-option-parsing': true },
      'decline-probation-period': 100,
      'echo-client-id': false,
      'parked-packet-limit': 0,
      'statistic-default-sample-count': 5,
      'statistic-default-sample-age': 30,
      'server-tag': 'tag1',
      'reservations-lookup-first': true,
      'early-global-reservations-lookup': false,
      'ip-reservations-unique': false,
      'dhcp4o6-port': 0,
      'user-context': { a: 1 },
      comment: 'top',
      loggers: [
        {
          name: 'kea-dhcp4',
          severity: 'DEBUG',
          debuglevel: 10,
          output_options: [{ output: 'stdout', pattern: '%m\n' }],
        },
      ],
      'hooks-libraries': [{ library: '/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so' }],
    }),
  ],
  [
    'own-reservation-mode',
    own({
      'reservation-mode': 'out-of-pool',
      subnet4: [
        { id: 1, subnet: '192.0.2.0/24', 'reservation-mode': 'global' },
        { id: 2, subnet: '198.51.100.0/24', 'reservation-mode': 'disabled' },
        { id: 3, subnet: '203.0.113.0/24' },
      ],
      'shared-networks': [
        { name: 's', 'reservation-mode': 'all', subnet4: [{ id: 4, subnet: '10.0.0.0/8' }] },
      ],
    }),
  ],
  [
    'own-tee-cache',
    own({
      subnet4: [
        {
          id: 1,
          subnet: '192.0.2.0/24',
          'calculate-tee-times': true,
          't1-percent': 0.25,
          't2-percent': 0.5,
          'cache-threshold': 0.1,
          'cache-max-age': 0,
        },
        { id: 2, subnet: '198.51.100.0/24', 'store-extended-info': true, 'hostname-char-replacement': '-' },
      ],
    }),
  ],
  [
    'own-comments',
    own({
      'shared-networks': [
        {
          name: 'c',
          comment: 'network',
          'user-context': { k: 'v' },
          subnet4: [
            {
              id: 1,
              subnet: '192.0.2.0/24',
              comment: 'subnet',
              pools: [{ pool: '192.0.2.1-192.0.2.9', 'user-context': { p: 1 }, comment: 'pool' }],
              'option-data': [{ name: 'routers', data: '192.0.2.1', comment: 'gw' }],
              reservations: [{ 'hw-address': '00:01:02:03:04:05', hostname: 'h', comment: 'r' }],
            },
          ],
        },
      ],
      'option-def': [{ name: 'o', code: 250, type: 'string', comment: 'def' }],
    }),
  ],
  [
    'own-4o6-fields',
    own({
      subnet4: [
        {
          id: 1,
          subnet: '192.0.2.0/24',
          '4o6-interface': 'eth0',
          '4o6-interface-id': 'abc',
          '4o6-subnet': '2001:db8::/64',
        },
      ],
    }),
  ],
];
