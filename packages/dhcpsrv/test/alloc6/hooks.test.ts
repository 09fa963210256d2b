// The lease6_* hook points beside their call sites: lease6_select SKIP and replacement, lease6_renew
// vs lease6_rebind chosen by the message (ia_na / ia_pd passed), lease6_release DROP, lease6_decline
// SKIP, lease6_expire seeing remove_lease and SKIP, lease6_recover SKIP keeping the declined lease.
// Also: an expired, unreclaimed lease renewed is reclaimed first and counted again.
import { NextStep } from '@kea-ts/hooks';
import t from 'tap';
import {
  LEASE_STATE_EXPIRED_RECLAIMED,
  lease6DeclineHook,
  lease6ExpireHook,
  lease6RebindHook,
  lease6RecoverHook,
  lease6ReleaseHook,
  lease6RenewHook,
  lease6SelectHook,
} from '../../src/index.js';
import { rig6, T0 } from './helpers6.js';

const cfg = {
  'preferred-lifetime': 30,
  'valid-lifetime': 40,
  subnet6: [
    {
      id: 1,
      subnet: '2001:db8:1::/64',
      pools: [{ pool: '2001:db8:1::/124' }],
      'pd-pools': [{ prefix: '2001:db8:8::', 'prefix-len': 56, 'delegated-len': 60 }],
    },
  ],
};

t.test('hook points: SKIP, DROP and replacement', async (t) => {
  const r = await rig6(cfg);
  const all = [
    lease6SelectHook,
    lease6RenewHook,
    lease6RebindHook,
    lease6ReleaseHook,
    lease6DeclineHook,
    lease6ExpireHook,
  ];
  t.teardown(() => {
    for (const p of all) p.callouts = null;
    lease6RecoverHook.callouts = null;
  });
  const seen: string[] = [];
  lease6SelectHook.callouts = [
    (h) => {
      seen.push(`select ${h.args.fake_allocation} ${h.args.subnet6.id}`);
      h.next = NextStep.SKIP;
    },
  ];
  const skipped = await r.engine.allocateLeases6(r.ctx(1));
  t.same(skipped.leases, []);
  t.equal(skipped.reason, 'lease selection skipped by a callout');
  t.same(seen, ['select false 1'], 'the search stops at the first SKIP');
  t.equal(r.leaseMgr.count(), 0);
  lease6SelectHook.callouts = [
    (h) => {
      h.args.lease6 = { ...h.args.lease6, hostname: 'from-callout' };
    },
  ];
  const a = (await r.engine.allocateLeases6(r.ctx(1))).leases[0]!;
  t.equal((await r.leaseMgr.get(0, a.address))?.hostname, 'from-callout');
  const p = (await r.engine.allocateLeases6(r.ctx(1, { type: 2 }))).leases[0]!;
  lease6SelectHook.callouts = null;

  const which: string[] = [];
  lease6RenewHook.callouts = [
    (h) => {
      which.push(`renew ${h.args.ia_na !== undefined ? 'ia_na' : 'ia_pd'}`);
      h.next = NextStep.SKIP;
    },
  ];
  lease6RebindHook.callouts = [
    (h) => {
      which.push(`rebind ${h.args.ia_pd !== undefined ? 'ia_pd' : 'ia_na'}`);
    },
  ];
  const ren = await r.engine.renewLeases6(r.ctx(1, { now: T0 + 10 }));
  t.equal(ren.leases[0]!.cltt, T0, 'lease6_renew SKIP: unchanged');
  t.equal((await r.leaseMgr.get(0, a.address))?.cltt, T0);
  const reb = await r.engine.renewLeases6(r.ctx(1, { type: 2, rebind: true, now: T0 + 10 }));
  t.equal(reb.leases[0]!.cltt, T0 + 10, 'lease6_rebind: extended');
  t.same(which, ['renew ia_na', 'rebind ia_pd']);

  lease6ReleaseHook.callouts = [
    (h) => {
      h.next = NextStep.DROP;
    },
  ];
  t.equal(await r.engine.releaseLease6(p), false, 'lease6_release DROP: kept');
  t.ok(await r.leaseMgr.get(2, p.address));
  lease6DeclineHook.callouts = [
    (h) => {
      h.next = NextStep.SKIP;
    },
  ];
  t.equal(await r.engine.declineLease6(a, 60), null, 'lease6_decline SKIP');
  t.equal(r.stat('declined-addresses'), 0);
  lease6DeclineHook.callouts = null;
  await r.engine.declineLease6(a, 60);
  lease6RecoverHook.callouts = [
    (h) => {
      h.next = NextStep.SKIP;
    },
  ];
  const flags: boolean[] = [];
  lease6ExpireHook.callouts = [
    (h) => {
      flags.push(h.args.remove_lease);
    },
  ];
  r.clock.now = T0 + 61;
  t.equal(await r.engine.reclaimExpiredLeases6(0, 0, true), 2, 'the declined address and the prefix');
  t.same(flags, [true, true]);
  t.equal(
    (await r.leaseMgr.get(0, a.address))?.state,
    LEASE_STATE_EXPIRED_RECLAIMED,
    'lease6_recover SKIP: kept',
  );
  t.equal(r.stat('declined-addresses'), 1, 'not counted as recovered');
  t.equal(await r.leaseMgr.get(2, p.address), null, 'the prefix removed');
  lease6ExpireHook.callouts = [
    (h) => {
      h.next = NextStep.SKIP;
    },
  ];
  const b = (await r.engine.allocateLeases6(r.ctx(2, { now: r.clock.now }))).leases[0]!;
  r.clock.now += 100;
  await r.engine.reclaimExpiredLeases6(0, 0, false);
  t.equal((await r.leaseMgr.get(0, b.address))?.state, 0, 'lease6_expire SKIP: the callout owns it');
});

t.test('renewing an expired, unreclaimed lease reclaims it first and counts it again', async (t) => {
  const r = await rig6(cfg);
  const a = (await r.engine.allocateLeases6(r.ctx(1))).leases[0]!;
  t.equal(r.stat('subnet[1].assigned-nas'), 1);
  r.clock.now = T0 + 100;
  const ren = await r.engine.renewLeases6(r.ctx(1, { now: r.clock.now }));
  t.equal(ren.leases[0]!.cltt, T0 + 100);
  t.equal(r.stat('subnet[1].assigned-nas'), 1, 'reclaimed (-1) then assigned again (+1)');
  t.equal(r.stat('reclaimed-leases'), 1);
  t.equal(r.stat('cumulative-assigned-nas'), 2);
  t.equal((await r.leaseMgr.get(0, a.address))?.cltt, T0 + 100);
});
