// Parking lot reference counting (Kea's reference / dereference / unpark / drop).
import t from 'tap';
import { ParkingLot } from '../src/index.js';

t.test('reference counts decide when a parked packet resumes', async (t) => {
  const lot = new ParkingLot<object>();
  const pkt = { xid: 1 };
  let resumed = 0;
  lot.park(pkt, () => resumed++);
  t.equal(lot.size, 1);
  t.throws(() => lot.park(pkt, () => {}), { code: 'KEA_ERR_HOOKS_PARKING' });
  t.equal(lot.reference(pkt), 1);
  t.equal(lot.reference(pkt), 2);
  t.equal(lot.unpark(pkt), true);
  t.equal(resumed, 0, 'one reference left');
  t.ok(lot.has(pkt));
  t.equal(lot.unpark(pkt), true);
  t.equal(resumed, 1);
  t.equal(lot.size, 0);
  t.equal(lot.unpark(pkt), false, 'not parked any more');
  t.throws(() => lot.reference(pkt), { code: 'KEA_ERR_HOOKS_PARKING' });
  t.throws(() => lot.dereference(pkt), { code: 'KEA_ERR_HOOKS_PARKING' });
});

t.test('dereference, forced unpark and drop', async (t) => {
  const lot = new ParkingLot<object>();
  const a = {};
  const b = {};
  const resumed: string[] = [];
  lot.park(a, () => resumed.push('a'));
  lot.park(b, () => resumed.push('b'));
  lot.reference(a);
  lot.reference(a);
  t.equal(lot.dereference(a), 1, 'dereference does not resume');
  t.same(resumed, []);
  lot.reference(a);
  t.equal(lot.unpark(a, true), true);
  t.same(resumed, ['a'], 'force ignores the remaining references');
  lot.reference(b);
  t.equal(lot.drop(b), true);
  t.same(resumed, ['a'], 'a dropped packet is never resumed');
  t.equal(lot.drop(b), false);
  t.equal(lot.size, 0);
});
