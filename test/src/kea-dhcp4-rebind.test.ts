// Rebind with a real client: dhclient (ISC, Debian) gets a lease from kea-dhcp4 with short timers
// (renew 3 s, rebind 6 s, valid 30 s). The client namespace has a blackhole route for the server address,
// so the unicast RENEWING request cannot leave; at T2 dhclient broadcasts its REBINDING request (ciaddr
// set, no server identifier) through its raw socket and the server must ACK it with the same address.
// Checked: dhclient reports reason=REBIND with the address it had, pkt4-request-received counts the
// REBINDING request, the server logged a second DHCP4_LEASE_ALLOC for that address and the lease row's
// expiry moved on in the CSV.
// Server and client namespaces (unique per run) joined by a veth pair, 192.0.2.0/24 only, both removed
// whatever happens. Needs root, iproute2 and dhclient.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { statistic } from './lib/control.js';
import { bin, startProgram, tempDir, waitForFile, writeJson } from './lib/harness.js';
import { canUseNetns, netnsPair } from './lib/netns.js';

const canRun = canUseNetns() && existsSync('/usr/sbin/dhclient');

function field(line: string, key: string): string | undefined {
  const m = new RegExp(`(?:^| )${key}=(\\S*)`).exec(line);
  return m?.[1] === '' ? undefined : m?.[1];
}

/** The lease rows of `address` in the CSV, oldest first. */
function rowsOf(leaseFile: string, address: string): string[][] {
  return readFileSync(leaseFile, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((r) => r.split(','))
    .filter((f) => f[0] === address);
}

t.test(
  'dhclient keeps its address through REBINDING',
  { skip: canRun ? false : 'needs root, ip netns and dhclient', timeout: 60_000 },
  async (t) => {
    const dir = tempDir(t, 'kd4rb-');
    // c0 has a fixed MAC and no address: dhclient configures it.
    const net = await netnsPair(t, 'kd4rb', { clientIPv4: false, clientMac: '02:00:00:00:00:42' });
    // Unicast to the server is impossible from the client namespace; broadcast (raw socket) still works.
    const blackhole = net.run(net.client, 'ip', ['route', 'add', 'blackhole', '192.0.2.1/32']);
    t.equal(blackhole.status, 0, `blackhole route for the server\n${blackhole.stderr}`);

    const leaseFile = join(dir, 'leases4.csv');
    const sock = join(dir, 'kea4.sock');
    const log = join(dir, 'kea-dhcp4.log');
    const conf = writeJson(join(dir, 'kea-dhcp4.conf'), {
      Dhcp4: {
        'interfaces-config': { interfaces: ['s0'] },
        'control-socket': { 'socket-type': 'unix', 'socket-name': sock },
        'lease-database': { type: 'memfile', name: leaseFile, 'lfc-interval': 0 },
        'valid-lifetime': 30,
        'renew-timer': 3,
        'rebind-timer': 6,
        subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.100 - 192.0.2.150' }] }],
        loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: log }] }],
      },
    });
    const server = startProgram(t, ...net.argv(net.server, bin('kea-dhcp4'), ['-c', conf]), {
      KEA_PIDFILE_DIR: dir,
      KEA_LOCKFILE_DIR: dir,
    });
    await waitForFile(log, /DHCP4_STARTED/);

    // The client script puts the address on c0 as a /32 (so no connected route to the server either)
    // and records every call.
    const out = join(dir, 'dhclient.out');
    const script = join(dir, 'dhclient.sh');
    writeFileSync(
      script,
      `#!/bin/sh\necho "reason=$reason new_ip=$new_ip_address old_ip=$old_ip_address ` +
        `lease=$new_dhcp_lease_time" >> ${out}\n` +
        'case "$reason" in BOUND|RENEW|REBIND|REBOOT) ' +
        'ip addr replace "$new_ip_address/32" dev "$interface";; esac\nexit 0\n',
      { mode: 0o755 },
    );
    const cf = join(dir, 'dhclient.conf');
    writeFileSync(cf, 'request subnet-mask, routers;\n');
    const dhclient = net.spawn(
      net.client,
      'dhclient',
      [
        '-4',
        '-d',
        '-v',
        '-cf',
        cf,
        '-sf',
        script,
        '-pf',
        join(dir, 'dhclient.pid'),
        '-lf',
        join(dir, 'dhclient.leases'),
        'c0',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let clientLog = '';
    dhclient.stderr?.on('data', (d) => {
      clientLog += d.toString();
    });

    await waitForFile(out, /reason=BOUND/, 20_000);
    const bound = readFileSync(out, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('reason=BOUND'))!;
    const address = field(bound, 'new_ip');
    t.match(address, /^192\.0\.2\.1\d\d$/, `bound to ${address}`);
    const firstRows = rowsOf(leaseFile, address!);
    t.ok(firstRows.length >= 1, 'lease row written');
    const requestsAtBind = (await statistic(sock, 'pkt4-request-received')) ?? 0;

    // T1 = 3 s: the unicast RENEWING request fails (blackhole). After T2 = 6 s dhclient broadcasts the
    // request (ciaddr set, no server identifier: REBINDING on the wire) and binds again on the ACK; its
    // script reason stays RENEW or REBIND depending on its internal state, both keep the lease.
    const rebound =
      /to 192\.0\.2\.1\s+port\s+67\s+send_packet[\s\S]*?DHCPREQUEST\s+for\s+(\S+)\s+on\s+c0\s+to\s+255\.255\.255\.255\s+port\s+67\s+DHCPACK\s+of\s+(\S+)\s+from\s+192\.0\.2\.1/;
    const deadline = Date.now() + 25_000;
    while (!rebound.test(clientLog) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const m = rebound.exec(clientLog);
    if (!m) {
      t.fail(
        `no broadcast rebind after the failed unicast renew\ndhclient:\n${clientLog}\nserver:\n${server.output()}`,
      );
      return;
    }
    t.equal(m[1], address, 'the broadcast (REBINDING) request asked for the bound address');
    t.equal(m[2], address, 'and the server ACKed that address');
    await waitForFile(out, /reason=(RENEW|REBIND) /, 5000);
    const again = readFileSync(out, 'utf8')
      .split('\n')
      .find((l) => /^reason=(RENEW|REBIND) /.test(l))!;
    t.equal(
      field(again, 'new_ip'),
      address,
      `client re-bound (${again.split(' ')[0]}) with the same address`,
    );
    t.equal(field(again, 'old_ip'), address, 'it is the address the client had');
    t.notOk(
      /reason=(EXPIRE|FAIL|PREINIT|RELEASE)/.test(readFileSync(out, 'utf8').split('reason=BOUND')[1] ?? ''),
      'never lost it',
    );

    const requests = (await statistic(sock, 'pkt4-request-received')) ?? 0;
    t.ok(requests > requestsAtBind, `pkt4-request-received ${requestsAtBind} -> ${requests}`);
    t.equal(await statistic(sock, 'pkt4-nak-sent'), 0, 'no NAK');
    const allocs = readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l.includes('DHCP4_LEASE_ALLOC') && l.includes(address!));
    t.ok(allocs.length >= 2, `${allocs.length} DHCP4_LEASE_ALLOC lines for ${address}`);
    const rows = rowsOf(leaseFile, address!);
    const firstExpire = Number(firstRows[0]![4]);
    const lastExpire = Number(rows[rows.length - 1]![4]);
    t.ok(lastExpire > firstExpire, `lease expiry moved on: ${firstExpire} -> ${lastExpire}`);
  },
);
