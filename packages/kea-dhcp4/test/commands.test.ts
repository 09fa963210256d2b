// The server's own commands through command(): one alphabetical list, dhcp-disable/enable argument
// checks and origins, leases-reclaim, server-tag-get, statistic-* and status fields; and a config whose
// lease file cannot be opened leaves the running one serving.
import t from 'tap';
import { clientPacket, M } from './helpers/packets.js';
import { baseConfig, direct, startServer } from './helpers/server.js';

t.test('commands and their answers', async (t) => {
  const s = await startServer(baseConfig({ 'server-tag': 'blue' }));
  t.teardown(s.teardown);
  const names = (await s.server.command({ command: 'list-commands' })).arguments as string[];
  for (const n of [
    'config-backend-pull',
    'dhcp-disable',
    'dhcp-enable',
    'leases-reclaim',
    'server-tag-get',
    'statistic-get',
    'statistic-get-all',
    'statistic-remove',
    'statistic-remove-all',
    'statistic-reset',
    'statistic-reset-all',
    'statistic-sample-age-set',
    'statistic-sample-age-set-all',
    'statistic-sample-count-set',
    'statistic-sample-count-set-all',
  ]) {
    t.ok(names.includes(n), n);
  }
  t.same(await s.server.command({ command: 'server-tag-get' }), {
    result: 0,
    arguments: { 'server-tag': 'blue' },
  });
  t.same(await s.server.command({ command: 'config-backend-pull' }), {
    result: 3,
    text: 'No config backend.',
  });
  t.same(await s.server.command({ command: 'dhcp-disable', arguments: { 'max-period': 0 } }), {
    result: 1,
    text: "'max-period' must be positive integer",
  });
  t.same(await s.server.command({ command: 'dhcp-disable', arguments: { origin: 'nobody' } }), {
    result: 1,
    text: "invalid value used for 'origin' parameter: nobody",
  });
  await s.server.command({ command: 'dhcp-disable', arguments: { origin: 'ha-partner' } });
  await s.server.command({ command: 'dhcp-disable' });
  await s.server.command({ command: 'dhcp-enable' });
  t.equal(s.server.state.enabled, false, 'still disabled by the HA partner');
  await s.server.command({ command: 'dhcp-enable', arguments: { origin: 'ha-partner' } });
  t.equal(s.server.state.enabled, true);
  t.same(await s.server.command({ command: 'leases-reclaim' }), {
    result: 1,
    text: "Missing mandatory 'remove' parameter.",
  });
  t.same(await s.server.command({ command: 'leases-reclaim', arguments: { remove: true } }), {
    result: 0,
    text: 'Reclamation of expired leases is complete.',
  });
  await s.server.inject(clientPacket(M.DHCPDISCOVER), direct());
  const got = await s.server.command({ command: 'statistic-get', arguments: { name: 'pkt4-offer-sent' } });
  t.equal(((got.arguments as Record<string, [number, string][]>)['pkt4-offer-sent'] ?? [])[0]?.[0], 1);
  const all = (await s.server.command({ command: 'statistic-get-all' })).arguments as Record<string, unknown>;
  for (const n of ['pkt4-received', 'pkt4-nak-received', 'pkt4-parse-failed', 'subnet[1].total-addresses']) {
    t.ok(n in all, `${n} exists`);
  }
  const st = s.server.status();
  t.equal(st['multi-threading-enabled'], false);
  t.equal(st['packet-queue-size'], 256, 'packets admitted at once by default');
});

t.test('a lease file that cannot be opened leaves the running config serving', async (t) => {
  const s = await startServer(baseConfig());
  t.teardown(s.teardown);
  const bad = s.server.check(
    baseConfig({ 'lease-database': { type: 'memfile', name: '/nonexistent/dir/leases.csv' } }),
    { file: '<test>', positions: new Map() },
  );
  await t.rejects(s.server.apply(bad, s.server.config), { code: 'KEA_ERR_DHCP4_APPLY' });
  t.ok(await s.server.inject(clientPacket(M.DHCPDISCOVER), direct()), 'still answering');
});
