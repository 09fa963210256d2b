// The life of v6 leases after assignment: RELEASE deletes and frees (the address comes back next),
// DECLINE holds the address for the probation period with declined-addresses counted, reclamation
// recovers it (removed, reclaimed-declined-addresses), expired leases are reclaimed with or without
// removal, an expired-reclaimed lease is reused, hold-reclaimed-time deletes, statistics after each.
import t from 'tap';
import { LEASE_STATE_DECLINED, LEASE_STATE_EXPIRED_RECLAIMED } from '../../src/index.js';
import { ip6, rig6, T0, txt } from './helpers6.js';

const cfg = {
  'preferred-lifetime': 300,
  'valid-lifetime': 400,
  subnet6: [
    {
      id: 5,
      subnet: '2001:db8:5::/64',
      pools: [{ pool: '2001:db8:5::1 - 2001:db8:5::2' }],
      'pd-pools': [{ prefix: '2001:db8:50::', 'prefix-len': 63, 'delegated-len': 64 }],
    },
  ],
};

t.test('release frees an address and a prefix for the next client', async (t) => {
  const r = await rig6(cfg);
  const a = (await r.engine.allocateLeases6(r.ctx(1))).leases[0]!;
  const p = (await r.engine.allocateLeases6(r.ctx(1, { type: 2 }))).leases[0]!;
  await r.engine.allocateLeases6(r.ctx(2));
  await r.engine.allocateLeases6(r.ctx(2, { type: 2 }));
  t.equal(r.stat('subnet[5].assigned-nas'), 2);
  t.equal(r.stat('subnet[5].assigned-pds'), 2);
  t.ok(await r.engine.releaseLease6(a));
  t.ok(await r.engine.releaseLease6(p));
  t.notOk(await r.engine.releaseLease6(p), 'already gone');
  t.equal(r.stat('subnet[5].assigned-nas'), 1);
  t.equal(r.stat('subnet[5].assigned-pds'), 1);
  t.equal(r.leaseMgr.count(), 2);
  t.equal(
    txt((await r.engine.allocateLeases6(r.ctx(3))).leases[0]),
    txt(a),
    'the released address, from the free set',
  );
  t.equal(txt((await r.engine.allocateLeases6(r.ctx(3, { type: 2 }))).leases[0]), txt(p));
  t.equal(r.stat('cumulative-assigned-nas'), 3);
  t.equal(r.stat('cumulative-assigned-pds'), 3);
});

t.test('decline, probation, recovery by reclamation', async (t) => {
  const r = await rig6(cfg);
  const a = (await r.engine.allocateLeases6(r.ctx(1))).leases[0]!;
  const d = await r.engine.declineLease6(a, 86400);
  t.match(d, {
    state: LEASE_STATE_DECLINED,
    validLifetime: 86400,
    preferredLifetime: 0,
    hwaddr: null,
    hostname: '',
  });
  t.same(d!.duid, Buffer.from([0]), "Kea's empty DUID");
  t.equal(r.stat('declined-addresses'), 1);
  t.equal(r.stat('subnet[5].declined-addresses'), 1);
  t.equal(r.stat('subnet[5].assigned-nas'), 1, 'still counted as assigned during probation, as Kea');
  // The declined address is not handed out during probation.
  t.equal(txt((await r.engine.allocateLeases6(r.ctx(2))).leases[0]), '2001:db8:5::2/128');
  t.same((await r.engine.allocateLeases6(r.ctx(3))).leases, []);
  // A fresh rig recounts declined leases from the lease manager as Kea's recountLeaseStats6.
  await r.engine.initStatistics();
  t.equal(r.stat('subnet[5].declined-addresses'), 1);
  t.equal(r.stat('subnet[5].assigned-nas'), 2);
  r.clock.now = T0 + 86401;
  t.equal(await r.engine.reclaimExpiredLeases6(0, 0, false), 2, 'the declined and the expired one');
  t.equal(await r.leaseMgr.get(0, a.address), null, 'a recovered declined lease is removed');
  t.equal(r.stat('declined-addresses'), 0);
  t.equal(r.stat('subnet[5].declined-addresses'), 0);
  t.equal(r.stat('reclaimed-declined-addresses'), 1);
  t.equal(r.stat('subnet[5].reclaimed-declined-addresses'), 1);
  t.equal(r.stat('subnet[5].assigned-nas'), 0);
  t.equal(r.stat('reclaimed-leases'), 2);
  t.equal(r.stat('subnet[5].reclaimed-leases'), 2);
  t.equal((await r.leaseMgr.get(0, ip6('2001:db8:5::2')))?.state, LEASE_STATE_EXPIRED_RECLAIMED);
});

t.test('reclamation with removal, reuse of a reclaimed lease, hold-reclaimed-time', async (t) => {
  const r = await rig6(cfg);
  const p1 = (await r.engine.allocateLeases6(r.ctx(1, { type: 2 }))).leases[0]!;
  r.clock.now = T0 + 1;
  const p2 = (await r.engine.allocateLeases6(r.ctx(2, { type: 2, now: r.clock.now }))).leases[0]!;
  await r.engine.allocateLeases6(r.ctx(1, { now: r.clock.now }));
  r.clock.now = T0 + 402;
  t.equal(await r.engine.reclaimExpiredLeases6(1, 0, true), 1, 'limited to one, the soonest expired');
  t.equal(r.leaseMgr.count(), 2);
  t.equal(await r.leaseMgr.get(2, p1.address), null, 'removed');
  t.equal(await r.engine.reclaimExpiredLeases6(0, 0, false), 2);
  t.equal(r.stat('subnet[5].assigned-pds'), 0);
  t.equal(r.stat('subnet[5].assigned-nas'), 0);
  t.equal(r.stat('reclaimed-leases'), 3);
  // The client comes back: its expired-reclaimed lease is its own again (updateLeaseData) and counted.
  const back = await r.engine.allocateLeases6(r.ctx(1, { now: r.clock.now }));
  t.equal(txt(back.leases[0]), '2001:db8:5::1/128');
  t.equal(back.leases[0]!.state, 0);
  t.equal(r.stat('subnet[5].assigned-nas'), 1);
  // New clients: the removed prefix first (freed first), then the expired-reclaimed one taken over.
  const c3 = await r.engine.allocateLeases6(r.ctx(3, { type: 2, now: r.clock.now }));
  t.equal(txt(c3.leases[0]), txt(p1));
  t.equal(c3.oldLeases, undefined);
  const c4 = await r.engine.allocateLeases6(r.ctx(4, { type: 2, now: r.clock.now }));
  t.equal(txt(c4.leases[0]), txt(p2));
  t.equal(c4.oldLeases?.length, 1, 'the previous owner is reported');
  t.same(c4.oldLeases?.[0]?.duid, r.ctx(2).duid);
  t.same(c4.leases[0]!.duid, r.ctx(4).duid);
  t.equal(r.stat('subnet[5].assigned-pds'), 2);
  t.equal(r.stat('cumulative-assigned-pds'), 4);
  r.clock.now = T0 + 10000;
  t.equal(await r.engine.deleteExpiredReclaimedLeases6(3600), 0, 'the live ones stay');
  t.equal(await r.engine.reclaimExpiredLeases6(0, 0, false), 3);
  r.clock.now = T0 + 20000;
  t.equal(await r.engine.deleteExpiredReclaimedLeases6(3600), 3);
  t.equal(r.leaseMgr.count(), 0);
});
