// Several servers on one lease database: an insert that finds the address taken (another server
// stored it between our look-up and our insert; the SQL backends answer add() false on the
// duplicate key) is lost, as in Kea's createLease4. A client that named no address gets the next
// candidate of the pool; a client that requested the lost address is refused (NAK), as Kea does.
import t from 'tap';
import { makeLease4 } from '../../src/index.js';
import { ip, macOf, rig, T0 } from './helpers.js';

const cfg = {
  'valid-lifetime': 4000,
  subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.10 - 192.0.2.20' }] }],
};

/** Makes the lease manager lose the next insert of `address` to a lease of client 99. */
function loseNextInsert(r: Awaited<ReturnType<typeof rig>>, address: number): { lost: number[] } {
  const seen = { lost: [] as number[] };
  const add = r.leaseMgr.add.bind(r.leaseMgr);
  let armed = true;
  r.leaseMgr.add = async (lease) => {
    if (armed && lease.address === address) {
      armed = false;
      // The other server's row lands first.
      await add(makeLease4({ address, hwaddr: macOf(99), validLifetime: 4000, cltt: T0, subnetId: 1 }));
      const ok = await add(lease);
      if (!ok) seen.lost.push(address);
      return ok;
    }
    return add(lease);
  };
  return seen;
}

t.test('an insert lost to another server: the next candidate is taken', async (t) => {
  const r = await rig(cfg);
  const race = loseNextInsert(r, ip('192.0.2.10'));
  const res = await r.engine.allocateLease4(r.ctx(1));
  t.same(race.lost, [ip('192.0.2.10')], 'the first candidate was lost at the insert');
  t.equal(res.lease?.address, ip('192.0.2.11'), 'the client got the next address instead');
  t.same((await r.leaseMgr.get(ip('192.0.2.10')))?.hwaddr, macOf(99), 'the winner keeps its row');
  t.same((await r.leaseMgr.get(ip('192.0.2.11')))?.hwaddr, macOf(1));
  t.equal(r.stat('subnet[1].assigned-addresses'), 1, 'only our own insert is counted');
  t.equal(r.stat('cumulative-assigned-addresses'), 1);
});

t.test('a requested address lost at the insert is refused, as Kea does', async (t) => {
  const r = await rig(cfg);
  const race = loseNextInsert(r, ip('192.0.2.15'));
  const res = await r.engine.allocateLease4(r.ctx(1, { requestedAddress: ip('192.0.2.15') }));
  t.same(race.lost, [ip('192.0.2.15')]);
  t.equal(res.lease, null, 'no lease: the server answers DHCPNAK and the client starts over');
  t.same((await r.leaseMgr.get(ip('192.0.2.15')))?.hwaddr, macOf(99));
  t.equal(r.stat('subnet[1].assigned-addresses'), 0);
  // Starting over, the client is offered a free address and gets it.
  const offer = await r.engine.allocateLease4(r.ctx(1, { fakeAllocation: true }));
  t.equal(offer.lease?.address, ip('192.0.2.10'));
  const ack = await r.engine.allocateLease4(r.ctx(1, { requestedAddress: ip('192.0.2.10') }));
  t.equal(ack.lease?.address, ip('192.0.2.10'));
});
