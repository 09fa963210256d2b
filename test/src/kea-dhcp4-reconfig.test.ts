// kea-dhcp4 reconfigured while serving real clients (server and client namespaces joined by a veth pair,
// 192.0.2.0/24 only, removed whatever happens): config-set over the control socket changes the lease
// time at once, another interfaces-config (iface/address) reopens the sockets and clients are still served, and a config whose
// lease file cannot be opened is refused while the running one goes on serving.
// Needs root, iproute2 and udhcpc.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { command } from './lib/control.js';
import { bin, startProgram, tempDir, writeJson } from './lib/harness.js';
import { canUseNetns, ip, netnsPair } from './lib/netns.js';

const canRun = canUseNetns() && spawnSync('busybox', ['true']).status === 0;

t.test(
  'config-set while serving',
  { skip: canRun ? false : 'needs root, ip netns and udhcpc', timeout: 120_000 },
  async (t) => {
    const dir = tempDir(t, 'kd4c-');
    const net = await netnsPair(t, 'kd4c', { clientIPv4: false });

    const sock = join(dir, 'kea4.sock');
    const dhcp4 = (lifetime: number, extra: Record<string, unknown> = {}) => ({
      'interfaces-config': { interfaces: ['s0'] },
      'control-socket': { 'socket-type': 'unix', 'socket-name': sock },
      'lease-database': { type: 'memfile', name: join(dir, 'leases4.csv'), 'lfc-interval': 0 },
      'valid-lifetime': lifetime,
      subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.100 - 192.0.2.150' }] }],
      loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
      ...extra,
    });
    const conf = writeJson(join(dir, 'kea-dhcp4.conf'), { Dhcp4: dhcp4(600) });
    const server = startProgram(t, ...net.argv(net.server, bin('kea-dhcp4'), ['-c', conf]), {
      KEA_PIDFILE_DIR: dir,
    });
    await server.waitFor(/DHCP4_STARTED/);

    const out = join(dir, 'udhcpc.out');
    const script = join(dir, 'udhcpc.sh');
    writeFileSync(script, `#!/bin/sh\necho "event=$1 ip=$ip lease=$lease" >> ${out}\n`, { mode: 0o755 });
    let n = 0;
    /** A new client (new MAC) asks for a lease; its lease time, or null without one. */
    const lease = (): string | null => {
      n++;
      ip('-n', net.client, 'link', 'set', 'c0', 'down');
      ip('-n', net.client, 'link', 'set', 'c0', 'address', `02:00:00:00:0c:0${n}`, 'up');
      writeFileSync(out, '');
      const r = net.run(
        net.client,
        'busybox',
        ['udhcpc', '-f', '-q', '-n', '-t', '5', '-T', '2', '-i', 'c0', '-s', script],
        { timeout: 30_000 },
      );
      if (r.status !== 0) return null;
      return /event=bound .*lease=(\d+)/.exec(readFileSync(out, 'utf8'))?.[1] ?? null;
    };

    t.equal(lease(), '600', 'first config');
    const set = await command(sock, { command: 'config-set', arguments: { Dhcp4: dhcp4(1200) } });
    t.equal(set.result, 0, `config-set: ${set.text}`);
    t.equal(lease(), '1200', 'the new lease time at once, same sockets');

    const reopened = await command(sock, {
      command: 'config-set',
      arguments: {
        Dhcp4: dhcp4(1800, { 'interfaces-config': { interfaces: ['s0/192.0.2.1'] } }),
      },
    });
    t.equal(reopened.result, 0, `config-set with other interfaces-config: ${reopened.text}`);
    t.equal(lease(), '1800', 'served through the reopened sockets');

    const bad = await command(sock, {
      command: 'config-set',
      arguments: {
        Dhcp4: dhcp4(3000, { 'lease-database': { type: 'memfile', name: '/nonexistent/kea/leases4.csv' } }),
      },
    });
    t.equal(bad.result, 1, 'refused');
    t.match(bad.text, /running one is kept.*lease database/);
    t.equal(lease(), '1800', 'the running config still serves');
    const got = await command(sock, { command: 'config-get' });
    t.equal((got.arguments as { Dhcp4: { 'valid-lifetime': number } }).Dhcp4['valid-lifetime'], 1800);
  },
);
