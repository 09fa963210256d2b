// Reservations as Kea 2.2 applies them: in-pool and out-of-pool addresses, global reservations,
// reservations-out-of-pool, and an address reserved for somebody else (never handed to another
// client, and the conflict counted when the reserved address is held by another client).
import t from 'tap';
import { ip, rig } from './helpers.js';

const mac = (n: number) => `00:00:00:00:00:${n.toString(16).padStart(2, '0')}`;

t.test('in-pool and out-of-pool reservations', async (t) => {
  const r = await rig({
    subnet4: [
      {
        id: 1,
        subnet: '10.0.0.0/24',
        pools: [{ pool: '10.0.0.10 - 10.0.0.20' }],
        reservations: [
          { 'hw-address': mac(1), 'ip-address': '10.0.0.15' },
          { 'hw-address': mac(2), 'ip-address': '10.0.0.200' },
          { 'hw-address': mac(3), hostname: 'no-address' },
          { 'hw-address': mac(4), 'ip-address': '10.0.0.201' },
        ],
      },
    ],
  });
  const offer1 = await r.engine.allocateLease4(r.ctx(1, { fakeAllocation: true }));
  t.equal(offer1.lease?.address, ip('10.0.0.15'), 'in-pool reservation offered');
  const ack1 = await r.engine.allocateLease4(r.ctx(1));
  t.equal(ack1.lease?.address, ip('10.0.0.15'), 'REQUEST without an address: the reserved one');
  const ack2 = await r.engine.allocateLease4(r.ctx(2, { requestedAddress: ip('10.0.0.200') }));
  t.equal(ack2.lease?.address, ip('10.0.0.200'), 'out-of-pool reserved address assigned');
  const ack3 = await r.engine.allocateLease4(r.ctx(3));
  t.equal(ack3.lease?.address, ip('10.0.0.10'), 'a reservation without address: dynamic address');

  // 10.0.0.15 is reserved: another client asking for it is refused, and the cursor skips it.
  const stolen = await r.engine.allocateLease4(r.ctx(9, { requestedAddress: ip('10.0.0.200') }));
  t.equal(stolen.lease, null, 'reserved for another client: NAK');
  const invalid = await r.engine.allocateLease4(r.ctx(4, { requestedAddress: ip('10.0.0.11') }));
  t.equal(invalid.lease, null, 'client with a free reservation asking for another address: NAK');
  t.equal(invalid.unknownRequestedAddress, undefined);
});

t.test('the cursor never hands out an address reserved for another client', async (t) => {
  const r = await rig({
    subnet4: [
      {
        id: 1,
        subnet: '10.0.0.0/24',
        pools: [{ pool: '10.0.0.10 - 10.0.0.12' }],
        reservations: [{ 'hw-address': mac(1), 'ip-address': '10.0.0.11' }],
      },
    ],
  });
  const a = await r.engine.allocateLease4(r.ctx(5));
  const b = await r.engine.allocateLease4(r.ctx(6));
  t.same([a.lease?.address, b.lease?.address], [ip('10.0.0.10'), ip('10.0.0.12')]);
  const c = await r.engine.allocateLease4(r.ctx(7));
  t.equal(c.lease, null, 'only the reserved address is left');
  t.equal(r.stat('subnet[1].v4-allocation-fail'), 1);
});

t.test('reserved address held by another client: conflict counted, dynamic address offered', async (t) => {
  const r = await rig({
    subnet4: [{ id: 1, subnet: '10.0.0.0/24', pools: [{ pool: '10.0.0.10 - 10.0.0.20' }] }],
  });
  await r.engine.allocateLease4(r.ctx(9, { requestedAddress: ip('10.0.0.15') }));
  // The reservation is added afterwards (config reload) for another client.
  const withHost = await rig({
    subnet4: [
      {
        id: 1,
        subnet: '10.0.0.0/24',
        pools: [{ pool: '10.0.0.10 - 10.0.0.20' }],
        reservations: [{ 'hw-address': mac(1), 'ip-address': '10.0.0.15' }],
      },
    ],
  });
  r.engine.updateConfig(withHost.config);
  await r.engine.initStatistics();
  const offer = await r.engine.allocateLease4(r.ctx(1, { fakeAllocation: true }));
  t.ok(offer.lease, 'a dynamic address instead');
  t.not(offer.lease?.address, ip('10.0.0.15'));
  t.equal(r.stat('subnet[1].v4-reservation-conflicts'), 1);
  t.equal(r.stat('v4-reservation-conflicts'), 1);
  // The holder renewing its address now reserved for someone else: NAK (Kea's REQUEST_ADDRESS_RESERVED).
  const renew = await r.engine.allocateLease4(r.ctx(9, { requestedAddress: ip('10.0.0.15') }));
  t.equal(renew.lease, null);
});

t.test('global reservations follow reservations-global / -in-subnet', async (t) => {
  const cfg = (flags: Record<string, boolean>) => ({
    ...flags,
    reservations: [{ 'hw-address': mac(1), 'ip-address': '10.0.0.250', hostname: 'g' }],
    subnet4: [
      {
        id: 1,
        subnet: '10.0.0.0/24',
        pools: [{ pool: '10.0.0.10 - 10.0.0.20' }],
        reservations: [{ 'hw-address': mac(1), 'ip-address': '10.0.0.12' }],
      },
    ],
  });
  const global = await rig(cfg({ 'reservations-global': true, 'reservations-in-subnet': false }));
  t.equal(
    (await global.engine.allocateLease4(global.ctx(1))).lease?.address,
    ip('10.0.0.250'),
    'global only',
  );
  const both = await rig(cfg({ 'reservations-global': true, 'reservations-in-subnet': true }));
  t.equal((await both.engine.allocateLease4(both.ctx(1))).lease?.address, ip('10.0.0.12'), 'subnet wins');
  const none = await rig(cfg({ 'reservations-global': false, 'reservations-in-subnet': false }));
  t.equal((await none.engine.allocateLease4(none.ctx(1))).lease?.address, ip('10.0.0.10'), 'ignored');
});

t.test('reservations-out-of-pool: in-pool reservations are not honoured nor protected', async (t) => {
  const r = await rig({
    subnet4: [
      {
        id: 1,
        subnet: '10.0.0.0/24',
        'reservations-out-of-pool': true,
        pools: [{ pool: '10.0.0.10 - 10.0.0.20' }],
        reservations: [
          { 'hw-address': mac(1), 'ip-address': '10.0.0.10' },
          { 'hw-address': mac(2), 'ip-address': '10.0.0.100' },
        ],
      },
    ],
  });
  const other = await r.engine.allocateLease4(r.ctx(7));
  t.equal(other.lease?.address, ip('10.0.0.10'), 'in-pool reserved address is dynamic');
  const one = await r.engine.allocateLease4(r.ctx(1));
  t.equal(one.lease?.address, ip('10.0.0.11'), 'in-pool reservation ignored for its owner');
  const two = await r.engine.allocateLease4(r.ctx(2));
  t.equal(two.lease?.address, ip('10.0.0.100'), 'out-of-pool reservation honoured');
});

t.test('client-id and hostIdentifiers reservations; hosts given by the server', async (t) => {
  const r = await rig({
    subnet4: [
      {
        id: 1,
        subnet: '10.0.0.0/24',
        pools: [{ pool: '10.0.0.10 - 10.0.0.20' }],
        reservations: [
          { 'client-id': '01:0a:0b:0c', 'ip-address': '10.0.0.30' },
          { 'circuit-id': 'ab:cd', 'ip-address': '10.0.0.31' },
        ],
      },
    ],
  });
  const byCid = await r.engine.allocateLease4(r.ctx(1, { clientId: Buffer.from('010a0b0c', 'hex') }));
  t.equal(byCid.lease?.address, ip('10.0.0.30'));
  const circuit = Buffer.from('abcd', 'hex');
  const byCircuit = await r.engine.allocateLease4(r.ctx(2, { hostIdentifiers: [['circuit-id', circuit]] }));
  t.equal(byCircuit.lease?.address, ip('10.0.0.31'));
  const host = r.config.lookups.host(1, 'circuit-id', 'abcd')!;
  const given = await r.engine.allocateLease4(
    r.ctx(2, {
      fakeAllocation: true,
      hosts: new Map([[1, host]]),
      hostIdentifiers: [['circuit-id', circuit]],
    }),
  );
  t.equal(given.lease?.address, ip('10.0.0.31'), 'hosts found by the server are used as they are');
});
