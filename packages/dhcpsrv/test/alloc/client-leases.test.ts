// A lease manager that reads a client's leases and one address together (getClientLeases, one SQL
// round trip): the v4 engine then makes one read per DISCOVER and per REQUEST instead of two or
// three, and answers exactly as with the separate look-ups.
import t from 'tap';
import type { ClientLeases4 } from '../../src/index.js';
import { ip, type Rig, rig } from './helpers.js';

const cfg = {
  'valid-lifetime': 4000,
  subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.10 - 192.0.2.20' }] }],
};

/** Gives the rig's memfile manager getClientLeases (from its own look-ups) and counts every read. */
function counted(r: Rig): Record<string, number> {
  const n: Record<string, number> = { get: 0, getByHwAddr: 0, getByClientId: 0, getClientLeases: 0 };
  const m = r.leaseMgr;
  const get = m.get.bind(m);
  const byHw = m.getByHwAddr.bind(m);
  const byCid = m.getByClientId.bind(m);
  m.get = (a) => {
    n.get!++;
    return get(a);
  };
  m.getByHwAddr = (h, s) => {
    n.getByHwAddr!++;
    return byHw(h, s);
  };
  m.getByClientId = (c, s) => {
    n.getByClientId!++;
    return byCid(c, s);
  };
  (m as { getClientLeases?: unknown }).getClientLeases = async (
    hw: Uint8Array | null,
    cid: Uint8Array | null,
    address: number,
  ): Promise<ClientLeases4> => {
    n.getClientLeases!++;
    return {
      byHwAddr: hw !== null ? await byHw(hw) : [],
      byClientId: cid !== null ? await byCid(cid) : [],
      atAddress: await get(address),
    };
  };
  return n;
}

const reads = (n: Record<string, number>) => Object.values(n).reduce((a, b) => a + b, 0);

t.test('one read per DISCOVER and per REQUEST, same answers', async (t) => {
  const r = await rig(cfg);
  const n = counted(r);
  const offer = await r.engine.allocateLease4(r.ctx(1, { fakeAllocation: true }));
  t.equal(offer.lease?.address, ip('192.0.2.10'), 'the first pool address is offered');
  t.same(n, { get: 0, getByHwAddr: 0, getByClientId: 0, getClientLeases: 1 }, 'DISCOVER: one read');

  const ack = await r.engine.allocateLease4(r.ctx(1, { requestedAddress: ip('192.0.2.10') }));
  t.equal(ack.lease?.address, ip('192.0.2.10'));
  t.equal(reads(n), 2, 'REQUEST: one read (then the insert)');
  t.equal(r.stat('subnet[1].assigned-addresses'), 1);

  // The client comes back with a DISCOVER: it is offered its lease; the candidate picked on the way
  // is not lost but handed to the next new client.
  const again = await r.engine.allocateLease4(r.ctx(1, { fakeAllocation: true }));
  t.equal(again.lease?.address, ip('192.0.2.10'), 'a client with a lease is offered it');
  t.equal(reads(n), 3);
  const next = await r.engine.allocateLease4(r.ctx(2, { fakeAllocation: true }));
  t.equal(next.lease?.address, ip('192.0.2.12'), 'the next client gets the next cursor address');
  const after = await r.engine.allocateLease4(r.ctx(3, { fakeAllocation: true }));
  t.equal(after.lease?.address, ip('192.0.2.13'));
  const full: number[] = [];
  for (let mac = 4; mac < 20; mac++) {
    const got = await r.engine.allocateLease4(r.ctx(mac, { requestedAddress: 0 }));
    if (got.lease) full.push(got.lease.address);
  }
  t.ok(full.includes(ip('192.0.2.11')), 'the candidate set aside comes back from the free set');
});

t.test('an offered candidate taken meanwhile: the next one, as without the combined read', async (t) => {
  const r = await rig(cfg);
  counted(r);
  await r.engine.allocateLease4(r.ctx(9, { requestedAddress: ip('192.0.2.10') }));
  const offer = await r.engine.allocateLease4(r.ctx(1, { fakeAllocation: true }));
  t.equal(offer.lease?.address, ip('192.0.2.11'), 'a leased candidate is passed over');
  const taken = await r.engine.allocateLease4(r.ctx(2, { requestedAddress: ip('192.0.2.10') }));
  t.equal(taken.lease, null, 'a REQUEST for an address in use is refused');
  t.equal(taken.conflictingLease?.address, ip('192.0.2.10'));
});
