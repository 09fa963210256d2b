// Interface discovery inside a test namespace (root): flags, MTU, MAC, type and addresses as `ip` set them.

import t from 'tap';
import { makeTopology, startPeer } from './helpers/netns.js';

t.test('detectInterfaces sees the veth ends as ip configured them', async (t) => {
  const topo = makeTopology(t, 1);
  const srv = await startPeer(t, topo.server);
  srv.cmd({ cmd: 'detect' });
  const list = (await srv.next((e) => e.event === 'detect')).interfaces as Record<string, unknown>[];
  t.same(
    list.map((i) => i.name),
    ['lo', 's0'],
  );
  t.match(list[0], {
    flags: { up: true, running: true, loopback: true, broadcast: false },
    hwType: 772,
    ipv4: [{ address: 0x7f000001, prefixLength: 8 }],
  });
  t.match(list[1], {
    flags: {
      up: true,
      running: true,
      loopback: false,
      broadcast: true,
      multicast: true,
      pointToPoint: false,
    },
    mtu: 1500,
    hwAddress: '020000000001',
    hwType: 1,
    ipv4: [{ address: 0xc0000201, prefixLength: 26 }],
  });
  const v6 = list[1]!.ipv6 as { address: string; linkLocal: boolean; prefixLength: number }[];
  t.ok(
    v6.some((a) => a.address === '20010db8000000000000000000000001' && !a.linkLocal && a.prefixLength === 64),
  );
  // fe80::ff:fe00:1, the EUI-64 link-local address of MAC 02:00:00:00:00:01
  t.ok(
    v6.some((a) => a.address === 'fe80000000000000000000fffe000001' && a.linkLocal && a.prefixLength === 64),
  );
});
