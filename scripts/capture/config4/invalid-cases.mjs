// The invalid corpus of the config4 capture: configs real kea-dhcp4 -t refuses, each with the key path our
// checker must name in its one-line error (after file:line:column).
const lease = { type: 'memfile', persist: false };
const d4 = (d) => ({ Dhcp4: { 'lease-database': lease, ...d } });
const sub = (s) => d4({ subnet4: [{ id: 1, subnet: '192.0.2.0/24', ...s }] });

export const INVALID_CASES = [
  { name: 'unknown-global', path: 'Dhcp4.foo-bar', config: d4({ 'foo-bar': 1 }) },
  { name: 'unknown-subnet-key', path: 'Dhcp4.subnet4[0].bogus', config: sub({ bogus: true }) },
  {
    name: 'unknown-pool-key',
    path: 'Dhcp4.subnet4[0].pools[0].size',
    config: sub({ pools: [{ pool: '192.0.2.1-192.0.2.2', size: 2 }] }),
  },
  {
    name: 'unknown-interfaces-key',
    path: 'Dhcp4.interfaces-config.iface',
    config: d4({ 'interfaces-config': { interfaces: [], iface: 'x' } }),
  },
  { name: 'valid-lifetime-string', path: 'Dhcp4.valid-lifetime', config: d4({ 'valid-lifetime': '7200' }) },
  { name: 'renew-timer-float', path: 'Dhcp4.renew-timer', config: d4({ 'renew-timer': 1.5 }) },
  { name: 'authoritative-string', path: 'Dhcp4.authoritative', config: d4({ authoritative: 'yes' }) },
  { name: 'cache-threshold-zero', path: 'Dhcp4.cache-threshold', config: d4({ 'cache-threshold': 0 }) },
  {
    name: 'next-server-v6',
    path: 'Dhcp4.subnet4[0].next-server',
    config: sub({ 'next-server': '2001:db8::1' }),
  },
  { name: 'subnet-bad-prefix', path: 'Dhcp4.subnet4[0].subnet', config: sub({ subnet: '192.0.2.0/33' }) },
  { name: 'subnet-missing', path: 'Dhcp4.subnet4[0]', config: d4({ subnet4: [{ id: 1 }] }) },
  {
    name: 'subnet-id-zero-dup',
    path: 'Dhcp4.subnet4[1].id',
    config: d4({
      subnet4: [
        { id: 3, subnet: '192.0.2.0/24' },
        { id: 3, subnet: '198.51.100.0/24' },
      ],
    }),
  },
  {
    name: 'subnet-duplicate-prefix',
    path: 'Dhcp4.subnet4[1].subnet',
    config: d4({
      subnet4: [
        { id: 1, subnet: '192.0.2.0/24' },
        { id: 2, subnet: '192.0.2.0/24' },
      ],
    }),
  },
  {
    name: 'pool-outside-subnet',
    path: 'Dhcp4.subnet4[0].pools[0].pool',
    config: sub({ pools: [{ pool: '198.51.100.1 - 198.51.100.9' }] }),
  },
  {
    name: 'pool-overlap',
    path: 'Dhcp4.subnet4[0].pools[1].pool',
    config: sub({ pools: [{ pool: '192.0.2.10 - 192.0.2.20' }, { pool: '192.0.2.15 - 192.0.2.30' }] }),
  },
  {
    name: 'pool-reversed',
    path: 'Dhcp4.subnet4[0].pools[0].pool',
    config: sub({ pools: [{ pool: '192.0.2.20 - 192.0.2.10' }] }),
  },
  {
    name: 'pool-garbage',
    path: 'Dhcp4.subnet4[0].pools[0].pool',
    config: sub({ pools: [{ pool: 'lots' }] }),
  },
  {
    name: 'pool-prefix-bad-len',
    path: 'Dhcp4.subnet4[0].pools[0].pool',
    config: sub({ pools: [{ pool: '192.0.2.0/40' }] }),
  },
  {
    name: 'option-unknown-name',
    path: 'Dhcp4.option-data[0]',
    config: d4({ 'option-data': [{ name: 'no-such-option', data: '1' }] }),
  },
  {
    name: 'option-bad-ip',
    path: 'Dhcp4.option-data[0]',
    config: d4({ 'option-data': [{ name: 'routers', data: '192.0.2.300' }] }),
  },
  {
    name: 'option-bad-hex',
    path: 'Dhcp4.subnet4[0].option-data[0]',
    config: sub({ 'option-data': [{ code: 200, 'csv-format': false, data: 'zz' }] }),
  },
  {
    name: 'option-code-too-big',
    path: 'Dhcp4.option-data[0]',
    config: d4({ 'option-data': [{ code: 300, data: '01' }] }),
  },
  {
    name: 'option-def-bad-type',
    path: 'Dhcp4.option-def[0]',
    config: d4({ 'option-def': [{ name: 'x', code: 222, type: 'float' }] }),
  },
  {
    name: 'option-def-std-conflict',
    path: 'Dhcp4.option-def[0]',
    config: d4({ 'option-def': [{ name: 'x', code: 3, type: 'uint8' }] }),
  },
  {
    name: 'reservation-bad-address',
    path: 'Dhcp4.subnet4[0].reservations[0].ip-address',
    config: sub({ reservations: [{ 'hw-address': '01:02:03:04:05:06', 'ip-address': 'abc' }] }),
  },
  {
    name: 'reservation-two-identifiers',
    path: 'Dhcp4.subnet4[0].reservations[0]',
    config: sub({ reservations: [{ 'hw-address': '01:02:03:04:05:06', duid: '01:02' }] }),
  },
  {
    name: 'reservation-no-identifier',
    path: 'Dhcp4.subnet4[0].reservations[0]',
    config: sub({ reservations: [{ 'ip-address': '192.0.2.5' }] }),
  },
  {
    name: 'reservation-duplicate-address',
    path: 'Dhcp4.subnet4[0].reservations[1]',
    config: sub({
      reservations: [
        { 'hw-address': '01:02:03:04:05:06', 'ip-address': '192.0.2.5' },
        { 'hw-address': '01:02:03:04:05:07', 'ip-address': '192.0.2.5' },
      ],
    }),
  },
  {
    name: 'reservation-duplicate-host',
    path: 'Dhcp4.subnet4[0].reservations[1]',
    config: sub({
      reservations: [
        { 'hw-address': '01:02:03:04:05:06', hostname: 'a' },
        { 'hw-address': '01:02:03:04:05:06', hostname: 'b' },
      ],
    }),
  },
  {
    name: 'reservation-bad-hwaddr',
    path: 'Dhcp4.subnet4[0].reservations[0].hw-address',
    config: sub({ reservations: [{ 'hw-address': 'zz:zz', hostname: 'a' }] }),
  },
  {
    name: 'reservation-dash-hwaddr',
    path: 'Dhcp4.subnet4[0].reservations[0].hw-address',
    config: sub({ reservations: [{ 'hw-address': 'AA-BB-CC-00-00-01', hostname: 'a' }] }),
  },
  {
    name: 'shared-network-no-name',
    path: 'Dhcp4.shared-networks[0]',
    config: d4({ 'shared-networks': [{ subnet4: [] }] }),
  },
  {
    name: 'shared-network-dup-name',
    path: 'Dhcp4.shared-networks[1].name',
    config: d4({ 'shared-networks': [{ name: 'a' }, { name: 'a' }] }),
  },
  {
    name: 'lease-checks-bad',
    path: 'Dhcp4.sanity-checks.lease-checks',
    config: d4({ 'sanity-checks': { 'lease-checks': 'maybe' } }),
  },
  {
    name: 'socket-type-bad',
    path: 'Dhcp4.interfaces-config.dhcp-socket-type',
    config: d4({ 'interfaces-config': { interfaces: [], 'dhcp-socket-type': 'tcp' } }),
  },
  {
    name: 'lease-db-type-bad',
    path: 'Dhcp4.lease-database.type',
    config: d4({ 'lease-database': { type: 'cassandra' } }),
  },
  {
    name: 'ncr-protocol-tcp',
    path: 'Dhcp4.dhcp-ddns.ncr-protocol',
    config: d4({ 'dhcp-ddns': { 'enable-updates': false, 'ncr-protocol': 'TCP' } }),
  },
  {
    name: 'replace-client-name-bad',
    path: 'Dhcp4.ddns-replace-client-name',
    config: d4({ 'ddns-replace-client-name': 'sometimes' }),
  },
  {
    name: 'host-identifier-bad',
    path: 'Dhcp4.host-reservation-identifiers[0]',
    config: d4({ 'host-reservation-identifiers': ['mac'] }),
  },
  {
    name: 'relay-both-forms',
    path: 'Dhcp4.subnet4[0].relay',
    config: sub({ relay: { 'ip-address': '10.0.0.1', 'ip-addresses': ['10.0.0.2'] } }),
  },
  { name: 'subnet4-not-list', path: 'Dhcp4.subnet4', config: d4({ subnet4: {} }) },
  {
    name: 'min-above-valid',
    path: 'Dhcp4',
    config: d4({ 'valid-lifetime': 100, 'min-valid-lifetime': 200 }),
  },
  {
    name: 'queue-capacity-string',
    path: 'Dhcp4.dhcp-queue-control.capacity',
    config: d4({
      'dhcp-queue-control': { 'enable-queue': true, 'queue-type': 'kea-ring4', capacity: 'big' },
    }),
  },
  {
    name: 'decline-too-big',
    path: 'Dhcp4.decline-probation-period',
    config: d4({ 'decline-probation-period': 4294967296 }),
  },
  {
    name: 'subnet-valid-outside-inherited',
    path: 'Dhcp4.subnet4[0]',
    config: d4({
      'min-valid-lifetime': 3000,
      'max-valid-lifetime': 5000,
      subnet4: [{ id: 1, subnet: '192.0.2.0/24', 'valid-lifetime': 600 }],
    }),
  },
  {
    name: 'subnet-auto-id-collision',
    path: 'Dhcp4.subnet4[2]',
    config: d4({
      subnet4: [
        { subnet: '192.0.2.0/24' },
        { id: 2, subnet: '198.51.100.0/24' },
        { subnet: '203.0.113.0/24' },
      ],
    }),
  },
  {
    name: 'reservation-no-resource',
    path: 'Dhcp4.subnet4[0].reservations[0]',
    config: sub({ reservations: [{ 'hw-address': '01:02:03:04:05:06' }] }),
  },
];
