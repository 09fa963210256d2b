// Shared networks: a full subnet falls through to its siblings, the client's lease is found in
// any sibling, and a fully used network counts v4-allocation-fail-shared-network.
import t from 'tap';
import { ip, rig } from './helpers.js';

const cfg = {
  'shared-networks': [
    {
      name: 'net',
      subnet4: [
        { id: 1, subnet: '10.0.1.0/24', pools: [{ pool: '10.0.1.10 - 10.0.1.11' }] },
        { id: 2, subnet: '10.0.2.0/24', pools: [{ pool: '10.0.2.10 - 10.0.2.11' }] },
      ],
    },
  ],
};

t.test('siblings are used when the selected subnet is full', async (t) => {
  const r = await rig(cfg);
  const got: number[] = [];
  for (let m = 1; m <= 4; m++) {
    const res = await r.engine.allocateLease4(r.ctx(m, { subnetId: 1 }));
    t.ok(res.lease, `client ${m} served`);
    got.push(res.lease!.address);
    t.equal(res.subnet?.id, res.lease!.subnetId, 'result subnet is the lease subnet');
  }
  t.same(got, [ip('10.0.1.10'), ip('10.0.1.11'), ip('10.0.2.10'), ip('10.0.2.11')]);
  t.equal(r.stat('subnet[1].assigned-addresses'), 2);
  t.equal(r.stat('subnet[2].assigned-addresses'), 2);

  // The client's lease is found whichever sibling the server selected.
  const back = await r.engine.allocateLease4(r.ctx(3, { subnetId: 1, fakeAllocation: true }));
  t.equal(back.lease?.address, ip('10.0.2.10'));
  t.equal(back.subnet?.id, 2);

  const full = await r.engine.allocateLease4(r.ctx(5, { subnetId: 1 }));
  t.equal(full.lease, null);
  t.equal(r.stat('v4-allocation-fail-shared-network'), 1);
  t.equal(r.stat('v4-allocation-fail'), 1);
  t.equal(r.stat('v4-allocation-fail-subnet'), 0);
});

t.test('a requested address in a sibling is honoured with that sibling', async (t) => {
  const r = await rig(cfg);
  const res = await r.engine.allocateLease4(r.ctx(1, { subnetId: 1, requestedAddress: ip('10.0.2.11') }));
  t.equal(res.lease?.address, ip('10.0.2.11'));
  t.equal(res.lease?.subnetId, 2);
  t.equal(res.subnet?.id, 2);
});
