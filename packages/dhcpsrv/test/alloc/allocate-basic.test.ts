// DISCOVER and REQUEST on one subnet: new leases in cursor order, the client's own lease renewed,
// the requested address honoured or refused, lifetime clamping, and the statistics after each.
import t from 'tap';
import { LEASE_STATE_DEFAULT } from '../../src/index.js';
import { ip, macOf, rig, T0 } from './helpers.js';

const base = {
  'valid-lifetime': 4000,
  'min-valid-lifetime': 2000,
  'max-valid-lifetime': 6000,
  subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.10 - 192.0.2.20' }] }],
};

t.test('DISCOVER offers without storing; REQUEST stores and counts', async (t) => {
  const r = await rig(base);
  const offer = await r.engine.allocateLease4(r.ctx(1, { fakeAllocation: true }));
  t.equal(offer.lease?.address, ip('192.0.2.10'), 'first pool address first, as Kea');
  t.equal(offer.subnet?.id, 1);
  t.equal(await r.leaseMgr.get(ip('192.0.2.10')), null, 'an offer is not stored');
  t.equal(r.stat('subnet[1].assigned-addresses'), 0);

  const ack = await r.engine.allocateLease4(r.ctx(1, { requestedAddress: ip('192.0.2.10') }));
  t.equal(ack.lease?.address, ip('192.0.2.10'));
  const stored = await r.leaseMgr.get(ip('192.0.2.10'));
  t.same(stored?.hwaddr, macOf(1));
  t.equal(stored?.validLifetime, 4000);
  t.equal(stored?.cltt, T0);
  t.equal(stored?.state, LEASE_STATE_DEFAULT);
  t.equal(r.stat('subnet[1].assigned-addresses'), 1);
  t.equal(r.stat('subnet[1].cumulative-assigned-addresses'), 1);
  t.equal(r.stat('cumulative-assigned-addresses'), 1);
  t.equal(r.stat('subnet[1].total-addresses'), 11);

  // The next client's offer moves on (the cursor advanced at the first offer).
  const next = await r.engine.allocateLease4(r.ctx(2, { fakeAllocation: true }));
  t.equal(next.lease?.address, ip('192.0.2.11'));
});

t.test('existing lease is renewed, not duplicated', async (t) => {
  const r = await rig(base);
  await r.engine.allocateLease4(r.ctx(1));
  r.clock.now += 100;
  const offer = await r.engine.allocateLease4(r.ctx(1, { fakeAllocation: true, now: r.clock.now }));
  t.equal(offer.lease?.address, ip('192.0.2.10'), 'DISCOVER offers the existing lease');
  t.equal(offer.oldLease?.address, ip('192.0.2.10'));
  const renew = await r.engine.allocateLease4(
    r.ctx(1, { requestedAddress: ip('192.0.2.10'), now: r.clock.now }),
  );
  t.equal(renew.lease?.address, ip('192.0.2.10'));
  t.equal(renew.oldLease?.cltt, T0);
  t.equal((await r.leaseMgr.get(ip('192.0.2.10')))?.cltt, T0 + 100, 'cltt extended');
  t.equal(r.leaseMgr.count(), 1);
  t.equal(r.stat('subnet[1].assigned-addresses'), 1, 'a renewal is not a new assignment');
  t.equal(r.stat('cumulative-assigned-addresses'), 1);
});

t.test('requested address: free in pool, taken, out of pool', async (t) => {
  const r = await rig(base);
  const a = await r.engine.allocateLease4(r.ctx(1, { requestedAddress: ip('192.0.2.15') }));
  t.equal(a.lease?.address, ip('192.0.2.15'), 'a free in-pool address is honoured');
  const taken = await r.engine.allocateLease4(r.ctx(2, { requestedAddress: ip('192.0.2.15') }));
  t.equal(taken.lease, null, 'REQUEST for an address in use by another client: NAK');
  t.equal(taken.conflictingLease?.address, ip('192.0.2.15'));
  const offerTaken = await r.engine.allocateLease4(
    r.ctx(2, { fakeAllocation: true, requestedAddress: ip('192.0.2.15') }),
  );
  t.not(offerTaken.lease?.address, ip('192.0.2.15'), 'DISCOVER falls back to a free address');
  t.ok(offerTaken.lease);
  const out = await r.engine.allocateLease4(r.ctx(3, { requestedAddress: ip('192.0.2.100') }));
  t.equal(out.lease, null, 'REQUEST for an out-of-pool address: NAK');
  t.equal(out.unknownRequestedAddress, true);
  const outOffer = await r.engine.allocateLease4(
    r.ctx(3, { fakeAllocation: true, requestedAddress: ip('192.0.2.100') }),
  );
  t.ok(
    outOffer.lease &&
      outOffer.lease.address >= ip('192.0.2.10') &&
      outOffer.lease.address <= ip('192.0.2.20'),
  );
});

t.test('client moving to another address: old lease removed', async (t) => {
  const r = await rig(base);
  await r.engine.allocateLease4(r.ctx(1, { requestedAddress: ip('192.0.2.12') }));
  const moved = await r.engine.allocateLease4(r.ctx(1, { requestedAddress: ip('192.0.2.13') }));
  t.equal(moved.lease?.address, ip('192.0.2.13'));
  t.equal(moved.oldLease?.address, ip('192.0.2.12'));
  t.equal(await r.leaseMgr.get(ip('192.0.2.12')), null);
  t.equal(r.stat('subnet[1].assigned-addresses'), 1);
  t.equal(r.stat('cumulative-assigned-addresses'), 2);
});

t.test('valid lifetime: hint clamped to min/max, default without hint', async (t) => {
  const r = await rig(base);
  const cases: [number | null, number][] = [
    [null, 4000],
    [100, 2000],
    [3000, 3000],
    [99999, 6000],
  ];
  let mac = 10;
  for (const [hint, want] of cases) {
    const res = await r.engine.allocateLease4(r.ctx(mac++, { validLifetimeHint: hint }));
    t.equal(res.lease?.validLifetime, want, `hint ${hint}`);
  }
  const bootp = await r.engine.allocateLease4(r.ctx(mac++, { bootp: true }));
  t.equal(bootp.lease?.validLifetime, 0xffffffff, 'BOOTP: infinite');
});

t.test('match-client-id: client-id identifies, or is ignored when false', async (t) => {
  const cid = Buffer.from('01aabbccddeeff', 'hex');
  const on = await rig(base);
  await on.engine.allocateLease4(on.ctx(1, { clientId: cid }));
  t.same((await on.leaseMgr.get(ip('192.0.2.10')))?.clientId, cid, 'client-id stored');
  // Same client-id from another NIC: the same lease.
  const other = await on.engine.allocateLease4(on.ctx(2, { clientId: cid, fakeAllocation: true }));
  t.equal(other.lease?.address, ip('192.0.2.10'));

  const off = await rig({ ...base, 'match-client-id': false });
  await off.engine.allocateLease4(off.ctx(1, { clientId: cid }));
  t.equal((await off.leaseMgr.get(ip('192.0.2.10')))?.clientId, null, 'client-id not stored');
  // Same hwaddr, a different client-id: still the same client.
  const again = await off.engine.allocateLease4(
    off.ctx(1, { clientId: Buffer.from('01ff', 'hex'), fakeAllocation: true }),
  );
  t.equal(again.lease?.address, ip('192.0.2.10'));
  const stranger = await off.engine.allocateLease4(off.ctx(2, { clientId: cid, fakeAllocation: true }));
  t.not(stranger.lease?.address, ip('192.0.2.10'), 'client-id alone does not match');
});
