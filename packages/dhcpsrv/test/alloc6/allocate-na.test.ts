// IA_NA allocation and renewal: pool order, hints inside and outside pools, SOLICIT storing nothing,
// REQUEST storing and counting, the client's existing lease kept, lifetimes from hints clamped to
// min/max, renewal with a lifetime hint, exhaustion with v6-allocation-fail counted, and the statistics.
import t from 'tap';
import { ip6, rig6, T0, txt } from './helpers6.js';

const cfg = {
  'preferred-lifetime': 3000,
  'valid-lifetime': 4000,
  'min-valid-lifetime': 2000,
  'max-valid-lifetime': 6000,
  'min-preferred-lifetime': 1000,
  'max-preferred-lifetime': 5000,
  subnet6: [{ id: 1, subnet: '2001:db8:1::/64', pools: [{ pool: '2001:db8:1::10 - 2001:db8:1::13' }] }],
};

t.test('SOLICIT offers, REQUEST assigns the first pool address and counts it', async (t) => {
  const r = await rig6(cfg);
  t.equal(r.stat('subnet[1].total-nas'), 4);
  t.equal(r.stat('subnet[1].total-pds'), 0);
  t.equal(r.stat('subnet[1].assigned-nas'), 0);
  t.equal(r.stat('cumulative-assigned-nas'), 0);
  const offer = await r.engine.allocateLeases6(r.ctx(1, { fakeAllocation: true }));
  t.equal(txt(offer.leases[0]), '2001:db8:1::10/128');
  t.equal(r.leaseMgr.count(), 0, 'an offer stores nothing');
  t.equal(r.stat('subnet[1].assigned-nas'), 0);
  const res = await r.engine.allocateLeases6(r.ctx(1));
  t.equal(res.subnet?.id, 1);
  const l = res.leases[0]!;
  t.equal(txt(l), '2001:db8:1::11/128', 'the cursor moved past the offered address, as Kea iterates');
  t.match(l, { iaid: 1, preferredLifetime: 3000, validLifetime: 4000, cltt: T0, subnetId: 1, type: 0 });
  t.equal(r.stat('subnet[1].assigned-nas'), 1);
  t.equal(r.stat('subnet[1].cumulative-assigned-nas'), 1);
  t.equal(r.stat('cumulative-assigned-nas'), 1);
  // The same IA asks again: its lease is kept (REQUEST after SOLICIT), nothing new is counted.
  r.clock.now += 10;
  const again = await r.engine.allocateLeases6(r.ctx(1, { now: r.clock.now }));
  t.equal(txt(again.leases[0]), '2001:db8:1::11/128');
  t.equal(again.leases[0]!.cltt, T0 + 10);
  t.equal(r.stat('subnet[1].assigned-nas'), 1);
  t.equal((await r.leaseMgr.get(0, ip6('2001:db8:1::11')))?.cltt, T0 + 10, 'stored with the new cltt');
});

t.test('hints: free in-pool hint honoured, out-of-pool hint ignored, lifetimes clamped', async (t) => {
  const r = await rig6(cfg);
  const a = await r.engine.allocateLeases6(
    r.ctx(1, { hints: [{ address: ip6('2001:db8:1::13'), prefixLen: 128, preferred: 10, valid: 99999 }] }),
  );
  t.equal(txt(a.leases[0]), '2001:db8:1::13/128');
  t.equal(a.leases[0]!.preferredLifetime, 1000, 'preferred hint raised to min-preferred-lifetime');
  t.equal(a.leases[0]!.validLifetime, 6000, 'valid hint lowered to max-valid-lifetime');
  const b = await r.engine.allocateLeases6(
    r.ctx(2, { hints: [{ address: ip6('2001:db8:1::99'), prefixLen: 128, preferred: 4000, valid: 5000 }] }),
  );
  t.equal(txt(b.leases[0]), '2001:db8:1::10/128', 'outside the pool: a pool address instead');
  t.equal(b.leases[0]!.preferredLifetime, 4000, 'in-range hints kept');
  t.equal(b.leases[0]!.validLifetime, 5000);
  // A hint naming another client's address: not given, the next free one is.
  const c = await r.engine.allocateLeases6(
    r.ctx(3, { hints: [{ address: ip6('2001:db8:1::13'), prefixLen: 128 }] }),
  );
  t.equal(txt(c.leases[0]), '2001:db8:1::11/128');
});

t.test('renewal extends with clamped hints; exhaustion counts v6-allocation-fail', async (t) => {
  const r = await rig6(cfg);
  for (let i = 1; i <= 4; i++) t.equal((await r.engine.allocateLeases6(r.ctx(i))).leases.length, 1);
  t.equal(r.stat('subnet[1].assigned-nas'), 4);
  const none = await r.engine.allocateLeases6(r.ctx(5));
  t.same(none.leases, []);
  t.equal(none.reason, 'no address available');
  t.equal(r.stat('subnet[1].v6-allocation-fail'), 1);
  t.equal(r.stat('v6-allocation-fail'), 1);
  t.equal(r.stat('v6-allocation-fail-subnet'), 1);
  t.equal(r.stat('subnet[1].v6-allocation-fail-subnet'), 1);
  r.clock.now = T0 + 1000;
  const ren = await r.engine.renewLeases6(
    r.ctx(2, {
      now: r.clock.now,
      hints: [{ address: ip6('2001:db8:1::11'), prefixLen: 128, preferred: 1, valid: 1 }],
    }),
  );
  t.equal(txt(ren.leases[0]), '2001:db8:1::11/128');
  t.match(ren.leases[0], { cltt: T0 + 1000, preferredLifetime: 1000, validLifetime: 2000 });
  const stored = await r.leaseMgr.get(0, ip6('2001:db8:1::11'));
  t.match(stored, { cltt: T0 + 1000, preferredLifetime: 1000, validLifetime: 2000 });
  t.equal(r.stat('subnet[1].assigned-nas'), 4, 'renewal counts nothing');
  // A renewing client without a binding gets a new lease when one is free (Kea's renewLeases6).
  const fresh = await r.engine.renewLeases6(r.ctx(9, { now: r.clock.now }));
  t.same(fresh.leases, [], 'pool full: nothing');
});
