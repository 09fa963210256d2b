// One set of lease-operation checks that every lease backend (memfile, PostgreSQL, MariaDB) must
// pass alike: what a server stores is what it reads back, lookups find the same leases in the same
// order, uniqueness is decided by the store, and the statistics the servers report agree.
import {
  LEASE_STATE_DECLINED,
  LEASE_STATE_EXPIRED_RECLAIMED,
  LEASE_TYPE_NA,
  LEASE_TYPE_PD,
  type Lease4,
  type Lease6,
  type LeaseMgr4,
  type LeaseMgr6,
  type LeaseStatsRow,
  makeLease4,
  makeLease6,
} from '@kea-ts/dhcpsrv';
import { parseIPv4, parseIPv6 } from '@kea-ts/util';
import type { Test } from 'tap';

/** What the suite needs of a backend: a manager over an empty store, per test. */
export interface LeaseBackend {
  name: string;
  fresh4(): Promise<LeaseMgr4>;
  fresh6(): Promise<LeaseMgr6>;
  /** A second manager on the store `first` uses (another server on the same database); memfile: first. */
  peer4(first: LeaseMgr4): Promise<LeaseMgr4>;
  peer6(first: LeaseMgr6): Promise<LeaseMgr6>;
  /** Memfile also counts expired-reclaimed leases; Kea's SQL stat tables count states 0 and 1 only. */
  statsCountReclaimed: boolean;
}

type T = Test;

const NOW = 1_700_000_000;
const v4 = (s: string) => parseIPv4(s);
const v6 = (s: string) => parseIPv6(s);
const hex = (s: string) => Buffer.from(s.replace(/:/g, ''), 'hex');

function lease4(addr: string, over: Partial<Lease4> = {}): Lease4 {
  return makeLease4({
    address: v4(addr),
    hwaddr: hex('00:11:22:33:44:55'),
    clientId: hex('01:00:11:22:33:44:55'),
    validLifetime: 3600,
    cltt: NOW,
    subnetId: 1,
    ...over,
  });
}

function lease6(addr: string, over: Partial<Lease6> = {}): Lease6 {
  return makeLease6({
    address: v6(addr),
    duid: hex('00:01:00:01:2a:2b:2c:2d:00:11:22:33:44:55'),
    iaid: 7,
    preferredLifetime: 1800,
    validLifetime: 3600,
    cltt: NOW,
    subnetId: 1,
    ...over,
  });
}

const addrs4 = (l: readonly Readonly<Lease4>[]) => l.map((x) => x.address);
const addrs6 = (l: readonly Readonly<Lease6>[]) => l.map((x) => Buffer.from(x.address).toString('hex'));

function statsView(rows: LeaseStatsRow[], b: LeaseBackend): LeaseStatsRow[] {
  return b.statsCountReclaimed ? rows.filter((r) => r.state !== LEASE_STATE_EXPIRED_RECLAIMED) : rows;
}

export async function leaseConformance4(t: T, b: LeaseBackend): Promise<void> {
  const open = async (t: T) => {
    const m = await b.fresh4();
    t.teardown(() => m.close());
    return m;
  };

  await t.test('add, get, duplicate add, update, delete', async (t) => {
    const m = await open(t);
    const l = lease4('192.0.2.10');
    t.equal(await m.add(l), true);
    t.equal(await m.add(lease4('192.0.2.10', { hwaddr: hex('aa:bb:cc:dd:ee:ff') })), false, 'address taken');
    t.strictSame(await m.get(l.address), l);
    const changed = { ...l, validLifetime: 7200, cltt: NOW + 5, hostname: 'renewed.example.org' };
    await m.update(changed);
    t.strictSame(await m.get(l.address), changed);
    await t.rejects(m.update(lease4('192.0.2.11')), { code: 'KEA_ERR_DHCPSRV_NO_SUCH_LEASE' });
    t.equal(await m.delete(l), true);
    t.equal(await m.delete(l), false);
    t.equal(await m.get(l.address), null);
    await m.commit();
  });

  await t.test('every field round-trips', async (t) => {
    const m = await open(t);
    const rows = [
      lease4('10.0.0.1', {
        hostname: 'a,b.example.com',
        fqdnFwd: true,
        fqdnRev: false,
        userContext: { ISC: { 'client-classes': ['gold', 'x,y'] }, note: 'q"uote' },
      }),
      lease4('10.0.0.2', { clientId: null, hwaddr: hex('01:02:03:04:05:06'), fqdnRev: true }),
      lease4('10.0.0.3', { hwaddr: null, clientId: null, state: LEASE_STATE_DECLINED, validLifetime: 86400 }),
      // The expiry stays before 2038: a MySQL TIMESTAMP ends there (as Kea's MySQL backend does).
      lease4('255.255.255.254', { subnetId: 0xfffffffe, validLifetime: 0x7ffff000, cltt: 1 }),
    ];
    for (const l of rows) t.equal(await m.add(l), true);
    for (const l of rows) t.strictSame(await m.get(l.address), l, `row ${l.address}`);
  });

  await t.test('lookups by hardware address, client id, subnet, hostname; paging', async (t) => {
    const m = await open(t);
    const hwA = hex('00:00:00:00:00:0a');
    await m.add(lease4('192.0.2.3', { hwaddr: hwA, subnetId: 1, hostname: 'h1' }));
    await m.add(lease4('192.0.2.1', { hwaddr: hwA, subnetId: 2, clientId: hex('ff:01'), hostname: 'h1' }));
    await m.add(lease4('192.0.2.2', { subnetId: 2, clientId: hex('ff:01') }));
    t.same(addrs4(await m.getByHwAddr(hwA)).sort(), [v4('192.0.2.1'), v4('192.0.2.3')]);
    t.same(addrs4(await m.getByHwAddr(hwA, 2)), [v4('192.0.2.1')]);
    t.same(addrs4(await m.getByClientId(hex('ff:01'))).sort(), [v4('192.0.2.1'), v4('192.0.2.2')]);
    t.same(addrs4(await m.getByClientId(hex('ff:01'), 1)), []);
    t.same(addrs4(await m.getBySubnet(2)), [v4('192.0.2.1'), v4('192.0.2.2')]);
    t.same(addrs4(await m.getByHostname('h1')).sort(), [v4('192.0.2.1'), v4('192.0.2.3')]);
    t.same(addrs4(await m.getAll()), [v4('192.0.2.1'), v4('192.0.2.2'), v4('192.0.2.3')]);
    t.same(addrs4(await m.getPage(null, 2)), [v4('192.0.2.1'), v4('192.0.2.2')]);
    t.same(addrs4(await m.getPage(v4('192.0.2.2'), 2)), [v4('192.0.2.3')]);
    t.equal(m.count(), 3);
    t.equal(await m.wipe(2), 2);
    t.same(addrs4(await m.getAll()), [v4('192.0.2.3')]);
  });

  await t.test('expired leases and reclaimed-lease cleanup', async (t) => {
    const m = await open(t);
    await m.add(lease4('10.1.0.1', { cltt: NOW - 100, validLifetime: 50 })); // expired at NOW-50
    await m.add(lease4('10.1.0.2', { cltt: NOW - 200, validLifetime: 50 })); // expired at NOW-150
    await m.add(lease4('10.1.0.3', { cltt: NOW, validLifetime: 50 })); // live
    await m.add(
      lease4('10.1.0.4', { cltt: NOW - 900, validLifetime: 50, state: LEASE_STATE_EXPIRED_RECLAIMED }),
    );
    t.same(addrs4(await m.getExpired(0, NOW)), [v4('10.1.0.2'), v4('10.1.0.1')], 'soonest first');
    t.same(addrs4(await m.getExpired(1, NOW)), [v4('10.1.0.2')]);
    t.equal(await m.deleteExpiredReclaimed(3600, NOW), 0, 'reclaimed too recently');
    t.equal(await m.deleteExpiredReclaimed(100, NOW), 1);
    t.equal(await m.get(v4('10.1.0.4')), null);
  });

  await t.test('racing adds of one address: the store lets exactly one win', async (t) => {
    const a = await open(t);
    const b2 = await b.peer4(a);
    if (b2 !== a) t.teardown(() => b2.close());
    const base = v4('10.9.0.0');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => [
        a.add(lease4('10.9.0.0', { address: base + i, hwaddr: hex('aa:00:00:00:00:01') })),
        b2.add(lease4('10.9.0.0', { address: base + i, hwaddr: hex('bb:00:00:00:00:02') })),
      ]).flat(),
    );
    for (let i = 0; i < 40; i++) {
      const [x, y] = [results[2 * i], results[2 * i + 1]];
      t.equal(Number(x) + Number(y), 1, `address +${i}: one winner`);
      const stored = await b2.get(base + i);
      t.same(
        stored?.hwaddr,
        hex(x ? 'aa:00:00:00:00:01' : 'bb:00:00:00:00:02'),
        `address +${i}: the winner's lease`,
      );
    }
    t.same(statsView(await a.getStats(1), b), [{ subnetId: 1, type: 0, state: 0, count: 40 }]);
  });

  await t.test('statistics per subnet and state follow writes', async (t) => {
    const m = await open(t);
    await m.add(lease4('10.2.0.1', { subnetId: 5 }));
    await m.add(lease4('10.2.0.2', { subnetId: 5 }));
    await m.add(lease4('10.2.0.3', { subnetId: 6, state: LEASE_STATE_DECLINED }));
    const moved = lease4('10.2.0.2', { subnetId: 5, state: LEASE_STATE_EXPIRED_RECLAIMED });
    await m.update(moved);
    await m.delete(lease4('10.2.0.1'));
    await m.add(lease4('10.2.0.4', { subnetId: 6 }));
    t.same(statsView(await m.getStats(), b), [
      { subnetId: 6, type: 0, state: 0, count: 1 },
      { subnetId: 6, type: 0, state: 1, count: 1 },
    ]);
    t.same(statsView(await m.getStats(5), b), []);
  });
}

export async function leaseConformance6(t: T, b: LeaseBackend): Promise<void> {
  const open = async (t: T) => {
    const m = await b.fresh6();
    t.teardown(() => m.close());
    return m;
  };

  await t.test('add, get by type, duplicate add, update, delete', async (t) => {
    const m = await open(t);
    const l = lease6('2001:db8::5');
    t.equal(await m.add(l), true);
    t.equal(await m.add(lease6('2001:db8::5', { iaid: 9 })), false, 'address taken');
    t.strictSame(await m.get(LEASE_TYPE_NA, l.address), l);
    t.equal(await m.get(LEASE_TYPE_PD, l.address), null, 'wrong type');
    const changed = { ...l, preferredLifetime: 900, hostname: 'x.example.org', fqdnFwd: true };
    await m.update(changed);
    t.strictSame(await m.get(LEASE_TYPE_NA, l.address), changed);
    await t.rejects(m.update(lease6('2001:db8::6')), { code: 'KEA_ERR_DHCPSRV_NO_SUCH_LEASE' });
    t.equal(await m.delete(l), true);
    t.equal(await m.delete(l), false);
  });

  await t.test('every field round-trips', async (t) => {
    const m = await open(t);
    const rows = [
      lease6('2001:db8:1::', { type: LEASE_TYPE_PD, prefixLen: 56, iaid: 0xfffffff0 }),
      lease6('2001:db8::1', {
        hwaddr: hex('00:aa:bb:cc:dd:ee'),
        hwtype: 1,
        hwaddrSource: 4,
        hostname: 'c,d',
        userContext: { ISC: { 'client-classes': ['silver'] } },
        fqdnRev: true,
      }),
      lease6('2001:db8::2', { duid: Buffer.from([0]), state: LEASE_STATE_DECLINED, preferredLifetime: 0 }),
    ];
    for (const l of rows) t.equal(await m.add(l), true);
    for (const l of rows) t.strictSame(await m.get(l.type, l.address), l);
  });

  await t.test('lookups by DUID/IAID, subnet, hostname; numeric address order in pages', async (t) => {
    const m = await open(t);
    const other = hex('00:03:00:01:01:02:03:04:05:06');
    // Text order ('::10' < '::9' < '::a') differs from address order (9 < a < 10).
    for (const a of ['2001:db8::10', '2001:db8::9', '2001:db8::a']) await m.add(lease6(a, { hostname: 'n' }));
    await m.add(lease6('2001:db8::b', { duid: other, iaid: 1, subnetId: 2 }));
    await m.add(
      lease6('2001:db8:8::', { duid: other, iaid: 1, subnetId: 2, type: LEASE_TYPE_PD, prefixLen: 48 }),
    );
    const order = ['2001:db8::9', '2001:db8::a', '2001:db8::b', '2001:db8::10', '2001:db8:8::'];
    t.same(
      addrs6(await m.getAll()),
      order.map((a) => v6(a).toString('hex')),
    );
    t.same(
      addrs6(await m.getPage(null, 2)),
      order.slice(0, 2).map((a) => v6(a).toString('hex')),
    );
    t.same(
      addrs6(await m.getPage(v6('2001:db8::a'), 10)),
      order.slice(2).map((a) => v6(a).toString('hex')),
    );
    t.same(addrs6(await m.getByDuidIaid(LEASE_TYPE_NA, other, 1)), [v6('2001:db8::b').toString('hex')]);
    t.same(addrs6(await m.getByDuidIaid(LEASE_TYPE_PD, other, 1, 2)), [v6('2001:db8:8::').toString('hex')]);
    t.same(addrs6(await m.getByDuidIaid(LEASE_TYPE_PD, other, 1, 3)), []);
    t.equal((await m.getByDuid(other)).length, 2);
    t.equal((await m.getBySubnet(1)).length, 3);
    t.equal((await m.getByHostname('n')).length, 3);
    t.equal(m.count(), 5);
    t.equal(await m.wipe(2), 2);
    t.equal(m.count(), 3);
  });

  await t.test('racing adds of one address: the store lets exactly one win', async (t) => {
    const a = await open(t);
    const b2 = await b.peer6(a);
    if (b2 !== a) t.teardown(() => b2.close());
    const addr = (i: number) => `2001:db8:9::${(i + 1).toString(16)}`;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => [
        a.add(lease6(addr(i), { iaid: 1 })),
        b2.add(lease6(addr(i), { iaid: 2 })),
      ]).flat(),
    );
    for (let i = 0; i < 30; i++) {
      const [x, y] = [results[2 * i], results[2 * i + 1]];
      t.equal(Number(x) + Number(y), 1, `${addr(i)}: one winner`);
      t.equal((await b2.get(LEASE_TYPE_NA, v6(addr(i))))?.iaid, x ? 1 : 2, `${addr(i)}: the winner's lease`);
    }
  });

  await t.test('expired leases, cleanup and statistics by type', async (t) => {
    const m = await open(t);
    await m.add(lease6('2001:db8::1', { cltt: NOW - 100, validLifetime: 10 }));
    await m.add(lease6('2001:db8::2', { cltt: NOW - 50, validLifetime: 10 }));
    await m.add(lease6('2001:db8:9::', { type: LEASE_TYPE_PD, prefixLen: 64, subnetId: 3 }));
    await m.add(
      lease6('2001:db8::3', { state: LEASE_STATE_EXPIRED_RECLAIMED, cltt: NOW - 500, validLifetime: 1 }),
    );
    t.same(
      addrs6(await m.getExpired(0, NOW)),
      [v6('2001:db8::1'), v6('2001:db8::2')].map((x) => x.toString('hex')),
    );
    t.equal(await m.deleteExpiredReclaimed(10, NOW), 1);
    t.same(statsView(await m.getStats(), b), [
      { subnetId: 1, type: 0, state: 0, count: 2 },
      { subnetId: 3, type: 2, state: 0, count: 1 },
    ]);
    t.same(statsView(await m.getStats(3), b), [{ subnetId: 3, type: 2, state: 0, count: 1 }]);
  });
}
