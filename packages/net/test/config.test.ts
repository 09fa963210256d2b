// interfaces-config parsing and selection against a fixed interface list (no sockets, no root): Kea
// 2.2's defaults, key checks, and every rule of the `interfaces` list.

import { parseIPv4, parseIPv6 } from '@kea-ts/util';
import t from 'tap';
import { type NetInterface, parseInterfacesConfig, selectInterfaces } from '../src/index.js';

const flags = {
  up: true,
  running: true,
  loopback: false,
  broadcast: true,
  multicast: true,
  pointToPoint: false,
};
const ifaces: NetInterface[] = [
  {
    name: 'lo',
    index: 1,
    flags: { ...flags, loopback: true, broadcast: false, multicast: false },
    mtu: 65536,
    hwAddress: Buffer.alloc(6),
    hwType: 772,
    ipv4: [{ address: parseIPv4('127.0.0.1'), prefixLength: 8 }],
    ipv6: [],
  },
  {
    name: 'eth0',
    index: 2,
    flags,
    mtu: 1500,
    hwAddress: Buffer.from('020000000001', 'hex'),
    hwType: 1,
    ipv4: [
      { address: parseIPv4('192.0.2.1'), prefixLength: 24 },
      { address: parseIPv4('192.0.2.9'), prefixLength: 24 },
    ],
    ipv6: [
      { address: parseIPv6('fe80::1'), prefixLength: 64, linkLocal: true },
      { address: parseIPv6('2001:db8::1'), prefixLength: 64, linkLocal: false },
    ],
  },
  {
    name: 'eth1',
    index: 3,
    flags,
    mtu: 1500,
    hwAddress: Buffer.from('020000000002', 'hex'),
    hwType: 1,
    ipv4: [],
    ipv6: [],
  },
];

const sel = (family: 4 | 6, interfaces: string[]) =>
  selectInterfaces(family, parseInterfacesConfig(family, { interfaces }), ifaces);

t.test('defaults and key checks', async (t) => {
  t.match(parseInterfacesConfig(4, {}), {
    interfaces: [],
    dhcpSocketType: 'raw',
    outboundInterface: 'same-as-inbound',
    reDetect: true,
    serviceSocketsRequireAll: false,
    serviceSocketsMaxRetries: 0,
    serviceSocketsRetryWaitTime: 5000,
  });
  t.equal(parseInterfacesConfig(4, undefined).reDetect, false);
  t.throws(() => parseInterfacesConfig(6, { 'dhcp-socket-type': 'udp' }), {
    code: 'KEA_ERR_NET_CONFIG',
    message: /dhcp-socket-type: unsupported parameter for DHCPv6/,
  });
  t.throws(() => parseInterfacesConfig(4, { 'dhcp-socket-type': 'packet' }), { code: 'KEA_ERR_NET_CONFIG' });
  t.throws(() => parseInterfacesConfig(4, { 'service-sockets-max-retries': -1 }), {
    code: 'KEA_ERR_NET_CONFIG',
  });
  t.throws(() => parseInterfacesConfig(4, { interfaces: 'eth0' }), { code: 'KEA_ERR_NET_CONFIG' });
  t.throws(() => parseInterfacesConfig(4, { bogus: 1 }), { code: 'KEA_ERR_NET_CONFIG' });
  t.ok(parseInterfacesConfig(4, { comment: 'x', 'user-context': {} }));
});

t.test('selection rules', async (t) => {
  t.same(
    sel(4, ['*']).map((s) => s.name),
    ['eth0', 'eth1'],
    '* leaves loopback out',
  );
  t.same(
    sel(4, ['lo', '*']).map((s) => s.name),
    ['lo', 'eth0', 'eth1'],
    'loopback when named',
  );
  t.same(
    sel(4, ['eth1', 'eth0']).map((s) => s.name),
    ['eth0', 'eth1'],
    'index order',
  );
  t.same(sel(4, ['eth0/192.0.2.9'])[0]!.addresses4, [parseIPv4('192.0.2.9')]);
  t.equal(sel(4, ['eth0/192.0.2.9'])[0]!.byName, false);
  t.equal(sel(4, ['eth0/192.0.2.9', '*'])[0]!.byName, true, 'the wildcard activates every address');
  t.same(sel(6, ['eth0', 'eth0/2001:db8::1'])[0]!.unicast6, [parseIPv6('2001:db8::1')]);
  const bad: [4 | 6, string[], string][] = [
    [4, ['eth9'], 'KEA_ERR_NET_NO_SUCH_IFACE'],
    [4, [' '], 'KEA_ERR_NET_BAD_IFACE_NAME'],
    [4, ['*', '*'], 'KEA_ERR_NET_DUPLICATE'],
    [4, ['eth0', 'eth0'], 'KEA_ERR_NET_DUPLICATE'],
    [4, ['eth0', 'eth0/192.0.2.1'], 'KEA_ERR_NET_DUPLICATE'],
    [4, ['eth0/192.0.2.1', 'eth0'], 'KEA_ERR_NET_DUPLICATE'],
    [4, ['eth0/192.0.2.1', 'eth0/192.0.2.1'], 'KEA_ERR_NET_DUPLICATE'],
    [4, ['eth0/'], 'KEA_ERR_NET_BAD_IFACE_NAME'],
    [4, ['*/192.0.2.1'], 'KEA_ERR_NET_BAD_IFACE_NAME'],
    [4, ['eth0/2001:db8::1'], 'KEA_ERR_NET_BAD_IFACE_NAME'],
    [4, ['eth0/192.0.2.2'], 'KEA_ERR_NET_NO_SUCH_ADDRESS'],
    [6, ['eth0/ff02::1:2'], 'KEA_ERR_NET_BAD_IFACE_NAME'],
    [6, ['eth0/2001:db8::2'], 'KEA_ERR_NET_NO_SUCH_ADDRESS'],
    [6, ['eth0/2001:db8::1', 'eth0/2001:db8::1'], 'KEA_ERR_NET_DUPLICATE'],
  ];
  for (const [family, list, code] of bad) t.throws(() => sel(family, list), { code }, JSON.stringify(list));
});
