// kea-dhcp4 serving real DHCP clients: the compiled program runs in a network namespace joined by a veth
// pair to a client namespace (192.0.2.0/24 only, both namespaces removed whatever happens), and Debian's
// udhcpc, dhclient and dhcpcd get leases from it. Checked: the address, lease time, routers, DNS servers
// and domain each client was given, the lease rows in the CSV, assigned-addresses over the control
// socket, udhcpc's renew keeping the address and its RELEASE freeing the lease.
// Needs root, iproute2, udhcpc, dhclient and dhcpcd.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { command, statistic } from './lib/control.js';
import { bin, startProgram, tempDir, waitForFile, writeJson } from './lib/harness.js';
import { canUseNetns, ip, netnsPair } from './lib/netns.js';

const canRun =
  canUseNetns() &&
  existsSync('/usr/sbin/dhclient') &&
  existsSync('/usr/sbin/dhcpcd') &&
  spawnSync('busybox', ['true']).status === 0;

/** A client script that appends the variables the client passed to it, one line per call. */
function clientScript(dir: string, name: string): { script: string; out: string } {
  const out = join(dir, `${name}.out`);
  const script = join(dir, `${name}.sh`);
  writeFileSync(
    script,
    `#!/bin/sh\necho "event=$1 reason=$reason ip=$ip router=$router dns=$dns domain=$domain lease=$lease ` +
      `new_ip=$new_ip_address new_routers=$new_routers new_dns=$new_domain_name_servers ` +
      `new_domain=$new_domain_name new_lease=$new_dhcp_lease_time" >> ${out}\n` +
      // udhcpc sends its RELEASE from the leased address: it must be on the interface (client namespace).
      'case "$1" in bound|renew) ip addr flush dev "$interface"; ip addr add "$ip/$mask" dev "$interface";; ' +
      'deconfig) ip addr flush dev "$interface";; esac\nexit 0\n',
    { mode: 0o755 },
  );
  return { script, out };
}

function field(line: string, key: string): string | undefined {
  const m = new RegExp(`(?:^| )${key}=(\\S*)`).exec(line);
  return m?.[1] === '' ? undefined : m?.[1];
}

t.test(
  'real clients get leases from kea-dhcp4',
  { skip: canRun ? false : 'needs root, ip netns, udhcpc, dhclient and dhcpcd', timeout: 120_000 },
  async (t) => {
    const dir = tempDir(t, 'kd4-');
    const net = await netnsPair(t, 'kd4', {
      clientIPv4: false,
      serverMac: '02:00:00:00:00:01',
      clientMac: '02:00:00:00:00:02',
    });

    const leaseFile = join(dir, 'leases4.csv');
    const sock = join(dir, 'kea4.sock');
    const conf = writeJson(join(dir, 'kea-dhcp4.conf'), {
      Dhcp4: {
        'interfaces-config': { interfaces: ['s0'] },
        'control-socket': { 'socket-type': 'unix', 'socket-name': sock },
        'lease-database': { type: 'memfile', name: leaseFile, 'lfc-interval': 0 },
        'valid-lifetime': 600,
        'renew-timer': 150,
        'rebind-timer': 450,
        'option-data': [
          { name: 'domain-name-servers', data: '192.0.2.53, 192.0.2.54' },
          { name: 'domain-name', data: 'example.org' },
        ],
        subnet4: [
          {
            id: 1,
            subnet: '192.0.2.0/24',
            pools: [{ pool: '192.0.2.100 - 192.0.2.150' }],
            'option-data': [{ name: 'routers', data: '192.0.2.1' }],
          },
        ],
        loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
      },
    });
    const server = startProgram(t, ...net.argv(net.server, bin('kea-dhcp4'), ['-c', conf]), {
      KEA_PIDFILE_DIR: dir,
    });
    await server.waitFor(/DHCP4_STARTED/);

    await t.test('udhcpc: lease, renew, release', async (t) => {
      const { script, out } = clientScript(dir, 'udhcpc');
      // Without -q udhcpc stays bound: SIGUSR1 renews, and -R makes SIGTERM release first.
      const client = net.spawn(
        net.client,
        'busybox',
        ['udhcpc', '-f', '-n', '-R', '-t', '5', '-T', '2', '-i', 'c0', '-s', script],
        { stdio: 'ignore' },
      );
      const exited = new Promise((r) => client.once('exit', r));
      t.teardown(() => {
        client.kill('SIGKILL');
      });
      await waitForFile(out, /event=bound/, 20_000);
      const bound = readFileSync(out, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('event=bound'));
      t.equal(field(bound!, 'ip'), '192.0.2.100');
      t.equal(field(bound!, 'router'), '192.0.2.1');
      t.equal(bound!.match(/ dns=(.*?) domain=/)?.[1], '192.0.2.53 192.0.2.54');
      t.equal(field(bound!, 'domain'), 'example.org');
      t.equal(field(bound!, 'lease'), '600');
      const rows = readFileSync(leaseFile, 'utf8').split('\n');
      t.equal(
        rows[0],
        'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context',
      );
      const row = rows.find((r) => r.startsWith('192.0.2.100,'))?.split(',');
      t.equal(row?.[1], '02:00:00:00:00:02', 'hwaddr in the CSV');
      t.equal(row?.[2], '01:02:00:00:00:00:02', 'client_id in the CSV');
      t.equal(row?.[3], '600', 'valid_lifetime in the CSV');
      t.equal(row?.[5], '1', 'subnet_id');
      t.equal(row?.[9], '0', 'state default');
      t.equal(await statistic(sock, 'subnet[1].assigned-addresses'), 1);
      await server.waitFor(
        /DHCP4_LEASE_ALLOC \[hwtype=1 02:00:00:00:00:02\].*lease 192\.0\.2\.100 has been allocated for 600 seconds/,
      );

      client.kill('SIGUSR1');
      await waitForFile(out, /event=renew/, 20_000);
      const renew = readFileSync(out, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('event=renew'));
      t.equal(field(renew!, 'ip'), '192.0.2.100', 'renewed, same address');
      t.equal(await statistic(sock, 'pkt4-ack-sent'), 2);

      client.kill('SIGTERM');
      await exited;
      await server.waitFor(/DHCP4_RELEASE .*192\.0\.2\.100 was released properly/);
      t.equal(await statistic(sock, 'pkt4-release-received'), 1);
      t.equal(await statistic(sock, 'subnet[1].assigned-addresses'), 0, 'released');
      const last = readFileSync(leaseFile, 'utf8').trim().split('\n').at(-1)!.split(',');
      t.equal(last[0], '192.0.2.100');
      t.equal(last[3], '0', 'the lease row is deleted (valid_lifetime 0)');
    });

    await t.test('dhclient', async (t) => {
      ip('-n', net.client, 'link', 'set', 'c0', 'down');
      ip('-n', net.client, 'link', 'set', 'c0', 'address', '02:00:00:00:00:03', 'up');
      const { script, out } = clientScript(dir, 'dhclient');
      const cf = join(dir, 'dhclient.conf');
      writeFileSync(cf, 'request subnet-mask, routers, domain-name, domain-name-servers;\n');
      const dhclientPid = join(dir, 'dhclient.pid');
      const run = net.run(
        net.client,
        'dhclient',
        [
          '-4',
          '-1',
          '-v',
          '-cf',
          cf,
          '-sf',
          script,
          '-pf',
          dhclientPid,
          '-lf',
          join(dir, 'dhclient.leases'),
          'c0',
        ],
        { timeout: 60_000 },
      );
      t.equal(run.status, 0, `dhclient bound\n${run.stderr}`);
      const bound = readFileSync(out, 'utf8')
        .split('\n')
        .find((l) => l.includes('reason=BOUND'));
      t.ok(bound, 'BOUND');
      // Kea's iterative allocator goes on from the last address it gave, released ones come later.
      t.equal(field(bound!, 'new_ip'), '192.0.2.101', 'the next address of the pool');
      t.equal(field(bound!, 'new_routers'), '192.0.2.1');
      t.equal(bound!.match(/ new_dns=(.*?) new_domain=/)?.[1], '192.0.2.53 192.0.2.54');
      t.equal(field(bound!, 'new_domain'), 'example.org');
      t.equal(field(bound!, 'new_lease'), '600');
      const row = readFileSync(leaseFile, 'utf8').trim().split('\n').at(-1)!.split(',');
      t.same([row[0], row[1], row[3]], ['192.0.2.101', '02:00:00:00:00:03', '600']);
      t.equal(await statistic(sock, 'subnet[1].assigned-addresses'), 1);
      t.equal(await statistic(sock, 'pkt4-ack-sent'), 3, 'udhcpc: bound and renewed; dhclient: bound');
    });

    await t.test('dhcpcd', async (t) => {
      ip('-n', net.client, 'link', 'set', 'c0', 'down');
      ip('-n', net.client, 'link', 'set', 'c0', 'address', '02:00:00:00:00:04', 'up');
      // dhcpcd keeps its last lease in /var/lib/dhcpcd/<interface>.lease; a stale one would make it
      // start in INIT-REBOOT. It is ours (interface c0 of this test): removed before and after.
      const stale = '/var/lib/dhcpcd/c0.lease';
      rmSync(stale, { force: true });
      t.teardown(() => rmSync(stale, { force: true }));
      const hook = join(dir, 'dhcpcd.sh');
      const out = join(dir, 'dhcpcd.out');
      writeFileSync(
        hook,
        `#!/bin/sh\necho "reason=$reason new_ip=$new_ip_address new_routers=$new_routers new_dns=$new_domain_name_servers ` +
          `new_domain=$new_domain_name new_lease=$new_dhcp_lease_time" >> ${out}\n`,
        { mode: 0o755 },
      );
      const run = net.run(
        net.client,
        'dhcpcd',
        ['-4', '-1', '-B', '--noarp', '-t', '20', '-f', '/dev/null', '-c', hook, 'c0'],
        { timeout: 40_000 },
      );
      t.equal(run.status, 0, `dhcpcd bound\n${run.stderr}`);
      const bound = readFileSync(out, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('reason=BOUND'));
      t.equal(field(bound!, 'new_ip'), '192.0.2.102');
      t.equal(field(bound!, 'new_routers'), '192.0.2.1');
      t.equal(bound!.match(/ new_dns=(.*?) new_domain=/)?.[1], '192.0.2.53 192.0.2.54');
      t.equal(field(bound!, 'new_domain'), 'example.org');
      t.equal(field(bound!, 'new_lease'), '600');
      t.equal(await statistic(sock, 'subnet[1].assigned-addresses'), 2);
    });

    const status = await command(sock, { command: 'status-get' });
    t.equal((status.arguments as Record<string, unknown>)['multi-threading-enabled'], false);
    t.same((status.arguments as Record<string, unknown>).sockets, { status: 'ready' });
  },
);
