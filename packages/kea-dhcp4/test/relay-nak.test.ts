// NAKs and silence (INIT-REBOOT with and without authoritative, SELECTING for a taken address), relayed
// queries (subnet by giaddr and relay ip-addresses, answer to the relay on port 67, option 82 echoed
// byte for byte, link-selection), reservations (address, hostname, next-server/boot-file) and the
// drop rules with their pkt4-receive-drop / pkt4-parse-failed counts.
import t from 'tap';
import { clientPacket, ip, M, readAnswer } from './helpers/packets.js';
import { baseConfig, direct, SERVER_ADDRESS, startServer, unicast } from './helpers/server.js';

const relayConfig = baseConfig({
  subnet4: [
    {
      id: 1,
      subnet: '192.0.2.0/24',
      interface: 'eth0',
      pools: [{ pool: '192.0.2.100 - 192.0.2.109' }],
      'option-data': [{ name: 'routers', data: '192.0.2.1' }],
    },
    {
      id: 2,
      subnet: '198.51.100.0/24',
      relay: { 'ip-addresses': ['10.0.0.1'] },
      pools: [{ pool: '198.51.100.10 - 198.51.100.19' }],
      'option-data': [{ name: 'routers', data: '198.51.100.1' }],
    },
    {
      id: 3,
      subnet: '203.0.113.0/24',
      pools: [{ pool: '203.0.113.10 - 203.0.113.19' }],
    },
  ],
});

t.test('INIT-REBOOT for an address not ours: NAK when authoritative, silence otherwise', async (t) => {
  const quiet = await startServer(baseConfig());
  t.teardown(quiet.teardown);
  const q = clientPacket(M.DHCPREQUEST, { requested: '192.0.2.200' });
  t.equal(await quiet.server.inject(q, direct()), null, 'not authoritative: no answer');

  const auth = await startServer(baseConfig({ authoritative: true }));
  t.teardown(auth.teardown);
  const out = await auth.server.process(q, direct());
  const nak = readAnswer(out!.data);
  t.equal(nak.type, M.DHCPNAK);
  t.equal(nak.yiaddr, '0.0.0.0');
  t.equal(nak.leaseTime, undefined);
  t.equal(nak.serverId, SERVER_ADDRESS);
  t.equal(out!.destination.address, 0xffffffff, 'a NAK to a direct client is broadcast');
  t.equal(auth.server.stats.getValue('pkt4-nak-sent'), 1);
});

t.test('INIT-REBOOT of a known client for its own address: ACK; for another one: NAK', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const offer = readAnswer((await s.server.inject(clientPacket(M.DHCPDISCOVER), direct()))!);
  await s.server.inject(
    clientPacket(M.DHCPREQUEST, { requested: offer.yiaddr, serverId: SERVER_ADDRESS }),
    direct(),
  );
  const again = readAnswer(
    (await s.server.inject(clientPacket(M.DHCPREQUEST, { requested: offer.yiaddr }), direct()))!,
  );
  t.equal(again.type, M.DHCPACK);
  t.equal(again.yiaddr, offer.yiaddr);
  const other = readAnswer(
    (await s.server.inject(clientPacket(M.DHCPREQUEST, { requested: '192.0.2.105' }), direct()))!,
  );
  t.equal(other.type, M.DHCPNAK, 'known client asking for another address');
});

t.test('SELECTING an address another client holds: NAK', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const a = readAnswer((await s.server.inject(clientPacket(M.DHCPDISCOVER), direct()))!);
  await s.server.inject(
    clientPacket(M.DHCPREQUEST, { requested: a.yiaddr, serverId: SERVER_ADDRESS }),
    direct(),
  );
  const b = await s.server.inject(
    clientPacket(M.DHCPREQUEST, { mac: '02:00:00:00:00:bb', requested: a.yiaddr, serverId: SERVER_ADDRESS }),
    direct(),
  );
  t.equal(readAnswer(b!).type, M.DHCPNAK);
});

t.test('relayed DISCOVER: subnet by relay address, answer to giaddr:67, option 82 echoed', async (t) => {
  const s = await startServer(relayConfig);
  t.teardown(s.teardown);
  const rai = Buffer.from([1, 4, 0x65, 0x74, 0x68, 0x31, 2, 3, 0xaa, 0xbb, 0xcc]);
  const out = await s.server.process(
    clientPacket(M.DHCPDISCOVER, { giaddr: '10.0.0.1', hops: 1, agentInfo: rai, prl: [3] }),
    unicast('10.0.0.1'),
  );
  const a = readAnswer(out!.data);
  t.equal(a.yiaddr, '198.51.100.10', 'from the subnet whose relay is 10.0.0.1');
  t.equal(a.routers, '198.51.100.1');
  t.equal(a.giaddr, '10.0.0.1');
  t.equal(a.hops, 1);
  t.same(a.option(82), rai, 'option 82 back unchanged');
  t.equal(a.codes.at(-1), 82, 'option 82 last');
  t.equal(out!.destination.address, ip('10.0.0.1'));
  t.equal(out!.destination.port, 67);
  t.equal(out!.destination.direct, false);
});

t.test('relayed by an unknown relay: subnet holding giaddr; link-selection wins over giaddr', async (t) => {
  const s = await startServer(relayConfig);
  t.teardown(s.teardown);
  const byGiaddr = readAnswer(
    (await s.server.inject(clientPacket(M.DHCPDISCOVER, { giaddr: '203.0.113.1' }), unicast('203.0.113.1')))!,
  );
  t.equal(byGiaddr.yiaddr, '203.0.113.10');
  const link = Buffer.from([5, 4, 203, 0, 113, 0]);
  const bySel = readAnswer(
    (await s.server.inject(
      clientPacket(M.DHCPDISCOVER, { mac: '02:00:00:00:00:cc', giaddr: '10.0.0.1', agentInfo: link }),
      unicast('10.0.0.1'),
    ))!,
  );
  t.equal(bySel.yiaddr, '203.0.113.11', 'link-selection sub-option selects 203.0.113.0/24');
});

t.test('reservation: address, hostname, next-server and boot file; host options win', async (t) => {
  const s = await startServer(
    baseConfig({
      'next-server': '192.0.2.9',
      subnet4: [
        {
          id: 1,
          subnet: '192.0.2.0/24',
          interface: 'eth0',
          pools: [{ pool: '192.0.2.100 - 192.0.2.109' }],
          'option-data': [{ name: 'routers', data: '192.0.2.1' }],
          reservations: [
            {
              'hw-address': '02:00:00:00:00:aa',
              'ip-address': '192.0.2.42',
              hostname: 'printer',
              'boot-file-name': 'pxe.0',
              'option-data': [{ name: 'routers', data: '192.0.2.254' }],
            },
          ],
        },
      ],
    }),
  );
  t.teardown(s.teardown);
  const a = readAnswer((await s.server.inject(clientPacket(M.DHCPDISCOVER, { prl: [3, 12] }), direct()))!);
  t.equal(a.yiaddr, '192.0.2.42', 'reserved address out of the pool');
  t.equal(a.option(12)?.toString(), 'printer');
  t.equal(a.routers, '192.0.2.254', 'host option over subnet option');
  t.equal(a.file, 'pxe.0');
  t.equal(a.siaddr, '192.0.2.9', 'global next-server');
  const other = readAnswer(
    (await s.server.inject(clientPacket(M.DHCPDISCOVER, { mac: '02:00:00:00:00:bb', prl: [3] }), direct()))!,
  );
  t.equal(other.routers, '192.0.2.1');
  t.equal(other.file, '');
});

t.test(
  'drops: parse failure, no message type, foreign server id, answers from clients, disabled service',
  async (t) => {
    const s = await startServer(baseConfig());
    t.teardown(s.teardown);
    const stat = (n: string) => s.server.stats.getValue(n);
    t.equal(await s.server.inject(Buffer.from('not dhcp at all'), direct()), null);
    t.equal(stat('pkt4-parse-failed'), 1);
    t.equal(stat('pkt4-receive-drop'), 1);
    const truncated = clientPacket(M.DHCPDISCOVER).subarray(0, 200);
    t.equal(await s.server.inject(truncated, direct()), null);
    t.equal(stat('pkt4-parse-failed'), 2, 'truncated header');
    const bootp = clientPacket(M.DHCPDISCOVER);
    bootp[240] = 0xff; // END where option 53 was: a BOOTP request
    t.equal(await s.server.inject(bootp, direct()), null);
    t.equal(stat('pkt4-unknown-received'), 1);
    t.equal(
      await s.server.inject(
        clientPacket(M.DHCPREQUEST, { requested: '192.0.2.100', serverId: '192.0.2.77' }),
        direct(),
      ),
      null,
      'REQUEST for another server',
    );
    t.equal(await s.server.inject(clientPacket(M.DHCPOFFER), direct()), null);
    t.equal(stat('pkt4-offer-received'), 1);
    t.equal(
      await s.server.inject(clientPacket(M.DHCPDISCOVER, { serverId: SERVER_ADDRESS }), direct()),
      null,
    );
    t.equal(stat('pkt4-receive-drop'), 6, 'every drop counted');

    t.equal(
      (await s.server.command({ command: 'dhcp-disable', arguments: { 'max-period': 5 } })).text,
      'DHCPv4 service disabled for 5 seconds',
    );
    const before = stat('pkt4-received');
    t.equal(await s.server.inject(clientPacket(M.DHCPDISCOVER), direct()), null, 'disabled: no answer');
    t.equal(stat('pkt4-received'), before, 'not even counted, as Kea');
    t.equal((await s.server.command({ command: 'dhcp-enable' })).text, 'DHCP service successfully enabled');
    t.ok(await s.server.inject(clientPacket(M.DHCPDISCOVER), direct()), 'served again');
  },
);

t.test('a direct client on an interface without a subnet is dropped', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  t.equal(
    await s.server.inject(
      clientPacket(M.DHCPDISCOVER),
      direct({ iface: 'eth9', ifaceAddress: ip('10.9.9.9') }),
    ),
    null,
  );
  t.equal(s.server.stats.getValue('pkt4-receive-drop'), 1);
});
