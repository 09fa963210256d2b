// Commands and configuration changes through the in-process control channel: the pkt6-* statistics
// from startup, dhcp-disable / dhcp-enable, leases-reclaim, status-get's extra fields, a second
// configuration put in force with the leases kept, and a failing one leaving the old one serving.
import { join } from 'node:path';
import t from 'tap';
import { DHCP6_STARTUP_STATISTICS } from '../src/index.js';
import { CLIENT_DUID, iaNa, message, opt } from './helpers/packets.js';
import { baseConfig, multicast, startServer } from './helpers/server.js';

const solicit = () => message(1, 1, opt(1, CLIENT_DUID), opt(14, Buffer.alloc(0)), iaNa(1));

t.test('statistics, dhcp-disable / dhcp-enable, leases-reclaim, status', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const all = await s.server.command({ command: 'statistic-get-all' });
  const names = Object.keys(all.arguments as object);
  for (const n of DHCP6_STARTUP_STATISTICS) t.ok(names.includes(n), `${n} exists from startup`);
  t.ok(names.includes('subnet[1].total-nas') && names.includes('subnet[1].total-pds'));

  t.equal((await s.server.command({ command: 'dhcp-disable' })).result, 0);
  t.equal(await s.server.inject(solicit(), multicast()), null, 'disabled: no answer');
  t.equal((await s.server.command({ command: 'dhcp-enable' })).result, 0);
  t.ok(await s.server.inject(solicit(), multicast()), 'enabled again');

  const r = await s.server.command({ command: 'leases-reclaim', arguments: { remove: true } });
  t.same(r, { result: 0, text: 'Reclamation of expired leases is complete.' });
  t.equal((await s.server.command({ command: 'leases-reclaim' })).result, 1, 'remove is mandatory');

  const st = s.server.status();
  t.equal(st['packets-in-flight'], 0);
  t.equal(st['packet-queue-size'], 256, 'packets admitted at once by default');
});

t.test('reconfiguration keeps leases; a failing one keeps the old configuration', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  t.ok(await s.server.inject(solicit(), multicast()));
  const before = s.server.leaseMgr;
  const next = s.server.check(
    { 'data-directory': s.dir, ...baseConfig({ 'valid-lifetime': 5000 }) },
    { file: '<test>', positions: new Map() },
  );
  await s.server.apply(next, s.server.config);
  t.equal(s.server.leaseMgr, before, 'same lease database: the manager is kept');
  t.equal((await s.server.leaseMgr!.getByDuid(CLIENT_DUID)).length, 1, 'the lease survived');
  const broken = s.server.check(
    {
      'data-directory': s.dir,
      ...baseConfig({ 'lease-database': { type: 'memfile', name: join(s.dir, 'missing', 'dir', 'l.csv') } }),
    },
    { file: '<test>', positions: new Map() },
  );
  await t.rejects(s.server.apply(broken, s.server.config), { code: 'KEA_ERR_DHCP6_APPLY' });
  t.equal(s.server.config, next, 'the previous configuration is still in force');
  t.ok(await s.server.inject(solicit(), multicast()), 'and serving');
});
