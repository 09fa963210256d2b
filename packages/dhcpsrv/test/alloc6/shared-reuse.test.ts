// Shared networks (the next subnet when one is full, the client's lease found in a sibling, the
// shared-network failure counters) and cache-threshold reuse on REQUEST and RENEW.
import t from 'tap';
import { ip6, rig6, T0, txt } from './helpers6.js';

const shared = {
  'shared-networks': [
    {
      name: 'net',
      subnet6: [
        { id: 1, subnet: '2001:db8:1::/64', pools: [{ pool: '2001:db8:1::1 - 2001:db8:1::1' }] },
        { id: 2, subnet: '2001:db8:2::/64', pools: [{ pool: '2001:db8:2::1 - 2001:db8:2::1' }] },
      ],
    },
  ],
};

t.test('shared network: fall-through to the sibling, existing lease found there', async (t) => {
  const r = await rig6(shared);
  const a = await r.engine.allocateLeases6(r.ctx(1, { subnetId: 1 }));
  t.equal(txt(a.leases[0]), '2001:db8:1::1/128');
  const b = await r.engine.allocateLeases6(r.ctx(2, { subnetId: 1 }));
  t.equal(txt(b.leases[0]), '2001:db8:2::1/128');
  t.equal(b.subnet?.id, 2);
  t.equal(r.stat('subnet[2].assigned-nas'), 1);
  const again = await r.engine.renewLeases6(r.ctx(2, { subnetId: 1 }));
  t.equal(txt(again.leases[0]), '2001:db8:2::1/128', 'renewal finds the lease in the sibling');
  t.equal(again.subnet?.id, 2);
  const none = await r.engine.allocateLeases6(r.ctx(3, { subnetId: 2 }));
  t.same(none.leases, []);
  t.equal(r.stat('v6-allocation-fail-shared-network'), 1);
  t.equal(r.stat('v6-allocation-fail'), 1);
  t.equal(r.stat('v6-allocation-fail-subnet'), 0);
  // A hint in the sibling's pool is honoured through the network.
  await r.engine.releaseLease6((await r.leaseMgr.get(0, ip6('2001:db8:2::1')))!);
  const h = await r.engine.allocateLeases6(
    r.ctx(4, { subnetId: 1, hints: [{ address: ip6('2001:db8:2::1'), prefixLen: 128 }] }),
  );
  t.equal(h.subnet?.id, 2);
});

t.test('cache-threshold: REQUEST and RENEW within the threshold write nothing', async (t) => {
  const r = await rig6({
    'cache-threshold': 0.25,
    'preferred-lifetime': 800,
    'valid-lifetime': 1000,
    subnet6: [{ id: 1, subnet: '2001:db8:1::/64', pools: [{ pool: '2001:db8:1::/120' }] }],
  });
  const first = (await r.engine.allocateLeases6(r.ctx(1))).leases[0]!;
  r.clock.now = T0 + 100;
  const req = await r.engine.allocateLeases6(r.ctx(1, { now: r.clock.now }));
  t.equal(req.reused?.length, 1);
  t.match(req.leases[0], { cltt: T0 + 100, preferredLifetime: 700, validLifetime: 900 });
  t.equal((await r.leaseMgr.get(0, first.address))?.cltt, T0, 'not written');
  const ren = await r.engine.renewLeases6(r.ctx(1, { now: r.clock.now }));
  t.equal(ren.reused?.length, 1);
  t.match(ren.leases[0], { preferredLifetime: 700, validLifetime: 900 });
  r.clock.now = T0 + 300;
  const late = await r.engine.renewLeases6(r.ctx(1, { now: r.clock.now }));
  t.equal(late.reused, undefined, 'past 25% of the lifetime: extended');
  t.match(late.leases[0], { cltt: T0 + 300, preferredLifetime: 800, validLifetime: 1000 });
  t.equal((await r.leaseMgr.get(0, first.address))?.cltt, T0 + 300);
  // A changed host name is a change: written even within the threshold.
  r.clock.now = T0 + 310;
  const named = await r.engine.renewLeases6(r.ctx(1, { now: r.clock.now, hostname: 'h.example.' }));
  t.equal(named.reused, undefined);
  t.equal((await r.leaseMgr.get(0, first.address))?.hostname, 'h.example.');
});
