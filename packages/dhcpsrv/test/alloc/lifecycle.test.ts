// What happens to an address after it is assigned: RELEASE (deleted, as Kea 2.2), DECLINE
// (probation, then recovered by reclamation and handed out again), expiry and reclamation with
// and without removal, hold-reclaimed-time, and the statistics after each step.
import t from 'tap';
import { LEASE_STATE_DECLINED, LEASE_STATE_EXPIRED_RECLAIMED } from '../../src/index.js';
import { ip, rig } from './helpers.js';

const cfg = {
  'valid-lifetime': 100,
  subnet4: [{ id: 1, subnet: '10.0.0.0/24', pools: [{ pool: '10.0.0.10 - 10.0.0.12' }] }],
};

t.test('release deletes the lease and frees the address for the next client', async (t) => {
  const r = await rig(cfg);
  const a = (await r.engine.allocateLease4(r.ctx(1))).lease!;
  for (const m of [2, 3]) await r.engine.allocateLease4(r.ctx(m));
  t.equal(r.stat('subnet[1].assigned-addresses'), 3);
  t.equal(await r.engine.releaseLease4(a), true);
  t.equal(await r.leaseMgr.get(a.address), null, 'Kea 2.2 deletes a released lease');
  t.equal(r.stat('subnet[1].assigned-addresses'), 2);
  t.equal(await r.engine.releaseLease4(a), false, 'a second release finds nothing');
  t.equal(r.stat('subnet[1].assigned-addresses'), 2);
  const next = await r.engine.allocateLease4(r.ctx(4));
  t.equal(next.lease?.address, a.address, 'the released address comes from the free set');
});

t.test('decline: probation, then recovery by reclamation, then reuse', async (t) => {
  const r = await rig(cfg);
  const a = (await r.engine.allocateLease4(r.ctx(1))).lease!;
  const declined = await r.engine.declineLease4(a, 50);
  t.equal(declined?.state, LEASE_STATE_DECLINED);
  const stored = (await r.leaseMgr.get(a.address))!;
  t.equal(stored.state, LEASE_STATE_DECLINED);
  t.equal(stored.validLifetime, 50);
  t.equal(stored.clientId, null);
  t.equal(stored.hwaddr?.length, 0, 'identifiers cleared');
  t.equal(stored.hostname, '');
  t.equal(r.stat('subnet[1].declined-addresses'), 1);
  t.equal(r.stat('declined-addresses'), 1);
  t.equal(r.stat('subnet[1].assigned-addresses'), 1, 'still counted as assigned (Kea)');

  // During probation the address is not offered, even when asked for.
  for (const m of [2, 3]) await r.engine.allocateLease4(r.ctx(m));
  const during = await r.engine.allocateLease4(
    r.ctx(4, { requestedAddress: a.address, fakeAllocation: true }),
  );
  t.equal(during.lease, null, 'pool full while the declined address is on probation');
  t.equal(await r.engine.reclaimExpiredLeases4(0, 0, false), 0, 'nothing expired yet');

  r.clock.now += 51;
  t.equal(await r.engine.reclaimExpiredLeases4(0, 0, false), 1);
  t.equal(await r.leaseMgr.get(a.address), null, 'a recovered declined lease is removed');
  t.equal(r.stat('subnet[1].declined-addresses'), 0);
  t.equal(r.stat('declined-addresses'), 0);
  t.equal(r.stat('reclaimed-declined-addresses'), 1);
  t.equal(r.stat('subnet[1].reclaimed-declined-addresses'), 1);
  t.equal(r.stat('subnet[1].reclaimed-leases'), 1);
  t.equal(r.stat('subnet[1].assigned-addresses'), 2, 'recovery ends the declined address assignment');
  const after = await r.engine.allocateLease4(r.ctx(4));
  t.equal(after.lease?.address, a.address, 'the recovered address is handed out again');
  t.equal(r.stat('subnet[1].assigned-addresses'), 3);
});

t.test('expired declined address is reused directly by allocation (no reclamation run)', async (t) => {
  const r = await rig(cfg);
  const a = (await r.engine.allocateLease4(r.ctx(1, { requestedAddress: ip('10.0.0.11') }))).lease!;
  await r.engine.declineLease4(a, 10);
  r.clock.now += 11;
  const res = await r.engine.allocateLease4(r.ctx(2, { requestedAddress: a.address, now: r.clock.now }));
  t.equal(res.lease?.address, a.address);
  t.equal(res.oldLease?.state, LEASE_STATE_DECLINED);
  t.equal(r.stat('declined-addresses'), 0, 'recovered on reuse');
  t.equal(r.stat('reclaimed-declined-addresses'), 1);
  t.equal(r.stat('subnet[1].assigned-addresses'), 1, '-1 reclaimed, +1 assigned');
  t.equal(r.stat('cumulative-assigned-addresses'), 2);
});

t.test('reclamation keeps expired-reclaimed leases, then hold-reclaimed-time removes them', async (t) => {
  const r = await rig(cfg);
  for (const m of [1, 2, 3]) await r.engine.allocateLease4(r.ctx(m, { hostname: `h${m}`, fqdnFwd: true }));
  r.clock.now += 101;
  t.equal(await r.engine.reclaimExpiredLeases4(2, 0, false), 2, 'max-reclaim-leases honoured');
  t.equal(await r.engine.reclaimExpiredLeases4(2, 0, false), 1, 'the rest in the next pass');
  const l = (await r.leaseMgr.get(ip('10.0.0.10')))!;
  t.equal(l.state, LEASE_STATE_EXPIRED_RECLAIMED);
  t.equal(l.hostname, '', 'DNS data cleared');
  t.equal(l.fqdnFwd, false);
  t.equal(r.stat('subnet[1].assigned-addresses'), 0);
  t.equal(r.stat('reclaimed-leases'), 3);
  t.equal(r.stat('subnet[1].reclaimed-leases'), 3);
  t.equal(await r.engine.reclaimExpiredLeases4(0, 0, false), 0, 'reclaimed leases are not reclaimed twice');

  // The same client comes back: its reclaimed lease is taken up again and counted as assigned.
  const back = await r.engine.allocateLease4(r.ctx(1, { now: r.clock.now }));
  t.equal(back.lease?.address, ip('10.0.0.10'));
  t.equal(r.stat('subnet[1].assigned-addresses'), 1);

  t.equal(await r.engine.deleteExpiredReclaimedLeases4(3600), 0, 'held for hold-reclaimed-time');
  r.clock.now += 3600;
  t.equal(await r.engine.deleteExpiredReclaimedLeases4(3600), 2, 'then purged');
  t.equal(r.leaseMgr.count(), 1);
});

t.test('reclamation with removal (flush-reclaimed-timer-wait-time 0)', async (t) => {
  const r = await rig(cfg);
  for (const m of [1, 2, 3]) await r.engine.allocateLease4(r.ctx(m));
  r.clock.now += 101;
  t.equal(await r.engine.reclaimExpiredLeases4(0, 0, true), 3);
  t.equal(r.leaseMgr.count(), 0);
  t.equal(r.stat('subnet[1].assigned-addresses'), 0);
  t.equal(r.stat('reclaimed-leases'), 3);
  const next = await r.engine.allocateLease4(r.ctx(9, { now: r.clock.now }));
  t.ok(next.lease, 'freed addresses are allocatable');
});

t.test('an expired lease of another client is taken over without reclamation', async (t) => {
  const r = await rig(cfg);
  for (const m of [1, 2, 3]) await r.engine.allocateLease4(r.ctx(m));
  r.clock.now += 101;
  const res = await r.engine.allocateLease4(r.ctx(4, { now: r.clock.now }));
  t.ok(res.lease, 'pool full of expired leases: one is reused');
  t.equal(res.oldLease?.address, res.lease?.address);
  t.same(res.oldLease?.hwaddr?.length, 6);
  t.equal(r.stat('subnet[1].assigned-addresses'), 3, 'reclaimed (-1) and reassigned (+1)');
  t.equal(r.stat('reclaimed-leases'), 1);
});
