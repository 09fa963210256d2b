// The v6 memfile manager: address + type lookups, DUID / IAID / type lookups, NA/PD counters,
// expiration and a reload from its own file.
import { join } from 'node:path';
import t from 'tap';
import { type Lease6, MemfileLeaseMgr6, makeLease6 } from '../src/index.js';

const NOW = 1_800_000_000;

function lease(n: number, extra: Partial<Lease6> = {}): Lease6 {
  const address = Buffer.from('20010db8000100000000000000000000', 'hex');
  address[15] = n;
  return makeLease6({
    address,
    iaid: 100 + (n % 2),
    duid: Buffer.from([0, 3, 0, 1, 2, n % 3]),
    preferredLifetime: 300,
    validLifetime: 600,
    cltt: NOW - 10,
    subnetId: 1,
    ...extra,
  });
}

t.test('lookups, counters, expiration and reload', async (t) => {
  const name = join(t.testdir(), 'l6.csv');
  const mgr = await MemfileLeaseMgr6.open({ name, 'lfc-interval': 0, clock: () => NOW });
  for (let i = 1; i <= 9; i++) {
    await mgr.add(lease(i, i % 3 === 0 ? { type: 2, prefixLen: 64, subnetId: 2 } : {}));
  }
  t.equal((await mgr.get(0, lease(1).address))?.iaid, 101);
  t.equal(await mgr.get(2, lease(1).address), null, 'type must match');
  t.equal((await mgr.get(2, lease(3).address))?.prefixLen, 64);
  t.same(
    (await mgr.getByDuidIaid(0, Buffer.from([0, 3, 0, 1, 2, 1]), 101)).map((l) => l.address[15]),
    [1, 7],
  );
  t.equal((await mgr.getByDuidIaid(0, Buffer.from([0, 3, 0, 1, 2, 1]), 101, 2)).length, 0);
  t.equal((await mgr.getByDuid(Buffer.from([0, 3, 0, 1, 2, 0]))).length, 3);
  t.same(await mgr.getStats(), [
    { subnetId: 1, type: 0, state: 0, count: 6 },
    { subnetId: 2, type: 2, state: 0, count: 3 },
  ]);
  await mgr.update({ ...(await mgr.get(0, lease(2).address))!, cltt: NOW - 1000, state: 1 });
  t.same(
    (await mgr.getExpired(0)).map((l) => l.address[15]),
    [2],
  );
  t.same(
    (await mgr.getPage(lease(4).address, 2)).map((l) => l.address[15]),
    [5, 6],
  );
  t.equal(await mgr.wipe(2), 3);
  await mgr.close();
  const again = await MemfileLeaseMgr6.open({ name, 'lfc-interval': 0, clock: () => NOW });
  t.teardown(() => again.close());
  t.equal(again.count(), 6);
  t.same(await again.get(0, lease(2).address), { ...lease(2), cltt: NOW - 1000, state: 1 });
  await t.rejects(again.add(lease(50, { duid: Buffer.from([0]) })), { code: 'KEA_ERR_DHCPSRV_BAD_LEASE' });
  t.equal(
    await again.add(lease(51, { duid: Buffer.from([0]), state: 1 })),
    true,
    'declined may have the empty DUID',
  );
});
