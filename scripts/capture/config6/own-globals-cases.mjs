// Our own configs of the config6 valid corpus, global side: server-id forms (LLT, EN, LL, type only,
// persisted), the v6-only globals (mac-sources aliases, relay-supplied-options by name and code), the
// shared sub-objects with non-default values, DDNS parameters, reservation-mode and comments.
import { own } from './own-cases.mjs';

export const OWN_GLOBAL_CASES = [
  [
    'own-server-id-llt',
    own({
      'server-id': { type: 'LLT', identifier: '08002758F1E8', htype: 1, time: 123456789, persist: false },
    }),
  ],
  [
    'own-server-id-en',
    own({ 'server-id': { type: 'EN', identifier: 'ABCDEF0123', 'enterprise-id': 2495, persist: false } }),
  ],
  ['own-server-id-ll', own({ 'server-id': { type: 'LL', identifier: '0a0b0c0d0e0f', htype: 6 } })],
  ['own-server-id-type-only', own({ 'server-id': { type: 'EN', persist: true, 'user-context': { a: 1 } } })],
  [
    'own-globals',
    own({
      'interfaces-config': {
        interfaces: [],
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
        name: '/tmp/kea-ts-config6/l6.csv',
      },
      'mac-sources': ['remote-id', 'rfc6939', 'subscriber-id', 'docsis-cmts'],
      'relay-supplied-options': ['140', '23', 'dns-servers', '65'],
      'expired-leases-processing': { 'reclaim-timer-wait-time': 5, 'hold-reclaimed-time': 0 },
      'dhcp-queue-control': { 'enable-queue': true, 'queue-type': 'kea-ring6', capacity: 100 },
      'multi-threading': { 'enable-multi-threading': true, 'thread-pool-size': 4, 'packet-queue-size': 16 },
      'sanity-checks': { 'lease-checks': 'fix-del' },
      compatibility: { 'lenient-option-parsing': true },
      'decline-probation-period': 100,
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
          name: 'kea-dhcp6',
          severity: 'DEBUG',
          debuglevel: 10,
          output_options: [{ output: 'stdout', pattern: '%m\n' }],
        },
      ],
      'hooks-libraries': [{ library: '/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so' }],
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
      'dhcp-ddns': { 'enable-updates': false, 'server-ip': '::1', 'sender-ip': '::', 'max-queue-size': 10 },
      'shared-networks': [
        {
          name: 'n',
          'ddns-send-updates': true,
          'ddns-replace-client-name': 'always',
          'hostname-char-set': '',
          subnet6: [
            {
              id: 1,
              subnet: '2001:db8:1::/64',
              'ddns-generated-prefix': 'sub',
              'ddns-qualifying-suffix': 's.example.org.',
            },
          ],
        },
      ],
    }),
  ],
  [
    'own-reservation-mode',
    own({
      'reservation-mode': 'out-of-pool',
      subnet6: [
        { id: 1, subnet: '2001:db8:1::/64', 'reservation-mode': 'global' },
        { id: 2, subnet: '2001:db8:2::/64', 'reservation-mode': 'disabled' },
        { id: 3, subnet: '2001:db8:3::/64' },
      ],
      'shared-networks': [
        { name: 's', 'reservation-mode': 'all', subnet6: [{ id: 4, subnet: '2001:db8:4::/64' }] },
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
          subnet6: [
            {
              id: 1,
              subnet: '2001:db8:1::/64',
              comment: 'subnet',
              pools: [{ pool: '2001:db8:1::1-2001:db8:1::9', 'user-context': { p: 1 }, comment: 'pool' }],
              'pd-pools': [
                { prefix: '2001:db8:1:1::', 'prefix-len': 64, 'delegated-len': 64, comment: 'pd' },
              ],
              'option-data': [{ name: 'dns-servers', data: '2001:db8::1', comment: 'ns' }],
              reservations: [{ 'hw-address': '00:01:02:03:04:05', hostname: 'h', comment: 'r' }],
            },
          ],
        },
      ],
      'server-id': { type: 'LL', identifier: '000102030405', htype: 1, persist: false, comment: 'sid' },
      'option-def': [{ name: 'o', code: 250, type: 'string', comment: 'def' }],
    }),
  ],
];
