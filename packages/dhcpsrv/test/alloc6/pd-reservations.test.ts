// IA_PD and reservations: delegated prefixes walked in order, the excluded prefix kept on the pool,
// a prefix hint honoured by address (Kea 2.2 ignores the hint's length and delegates the pool's
// delegated-len), reserved addresses and prefixes (in subnet and global) given first, a reserved
// candidate skipped for other clients, a lease now reserved for someone else revoked, total-pds.
import t from 'tap';
import { pdPoolFor } from '../../src/index.js';
import { duidOf, ip6, rig6, txt } from './helpers6.js';

const hex = (n: number) => duidOf(n).toString('hex').match(/../g)!.join(':');

const cfg = {
  'host-reservation-identifiers': ['duid'],
  subnet6: [
    {
      id: 1,
      subnet: '2001:db8::/32',
      pools: [{ pool: '2001:db8:1::/126' }],
      'pd-pools': [
        {
          prefix: '2001:db8:8::',
          'prefix-len': 62,
          'delegated-len': 64,
          'excluded-prefix': '2001:db8:8::ff00',
          'excluded-prefix-len': 120,
        },
      ],
      reservations: [
        { duid: hex(7), 'ip-addresses': ['2001:db8:1::2'], prefixes: ['2001:db8:8:2::/64'] },
        { duid: hex(8), 'ip-addresses': ['2001:db8:2::5'] },
      ],
    },
  ],
  reservations: [{ duid: hex(9), prefixes: ['2001:db8:77::/56'] }],
};

t.test('delegated prefixes in order, total-pds, the excluded prefix on the pool', async (t) => {
  const r = await rig6(cfg);
  t.equal(r.stat('subnet[1].total-pds'), 4);
  t.equal(r.stat('subnet[1].total-nas'), 4);
  const got: string[] = [];
  for (let i = 1; i <= 3; i++)
    got.push(txt((await r.engine.allocateLeases6(r.ctx(i, { type: 2 }))).leases[0]));
  // 2001:db8:8:2::/64 is reserved for client 7 and skipped.
  t.same(got, ['2001:db8:8::/64', '2001:db8:8:1::/64', '2001:db8:8:3::/64']);
  t.equal(r.stat('subnet[1].assigned-pds'), 3);
  t.equal(r.stat('cumulative-assigned-pds'), 3);
  t.equal(r.stat('subnet[1].assigned-nas'), 0);
  const lease = (await r.leaseMgr.get(2, ip6('2001:db8:8:1::')))!;
  t.equal(lease.prefixLen, 64);
  const pool = pdPoolFor(r.subnet(1), lease.address)!;
  t.equal(pool.excludedPrefixLength, 120, 'the server finds the PD-exclude prefix through the pool');
  const none = await r.engine.allocateLeases6(r.ctx(4, { type: 2 }));
  t.same(none.leases, [], 'the reserved prefix is not handed to others');
  t.equal(none.reason, 'no prefix available');
  t.equal(r.stat('subnet[1].v6-allocation-fail'), 1);
  // The reservation holder gets it.
  const own = await r.engine.allocateLeases6(r.ctx(7, { type: 2 }));
  t.equal(txt(own.leases[0]), '2001:db8:8:2::/64');
  t.equal(r.stat('subnet[1].assigned-pds'), 4);
});

t.test('prefix hints: by address in a pd-pool, with the pool delegated-len', async (t) => {
  const r = await rig6(cfg);
  const a = await r.engine.allocateLeases6(
    r.ctx(1, { type: 2, hints: [{ address: ip6('2001:db8:8:3::'), prefixLen: 60 }] }),
  );
  t.equal(txt(a.leases[0]), '2001:db8:8:3::/64', "Kea 2.2 delegates the pool's length whatever the hint's");
  const b = await r.engine.allocateLeases6(
    r.ctx(2, { type: 2, hints: [{ address: ip6('::'), prefixLen: 56 }] }),
  );
  t.equal(txt(b.leases[0]), '2001:db8:8::/64', 'a length-only hint falls back to the pool order');
  const c = await r.engine.allocateLeases6(
    r.ctx(3, { type: 2, hints: [{ address: ip6('2001:db8:8:2::'), prefixLen: 64 }] }),
  );
  t.equal(txt(c.leases[0]), '2001:db8:8:1::/64', 'a hint reserved for another client is refused');
});

t.test('reservations: address and prefix in subnet, global prefix, out-of-subnet address', async (t) => {
  const r = await rig6(cfg);
  const na = await r.engine.allocateLeases6(r.ctx(7));
  t.equal(txt(na.leases[0]), '2001:db8:1::2/128');
  t.equal(r.stat('subnet[1].assigned-nas'), 1, 'in a pool: counted');
  const out = await r.engine.allocateLeases6(r.ctx(8));
  t.equal(txt(out.leases[0]), '2001:db8:2::5/128', 'out-of-pool reservation given');
  t.equal(r.stat('subnet[1].assigned-nas'), 1, 'outside every pool: not counted, as Kea');
  const g = await r.engine.allocateLeases6(r.ctx(9, { type: 2 }));
  t.equal(txt(g.leases[0]), '2001:db8:8::/64', 'global reservations are off by default (Kea 2.2)');
  const r2 = await rig6({ ...cfg, 'reservations-global': true });
  const g2 = await r2.engine.allocateLeases6(r2.ctx(9, { type: 2 }));
  t.equal(txt(g2.leases[0]), '2001:db8:77::/56', 'with reservations-global: the global prefix');
  t.equal(r2.stat('subnet[1].assigned-pds'), 0, 'outside every pd-pool: not counted');
  t.equal(r2.stat('cumulative-assigned-pds'), 0);
});

t.test('a lease now reserved for someone else is revoked and replaced', async (t) => {
  const r = await rig6({ ...cfg, reservations: [] });
  // Client 1 takes 2001:db8:1::; then a config reserves it for client 7.
  t.equal(txt((await r.engine.allocateLeases6(r.ctx(1))).leases[0]), '2001:db8:1::/128');
  const cfg2 = structuredClone(cfg) as typeof cfg;
  cfg2.reservations = [];
  cfg2.subnet6[0]!.reservations[0]!['ip-addresses'] = ['2001:db8:1::'];
  const { check6 } = await import('./helpers6.js');
  r.engine.updateConfig(check6(cfg2));
  await r.engine.initStatistics();
  t.equal(r.stat('subnet[1].assigned-nas'), 1, 'recounted from the lease manager');
  const res = await r.engine.allocateLeases6(r.ctx(1));
  // Kea clears old_leases_ once a new lease is created, so the revoked one is not reported back.
  t.equal(res.oldLeases, undefined);
  t.equal(await r.leaseMgr.get(0, ip6('2001:db8:1::')), null, 'the revoked lease is deleted');
  t.equal(txt(res.leases[0]), '2001:db8:1::1/128', 'a new address instead');
  t.equal(r.stat('subnet[1].assigned-nas'), 1);
  t.equal(
    txt((await r.engine.allocateLeases6(r.ctx(7))).leases[0]),
    '2001:db8:1::/128',
    'the holder gets it',
  );
});
