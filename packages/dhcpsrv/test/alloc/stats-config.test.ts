// Statistics at startup and reconfiguration (Kea's updateStatistics + recountLeaseStats4: declined
// leases count as assigned), the per-subnet statistics of a replaced config removed, cursors rebuilt
// against the lease manager after updateConfig, and debug messages emitted with Kea's IDs.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureLoggers } from '@kea-ts/log';
import t from 'tap';
import { LEASE_STATE_DECLINED, LEASE_STATE_EXPIRED_RECLAIMED, makeLease4 } from '../../src/index.js';
import { check, ip, macOf, rig, T0 } from './helpers.js';

const cfg = {
  subnet4: [
    { id: 1, subnet: '10.0.0.0/24', pools: [{ pool: '10.0.0.10 - 10.0.0.19' }, { pool: '10.0.0.100/30' }] },
    { id: 2, subnet: '10.0.1.0/24' },
  ],
};

t.test('initStatistics counts from the lease manager as Kea does', async (t) => {
  const r = await rig(cfg);
  // A reclaimed lease has always expired already.
  const add = (a: string, state: number) => {
    const cltt = state === LEASE_STATE_EXPIRED_RECLAIMED ? T0 - 2000 : T0;
    return r.leaseMgr.add(
      makeLease4({ address: ip(a), hwaddr: macOf(ip(a)), validLifetime: 1000, cltt, subnetId: 1, state }),
    );
  };
  await add('10.0.0.10', 0);
  await add('10.0.0.11', 0);
  await add('10.0.0.12', LEASE_STATE_DECLINED);
  await add('10.0.0.13', LEASE_STATE_EXPIRED_RECLAIMED);
  await r.engine.initStatistics();
  t.equal(r.stat('subnet[1].total-addresses'), 14, 'both pools');
  t.equal(r.stat('subnet[2].total-addresses'), 0);
  t.equal(r.stat('subnet[1].assigned-addresses'), 3, 'default + declined');
  t.equal(r.stat('subnet[1].declined-addresses'), 1);
  t.equal(r.stat('declined-addresses'), 1);
  for (const n of [
    'cumulative-assigned-addresses',
    'reclaimed-leases',
    'reclaimed-declined-addresses',
    'v4-reservation-conflicts',
  ]) {
    t.equal(r.stat(`subnet[1].${n}`), 0, n);
  }
  t.equal(r.stat('v4-allocation-fail'), 0, 'global counters exist from the start');

  // The cursor skips what the lease manager holds, and reuses the reclaimed address.
  const res = await r.engine.allocateLease4(r.ctx(1));
  t.equal(res.lease?.address, ip('10.0.0.13'));
  t.equal(r.stat('subnet[1].cumulative-assigned-addresses'), 1);

  // Reconfiguration: subnet 2 goes away; its statistics with it. Subnet 1's counters start over.
  const next = check({
    subnet4: [{ id: 1, subnet: '10.0.0.0/24', pools: [{ pool: '10.0.0.10 - 10.0.0.29' }] }],
  });
  r.engine.updateConfig(next);
  await r.engine.initStatistics();
  t.equal(r.stat('subnet[2].total-addresses'), undefined);
  t.equal(r.stat('subnet[1].total-addresses'), 20);
  t.equal(r.stat('subnet[1].assigned-addresses'), 4);
  t.equal(r.stat('subnet[1].cumulative-assigned-addresses'), 0, 'removed and recreated, as Kea');
  const after = await r.engine.allocateLease4(r.ctx(2));
  t.equal(after.lease?.address, ip('10.0.0.14'), 'new cursors surveyed against the lease manager');
});

t.test('debug messages carry Kea IDs and are emitted at their debug level only', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'alloc-log-'));
  const file = join(dir, 'kea.log');
  t.teardown(() => configureLoggers([{ name: 'kea-dhcp4', severity: 'FATAL' }]));
  configureLoggers([
    { name: 'kea-dhcp4', severity: 'DEBUG', debuglevel: 39, output_options: [{ output: file, flush: true }] },
  ]);
  const r = await rig(cfg);
  configureLoggers([
    { name: 'kea-dhcp4', severity: 'DEBUG', debuglevel: 39, output_options: [{ output: file, flush: true }] },
  ]);
  await r.engine.allocateLease4(r.ctx(1, { fakeAllocation: true }));
  configureLoggers([
    { name: 'kea-dhcp4', severity: 'DEBUG', debuglevel: 40, output_options: [{ output: file, flush: true }] },
  ]);
  await r.engine.allocateLease4(r.ctx(1, { requestedAddress: ip('10.0.1.5') }));
  await r.engine.allocateLease4(r.ctx(2, { subnetId: 2 }));
  configureLoggers([{ name: 'kea-dhcp4', severity: 'FATAL' }]);
  const text = readFileSync(file, 'utf8');
  t.notMatch(text, /ALLOC_ENGINE_V4_OFFER_NEW_LEASE/, 'level 40 messages hidden at debuglevel 39');
  t.match(text, /kea-dhcp4\.alloc-engine.*ALLOC_ENGINE_V4_REQUEST_OUT_OF_POOL/);
  t.match(
    text,
    /WARN .*ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET .*10\.0\.1\.0\/24, subnet-id 2, shared network \(none\)/,
  );
  t.match(text, /ALLOC_ENGINE_V4_ALLOC_FAIL_NO_POOLS/);
});
