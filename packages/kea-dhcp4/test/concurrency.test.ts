// Many packets in flight: different clients get different addresses when their DISCOVERs and REQUESTs
// are processed concurrently, one client's retransmissions are handled one after the other (per-client
// lock), and packets beyond packet-queue-size are dropped and counted.
import t from 'tap';
import { ClientLock } from '../src/index.js';
import { clientPacket, M, readAnswer } from './helpers/packets.js';
import { baseConfig, direct, SERVER_ADDRESS, startServer } from './helpers/server.js';

const mac = (i: number) => `02:00:00:00:01:${i.toString(16).padStart(2, '0')}`;

t.test('concurrent clients get distinct addresses', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const offers = await Promise.all(
    [1, 2, 3, 4, 5].map((i) =>
      s.server.inject(clientPacket(M.DHCPDISCOVER, { mac: mac(i), xid: i }), direct()),
    ),
  );
  const offered = offers.map((o) => readAnswer(o!).yiaddr);
  t.equal(new Set(offered).size, 5, `distinct offers: ${offered.join(' ')}`);
  const acks = await Promise.all(
    offered.map((a, i) =>
      s.server.inject(
        clientPacket(M.DHCPREQUEST, { mac: mac(i + 1), requested: a, serverId: SERVER_ADDRESS }),
        direct(),
      ),
    ),
  );
  t.same(
    acks.map((a) => readAnswer(a!).type),
    [M.DHCPACK, M.DHCPACK, M.DHCPACK, M.DHCPACK, M.DHCPACK],
  );
  t.equal(s.server.stats.getValue('subnet[1].assigned-addresses'), 5);
});

t.test('one client: retransmitted REQUESTs in flight together both get the same lease', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const o = readAnswer((await s.server.inject(clientPacket(M.DHCPDISCOVER), direct()))!);
  const req = clientPacket(M.DHCPREQUEST, { requested: o.yiaddr, serverId: SERVER_ADDRESS });
  const [a, b] = await Promise.all([s.server.inject(req, direct()), s.server.inject(req, direct())]);
  t.equal(readAnswer(a!).yiaddr, o.yiaddr);
  t.equal(readAnswer(b!).yiaddr, o.yiaddr);
  t.equal(s.server.stats.getValue('subnet[1].assigned-addresses'), 1);
});

t.test('the client lock runs one key at a time and different keys side by side', async (t) => {
  const lock = new ClientLock();
  const order: string[] = [];
  const step = (name: string, ms: number) => async () => {
    order.push(`${name}+`);
    await new Promise((r) => setTimeout(r, ms));
    order.push(`${name}-`);
  };
  await Promise.all([
    lock.run('a', step('a1', 20)),
    lock.run('a', step('a2', 1)),
    lock.run('b', step('b1', 5)),
  ]);
  t.same(order, ['a1+', 'b1+', 'b1-', 'a1-', 'a2+', 'a2-']);
  t.equal(lock.size, 0, 'no key left behind');
});

t.test('packets beyond packet-queue-size are dropped and counted', async (t) => {
  const s = await startServer(baseConfig({ 'multi-threading': { 'packet-queue-size': 2 } }));
  t.teardown(s.teardown);
  const answers = await Promise.all(
    [1, 2, 3, 4].map((i) => s.server.inject(clientPacket(M.DHCPDISCOVER, { mac: mac(i) }), direct())),
  );
  t.equal(answers.filter((a) => a !== null).length, 2, 'two served');
  t.equal(s.server.stats.getValue('pkt4-receive-drop'), 2, 'two dropped');
  t.equal(s.server.stats.getValue('pkt4-received'), 4);
});
