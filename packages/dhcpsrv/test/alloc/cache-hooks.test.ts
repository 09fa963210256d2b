// cache-threshold / cache-max-age lease reuse, pool exhaustion statistics, and the hook points:
// lease4_select SKIP (nothing stored, the search stops), lease4_renew SKIP (lease unchanged),
// lease4_release / lease4_decline SKIP, lease4_expire SKIP and lease4_recover SKIP.
import { NextStep } from '@kea-ts/hooks';
import t from 'tap';
import {
  LEASE_STATE_EXPIRED_RECLAIMED,
  lease4DeclineHook,
  lease4ExpireHook,
  lease4RecoverHook,
  lease4ReleaseHook,
  lease4RenewHook,
  lease4SelectHook,
} from '../../src/index.js';
import { ip, rig, T0 } from './helpers.js';

const one = (extra: Record<string, unknown> = {}) => ({
  'valid-lifetime': 1000,
  subnet4: [{ id: 1, subnet: '10.0.0.0/24', pools: [{ pool: '10.0.0.10 - 10.0.0.11' }], ...extra }],
});

t.test('cache-threshold: a renewal within the threshold reuses the lease unchanged', async (t) => {
  const r = await rig(one({ 'cache-threshold': 0.25 }));
  await r.engine.allocateLease4(r.ctx(1));
  r.clock.now = T0 + 200;
  const res = await r.engine.allocateLease4(
    r.ctx(1, { requestedAddress: ip('10.0.0.10'), now: r.clock.now }),
  );
  t.equal(res.reused, true);
  t.equal(res.lease?.validLifetime, 800, 'the client is told what is left');
  t.equal((await r.leaseMgr.get(ip('10.0.0.10')))?.cltt, T0, 'nothing written');
  r.clock.now = T0 + 300;
  const late = await r.engine.allocateLease4(
    r.ctx(1, { requestedAddress: ip('10.0.0.10'), now: r.clock.now }),
  );
  t.equal(late.reused, undefined, 'past the threshold: renewed');
  t.equal((await r.leaseMgr.get(ip('10.0.0.10')))?.cltt, T0 + 300);
  const changed = await r.engine.allocateLease4(
    r.ctx(1, { requestedAddress: ip('10.0.0.10'), hostname: 'new', now: r.clock.now + 1 }),
  );
  t.equal(changed.reused, undefined, 'a changed hostname is a significant change');
});

t.test('cache-max-age limits reuse by age', async (t) => {
  const r = await rig(one({ 'cache-max-age': 100 }));
  await r.engine.allocateLease4(r.ctx(1));
  const soon = await r.engine.allocateLease4(r.ctx(1, { fakeAllocation: true, now: T0 + 50 }));
  t.equal(soon.reused, true, 'offers reuse too');
  t.equal(soon.lease?.validLifetime, 950);
  const later = await r.engine.allocateLease4(r.ctx(1, { requestedAddress: ip('10.0.0.10'), now: T0 + 101 }));
  t.equal(later.reused, undefined);
});

t.test('pool exhaustion counts v4-allocation-fail and -subnet', async (t) => {
  const r = await rig(one());
  await r.engine.allocateLease4(r.ctx(1));
  await r.engine.allocateLease4(r.ctx(2));
  const res = await r.engine.allocateLease4(r.ctx(3));
  t.equal(res.lease, null);
  t.ok(res.reason);
  t.equal(r.stat('v4-allocation-fail'), 1);
  t.equal(r.stat('subnet[1].v4-allocation-fail'), 1);
  t.equal(r.stat('v4-allocation-fail-subnet'), 1);
  t.equal(r.stat('subnet[1].v4-allocation-fail-subnet'), 1);
  const noPools = await rig({ subnet4: [{ id: 7, subnet: '10.9.0.0/24' }] });
  t.equal((await noPools.engine.allocateLease4(noPools.ctx(1))).lease, null);
  t.equal(noPools.stat('v4-allocation-fail-no-pools'), 1);
  t.equal(noPools.stat('subnet[7].v4-allocation-fail-no-pools'), 1);
  t.equal(noPools.stat('v4-allocation-fail'), 0);
});

t.test('hook points: SKIP semantics', async (t) => {
  const r = await rig(one());
  t.teardown(() => {
    for (const p of [
      lease4SelectHook,
      lease4RenewHook,
      lease4ReleaseHook,
      lease4DeclineHook,
      lease4ExpireHook,
    ]) {
      p.callouts = null;
    }
    lease4RecoverHook.callouts = null;
  });
  const seen: string[] = [];
  lease4SelectHook.callouts = [
    (h) => {
      seen.push(`select ${h.args.fake_allocation}`);
      h.next = NextStep.SKIP;
    },
  ];
  const skipped = await r.engine.allocateLease4(r.ctx(1));
  t.equal(skipped.lease, null, 'lease4_select SKIP: no lease');
  t.equal(r.leaseMgr.count(), 0, 'and nothing stored');
  t.same(seen, ['select false'], 'the search stops at the first SKIP');
  lease4SelectHook.callouts = [
    (h) => {
      h.args.lease4 = { ...h.args.lease4, hostname: 'from-callout' };
    },
  ];
  const a = (await r.engine.allocateLease4(r.ctx(1))).lease!;
  t.equal((await r.leaseMgr.get(a.address))?.hostname, 'from-callout', 'a callout may replace the lease');

  lease4RenewHook.callouts = [
    (h) => {
      h.next = NextStep.SKIP;
    },
  ];
  const renew = await r.engine.allocateLease4(r.ctx(1, { requestedAddress: a.address, now: T0 + 10 }));
  t.equal(renew.lease?.cltt, T0, 'lease4_renew SKIP: the lease stays as it was');
  t.equal((await r.leaseMgr.get(a.address))?.cltt, T0);

  lease4ReleaseHook.callouts = [
    (h) => {
      h.next = NextStep.DROP;
    },
  ];
  t.equal(await r.engine.releaseLease4(a), false, 'lease4_release DROP: kept');
  t.ok(await r.leaseMgr.get(a.address));
  lease4DeclineHook.callouts = [
    (h) => {
      h.next = NextStep.SKIP;
    },
  ];
  t.equal(await r.engine.declineLease4(a, 60), null, 'lease4_decline SKIP: not declined');
  t.equal(r.stat('declined-addresses'), 0);
  lease4DeclineHook.callouts = null;
  await r.engine.declineLease4(a, 60);

  lease4RecoverHook.callouts = [
    (h) => {
      h.next = NextStep.SKIP;
    },
  ];
  let removeFlag: boolean | undefined;
  lease4ExpireHook.callouts = [
    (h) => {
      removeFlag = h.args.remove_lease;
    },
  ];
  r.clock.now = T0 + 61;
  t.equal(await r.engine.reclaimExpiredLeases4(0, 0, true), 1);
  t.equal(removeFlag, true, 'lease4_expire sees remove_lease');
  const kept = await r.leaseMgr.get(a.address);
  t.equal(kept?.state, LEASE_STATE_EXPIRED_RECLAIMED, 'lease4_recover SKIP: kept as reclaimed, not removed');
  t.equal(r.stat('declined-addresses'), 1, 'and not counted as recovered');

  lease4ExpireHook.callouts = [
    (h) => {
      h.next = NextStep.SKIP;
    },
  ];
  const b = (await r.engine.allocateLease4(r.ctx(2, { now: r.clock.now }))).lease!;
  r.clock.now += 2000;
  await r.engine.reclaimExpiredLeases4(0, 0, false);
  t.equal((await r.leaseMgr.get(b.address))?.state, 0, 'lease4_expire SKIP: the callout owns it');
});
