// The four-message exchange, renew, rebind, release, decline and inform through inject(): the bytes
// of each answer (type, yiaddr, flags, lease time, timers, mask, routers, DNS, server id) and where it
// would go, and the statistics Kea keeps for each packet.
import t from 'tap';
import { clientPacket, ip, M, readAnswer } from './helpers/packets.js';
import { baseConfig, direct, SERVER_ADDRESS, startServer, unicast } from './helpers/server.js';

const MAC = '02:00:00:00:00:aa';

async function dora(s: Awaited<ReturnType<typeof startServer>>, mac = MAC) {
  const offer = await s.server.inject(
    clientPacket(M.DHCPDISCOVER, { mac, prl: [1, 3, 6, 15, 51] }),
    direct(),
  );
  if (offer === null) throw new Error('no OFFER');
  const o = readAnswer(offer);
  const ack = await s.server.inject(
    clientPacket(M.DHCPREQUEST, { mac, requested: o.yiaddr, serverId: o.serverId!, prl: [1, 3, 6, 15] }),
    direct(),
  );
  if (ack === null) throw new Error('no ACK');
  return { offer: o, ack: readAnswer(ack) };
}

t.test('DISCOVER -> OFFER -> REQUEST -> ACK', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const process = await s.server.process(
    clientPacket(M.DHCPDISCOVER, { mac: MAC, xid: 0xabcdef, prl: [1, 3, 6, 15] }),
    direct(),
  );
  t.ok(process, 'an OFFER');
  const offer = readAnswer(process!.data);
  t.equal(offer.op, 2);
  t.equal(offer.type, M.DHCPOFFER);
  t.equal(offer.xid, 0xabcdef);
  t.equal(offer.yiaddr, '192.0.2.100');
  t.equal(offer.ciaddr, '0.0.0.0');
  t.equal(offer.leaseTime, 4000);
  t.equal(offer.t1, 1000);
  t.equal(offer.t2, 2000);
  t.equal(offer.mask, '255.255.255.0');
  t.equal(offer.routers, '192.0.2.1');
  t.same([...offer.option(6)!], [192, 0, 2, 53, 192, 0, 2, 54], 'DNS servers from the global level');
  t.equal(offer.serverId, SERVER_ADDRESS);
  t.same(offer.codes[0], 53, 'message type first');
  t.same(process!.destination, {
    iface: 'eth0',
    address: ip('192.0.2.100'),
    port: 68,
    direct: true,
    localAddress: ip(SERVER_ADDRESS),
    localPort: 67,
  });
  t.equal(await s.server.leaseMgr!.get(ip('192.0.2.100')), null, 'an OFFER stores no lease');

  const ack = readAnswer(
    (await s.server.inject(
      clientPacket(M.DHCPREQUEST, {
        mac: MAC,
        requested: '192.0.2.100',
        serverId: SERVER_ADDRESS,
        prl: [1, 3, 6],
      }),
      direct(),
    ))!,
  );
  t.equal(ack.type, M.DHCPACK);
  t.equal(ack.yiaddr, '192.0.2.100');
  t.equal(ack.leaseTime, 4000);
  t.equal(ack.routers, '192.0.2.1');
  const lease = await s.server.leaseMgr!.get(ip('192.0.2.100'));
  t.ok(lease, 'the lease is stored');
  t.equal(lease?.hwaddr?.toString('hex'), '0200000000aa');

  const stat = (name: string) => (s.server.stats.getValue(name) as number | undefined) ?? -1;
  t.equal(stat('pkt4-received'), 2);
  t.equal(stat('pkt4-discover-received'), 1);
  t.equal(stat('pkt4-request-received'), 1);
  t.equal(stat('pkt4-offer-sent'), 1);
  t.equal(stat('pkt4-ack-sent'), 1);
  t.equal(stat('pkt4-sent'), 2);
  t.equal(stat('pkt4-nak-sent'), 0);
});

t.test(
  'options are sent only when requested, except routers, DNS, domain name and always-send',
  async (t) => {
    const s = await startServer(
      baseConfig({
        'option-data': [
          { name: 'domain-name', data: 'example.org' },
          { name: 'ntp-servers', data: '192.0.2.123' },
          { name: 'time-offset', data: '3600', 'always-send': true },
        ],
      }),
    );
    t.teardown(s.teardown);
    const o = readAnswer((await s.server.inject(clientPacket(M.DHCPDISCOVER, { prl: [1] }), direct()))!);
    t.equal(o.option(15)?.toString(), 'example.org', 'domain name without asking');
    t.equal(o.option(42), undefined, 'ntp-servers not asked for');
    t.equal(o.option(2)?.readInt32BE(0), 3600, 'always-send');
    const asked = readAnswer((await s.server.inject(clientPacket(M.DHCPDISCOVER, { prl: [42] }), direct()))!);
    t.equal(asked.option(42)?.length, 4, 'ntp-servers when asked');
  },
);

t.test('renew (unicast, ciaddr) and rebind (broadcast) keep the address', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const { ack } = await dora(s);
  const renew = await s.server.process(
    clientPacket(M.DHCPREQUEST, { mac: MAC, ciaddr: ack.yiaddr, xid: 9 }),
    unicast(ack.yiaddr, 68),
  );
  const r = readAnswer(renew!.data);
  t.equal(r.type, M.DHCPACK);
  t.equal(r.yiaddr, ack.yiaddr);
  t.equal(r.ciaddr, ack.yiaddr, 'ciaddr echoed in the ACK');
  t.equal(renew!.destination.address, ip(ack.yiaddr), 'unicast to ciaddr');
  t.equal(renew!.destination.direct, false);
  const rebind = await s.server.process(
    clientPacket(M.DHCPREQUEST, { mac: MAC, ciaddr: ack.yiaddr }),
    direct({ remoteAddress: ip(ack.yiaddr) }),
  );
  t.equal(readAnswer(rebind!.data).yiaddr, ack.yiaddr);
});

t.test('the broadcast flag makes the answer a broadcast', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const out = await s.server.process(clientPacket(M.DHCPDISCOVER, { flags: 0x8000 }), direct());
  t.equal(out!.destination.address, 0xffffffff);
  t.equal(readAnswer(out!.data).flags, 0x8000, 'flags copied');
});

t.test('release frees the lease; a stranger cannot release it', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const { ack } = await dora(s);
  const stranger = await s.server.inject(
    clientPacket(M.DHCPRELEASE, { mac: '02:00:00:00:00:bb', ciaddr: ack.yiaddr, serverId: SERVER_ADDRESS }),
    unicast(ack.yiaddr, 68),
  );
  t.equal(stranger, null, 'RELEASE is never answered');
  t.ok(await s.server.leaseMgr!.get(ip(ack.yiaddr)), 'still leased');
  await s.server.inject(
    clientPacket(M.DHCPRELEASE, { mac: MAC, ciaddr: ack.yiaddr, serverId: SERVER_ADDRESS }),
    unicast(ack.yiaddr, 68),
  );
  t.equal(await s.server.leaseMgr!.get(ip(ack.yiaddr)), null, 'released');
  t.equal(s.server.stats.getValue('pkt4-release-received'), 1 + 1);
});

t.test('decline: the lease is declined for the probation period; option 50 is mandatory', async (t) => {
  const s = await startServer(baseConfig({ 'decline-probation-period': 1234 }));
  t.teardown(s.teardown);
  const { ack } = await dora(s);
  t.equal(
    await s.server.inject(clientPacket(M.DHCPDECLINE, { mac: MAC, serverId: SERVER_ADDRESS }), direct()),
    null,
  );
  t.equal(s.server.stats.getValue('pkt4-receive-drop'), 1, 'no option 50: dropped and counted');
  await s.server.inject(
    clientPacket(M.DHCPDECLINE, { mac: MAC, requested: ack.yiaddr, serverId: SERVER_ADDRESS }),
    direct(),
  );
  const lease = await s.server.leaseMgr!.get(ip(ack.yiaddr));
  t.equal(lease?.state, 1, 'declined');
  t.equal(lease?.validLifetime, 1234);
});

t.test('INFORM: configuration without a lease, to ciaddr', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const out = await s.server.process(
    clientPacket(M.DHCPINFORM, { ciaddr: '192.0.2.50', prl: [3, 6] }),
    unicast('192.0.2.50', 68),
  );
  const a = readAnswer(out!.data);
  t.equal(a.type, M.DHCPACK);
  t.equal(a.yiaddr, '0.0.0.0');
  t.equal(a.ciaddr, '192.0.2.50');
  t.equal(a.leaseTime, undefined, 'no lease time');
  t.equal(a.routers, '192.0.2.1');
  t.equal(out!.destination.address, ip('192.0.2.50'));
  t.equal(out!.destination.port, 68);
  t.equal(
    await s.server.inject(clientPacket(M.DHCPINFORM, {}), direct()),
    null,
    'a direct INFORM from 0.0.0.0 without ciaddr has nowhere to go',
  );
});
