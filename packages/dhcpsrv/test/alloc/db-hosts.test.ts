// Reservations held by a hosts database (here an in-memory source behind HostMgr, as the SQL ones
// are): the client's own database host gives it its address (v4) or address (v6), and an address a
// database reserves for somebody else is never handed to another client, neither from the pool
// cursor nor when asked for. Without a hosts database the same engine hands those addresses out.
import t from 'tap';
import {
  AllocEngine4,
  AllocEngine6,
  ConfigHostSource,
  emptyHost,
  type HostDataSource,
  HostMgr,
  RESERVATION_ADDRESS,
} from '../../src/index.js';
import { duidOf, ip6, type Rig6, rig6 } from '../alloc6/helpers6.js';
import { ip, macOf, type Rig, rig } from './helpers.js';

/** The rig's engine settings, with the hosts databases. */
function engineOptions<R extends Rig | Rig6>(r: R, loggerName: string, hostMgr: HostMgr) {
  const o: {
    leaseMgr: R['leaseMgr'];
    config: R['config'];
    stats: R['stats'];
    loggerName: string;
    clock: () => number;
    hostMgr: HostMgr;
  } = {
    leaseMgr: r.leaseMgr,
    config: r.config,
    stats: r.stats,
    loggerName,
    clock: () => r.clock.now,
    hostMgr,
  };
  return o;
}

function mgrWith(...hosts: ReturnType<typeof emptyHost>[]): Promise<HostMgr | null> {
  const source: HostDataSource = new ConfigHostSource(hosts);
  return HostMgr.open([{ type: 'memory' }], { memory: async () => source });
}

t.test('v4: a database reservation is the client’s and nobody else’s', async (t) => {
  const r = await rig({
    subnet4: [{ id: 1, subnet: '10.0.0.0/24', pools: [{ pool: '10.0.0.10 - 10.0.0.12' }] }],
  });
  const h = emptyHost('hw-address', macOf(1));
  h.ipv4SubnetId = 1;
  h.ipv4Address = ip('10.0.0.11');
  const hostMgr = (await mgrWith(h))!;
  const engine = new AllocEngine4(engineOptions(r, 'kea-dhcp4', hostMgr));
  const ctx = async (mac: number, fields: Parameters<typeof r.ctx>[1] = {}) =>
    r.ctx(mac, { ...fields, dbHosts: await hostMgr.clientHosts4(r.config, [['hw-address', macOf(mac)]]) });

  const asked = await engine.allocateLease4(await ctx(6, { requestedAddress: ip('10.0.0.11') }));
  t.equal(asked.lease, null, 'asking for an address a database reserves for another: NAK');
  const a = await engine.allocateLease4(await ctx(5));
  const b = await engine.allocateLease4(await ctx(6));
  t.same([a.lease?.address, b.lease?.address], [ip('10.0.0.10'), ip('10.0.0.12')], 'the cursor skips it');
  const c = await engine.allocateLease4(await ctx(7));
  t.equal(c.lease, null, 'only the reserved address is left');
  const own = await engine.allocateLease4(await ctx(1));
  t.equal(own.lease?.address, ip('10.0.0.11'), 'the host gets its database reservation');

  const plain = await rig({
    subnet4: [{ id: 1, subnet: '10.0.0.0/24', pools: [{ pool: '10.0.0.10 - 10.0.0.12' }] }],
  });
  const free = await plain.engine.allocateLease4(plain.ctx(6, { requestedAddress: ip('10.0.0.11') }));
  t.equal(free.lease?.address, ip('10.0.0.11'), 'without the database the address is free');
  await hostMgr.close();
});

t.test('v6: a database reservation is the client’s and nobody else’s', async (t) => {
  const r = await rig6({
    subnet6: [{ id: 1, subnet: '2001:db8:1::/64', pools: [{ pool: '2001:db8:1::10 - 2001:db8:1::12' }] }],
  });
  const h = emptyHost('duid', duidOf(1));
  h.ipv6SubnetId = 1;
  h.reservations6 = [{ type: RESERVATION_ADDRESS, address: '2001:db8:1::11', prefixLen: 128, iaid: null }];
  const hostMgr = (await mgrWith(h))!;
  const engine = new AllocEngine6(engineOptions(r, 'kea-dhcp6', hostMgr));
  const ctx = async (n: number, fields: Parameters<typeof r.ctx>[1] = {}) =>
    r.ctx(n, { ...fields, dbHosts: await hostMgr.clientHosts6(r.config, [['duid', duidOf(n)]]) });
  const first = (res: { leases: { address: Buffer }[] }) => res.leases[0]?.address;

  const hinted = await engine.allocateLeases6(
    await ctx(6, { hints: [{ address: ip6('2001:db8:1::11'), prefixLen: 128 }] }),
  );
  t.not(
    first(hinted)?.equals(ip6('2001:db8:1::11')),
    true,
    'a hint at another’s database reservation is not given',
  );
  const got = [first(hinted), first(await engine.allocateLeases6(await ctx(7)))].map((a) =>
    a?.toString('hex'),
  );
  t.same(
    got.sort(),
    [ip6('2001:db8:1::10'), ip6('2001:db8:1::12')].map((a) => a.toString('hex')).sort(),
    'the pool gives the two other addresses',
  );
  const own = await engine.allocateLeases6(await ctx(1));
  t.same(first(own), ip6('2001:db8:1::11'), 'the host gets its database reservation');
  await hostMgr.close();
});

t.test('order: the config first, then the databases in the order given', async (t) => {
  const r = await rig({
    subnet4: [
      {
        id: 1,
        subnet: '10.0.0.0/24',
        pools: [{ pool: '10.0.0.10 - 10.0.0.20' }],
        reservations: [{ 'hw-address': '00:00:00:00:00:01', 'ip-address': '10.0.0.15' }],
      },
    ],
  });
  const host = (n: number, address: string) => {
    const h = emptyHost('hw-address', macOf(n));
    h.ipv4SubnetId = 1;
    h.ipv4Address = ip(address);
    return h;
  };
  const first = new ConfigHostSource([host(1, '10.0.0.11'), host(2, '10.0.0.12')]);
  const second = new ConfigHostSource([host(2, '10.0.0.13'), host(3, '10.0.0.14')]);
  const hostMgr = (await HostMgr.open([{ type: 'a' }, { type: 'b' }], {
    a: async () => first,
    b: async () => second,
  }))!;
  const engine = new AllocEngine4(engineOptions(r, 'kea-dhcp4', hostMgr));
  const offer = async (mac: number) =>
    (
      await engine.allocateLease4(
        r.ctx(mac, {
          fakeAllocation: true,
          dbHosts: await hostMgr.clientHosts4(r.config, [['hw-address', macOf(mac)]]),
        }),
      )
    ).lease?.address;
  t.equal(await offer(1), ip('10.0.0.15'), 'the config’s reservation before any database’s');
  t.equal(await offer(2), ip('10.0.0.12'), 'the first database before the second');
  t.equal(await offer(3), ip('10.0.0.14'), 'the second database when the first has none');
  t.equal(await HostMgr.open([], {}), null, 'no database: no HostMgr (the fast path)');
  await hostMgr.close();
});
