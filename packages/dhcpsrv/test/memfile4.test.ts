// The v4 memfile manager: lookups by every index, updates keep indexes right, expiration order,
// counters, wipe, pages, persistence through a reload, persist false.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { type Lease4, MemfileLeaseMgr4, makeLease4 } from '../src/index.js';

const NOW = 1_800_000_000;
const HEADER =
  'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context';

function lease(n: number, extra: Partial<Lease4> = {}): Lease4 {
  return makeLease4({
    address: 0xc0000200 + n,
    hwaddr: Buffer.from([0x1a, 0, 0, 0, 0, n]),
    clientId: Buffer.from([1, n]),
    validLifetime: 3600,
    cltt: NOW - 100,
    subnetId: 1 + (n % 2),
    ...extra,
  });
}

t.test('add, get by each index, update re-indexes, delete', async (t) => {
  const dir = t.testdir();
  const name = join(dir, 'l4.csv');
  const mgr = await MemfileLeaseMgr4.open({ name, 'lfc-interval': 0, clock: () => NOW });
  t.teardown(() => mgr.close());
  t.equal(await mgr.add(lease(1, { hostname: 'one' })), true);
  t.equal(await mgr.add(lease(1)), false, 'address taken');
  await mgr.add(lease(2));
  const got = await mgr.get(0xc0000201);
  t.equal(got?.hostname, 'one');
  t.ok(Object.isFrozen(got), 'stored leases are read-only snapshots');
  t.equal((await mgr.getByHwAddr(Buffer.from([0x1a, 0, 0, 0, 0, 1])))[0]?.address, 0xc0000201);
  t.equal((await mgr.getByHwAddr(Buffer.from([0x1a, 0, 0, 0, 0, 1]), 1)).length, 0, 'other subnet');
  t.equal((await mgr.getByClientId(Buffer.from([1, 2])))[0]?.address, 0xc0000202);
  t.equal((await mgr.getByHostname('one')).length, 1);
  await mgr.update({ ...got!, hwaddr: Buffer.from([0xaa, 0xbb]), hostname: 'uno' });
  t.equal((await mgr.getByHwAddr(Buffer.from([0x1a, 0, 0, 0, 0, 1]))).length, 0, 'old hwaddr unindexed');
  t.equal((await mgr.getByHwAddr(Buffer.from([0xaa, 0xbb])))[0]?.hostname, 'uno');
  t.equal((await mgr.getByHostname('one')).length, 0);
  await t.rejects(mgr.update(lease(9)), { code: 'KEA_ERR_DHCPSRV_NO_SUCH_LEASE' });
  await t.rejects(mgr.add(makeLease4({ address: 5, validLifetime: 9 })), {
    code: 'KEA_ERR_DHCPSRV_BAD_LEASE',
  });
  t.equal(await mgr.delete(lease(2)), true);
  t.equal(await mgr.delete(lease(2)), false);
  t.equal(await mgr.get(0xc0000202), null);
  t.equal(mgr.count(), 1);
  await mgr.close();
  const lines = readFileSync(name, 'utf8').trimEnd().split('\n');
  t.equal(lines[0], HEADER);
  t.equal(lines.length, 5, 'header + add + add + update + delete');
  t.match(lines[4], /^192\.0\.2\.2,1a:00:00:00:00:02,01:02,0,1799999900,1,0,0,,0,$/);

  const again = await MemfileLeaseMgr4.open({ name, 'lfc-interval': 0, clock: () => NOW });
  t.teardown(() => again.close());
  t.equal(again.count(), 1);
  t.same(await again.get(0xc0000201), { ...got, hwaddr: Buffer.from([0xaa, 0xbb]), hostname: 'uno' });
});

t.test('expired leases come soonest first, reclaimed ones are left for deleteExpiredReclaimed', async (t) => {
  const mgr = await MemfileLeaseMgr4.open({ persist: false, clock: () => NOW });
  t.teardown(() => mgr.close());
  for (let i = 1; i <= 6; i++) await mgr.add(lease(i, { cltt: NOW - 4000 - i * 10 }));
  await mgr.add(lease(7)); // not expired
  await mgr.add(lease(8, { cltt: NOW - 3600 })); // expire == now counts, as Kea's upper_bound
  const exp = await mgr.getExpired(3);
  t.same(
    exp.map((l) => l.address & 0xff),
    [6, 5, 4],
  );
  t.same(
    (await mgr.getExpired(0)).map((l) => l.address & 0xff),
    [6, 5, 4, 3, 2, 1, 8],
    'unchanged by the first call',
  );
  // Renewing one and reclaiming another takes them out.
  await mgr.update({ ...exp[0]!, cltt: NOW });
  await mgr.update({ ...exp[1]!, state: 2 });
  t.same(
    (await mgr.getExpired(0)).map((l) => l.address & 0xff),
    [4, 3, 2, 1, 8],
  );
  t.equal(await mgr.deleteExpiredReclaimed(100), 1);
  t.equal(await mgr.get(exp[1]!.address), null);
  t.equal(await mgr.deleteExpiredReclaimed(0), 0);
});

t.test('counters per subnet and state follow every change', async (t) => {
  const mgr = await MemfileLeaseMgr4.open({ persist: false });
  t.teardown(() => mgr.close());
  for (let i = 1; i <= 5; i++) await mgr.add(lease(i));
  await mgr.update({ ...(await mgr.get(0xc0000201))!, state: 1 });
  t.same(await mgr.getStats(), [
    { subnetId: 1, type: 0, state: 0, count: 2 },
    { subnetId: 2, type: 0, state: 0, count: 2 },
    { subnetId: 2, type: 0, state: 1, count: 1 },
  ]);
  t.same(await mgr.getStats(1), [{ subnetId: 1, type: 0, state: 0, count: 2 }]);
  t.equal(await mgr.wipe(2), 3);
  t.same(await mgr.getStats(2), []);
  t.equal(mgr.count(), 2);
});

t.test('getAll and getPage walk addresses in order', async (t) => {
  const mgr = await MemfileLeaseMgr4.open({ persist: false });
  t.teardown(() => mgr.close());
  for (const i of [9, 3, 7, 1, 5]) await mgr.add(lease(i));
  t.same(
    (await mgr.getAll()).map((l) => l.address & 0xff),
    [1, 3, 5, 7, 9],
  );
  t.same(
    (await mgr.getPage(null, 2)).map((l) => l.address & 0xff),
    [1, 3],
  );
  t.same(
    (await mgr.getPage(0xc0000203, 2)).map((l) => l.address & 0xff),
    [5, 7],
  );
  await mgr.update({ ...(await mgr.get(0xc0000205))!, hostname: 'new' });
  t.equal((await mgr.getPage(0xc0000203, 1))[0]?.hostname, 'new', 'pages see updates');
  t.same(
    (await mgr.getBySubnet(2)).map((l) => l.address & 0xff),
    [1, 3, 5, 7, 9],
  );
});

t.test('persist false writes no file; bad parameters are refused', async (t) => {
  const dir = t.testdir();
  const mgr = await MemfileLeaseMgr4.open({ persist: 'false', name: join(dir, 'x.csv') });
  await mgr.add(makeLease4({ address: 1, validLifetime: 9 }));
  t.equal(mgr.fileName, null);
  await mgr.close();
  t.throws(() => readFileSync(join(dir, 'x.csv')));
  await t.rejects(MemfileLeaseMgr4.open({ persist: 'yes' }), { code: 'KEA_ERR_DHCPSRV_BAD_PARAMETER' });
  await t.rejects(MemfileLeaseMgr4.open({ persist: false, 'lfc-interval': '-1' }), {
    code: 'KEA_ERR_DHCPSRV_BAD_PARAMETER',
  });
});
