// DHCPv6 sockets on real links (root): ff02::1:2 on the right interface, replies from the link-local
// address, unicast sockets for `iface/address` entries.

import t from 'tap';
import { makeTopology, type Peer, startPeer } from './helpers/netns.js';

const PORT = 547;

async function open6(peer: Peer, config: unknown) {
  peer.cmd({ cmd: 'open6', config, port: PORT });
  return peer.next((e) => e.event === 'open' || e.event === 'fatal');
}

async function client6(peer: Peer) {
  peer.cmd({ cmd: 'client', type: 'udp6', name: 'v6', port: 546 });
  await peer.next((e) => e.event === 'client-ready');
}

async function send(peer: Peer, hex: string, address: string) {
  peer.cmd({ cmd: 'send', name: 'v6', hex, address, port: PORT });
  const r = await peer.next((e) => e.event === 'client-sent');
  if (r.error !== null) throw new Error(String(r.error));
}

t.test(
  'a datagram to ff02::1:2 arrives on its interface and the reply comes from the link-local address',
  async (t) => {
    const topo = makeTopology(t, 2);
    const srv = await startPeer(t, topo.server);
    const cli = await startPeer(t, topo.client);
    // link-local + ff02::1:2 on each interface
    t.match(await open6(srv, { interfaces: ['s0', 's1'] }), {
      interfaces: [
        { name: 's0', open: 2 },
        { name: 's1', open: 2 },
      ],
    });
    await client6(cli);
    await send(cli, '01b1', 'ff02::1:2%c1');
    await send(cli, '01b0', 'ff02::1:2%c0');
    t.match(await srv.next((e) => e.event === 'packet' && e.hex === '01b1'), {
      iface: 's1',
      kind: 'multicast',
      src: /^fe80::.*%s1$/,
      srcPort: 546,
    });
    t.match(await srv.next((e) => e.event === 'packet' && e.hex === '01b0'), {
      iface: 's0',
      kind: 'multicast',
    });
    srv.cmd({ cmd: 'reply6', iface: 's1', hex: '07b1' });
    await srv.next((e) => e.event === 'sent');
    // The server's s1 link-local address is derived from its MAC 02:00:00:00:01:01 (EUI-64).
    t.match(await cli.next((e) => e.event === 'client-packet' && e.hex === '07b1'), {
      src: /^fe80::ff:fe00:101%c1$/,
      srcPort: PORT,
    });
    await new Promise((r) => setTimeout(r, 150));
    t.same(
      srv.all((e) => e.event === 'packet'),
      [],
      'no duplicates on other sockets',
    );
  },
);

t.test('iface/address opens a unicast socket; the answer leaves from that address', async (t) => {
  const topo = makeTopology(t, 1);
  const srv = await startPeer(t, topo.server);
  const cli = await startPeer(t, topo.client);
  t.match(await open6(srv, { interfaces: ['s0/2001:db8:0::1'] }), { interfaces: [{ name: 's0', open: 3 }] });
  t.ok(
    srv.logs.some((l) =>
      l.includes('DHCPSRV_CFGMGR_USE_UNICAST listening on unicast address 2001:db8::1, on interface s0'),
    ),
  );
  await client6(cli);
  await send(cli, '03aa', '2001:db8::1');
  t.match(await srv.next((e) => e.event === 'packet' && e.hex === '03aa'), {
    iface: 's0',
    kind: 'unicast',
    src: '2001:db8::2',
  });
  srv.cmd({ cmd: 'reply6', iface: 's0', hex: '07aa' });
  t.match(await cli.next((e) => e.event === 'client-packet' && e.hex === '07aa'), { src: '2001:db8::1' });
});
