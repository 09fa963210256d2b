// Address model through inject(): a shared network whose first subnet is full hands out addresses of
// its sibling, a declined address is not offered again while on probation, the client's requested
// lease time is clamped to min/max-valid-lifetime, and calculate-tee-times sets T1/T2 from percentages.
import t from 'tap';
import { clientPacket, M, readAnswer } from './helpers/packets.js';
import { baseConfig, direct, SERVER_ADDRESS, startServer } from './helpers/server.js';

const mac = (i: number) => `02:00:00:00:02:${i.toString(16).padStart(2, '0')}`;

async function lease(s: Awaited<ReturnType<typeof startServer>>, i: number) {
  const o = await s.server.inject(clientPacket(M.DHCPDISCOVER, { mac: mac(i) }), direct());
  if (o === null) return null;
  const a = await s.server.inject(
    clientPacket(M.DHCPREQUEST, { mac: mac(i), requested: readAnswer(o).yiaddr, serverId: SERVER_ADDRESS }),
    direct(),
  );
  return a === null ? null : readAnswer(a);
}

t.test('a shared network serves more clients than its first subnet holds', async (t) => {
  const s = await startServer(
    baseConfig({
      subnet4: [],
      'shared-networks': [
        {
          name: 'lan',
          interface: 'eth0',
          'option-data': [{ name: 'routers', data: '192.0.2.1' }],
          subnet4: [
            { id: 1, subnet: '192.0.2.0/25', pools: [{ pool: '192.0.2.10 - 192.0.2.11' }] },
            { id: 2, subnet: '192.0.2.128/25', pools: [{ pool: '192.0.2.200 - 192.0.2.201' }] },
          ],
        },
      ],
    }),
  );
  t.teardown(s.teardown);
  const got: string[] = [];
  for (let i = 1; i <= 4; i++) {
    const a = await lease(s, i);
    t.equal(a?.type, M.DHCPACK, `client ${i}`);
    got.push(a!.yiaddr);
    if (i > 2) t.equal(a?.mask, '255.255.255.128', 'mask of the sibling subnet');
  }
  t.same(got, ['192.0.2.10', '192.0.2.11', '192.0.2.200', '192.0.2.201']);
  t.equal(
    await s.server.inject(clientPacket(M.DHCPDISCOVER, { mac: mac(5) }), direct()),
    null,
    'all full: silence',
  );
});

t.test('a declined address is not offered again during probation', async (t) => {
  const s = await startServer(
    baseConfig({
      'decline-probation-period': 3600,
      subnet4: [
        { id: 1, subnet: '192.0.2.0/24', interface: 'eth0', pools: [{ pool: '192.0.2.10 - 192.0.2.11' }] },
      ],
    }),
  );
  t.teardown(s.teardown);
  const first = await lease(s, 1);
  t.equal(first?.yiaddr, '192.0.2.10');
  await s.server.inject(
    clientPacket(M.DHCPDECLINE, { mac: mac(1), requested: '192.0.2.10', serverId: SERVER_ADDRESS }),
    direct(),
  );
  t.equal(s.server.stats.getValue('declined-addresses'), 1);
  t.equal(s.server.stats.getValue('subnet[1].declined-addresses'), 1);
  const again = await lease(s, 1);
  t.equal(again?.yiaddr, '192.0.2.11', 'the declining client gets another address');
  t.equal(
    await s.server.inject(clientPacket(M.DHCPDISCOVER, { mac: mac(2) }), direct()),
    null,
    'nothing left',
  );
});

t.test('lifetimes: requested time clamped, calculated T1/T2', async (t) => {
  const s = await startServer(
    baseConfig({
      'valid-lifetime': 1000,
      'min-valid-lifetime': 500,
      'max-valid-lifetime': 2000,
      'renew-timer': undefined as never,
      'rebind-timer': undefined as never,
      'calculate-tee-times': true,
    }),
  );
  t.teardown(s.teardown);
  const ask = async (leaseTime?: number) =>
    readAnswer(
      (await s.server.inject(
        clientPacket(M.DHCPDISCOVER, leaseTime === undefined ? {} : { leaseTime }),
        direct(),
      ))!,
    );
  const plain = await ask();
  t.equal(plain.leaseTime, 1000);
  t.equal(plain.t1, 500);
  t.equal(plain.t2, 875);
  t.equal((await ask(100)).leaseTime, 500, 'raised to min-valid-lifetime');
  t.equal((await ask(5000)).leaseTime, 2000, 'lowered to max-valid-lifetime');
  t.equal((await ask(1500)).leaseTime, 1500, 'within bounds: as asked');
});
