// kea-dhcp6 behind a real DHCPv6 relay: client namespace -- ISC dhcrelay -6 (two downstream interfaces,
// -I) -- server namespace, 2001:db8::/32 only, all namespaces removed whatever happens. The relay sends
// RELAY-FORW by unicast to the server's `s0/2001:db8:5::1` socket; the subnet is chosen by the relay's
// interface-id (ahead of its link-address, as Kea does), and since the relay has two downstream links
// it can only deliver the RELAY-REPL if the server echoed that interface-id (dhcrelay's: the ifindex). dhclient -6 gets the
// address through it. Needs root, iproute2, dhclient and isc-dhcp-relay.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { bin, startProgram, tempDir, waitForFile, writeJson } from './lib/harness.js';
import { canUseNetns, ip, netnsGroup } from './lib/netns.js';

const canRun = canUseNetns() && existsSync('/usr/sbin/dhclient') && existsSync('/usr/sbin/dhcrelay');

t.test(
  'dhclient -6 through dhcrelay -6 gets an address from the relay subnet',
  { skip: canRun ? false : 'needs root, ip netns, dhclient and dhcrelay', timeout: 120_000 },
  async (t) => {
    const dir = tempDir(t, 'kd6r-');
    const net = netnsGroup(t, 'kd6r', ['s', 'r', 'c'] as const);
    const { s: sns, r: rns, c: cns } = net.ns;
    const pidFiles = [join(dir, 'relay.pid'), join(dir, 'client.pid')];
    ip('link', 'add', 's0', 'netns', sns, 'type', 'veth', 'peer', 'name', 'r0', 'netns', rns);
    ip('link', 'add', 'r1', 'netns', rns, 'type', 'veth', 'peer', 'name', 'c0', 'netns', cns);
    // A second downstream link: the relay then needs the echoed interface-id to pick c0's link.
    ip('link', 'add', 'r2', 'netns', rns, 'type', 'veth', 'peer', 'name', 'r2p', 'netns', rns);
    for (const [ns, dev] of [
      [sns, 's0'],
      [rns, 'r0'],
      [rns, 'r1'],
      [rns, 'r2'],
      [rns, 'r2p'],
      [cns, 'c0'],
    ] as const) {
      ip('netns', 'exec', ns, 'sysctl', '-qw', `net.ipv6.conf.${dev}.accept_dad=0`);
      ip('-n', ns, 'link', 'set', dev, 'up');
    }
    ip('netns', 'exec', rns, 'sysctl', '-qw', 'net.ipv6.conf.all.forwarding=1');
    ip('-n', sns, 'addr', 'add', '2001:db8:5::1/64', 'dev', 's0', 'nodad');
    ip('-n', rns, 'addr', 'add', '2001:db8:5::2/64', 'dev', 'r0', 'nodad');
    ip('-n', rns, 'addr', 'add', '2001:db8:2::1/64', 'dev', 'r1', 'nodad');
    ip('-n', rns, 'addr', 'add', '2001:db8:4::1/64', 'dev', 'r2', 'nodad');
    ip('-n', sns, 'route', 'add', '2001:db8:2::/64', 'via', '2001:db8:5::2');
    await new Promise((r) => setTimeout(r, 500));

    // ISC dhcrelay's interface-id is the downstream interface's index as a host-order int: the subnet
    // names those four bytes (small indexes in a fresh namespace, so the JSON string carries them as is).
    const ifindex = (
      JSON.parse(execFileSync('ip', ['-n', rns, '-j', 'link', 'show', 'r1']).toString()) as {
        ifindex: number;
      }[]
    )[0]!.ifindex;
    const le = Buffer.alloc(4);
    le.writeInt32LE(ifindex, 0);
    const interfaceId = le.toString('latin1');
    const leaseFile = join(dir, 'leases6.csv');
    const conf = writeJson(join(dir, 'kea-dhcp6.conf'), {
      Dhcp6: {
        'interfaces-config': { interfaces: ['s0', 's0/2001:db8:5::1'] },
        'lease-database': { type: 'memfile', name: leaseFile, 'lfc-interval': 0 },
        'data-directory': dir,
        subnet6: [
          {
            id: 1,
            subnet: '2001:db8:5::/64',
            interface: 's0',
            pools: [{ pool: '2001:db8:5::100 - 2001:db8:5::1ff' }],
          },
          { id: 2, subnet: '2001:db8:2::/64', pools: [{ pool: '2001:db8:2::100 - 2001:db8:2::1ff' }] },
          {
            id: 3,
            subnet: '2001:db8:3::/64',
            'interface-id': interfaceId,
            pools: [{ pool: '2001:db8:3::100 - 2001:db8:3::1ff' }],
          },
        ],
        loggers: [
          { name: 'kea-dhcp6', severity: 'DEBUG', debuglevel: 45, output_options: [{ output: 'stdout' }] },
        ],
      },
    });
    const server = startProgram(t, ...net.argv(sns, bin('kea-dhcp6'), ['-c', conf]), {
      KEA_PIDFILE_DIR: dir,
    });
    await server.waitFor(/DHCP6_STARTED/);
    const relay = net.start(rns, 'dhcrelay', [
      ...['-6', '-d', '-I', '-pf', pidFiles[0]!],
      ...['-l', 'r1', '-l', 'r2', '-u', '2001:db8:5::1%r0'],
    ]);
    t.teardown(() => {
      relay.child.kill('SIGKILL');
    });
    await new Promise((r) => setTimeout(r, 1000));

    const out = join(dir, 'client.out');
    const script = join(dir, 'client.sh');
    writeFileSync(script, `#!/bin/sh\necho "reason=$reason ip6=$new_ip6_address" >> ${out}\nexit 0\n`, {
      mode: 0o755,
    });
    const client = net.spawn(
      cns,
      'dhclient',
      ['-6', '-1', '-d', '-v', '-lf', join(dir, 'client.leases'), '-pf', pidFiles[1]!, '-sf', script, 'c0'],
      { stdio: 'ignore' },
    );
    t.teardown(() => {
      client.kill('SIGKILL');
    });
    await waitForFile(out, /reason=BOUND6/, 30_000);
    const bound = readFileSync(out, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('reason=BOUND6'))!;
    t.match(bound, /ip6=2001:db8:3::1[0-9a-f]{2}$/, 'an address of the subnet named by the interface-id');
    const address = /ip6=(\S+)/.exec(bound)![1]!;
    t.ok(
      readFileSync(leaseFile, 'utf8')
        .split('\n')
        .some((r) => r.startsWith(`${address},`) && r.split(',')[4] === '3'),
      'the lease row in subnet 3',
    );
    t.match(
      relay.output(),
      /Relaying Reply to fe80::[0-9a-f:]+ port 546 down/,
      'the relay delivered the REPLY',
    );
    t.match(
      server.output(),
      /REQUEST \(type 3\) received from 2001:db8:5::2 to 2001:db8:5::1 on interface s0/,
    );
  },
);
