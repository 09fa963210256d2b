// kill -9 under perfdhcp load: Debian's perfdhcp runs DORA exchanges at a few hundred per second (as a
// relay, 192.0.2.2 -> 192.0.2.1) while tcpdump records the server's answers on the client side; the server
// is killed with SIGKILL mid-run and started again on the same lease file. Every address that appeared in
// a captured DHCPACK is a live lease in the file and in the reloaded server (subnet assigned-addresses
// at least the number of distinct ACKed addresses).
// Server and client namespaces (unique per run) joined by a veth pair, 192.0.2.0/24 only, removed
// whatever happens. Needs root, iproute2, perfdhcp and tcpdump.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { statistic } from './lib/control.js';
import { bin, startProgram, tempDir, waitForFile, writeJson } from './lib/harness.js';
import { canUseNetns, netnsPair } from './lib/netns.js';
import { dhcp4AckedAddresses } from './lib/pcap.js';

const canRun =
  canUseNetns() && existsSync('/usr/sbin/perfdhcp') && spawnSync('tcpdump', ['--version']).status === 0;

t.test(
  'SIGKILL under perfdhcp load: every address seen in a DHCPACK survives the restart',
  { skip: canRun ? false : 'needs root, ip netns, perfdhcp and tcpdump', timeout: 90_000 },
  async (t) => {
    const dir = tempDir(t, 'kd4pk-');
    const net = await netnsPair(t, 'kd4pk');

    const leaseFile = join(dir, 'leases4.csv');
    const sock = join(dir, 'kea4.sock');
    const conf = writeJson(join(dir, 'kea-dhcp4.conf'), {
      Dhcp4: {
        'interfaces-config': { interfaces: ['s0'], 'dhcp-socket-type': 'udp' },
        'control-socket': { 'socket-type': 'unix', 'socket-name': sock },
        'lease-database': { type: 'memfile', name: leaseFile, 'lfc-interval': 0 },
        'valid-lifetime': 3600,
        subnet4: [
          {
            id: 1,
            subnet: '10.0.0.0/8',
            relay: { 'ip-addresses': ['192.0.2.2'] },
            pools: [{ pool: '10.0.0.1 - 10.255.255.254' }],
          },
        ],
        loggers: [
          { name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: join(dir, 'kea.log') }] },
        ],
      },
    });
    const env = { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir };
    const server = startProgram(t, ...net.argv(net.server, bin('kea-dhcp4'), ['-c', conf]), env);
    await waitForFile(join(dir, 'kea.log'), /DHCP4_STARTED/);

    // tcpdump on the client side: the server's answers to the relay address (port 67), packet-buffered.
    const pcapPath = join(dir, 'answers.pcap');
    const tcpdump = await net.capture(net.client, 'c0', pcapPath, 'udp and src host 192.0.2.1');
    t.match(tcpdump.output(), /listening on c0/, 'tcpdump is capturing');

    const perf = net.start(
      net.client,
      'perfdhcp',
      '-4 -l 192.0.2.2 -r 300 -R 1000000 -p 12 -d 1 -W 1000000 192.0.2.1'.split(' '),
    );

    // Kill the server in the middle of the run, with exchanges in flight.
    await new Promise((r) => setTimeout(r, 4000));
    server.child.kill('SIGKILL');
    await server.exited;
    await new Promise((r) => setTimeout(r, 500));
    perf.child.kill('SIGKILL');
    await perf.exited;
    tcpdump.child.kill('SIGINT');
    await tcpdump.exited;

    const acked = dhcp4AckedAddresses(readFileSync(pcapPath));
    const distinct = new Set(acked);
    t.ok(
      distinct.size >= 500,
      `${acked.length} DHCPACKs captured before the kill, ${distinct.size} distinct addresses`,
    );

    // The live leases of the file: the last row of each address, valid_lifetime > 0.
    const live = new Map<string, string[]>();
    for (const row of readFileSync(leaseFile, 'utf8').trim().split('\n').slice(1)) {
      const f = row.split(',');
      if (f[3] === '0') live.delete(f[0]!);
      else live.set(f[0]!, f);
    }
    const missing = [...distinct].filter((a) => !live.has(a));
    t.same(
      missing.slice(0, 20),
      [],
      `every ACKed address is a live lease in the file (${live.size} live rows)`,
    );

    const again = startProgram(t, ...net.argv(net.server, bin('kea-dhcp4'), ['-c', conf]), env);
    await waitForFile(join(dir, 'kea.log'), /DHCP4_STARTED[\s\S]*DHCP4_STARTED/);
    const count = await statistic(sock, 'subnet[1].assigned-addresses');
    t.ok(
      count !== undefined && count >= distinct.size,
      `restarted server: assigned-addresses ${count} >= ${distinct.size} ACKed`,
    );
    t.equal(count, live.size, 'and it counts exactly the live rows of the file');
    t.equal(again.child.exitCode, null, 'the restarted server is running');
  },
);
