// kea-dhcp4 behind a real relay: three namespaces (server, relay, client) joined by two veth pairs,
// 192.0.2.0/26 between server and relay and 192.0.2.64/26 between relay and client (addresses inside
// the namespaces only, removed whatever happens). Debian's dhcrelay adds option 82 (-a) and forwards;
// udhcpc on the client side must get an address, router and lease time of the relay's subnet.
// Needs root, iproute2, isc-dhcp-relay and udhcpc.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { bin, startProgram, tempDir, writeJson } from './lib/harness.js';
import { canUseNetns, ip, netnsGroup } from './lib/netns.js';

const canRun =
  canUseNetns() && existsSync('/usr/sbin/dhcrelay') && spawnSync('busybox', ['true']).status === 0;

t.test(
  'a client behind dhcrelay gets an address of the relay subnet',
  { skip: canRun ? false : 'needs root, ip netns, dhcrelay and udhcpc', timeout: 120_000 },
  async (t) => {
    const dir = tempDir(t, 'kd4r-');
    const net = netnsGroup(t, 'kd4r', ['s', 'r', 'c'] as const);
    const { s: sns, r: rns, c: cns } = net.ns;
    ip('link', 'add', 's0', 'netns', sns, 'type', 'veth', 'peer', 'name', 'r0', 'netns', rns);
    ip('link', 'add', 'r1', 'netns', rns, 'type', 'veth', 'peer', 'name', 'c0', 'netns', cns);
    ip('-n', sns, 'addr', 'add', '192.0.2.1/26', 'dev', 's0');
    ip('-n', rns, 'addr', 'add', '192.0.2.2/26', 'dev', 'r0');
    ip('-n', rns, 'addr', 'add', '192.0.2.65/26', 'dev', 'r1');
    ip('-n', sns, 'link', 'set', 's0', 'up');
    ip('-n', rns, 'link', 'set', 'r0', 'up');
    ip('-n', rns, 'link', 'set', 'r1', 'up');
    ip('-n', cns, 'link', 'set', 'c0', 'address', '02:00:00:00:01:02', 'up');
    // Answers go to giaddr 192.0.2.65, behind the relay.
    ip('-n', sns, 'route', 'add', '192.0.2.64/26', 'via', '192.0.2.2');

    const leaseFile = join(dir, 'leases4.csv');
    const conf = writeJson(join(dir, 'kea-dhcp4.conf'), {
      Dhcp4: {
        'interfaces-config': { interfaces: ['s0'] },
        'lease-database': { type: 'memfile', name: leaseFile, 'lfc-interval': 0 },
        'valid-lifetime': 900,
        subnet4: [
          { id: 1, subnet: '192.0.2.0/26', pools: [{ pool: '192.0.2.10 - 192.0.2.20' }] },
          {
            id: 2,
            subnet: '192.0.2.64/26',
            pools: [{ pool: '192.0.2.100 - 192.0.2.110' }],
            'option-data': [{ name: 'routers', data: '192.0.2.65' }],
          },
        ],
        loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
      },
    });
    const server = startProgram(t, ...net.argv(sns, bin('kea-dhcp4'), ['-c', conf]), {
      KEA_PIDFILE_DIR: dir,
    });
    await server.waitFor(/DHCP4_STARTED/);
    const relay = net.spawn(
      rns,
      'dhcrelay',
      ['-4', '-d', '-a', '-pf', join(dir, 'dhcrelay.pid'), '-id', 'r1', '-iu', 'r0', '192.0.2.1'],
      { stdio: 'ignore' },
    );
    t.teardown(() => {
      relay.kill('SIGKILL');
    });
    // dhcrelay opens its sockets right away; give it a moment before the client starts.
    await new Promise((r) => setTimeout(r, 500));

    const out = join(dir, 'udhcpc.out');
    const script = join(dir, 'udhcpc.sh');
    writeFileSync(
      script,
      `#!/bin/sh\necho "event=$1 ip=$ip router=$router lease=$lease serverid=$serverid" >> ${out}\n`,
      {
        mode: 0o755,
      },
    );
    const run = net.run(
      cns,
      'busybox',
      ['udhcpc', '-f', '-q', '-n', '-t', '6', '-T', '2', '-i', 'c0', '-s', script],
      { timeout: 40_000 },
    );
    t.equal(run.status, 0, `udhcpc got a lease through the relay\n${run.stderr}\n${server.output()}`);
    const bound = readFileSync(out, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('event=bound'));
    t.match(bound, /ip=192\.0\.2\.100 /, 'an address of the relay subnet');
    t.match(bound, /router=192\.0\.2\.65 /, "the relay subnet's router");
    t.match(bound, /lease=900 /);
    t.match(bound, /serverid=192\.0\.2\.1$/);
    const row = readFileSync(leaseFile, 'utf8')
      .split('\n')
      .find((r) => r.startsWith('192.0.2.100,'))
      ?.split(',');
    t.equal(row?.[5], '2', 'the lease belongs to subnet 2');
    t.ok(
      await server.waitFor(/DHCP4_LEASE_ALLOC \[hwtype=1 02:00:00:00:01:02\]/),
      'DHCP4_LEASE_ALLOC logged',
    );
  },
);
