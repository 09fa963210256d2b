// DHCPv4 sockets on real links (root): a server namespace and a client namespace joined by veth pairs.
// Ingress tagging per interface, raw direct replies on the wire, udp mode, `*`, require-all and retries.

import t from 'tap';
import { startCapture } from './helpers/capture.js';
import { makeTopology, type Peer, startPeer } from './helpers/netns.js';

const PORT = 67;
const isPacket = (hex: string) => (e: Record<string, unknown>) => e.event === 'packet' && e.hex === hex;

async function open4(peer: Peer, config: unknown) {
  peer.cmd({ cmd: 'open4', config, port: PORT, clientPort: 68 });
  return peer.next((e) => e.event === 'open' || e.event === 'fatal');
}

async function client(peer: Peer, name: string, device: string, port = 68) {
  peer.cmd({ cmd: 'client', type: 'udp4', name, device, port });
  await peer.next((e) => e.event === 'client-ready');
}

async function send(peer: Peer, name: string, hex: string, address: string, port = PORT) {
  peer.cmd({ cmd: 'send', name, hex, address, port });
  const r = await peer.next((e) => e.event === 'client-sent');
  if (r.error !== null) throw new Error(String(r.error));
}

t.test('a broadcast from 0.0.0.0:68 arrives on the socket of its ingress interface only', async (t) => {
  const topo = makeTopology(t, 2);
  const srv = await startPeer(t, topo.server);
  const cli = await startPeer(t, topo.client);
  t.match(await open4(srv, { interfaces: ['s0', 's1'] }), {
    event: 'open',
    interfaces: [
      { name: 's0', open: 1 },
      { name: 's1', open: 1 },
    ],
  });
  await client(cli, 'a', 'c0');
  await client(cli, 'b', 'c1');
  await send(cli, 'a', '01aa', '255.255.255.255');
  await send(cli, 'b', '01bb', '255.255.255.255');
  t.match(await srv.next(isPacket('01aa')), { iface: 's0', src: 0, srcPort: 68, local: 0 });
  t.match(await srv.next(isPacket('01bb')), { iface: 's1', src: 0, srcPort: 68, local: 0 });
  await new Promise((r) => setTimeout(r, 200));
  t.same(
    srv.all((e) => e.event === 'packet'),
    [],
    'each datagram delivered once, on one interface',
  );
  t.ok(srv.logs.some((l) => l.includes('DHCPSRV_CFGMGR_ADD_IFACE listening on interface s1')));
});

t.test('raw: a direct reply goes to chaddr and yiaddr without ARP, 67 -> 68, valid checksums', async (t) => {
  const topo = makeTopology(t, 1);
  const srv = await startPeer(t, topo.server);
  t.match(await open4(srv, { interfaces: ['s0'], 'dhcp-socket-type': 'raw' }), { event: 'open' });
  const cap = await startCapture(t, topo.client, 'c0');
  const payload = Buffer.alloc(300, 0x5a).toString('hex'); // even and odd sums both matter; 300 is DHCP's usual size
  srv.cmd({
    cmd: 'reply4',
    iface: 's0',
    how: 'direct',
    hex: `${payload}ab`,
    chaddr: '02:00:00:00:00:02',
    yiaddr: '192.0.2.10',
  });
  t.match(await srv.next((e) => e.event === 'sent' || e.event === 'error'), { event: 'sent' });
  await new Promise((r) => setTimeout(r, 200));
  const frames = await cap.stop();
  t.equal(frames.length, 1, 'one frame on the client link');
  t.match(frames[0], {
    dstMac: '02:00:00:00:00:02',
    srcMac: '02:00:00:00:00:01',
    srcIp: '192.0.2.1',
    dstIp: '192.0.2.10',
    srcPort: 67,
    dstPort: 68,
    ttl: 128,
    ipChecksumOk: true,
    udpChecksumOk: true,
  });
  t.equal(frames[0]!.payload.toString('hex'), `${payload}ab`);
});

t.test(
  'udp: unicast (relayed) traffic only, and replies to address-less clients are broadcast',
  async (t) => {
    const topo = makeTopology(t, 1, true);
    const srv = await startPeer(t, topo.server);
    const cli = await startPeer(t, topo.client);
    t.match(await open4(srv, { interfaces: ['s0'], 'dhcp-socket-type': 'udp' }), {
      interfaces: [{ name: 's0', open: 1 }],
    });
    await client(cli, 'a', 'c0');
    await send(cli, 'a', '0101', '192.0.2.1');
    t.match(await srv.next(isPacket('0101')), {
      iface: 's0',
      src: 3221225986,
      srcPort: 68,
      local: 3221225985,
    });
    await send(cli, 'a', '0102', '255.255.255.255');
    await new Promise((r) => setTimeout(r, 200));
    t.same(srv.all(isPacket('0102')), [], 'a broadcast is not received, as with Kea udp sockets');
    const cap = await startCapture(t, topo.client, 'c0');
    srv.cmd({
      cmd: 'reply4',
      iface: 's0',
      how: 'direct',
      hex: '0203',
      chaddr: '02:00:00:00:00:02',
      yiaddr: '192.0.2.10',
    });
    await srv.next((e) => e.event === 'sent');
    t.match(await cli.next((e) => e.event === 'client-packet' && e.hex === '0203'), {
      src: '192.0.2.1',
      srcPort: 67,
    });
    const frames = await cap.stop();
    // The kernel sent this one: veth leaves its UDP checksum to (absent) offload, so it is not checked.
    t.match(frames, [
      { dstMac: 'ff:ff:ff:ff:ff:ff', dstIp: '255.255.255.255', srcIp: '192.0.2.1', srcPort: 67, dstPort: 68 },
    ]);
  },
);

t.test("'*' selects every interface but loopback; loopback needs its name and udp sockets", async (t) => {
  const topo = makeTopology(t, 2);
  const srv = await startPeer(t, topo.server);
  t.match(await open4(srv, { interfaces: ['*'], 'dhcp-socket-type': 'udp' }), {
    interfaces: [{ name: 's0' }, { name: 's1' }],
  });
  srv.cmd({ cmd: 'exit' });
  const again = await startPeer(t, topo.server);
  const r = await open4(again, { interfaces: ['*', 'lo'], 'dhcp-socket-type': 'udp' });
  t.same(
    (r.interfaces as { name: string }[]).map((i) => i.name),
    ['lo', 's0', 's1'],
  );
  again.cmd({ cmd: 'exit' });
  const raw = await startPeer(t, topo.server);
  t.match(await open4(raw, { interfaces: ['lo'] }), { interfaces: [{ name: 'lo', open: 0 }] });
  await raw.next((e) => e.event === 'settled');
  t.ok(
    raw.logs.some((l) =>
      l.includes(
        'DHCPSRV_OPEN_SOCKET_FAIL failed to open socket: must not open socket on the loopback interface lo',
      ),
    ),
  );
  t.ok(raw.logs.some((l) => l.includes('DHCPSRV_NO_SOCKETS_OPEN')));
});

t.test(
  'service-sockets-require-all: a busy port is a fatal error naming the interface and the reason',
  async (t) => {
    const topo = makeTopology(t, 2);
    const srv = await startPeer(t, topo.server);
    await client(srv, 'squatter', 's1', PORT);
    const r = await open4(srv, { interfaces: ['s0', 's1'], 'service-sockets-require-all': true });
    t.equal(r.event, 'fatal');
    t.equal(r.code, 'KEA_ERR_NET_OPEN_SOCKETS_FAILED');
    t.match(r.message, /service-sockets-require-all.*interface s1.*Address already in use/);
    t.ok(srv.logs.some((l) => l.includes('DHCP4_OPEN_SOCKETS_FAILED')));
    // With retries, the end of the retries is fatal too (reported through onFatal).
    const start = Date.now();
    const r2 = await open4(srv, {
      interfaces: ['s1'],
      'service-sockets-require-all': true,
      'service-sockets-max-retries': 2,
      'service-sockets-retry-wait-time': 100,
    });
    t.equal(r2.event, 'open', 'serves on what opened while retrying');
    t.match(await srv.next((e) => e.event === 'fatal'), {
      code: 'KEA_ERR_NET_OPEN_SOCKETS_FAILED',
      message: /after 2 retries/,
    });
    t.ok(Date.now() - start >= 200, 'two waits of 100 ms');
  },
);

t.test(
  'without require-all, failed sockets are retried and logged; a freed port opens on retry',
  async (t) => {
    const topo = makeTopology(t, 2);
    const srv = await startPeer(t, topo.server);
    await client(srv, 'squatter', 's0', PORT);
    const config = {
      interfaces: ['s0', 's1'],
      'service-sockets-max-retries': 2,
      'service-sockets-retry-wait-time': 100,
    };
    t.match(await open4(srv, config), {
      interfaces: [
        { name: 's0', open: 0 },
        { name: 's1', open: 1 },
      ],
    });
    const settled = await srv.next((e) => e.event === 'settled');
    t.equal((settled.failures as string[]).length, 1);
    t.ok((settled.ms as number) >= 200);
    t.equal(
      srv.logs.filter((l) => l.includes('DHCPSRV_OPEN_SOCKET_FAIL')).length,
      3,
      'first try and two retries logged',
    );
    srv.cmd({ cmd: 'exit' });
    const srv2 = await startPeer(t, topo.server);
    await client(srv2, 'squatter', 's0', PORT);
    t.match(await open4(srv2, { ...config, 'service-sockets-retry-wait-time': 300 }), {
      interfaces: [{ name: 's0', open: 0 }],
    });
    srv2.cmd({ cmd: 'close-client', name: 'squatter' });
    t.match(await srv2.next((e) => e.event === 'settled'), { failures: [] });
    const cli = await startPeer(t, topo.client);
    await client(cli, 'a', 'c0');
    await send(cli, 'a', '01cc', '255.255.255.255');
    t.match(await srv2.next(isPacket('01cc')), { iface: 's0' });
  },
);
