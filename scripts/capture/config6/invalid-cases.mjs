// The invalid corpus of the config6 capture: configs real kea-dhcp6 -t refuses, each with the key path our
// checker must name in its one-line error (after file:line:column).
const lease = { type: 'memfile', persist: false };
const d6 = (d) => ({ Dhcp6: { 'lease-database': lease, ...d } });
const sub = (s) => d6({ subnet6: [{ id: 1, subnet: '2001:db8:1::/64', ...s }] });
const big = (s) => d6({ subnet6: [{ id: 1, subnet: '2001:db8::/32', ...s }] });
const pd = (p) =>
  big({ 'pd-pools': [{ prefix: '2001:db8:100::', 'prefix-len': 48, 'delegated-len': 64, ...p }] });
const res = (r, s = {}) => sub({ reservations: [r], ...s });
const net = (n, subnets) => d6({ 'shared-networks': [{ name: 'n', ...n, subnet6: subnets }] });

export const INVALID_CASES = [
  { name: 'unknown-global', path: 'Dhcp6.foo-bar', config: d6({ 'foo-bar': 1 }) },
  { name: 'v4-only-global', path: 'Dhcp6.authoritative', config: d6({ authoritative: true }) },
  { name: 'v4-only-subnet-key', path: 'Dhcp6.subnet6[0].next-server', config: sub({ 'next-server': '::1' }) },
  { name: 'unknown-subnet-key', path: 'Dhcp6.subnet6[0].bogus', config: sub({ bogus: true }) },
  {
    name: 'unknown-pool-key',
    path: 'Dhcp6.subnet6[0].pools[0].size',
    config: sub({ pools: [{ pool: '2001:db8:1::1-2001:db8:1::2', size: 2 }] }),
  },
  { name: 'unknown-pd-pool-key', path: 'Dhcp6.subnet6[0].pd-pools[0].len', config: pd({ len: 3 }) },
  {
    name: 'v4-only-interfaces-key',
    path: 'Dhcp6.interfaces-config.dhcp-socket-type',
    config: d6({ 'interfaces-config': { interfaces: [], 'dhcp-socket-type': 'udp' } }),
  },
  {
    name: 'preferred-lifetime-string',
    path: 'Dhcp6.preferred-lifetime',
    config: d6({ 'preferred-lifetime': '3000' }),
  },
  { name: 'renew-timer-float', path: 'Dhcp6.renew-timer', config: d6({ 'renew-timer': 1.5 }) },
  {
    name: 'rapid-commit-string',
    path: 'Dhcp6.subnet6[0].rapid-commit',
    config: sub({ 'rapid-commit': 'yes' }),
  },
  { name: 'rapid-commit-global', path: 'Dhcp6.rapid-commit', config: d6({ 'rapid-commit': true }) },
  { name: 'subnet-bad-prefix', path: 'Dhcp6.subnet6[0].subnet', config: sub({ subnet: '2001:db8::/129' }) },
  { name: 'subnet-v4-prefix', path: 'Dhcp6.subnet6[0].subnet', config: sub({ subnet: '192.0.2.0/24' }) },
  { name: 'subnet-missing', path: 'Dhcp6.subnet6[0]', config: d6({ subnet6: [{ id: 1 }] }) },
  {
    name: 'subnet-id-dup',
    path: 'Dhcp6.subnet6[1].id',
    config: d6({
      subnet6: [
        { id: 3, subnet: '2001:db8:1::/64' },
        { id: 3, subnet: '2001:db8:2::/64' },
      ],
    }),
  },
  {
    name: 'subnet-auto-id-dup',
    path: 'Dhcp6.subnet6[1].id',
    config: d6({
      subnet6: [{ subnet: '2001:db8:1::/64' }, { id: 2, subnet: '2001:db8:2::/64' }],
      'shared-networks': [{ name: 'n', subnet6: [{ subnet: '2001:db8:3::/64' }] }],
    }),
  },
  {
    name: 'subnet-duplicate-prefix',
    path: 'Dhcp6.subnet6[1].subnet',
    config: d6({
      subnet6: [
        { id: 1, subnet: '2001:db8:1::/64' },
        { id: 2, subnet: '2001:db8:1::/64' },
      ],
    }),
  },
  {
    name: 'pool-outside-subnet',
    path: 'Dhcp6.subnet6[0].pools[0].pool',
    config: sub({ pools: [{ pool: '2001:db8:2::1 - 2001:db8:2::9' }] }),
  },
  {
    name: 'pool-overlap',
    path: 'Dhcp6.subnet6[0].pools[1].pool',
    config: sub({ pools: [{ pool: '2001:db8:1::10 - 2001:db8:1::20' }, { pool: '2001:db8:1::/120' }] }),
  },
  {
    name: 'pool-bad-text',
    path: 'Dhcp6.subnet6[0].pools[0].pool',
    config: sub({ pools: [{ pool: '2001:db8:1::1' }] }),
  },
  {
    name: 'pool-reversed',
    path: 'Dhcp6.subnet6[0].pools[0].pool',
    config: sub({ pools: [{ pool: '2001:db8:1::9 - 2001:db8:1::1' }] }),
  },
  {
    name: 'pool-v4',
    path: 'Dhcp6.subnet6[0].pools[0].pool',
    config: sub({ pools: [{ pool: '192.0.2.0/28' }] }),
  },
  { name: 'pd-delegated-shorter', path: 'Dhcp6.subnet6[0].pd-pools[0]', config: pd({ 'delegated-len': 40 }) },
  {
    name: 'pd-missing-delegated',
    path: 'Dhcp6.subnet6[0].pd-pools[0]',
    config: big({ 'pd-pools': [{ prefix: '2001:db8:100::', 'prefix-len': 48 }] }),
  },
  { name: 'pd-prefix-v4', path: 'Dhcp6.subnet6[0].pd-pools[0].prefix', config: pd({ prefix: '10.0.0.0' }) },
  {
    name: 'pd-excluded-not-longer',
    path: 'Dhcp6.subnet6[0].pd-pools[0]',
    config: pd({ 'excluded-prefix': '2001:db8:100::', 'excluded-prefix-len': 64 }),
  },
  {
    name: 'pd-excluded-outside',
    path: 'Dhcp6.subnet6[0].pd-pools[0]',
    config: pd({ 'excluded-prefix': '2001:db8:300::', 'excluded-prefix-len': 72 }),
  },
  {
    name: 'pd-excluded-without-len',
    path: 'Dhcp6.subnet6[0].pd-pools[0]',
    config: pd({ 'excluded-prefix': '2001:db8:100::' }),
  },
  {
    name: 'pd-excluded-len-without-prefix',
    path: 'Dhcp6.subnet6[0].pd-pools[0]',
    config: pd({ 'excluded-prefix-len': 72 }),
  },
  {
    name: 'pd-overlap',
    path: 'Dhcp6.subnet6[0].pd-pools[1]',
    config: big({
      'pd-pools': [
        { prefix: '2001:db8:100::', 'prefix-len': 48, 'delegated-len': 64 },
        { prefix: '2001:db8:100:8000::', 'prefix-len': 49, 'delegated-len': 64 },
      ],
    }),
  },
  {
    name: 'reservation-no-identifier',
    path: 'Dhcp6.subnet6[0].reservations[0]',
    config: res({ 'ip-addresses': ['2001:db8:1::5'] }),
  },
  {
    name: 'reservation-two-identifiers',
    path: 'Dhcp6.subnet6[0].reservations[0]',
    config: res({ duid: '01:02:03', 'hw-address': '01:02:03:04:05:06', hostname: 'x' }),
  },
  {
    name: 'reservation-bad-duid',
    path: 'Dhcp6.subnet6[0].reservations[0].duid',
    config: res({ duid: 'zz:01', hostname: 'x' }),
  },
  {
    name: 'reservation-client-id-v4-only',
    path: 'Dhcp6.subnet6[0].reservations[0].client-id',
    config: res({ 'client-id': '01:02:03', hostname: 'x' }),
  },
  {
    name: 'reservation-address-v4',
    path: 'Dhcp6.subnet6[0].reservations[0].ip-addresses',
    config: res({ duid: '01:02:03', 'ip-addresses': ['192.0.2.1'] }),
  },
  {
    name: 'reservation-ip-address-key',
    path: 'Dhcp6.subnet6[0].reservations[0].ip-address',
    config: res({ duid: '01:02:03', 'ip-address': '2001:db8:1::1' }),
  },
  {
    name: 'reservation-prefix-no-len',
    path: 'Dhcp6.subnet6[0].reservations[0].prefixes',
    config: res({ duid: '01:02:03', prefixes: ['2001:db8:2::'] }),
  },
  {
    name: 'reservation-duplicate-address',
    path: 'Dhcp6.subnet6[0].reservations[1]',
    config: sub({
      reservations: [
        { duid: '01:02:03', 'ip-addresses': ['2001:db8:1::5'] },
        { duid: '01:02:04', 'ip-addresses': ['2001:db8:1::5'] },
      ],
    }),
  },
  {
    name: 'reservation-duplicate-host',
    path: 'Dhcp6.subnet6[0].reservations[1]',
    config: sub({
      reservations: [
        { duid: '01:02:03', 'ip-addresses': ['2001:db8:1::5'] },
        { duid: '01:02:03', 'ip-addresses': ['2001:db8:1::6'] },
      ],
    }),
  },
  {
    name: 'reservation-address-outside',
    path: 'Dhcp6.subnet6[0].reservations[0]',
    config: res({ duid: '01:02:03', 'ip-addresses': ['2001:db8:9::5'] }),
  },
  {
    name: 'reservation-duplicate-prefix',
    path: 'Dhcp6.subnet6[0].reservations[1]',
    config: sub({
      reservations: [
        { duid: '01:02:03', prefixes: ['2001:db8:2::/64'] },
        { duid: '01:02:04', prefixes: ['2001:db8:2::/64'] },
      ],
    }),
  },
  { name: 'server-id-bad-type', path: 'Dhcp6.server-id.type', config: d6({ 'server-id': { type: 'UUID' } }) },
  {
    name: 'server-id-identifier-colons',
    path: 'Dhcp6.server-id.identifier',
    config: d6({ 'server-id': { type: 'EN', identifier: '01:02' } }),
  },
  {
    name: 'server-id-htype-range',
    path: 'Dhcp6.server-id.htype',
    config: d6({ 'server-id': { type: 'LL', htype: 70000 } }),
  },
  {
    name: 'server-id-unknown-key',
    path: 'Dhcp6.server-id.duid',
    config: d6({ 'server-id': { type: 'LL', duid: 'x' } }),
  },
  { name: 'mac-sources-bogus', path: 'Dhcp6.mac-sources', config: d6({ 'mac-sources': ['bogus'] }) },
  { name: 'mac-sources-empty', path: 'Dhcp6.mac-sources', config: d6({ 'mac-sources': [] }) },
  {
    name: 'relay-supplied-options-bogus',
    path: 'Dhcp6.relay-supplied-options',
    config: d6({ 'relay-supplied-options': ['no-such-option'] }),
  },
  {
    name: 'data-directory-missing',
    path: 'Dhcp6.data-directory',
    config: d6({ 'data-directory': '/nonexistent/kea-ts' }),
  },
  {
    name: 'network-rapid-commit-mismatch',
    path: 'Dhcp6.shared-networks[0].subnet6[1]',
    config: net({}, [
      { id: 1, subnet: '2001:db8:1::/64', 'rapid-commit': true },
      { id: 2, subnet: '2001:db8:2::/64', 'rapid-commit': false },
    ]),
  },
  {
    name: 'network-duplicate-name',
    path: 'Dhcp6.shared-networks[1].name',
    config: d6({ 'shared-networks': [{ name: 'n' }, { name: 'n' }] }),
  },
  {
    name: 'subnet-interface-and-interface-id',
    path: 'Dhcp6.subnet6[0]',
    config: sub({ interface: 'lo', 'interface-id': 'x' }),
  },
  {
    name: 'option-unknown-name',
    path: 'Dhcp6.option-data[0]',
    config: d6({ 'option-data': [{ name: 'no-such-option', data: '1' }] }),
  },
  {
    name: 'option-dhcp4-space',
    path: 'Dhcp6.subnet6[0].option-data[0]',
    config: sub({ 'option-data': [{ name: 'routers', space: 'dhcp4', data: '192.0.2.1' }] }),
  },
  {
    name: 'option-bad-address',
    path: 'Dhcp6.option-data[0]',
    config: d6({ 'option-data': [{ name: 'dns-servers', data: '192.0.2.1' }] }),
  },
  {
    name: 'relay-v4-address',
    path: 'Dhcp6.subnet6[0].relay.ip-address',
    config: sub({ relay: { 'ip-address': '192.0.2.1' } }),
  },
  {
    name: 'preferred-below-min',
    path: 'Dhcp6.subnet6[0]',
    config: sub({ 'preferred-lifetime': 100, 'min-preferred-lifetime': 200 }),
  },
  {
    name: 'valid-above-max-global',
    path: 'Dhcp6',
    config: d6({ 'valid-lifetime': 9000, 'max-valid-lifetime': 8000 }),
  },
  {
    name: 't1-not-below-t2',
    path: 'Dhcp6.subnet6[0]',
    config: sub({ 't1-percent': 0.8, 't2-percent': 0.5 }),
  },
  {
    name: 'lease-db-bogus-type',
    path: 'Dhcp6.lease-database.type',
    config: d6({ 'lease-database': { type: 'cql' } }),
  },
  {
    name: 'renew-above-rebind',
    path: 'Dhcp6.subnet6[0]',
    config: sub({ 'renew-timer': 2000, 'rebind-timer': 1000 }),
  },
  {
    name: 'host-reservation-identifiers-circuit-id',
    path: 'Dhcp6.host-reservation-identifiers',
    config: d6({ 'host-reservation-identifiers': ['circuit-id'] }),
  },
];
