// Cross-compatibility and end to end: a DHCP server (dhcp-ddns enable-updates) serves real dhclients in a
// client namespace and sends its NameChangeRequests to a D2 that updates a real named; server, D2 and
// named run in the server namespace. v4, for real Kea 2.2's kea-dhcp4 -> our D2, ours -> ours, and ours ->
// real Kea 2.2's kea-dhcp-ddns: dig shows the first client's A, DHCID and PTR; a second client claiming the
// same name does not overwrite it; a release removes the records. v6 the same (AAAA, DHCID and a PTR in
// ip6.arpa) for real kea-dhcp6 -> our D2, ours -> ours and ours -> real Kea's kea-dhcp-ddns.
// Needs root, iproute2, kea-dhcp4-server, kea-dhcp6-server, isc-dhcp-client, bind9 and bind9-dnsutils.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { statistics } from './lib/control.js';
import { D2_ZONES, d2Domains, reverseName, waitCount, waitListening } from './lib/d2.js';
import { dhclientOnce } from './lib/dhclient.js';
import { bin, freePort, startProgram, tempDir, writeJson } from './lib/harness.js';
import { startNamed } from './lib/named.js';
import { canUseNetns, ip, type NetnsPair, netnsPair } from './lib/netns.js';

const KEA4 = '/usr/sbin/kea-dhcp4';
const canRun = canUseNetns() && existsSync(KEA4) && existsSync('/usr/sbin/named');

/** named and a D2 (`program`) in the server namespace of `net`, the D2 listening for NCRs on `ncrPort`. */
async function dnsSide(
  t: Test,
  net: NetnsPair,
  dir: string,
  program: string,
  algorithm: 'sha256' | 'sha512',
) {
  const secret = randomBytes(32).toString('base64');
  const named = await startNamed(t, [{ name: 'd2.key', algorithm: `hmac-${algorithm}`, secret }], D2_ZONES, {
    netns: net.server,
  });
  const ncrPort = await freePort();
  const sock = join(dir, 'd2.sock');
  const d2conf = writeJson(join(dir, 'd2.json'), {
    DhcpDdns: {
      'ip-address': '127.0.0.1',
      port: ncrPort,
      'dns-server-timeout': 1000,
      'control-socket': { 'socket-type': 'unix', 'socket-name': sock },
      'tsig-keys': [{ name: 'd2.key', algorithm: `HMAC-${algorithm.toUpperCase()}`, secret }],
      loggers: [{ name: 'kea-dhcp-ddns', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
      ...d2Domains(named.port, 'd2.key'),
    },
  });
  const env = { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir };
  const d2 = startProgram(t, ...net.argv(net.server, program, ['-c', d2conf]), env);
  await d2.waitFor(/DHCP_DDNS_STARTED/);
  await waitListening(sock, ncrPort, net.server);
  return { named, d2, sock, ncrPort, env };
}

/** The v4 scenario with `dhcp4` (real Kea's or ours) feeding `d2` (ours or real Kea's). */
async function v4Scenario(t: Test, dhcp4: string, d2program: string): Promise<void> {
  const net = await netnsPair(t, 'dd', { clientIPv4: false });
  const dir = tempDir(t, 'kea-ts-d2x-');
  const { named, d2, sock, ncrPort, env } = await dnsSide(t, net, dir, d2program, 'sha512');
  const keaConf = writeJson(join(dir, 'kea4.json'), {
    Dhcp4: {
      'interfaces-config': { interfaces: ['s0'], 'dhcp-socket-type': 'raw' },
      'lease-database': {
        type: 'memfile',
        persist: true,
        name: join(dir, 'leases4.csv'),
        'lfc-interval': 0,
      },
      'valid-lifetime': 3600,
      'renew-timer': 1000,
      'rebind-timer': 2000,
      'dhcp-ddns': { 'enable-updates': true, 'server-ip': '127.0.0.1', 'server-port': ncrPort },
      'ddns-qualifying-suffix': 'example.com.',
      subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.100 - 192.0.2.150' }] }],
      loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
    },
  });
  const kea = startProgram(t, ...net.argv(net.server, dhcp4, ['-c', keaConf]), env);
  await kea.waitFor(/DHCP4_STARTED/);

  const fqdnConf = (name: string) =>
    `send fqdn.fqdn "${name}";\nsend fqdn.encoded on;\nsend fqdn.server-update on;\nrequest subnet-mask;\n`;
  const first = await dhclientOnce(net, dir, {
    name: 'first',
    mac: '02:00:00:d2:00:01',
    conf: fqdnConf('laptop.example.com.'),
    timeout: 15,
    args: ['-4'],
  });
  t.equal(first.status, 0, 'the first client is bound');
  const addr1 = /fixed-address ([\d.]+);/.exec(first.lease)?.[1] ?? '';
  t.match(addr1, /^192\.0\.2\.1\d\d$/);
  await waitCount(d2, /DHCP_DDNS_ADD_SUCCEEDED/g, 1);
  t.equal(named.dig('laptop.example.com', 'A'), addr1, 'A through D2');
  t.match(named.dig('laptop.example.com', 'DHCID'), /^[A-Za-z0-9+/=]{40,}$/);
  const ptrName = `${addr1.split('.').reverse().join('.')}.in-addr.arpa`;
  t.equal(named.dig(ptrName, 'PTR'), 'laptop.example.com.');

  const second = await dhclientOnce(net, dir, {
    name: 'second',
    mac: '02:00:00:d2:00:02',
    conf: fqdnConf('laptop.example.com.'),
    timeout: 15,
    args: ['-4'],
  });
  t.equal(second.status, 0, 'the second client is bound');
  const addr2 = /fixed-address ([\d.]+);/.exec(second.lease)?.[1] ?? '';
  t.not(addr2, addr1);
  await waitCount(d2, /DHCP_DDNS_ADD_FAILED/g, 1);
  t.equal(named.dig('laptop.example.com', 'A'), addr1, 'the second client did not take the name');
  // Both D2s log the refusal under this ID (their wording differs).
  t.match(d2.output(), /DHCP_DDNS_FORWARD_REPLACE_REJECTED .*laptop\.example\.com\./);

  // The first client releases (from its own MAC and address, as a bound dhclient would): kea-dhcp4 asks
  // D2 to remove its names.
  ip('-n', net.client, 'link', 'set', 'c0', 'address', '02:00:00:d2:00:01');
  ip('-n', net.client, 'addr', 'add', `${addr1}/24`, 'dev', 'c0');
  const release = net.run(net.client, 'dhclient', [
    '-4',
    '-r',
    '-cf',
    join(dir, 'first.conf'),
    '-lf',
    join(dir, 'first.leases'),
    '-sf',
    '/bin/true',
    '-pf',
    join(dir, 'first-release.pid'),
    'c0',
  ]);
  t.equal(release.status, 0, release.stderr);
  await kea.waitFor(/DHCP4_RELEASE /);
  await waitCount(d2, /DHCP_DDNS_REMOVE_SUCCEEDED/g, 1);
  t.equal(named.dig('laptop.example.com', 'A'), '');
  t.equal(named.dig('laptop.example.com', 'DHCID'), '');
  t.equal(named.dig(ptrName, 'PTR'), '');
  const s = await statistics(sock);
  t.equal(s['ncr-received'], 3, 'add, add, remove from kea-dhcp4');
  t.equal(s['ncr-invalid'], 0);
  t.equal(s['key[d2.key.].update-sent'], s['update-sent']);
}

const OURS4 = bin('kea-dhcp4');
const OURS_D2 = bin('kea-dhcp-ddns');
const KEA_D2 = '/usr/sbin/kea-dhcp-ddns';
const skip4 = !canRun && 'needs root, Kea and BIND';

t.test('real kea-dhcp4 + our kea-dhcp-ddns + named + dhclient', { skip: skip4 }, (t) =>
  v4Scenario(t, KEA4, OURS_D2),
);
t.test('our kea-dhcp4 + our kea-dhcp-ddns + named + dhclient', { skip: skip4 }, (t) =>
  v4Scenario(t, OURS4, OURS_D2),
);
t.test(
  'our kea-dhcp4 + real Kea kea-dhcp-ddns + named + dhclient',
  { skip: (skip4 || !existsSync(KEA_D2)) && 'needs root, Kea and BIND' },
  (t) => v4Scenario(t, OURS4, KEA_D2),
);

const KEA6 = '/usr/sbin/kea-dhcp6';

/**
 * The v6 scenario with `dhcp6` (real Kea's or ours) feeding `d2program` (ours or real Kea's): AAAA, DHCID
 * and PTR in ip6.arpa for a dhclient -6; a second client claiming the same name does not take it; a
 * release removes the records.
 */
async function v6Scenario(t: Test, dhcp6: string, d2program: string): Promise<void> {
  const net = await netnsPair(t, 'd6', { ipv6: true, clientIPv4: false, clientIPv6: false });
  const dir = tempDir(t, 'kea-ts-d2x6-');
  const { named, d2, ncrPort, env } = await dnsSide(t, net, dir, d2program, 'sha256');
  const keaConf = writeJson(join(dir, 'kea6.json'), {
    Dhcp6: {
      'interfaces-config': { interfaces: ['s0'] },
      'lease-database': {
        type: 'memfile',
        persist: true,
        name: join(dir, 'leases6.csv'),
        'lfc-interval': 0,
      },
      'data-directory': dir,
      'server-id': { type: 'LLT', persist: false },
      'preferred-lifetime': 3000,
      'valid-lifetime': 4000,
      'dhcp-ddns': { 'enable-updates': true, 'server-ip': '127.0.0.1', 'server-port': ncrPort },
      'ddns-qualifying-suffix': 'example.com.',
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
  const kea = startProgram(t, ...net.argv(net.server, dhcp6, ['-c', keaConf]), env);
  await kea.waitFor(/DHCP6_STARTED/);
  const got = await dhclientOnce(net, dir, {
    name: 'six',
    mac: '02:00:00:d2:00:06',
    conf: 'send fqdn.fqdn "v6host.example.com.";\nsend fqdn.server-update on;\n',
    timeout: 15,
    args: ['-6', '-D', 'LL'],
    ipv6: true,
  });
  t.equal(got.status, 0, 'the v6 client is bound');
  const addr = /iaaddr ([0-9a-f:]+) \{/.exec(got.lease)?.[1] ?? '';
  t.match(addr, /^2001:db8:1::1[0-9a-f]{2}$/);
  await waitCount(d2, /DHCP_DDNS_ADD_SUCCEEDED/g, 1);
  t.equal(named.dig('v6host.example.com', 'AAAA'), addr, 'AAAA through D2');
  t.match(named.dig('v6host.example.com', 'DHCID'), /^[A-Za-z0-9+/=]{40,}$/);
  const nibbles = reverseName(addr).replace(/\.$/, '');
  t.match(nibbles, /\.8\.b\.d\.0\.1\.0\.0\.2\.ip6\.arpa$/);
  t.equal(named.dig(nibbles, 'PTR'), 'v6host.example.com.');

  const second = await dhclientOnce(net, dir, {
    name: 'six-second',
    mac: '02:00:00:d2:00:07',
    conf: 'send fqdn.fqdn "v6host.example.com.";\nsend fqdn.server-update on;\n',
    timeout: 15,
    args: ['-6', '-D', 'LL'],
    ipv6: true,
  });
  t.equal(second.status, 0, 'the second v6 client is bound');
  const addr2 = /iaaddr ([0-9a-f:]+) \{/.exec(second.lease)?.[1] ?? '';
  t.not(addr2, addr);
  await waitCount(d2, /DHCP_DDNS_ADD_FAILED/g, 1);
  t.equal(named.dig('v6host.example.com', 'AAAA'), addr, 'the second client did not take the name');

  // The first client (its own MAC, so its own DUID-LL) releases.
  ip('-n', net.client, 'link', 'set', 'c0', 'address', '02:00:00:d2:00:06');
  await new Promise((r) => setTimeout(r, 300));
  const release = net.run(net.client, 'dhclient', [
    '-6',
    '-r',
    '-D',
    'LL',
    '-cf',
    join(dir, 'six.conf'),
    '-lf',
    join(dir, 'six.leases'),
    '-sf',
    '/bin/true',
    '-pf',
    join(dir, 'six-release.pid'),
    'c0',
  ]);
  t.equal(release.status, 0, release.stderr);
  await waitCount(d2, /DHCP_DDNS_REMOVE_SUCCEEDED/g, 1);
  t.equal(named.dig('v6host.example.com', 'AAAA'), '');
  t.equal(named.dig(nibbles, 'PTR'), '');
}

const v6skip = !(canRun && existsSync(KEA6)) && 'needs root, Kea and BIND';
t.test('real kea-dhcp6 + our kea-dhcp-ddns + named + dhclient -6', { skip: v6skip }, (t) =>
  v6Scenario(t, KEA6, OURS_D2),
);
t.test('our kea-dhcp6 + our kea-dhcp-ddns + named + dhclient -6', { skip: v6skip }, (t) =>
  v6Scenario(t, bin('kea-dhcp6'), OURS_D2),
);
t.test(
  'our kea-dhcp6 + real Kea kea-dhcp-ddns + named + dhclient -6',
  { skip: (v6skip || !existsSync(KEA_D2)) && 'needs root, Kea and BIND' },
  (t) => v6Scenario(t, bin('kea-dhcp6'), KEA_D2),
);
