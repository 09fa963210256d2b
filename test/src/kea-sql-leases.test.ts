// Our kea-dhcp4 and kea-dhcp6 with lease-database type postgresql and mysql (MariaDB), each on a
// scratch database our kea-admin initialised: a real client in a namespace pair gets a lease, the
// lease4 / lease6 row is in the database with the client's address, hardware address and expiry,
// subnet[1].assigned-addresses counts it, config-get shows the lease-database map as given, and a
// restarted kea-dhcp4 still counts it (read from the database's stat table at startup).
// The daemons run in the server namespace, whose 127.0.0.1 is its own: a socat there forwards
// 127.0.0.1:<db port> over a UNIX socket to a socat in the host namespace that reaches the database.
// Needs root, iproute2, socat, busybox udhcpc, dhclient, PostgreSQL and MariaDB.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { command, statistic } from './lib/control.js';
import { bridgeDatabase } from './lib/db-bridge.js';
import { bin, startProgram, tempDir, waitForFile, writeJson } from './lib/harness.js';
import { canUseNetns, type NetnsPair, netnsPair } from './lib/netns.js';
import { MY, PG, scratchMysql, scratchPgsql } from './lib/scratch-db.js';
import { admin, BACKENDS, type Backend, tableRows } from './lib/sql-compat.js';

const canRun =
  canUseNetns() &&
  existsSync('/usr/sbin/dhclient') &&
  existsSync('/usr/bin/socat') &&
  spawnSync('busybox', ['true']).status === 0;

const CLIENT_MAC = '02:00:00:00:07:02';
const VALID = 600;

function leaseDatabase(b: Backend, name: string) {
  return b === 'pgsql'
    ? { type: 'postgresql', name, host: PG.host, port: PG.port, user: PG.user, 'connect-timeout': 10 }
    : { type: 'mysql', name, host: MY.host, port: MY.port, user: MY.user, password: MY.password };
}

async function runUdhcpc(t: Test, net: NetnsPair, dir: string): Promise<string> {
  const out = join(dir, 'udhcpc.out');
  const script = join(dir, 'udhcpc.sh');
  writeFileSync(script, `#!/bin/sh\necho "event=$1 ip=$ip lease=$lease" >> ${out}\nexit 0\n`, {
    mode: 0o755,
  });
  // -q: quit once bound, without releasing (the lease stays in the database).
  const r = net.run(
    net.client,
    'busybox',
    ['udhcpc', '-f', '-q', '-n', '-t', '10', '-T', '2', '-i', 'c0', '-s', script],
    { timeout: 40_000 },
  );
  t.equal(r.status, 0, 'udhcpc got a lease');
  const line = readFileSync(out, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('event=bound'));
  return /ip=(\S+)/.exec(line ?? '')?.[1] ?? '';
}

const hex = (v: unknown) => Buffer.from(v as Uint8Array).toString('hex');

for (const backend of BACKENDS) {
  t.test(
    `kea-dhcp4 and kea-dhcp6 keep their leases in ${backend}`,
    { skip: canRun ? false : 'needs root, ip netns, socat, udhcpc and dhclient', timeout: 90_000 },
    async (t) => {
      const name =
        backend === 'pgsql' ? await scratchPgsql(t, 'kealeases') : await scratchMysql(t, 'kealeases');
      const init = admin('ours', 'db-init', backend, name);
      t.equal(init.status, 0, `kea-admin db-init: ${init.stderr}`);
      const dir = tempDir(t, 'ksql-');
      const net = await netnsPair(t, backend === 'pgsql' ? 'ksp' : 'ksm', {
        ipv6: true,
        clientIPv4: false,
        clientIPv6: false,
        clientMac: CLIENT_MAC,
      });
      await bridgeDatabase(t, net, net.server, dir, backend === 'pgsql' ? PG.port : MY.port);
      const db = leaseDatabase(backend, name);

      const sock4 = join(dir, 'kea4.sock');
      const conf4 = writeJson(join(dir, 'kea-dhcp4.conf'), {
        Dhcp4: {
          'interfaces-config': { interfaces: ['s0'] },
          'control-socket': { 'socket-type': 'unix', 'socket-name': sock4 },
          'lease-database': db,
          'valid-lifetime': VALID,
          subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.100 - 192.0.2.150' }] }],
          loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
        },
      });
      const start4 = async () => {
        const s = startProgram(t, ...net.argv(net.server, bin('kea-dhcp4'), ['-c', conf4]), {
          KEA_PIDFILE_DIR: dir,
        });
        await s.waitFor(/DHCP4_STARTED/, 20_000);
        return s;
      };
      let server4 = await start4();
      t.equal(await statistic(sock4, 'subnet[1].assigned-addresses'), 0, 'nothing assigned at first');

      const before = Math.floor(Date.now() / 1000);
      const address = await runUdhcpc(t, net, dir);
      t.equal(address, '192.0.2.100', 'udhcpc was given the first pool address');
      const rows4 = await tableRows(
        backend,
        name,
        backend === 'pgsql'
          ? 'SELECT address, hwaddr, valid_lifetime, extract(epoch from expire)::bigint, subnet_id, state FROM lease4'
          : 'SELECT address, hwaddr, valid_lifetime, UNIX_TIMESTAMP(expire), subnet_id, state FROM lease4',
      );
      t.equal(rows4.length, 1, 'one lease4 row');
      const [addr, hw, valid, expire, subnet, state] = rows4[0] ?? [];
      t.equal(Number(addr), 0xc0000264, 'lease4.address is 192.0.2.100');
      t.equal(hex(hw), CLIENT_MAC.replace(/:/g, ''), 'lease4.hwaddr is the client MAC');
      t.equal(Number(valid), VALID);
      t.ok(
        Number(expire) >= before + VALID && Number(expire) <= Math.floor(Date.now() / 1000) + VALID,
        `lease4.expire ${expire} is the lease time after the exchange`,
      );
      t.equal(Number(subnet), 1);
      t.equal(Number(state), 0);
      t.equal(await statistic(sock4, 'subnet[1].assigned-addresses'), 1, 'assigned-addresses counts it');

      const got = await command(sock4, { command: 'config-get' });
      t.same(
        (got.arguments as { Dhcp4: { 'lease-database': unknown } }).Dhcp4['lease-database'],
        db,
        'config-get shows the lease-database map as configured (password included, as Kea)',
      );

      await server4.stop();
      server4 = await start4();
      t.equal(
        await statistic(sock4, 'subnet[1].assigned-addresses'),
        1,
        'after a restart the count comes from the database',
      );
      await server4.stop();

      const conf6 = writeJson(join(dir, 'kea-dhcp6.conf'), {
        Dhcp6: {
          'interfaces-config': { interfaces: ['s0'] },
          'lease-database': db,
          'data-directory': dir,
          'server-id': { type: 'LL', persist: false },
          'preferred-lifetime': 300,
          'valid-lifetime': VALID,
          subnet6: [
            {
              id: 1,
              subnet: '2001:db8:1::/64',
              interface: 's0',
              pools: [{ pool: '2001:db8:1::100 - 2001:db8:1::1ff' }],
            },
          ],
          loggers: [{ name: 'kea-dhcp6', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
        },
      });
      const server6 = startProgram(t, ...net.argv(net.server, bin('kea-dhcp6'), ['-c', conf6]), {
        KEA_PIDFILE_DIR: dir,
      });
      await server6.waitFor(/DHCP6_STARTED/, 20_000);
      const out6 = join(dir, 'dhclient6.out');
      const script6 = join(dir, 'dhclient6.sh');
      writeFileSync(script6, `#!/bin/sh\necho "reason=$reason ip6=$new_ip6_address" >> ${out6}\nexit 0\n`, {
        mode: 0o755,
      });
      const args = [
        '-6',
        '-1',
        '-d',
        '-lf',
        join(dir, 'd6.leases'),
        '-pf',
        join(dir, 'd6.pid'),
        '-sf',
        script6,
        'c0',
      ];
      const client = net.spawn(net.client, 'dhclient', args, { stdio: 'ignore' });
      t.teardown(() => {
        client.kill('SIGKILL');
      });
      const bound = await waitForFile(out6, /reason=BOUND6 ip6=\S+/, 30_000);
      client.kill('SIGKILL');
      const ip6 = /reason=BOUND6 ip6=(\S+)/.exec(bound)?.[1];
      t.match(ip6, /^2001:db8:1::1[0-9a-f]{2}$/, 'dhclient -6 was given a pool address');
      const rows6 = await tableRows(
        backend,
        name,
        'SELECT address, valid_lifetime, subnet_id, lease_type, iaid FROM lease6',
      );
      t.equal(rows6.length, 1, 'one lease6 row');
      t.equal(rows6[0]?.[0], ip6, 'lease6.address is the address dhclient got');
      t.equal(Number(rows6[0]?.[1]), VALID);
      t.equal(Number(rows6[0]?.[2]), 1);
      t.equal(Number(rows6[0]?.[3]), 0, 'an IA_NA lease');
      await server6.stop();
    },
  );
}
