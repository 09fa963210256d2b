// Real kea-dhcp4 and kea-dhcp6 (Kea 2.2) on a PostgreSQL and a MariaDB database that our kea-admin
// initialised: they accept the schema, read the leases our lease managers wrote (lease4-get /
// lease6-get of the lease_cmds hook, over their control sockets), and what they write (lease4-add /
// lease6-add) or delete is what our managers then read. No network is involved in those; the last
// tests (below) put real clients, real Kea's daemons and ours on a database real kea-admin made.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEASE_TYPE_NA, makeLease4, makeLease6 } from '@kea-ts/dhcpsrv';
import { formatIPv4, parseIPv4, parseIPv6 } from '@kea-ts/util';
import t, { type Test } from 'tap';
import { command } from './lib/control.js';
import { startProgram, tempDir, waitForFile, writeJson } from './lib/harness.js';
import { canUseNetns, type NetnsPair } from './lib/netns.js';
import { MY, PG, scratchMysql, scratchPgsql } from './lib/scratch-db.js';
import { dbServingPair, servingIn } from './lib/serving.js';
import {
  admin,
  BACKENDS,
  type Backend,
  LEASES4,
  LEASES6,
  open4,
  open6,
  tableRows,
} from './lib/sql-compat.js';

const LEASE_CMDS = '/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so';

function leaseDatabase(b: Backend, name: string) {
  return b === 'pgsql'
    ? { type: 'postgresql', name, host: PG.host, user: PG.user }
    : { type: 'mysql', name, host: MY.host, user: MY.user, password: MY.password };
}

async function startKea(t: Test, family: 4 | 6, b: Backend, name: string): Promise<string> {
  const dir = tempDir(t);
  const socket = join(dir, 'control.sock');
  const root = family === 4 ? 'Dhcp4' : 'Dhcp6';
  const config = {
    [root]: {
      'interfaces-config': { interfaces: [] },
      ...(family === 6 ? { 'server-id': { type: 'LLT', persist: false } } : {}),
      'control-socket': { 'socket-type': 'unix', 'socket-name': socket },
      'lease-database': leaseDatabase(b, name),
      'hooks-libraries': [{ library: LEASE_CMDS }],
      [family === 4 ? 'subnet4' : 'subnet6']:
        family === 4
          ? [
              { id: 1, subnet: '192.0.2.0/24' },
              { id: 2, subnet: '10.0.0.0/8' },
            ]
          : [{ id: 1, subnet: '2001:db8::/32' }],
      loggers: [{ name: `kea-dhcp${family}`, severity: 'INFO', output_options: [{ output: 'stdout' }] }],
    },
  };
  const file = writeJson(join(dir, `kea-dhcp${family}.conf`), config);
  const kea = startProgram(t, `/usr/sbin/kea-dhcp${family}`, ['-c', file], {
    KEA_PIDFILE_DIR: dir,
    KEA_LOCKFILE_DIR: 'none',
  });
  await kea.waitFor(new RegExp(`DHCP${family}_STARTED`), 30_000);
  return socket;
}

for (const b of BACKENDS) {
  t.test(`${b}: real kea-dhcp4 on our schema`, async (t) => {
    const name = b === 'pgsql' ? await scratchPgsql(t) : await scratchMysql(t);
    t.equal(admin('ours', 'db-init', b, name).status, 0);
    const mgr = await open4(b, name);
    t.teardown(() => mgr.close());
    for (const l of LEASES4) t.equal(await mgr.add(l), true);
    const sock = await startKea(t, 4, b, name);

    const got = await command(sock, { command: 'lease4-get', arguments: { 'ip-address': '192.0.2.10' } });
    t.equal(got.result, 0, String(got.text));
    t.same(got.arguments, {
      'client-id': '01:00:0c:01:02:03:04',
      cltt: LEASES4[0]!.cltt,
      'fqdn-fwd': true,
      'fqdn-rev': true,
      hostname: 'host,one.example.org',
      'hw-address': '00:0c:01:02:03:04',
      'ip-address': '192.0.2.10',
      state: 0,
      'subnet-id': 1,
      'user-context': { ISC: { 'client-classes': ['gold', 'silver'] }, comment: 'a,b' },
      'valid-lft': 3600,
    });
    const declined = await command(sock, { command: 'lease4-get', arguments: { 'ip-address': '10.0.0.1' } });
    t.match(declined.arguments, { state: 1, 'subnet-id': 2, 'valid-lft': 86400 });

    const added = await command(sock, {
      command: 'lease4-add',
      arguments: {
        'ip-address': '192.0.2.77',
        'hw-address': '1a:1b:1c:1d:1e:1f',
        'client-id': '01:1a:1b:1c:1d:1e:1f',
        hostname: 'kea.example.org',
        'valid-lft': 500,
        expire: 1_800_000_500,
        'user-context': { written: 'by kea' },
      },
    });
    t.equal(added.result, 0, String(added.text));
    t.strictSame(
      await mgr.get(parseIPv4('192.0.2.77')),
      makeLease4({
        address: parseIPv4('192.0.2.77'),
        hwaddr: Buffer.from('1a1b1c1d1e1f', 'hex'),
        clientId: Buffer.from('011a1b1c1d1e1f', 'hex'),
        validLifetime: 500,
        cltt: 1_800_000_000,
        subnetId: 1,
        hostname: 'kea.example.org',
        userContext: { written: 'by kea' },
      }),
      'what Kea wrote is what we read',
    );
    const del = await command(sock, { command: 'lease4-del', arguments: { 'ip-address': '192.0.2.9' } });
    t.equal(del.result, 0, String(del.text));
    t.equal(await mgr.get(parseIPv4('192.0.2.9')), null);
    t.same(
      await mgr.getStats(1),
      [{ subnetId: 1, type: 0, state: 0, count: 2 }],
      'stat rows follow Kea writes',
    );
  });

  t.test(`${b}: real kea-dhcp6 on our schema`, async (t) => {
    const name = b === 'pgsql' ? await scratchPgsql(t) : await scratchMysql(t);
    t.equal(admin('ours', 'db-init', b, name).status, 0);
    const mgr = await open6(b, name);
    t.teardown(() => mgr.close());
    for (const l of LEASES6) t.equal(await mgr.add(l), true);
    const sock = await startKea(t, 6, b, name);

    const got = await command(sock, { command: 'lease6-get', arguments: { 'ip-address': '2001:db8::10' } });
    t.equal(got.result, 0, String(got.text));
    t.same(got.arguments, {
      cltt: LEASES6[0]!.cltt,
      duid: '00:01:00:01:2a:2b:2c:2d:00:0c:01:02:03:04',
      'fqdn-fwd': false,
      'fqdn-rev': false,
      hostname: 'six,one',
      'hw-address': '00:0c:01:02:03:04',
      iaid: 0xfffffff0,
      'ip-address': '2001:db8::10',
      'preferred-lft': 1800,
      state: 0,
      'subnet-id': 1,
      type: 'IA_NA',
      'user-context': { ISC: { 'client-classes': ['gold'] } },
      'valid-lft': 3600,
    });
    const pd = await command(sock, {
      command: 'lease6-get',
      arguments: { 'ip-address': '2001:db8:8::', type: 'IA_PD' },
    });
    t.match(pd.arguments, { type: 'IA_PD', 'prefix-len': 56, iaid: 5 });

    const added = await command(sock, {
      command: 'lease6-add',
      arguments: {
        'ip-address': '2001:db8::77',
        duid: '01:02:03:04',
        iaid: 4294967295,
        'valid-lft': 500,
        'preferred-lft': 300,
        expire: 1_800_000_500,
        hostname: 'k6',
      },
    });
    t.equal(added.result, 0, String(added.text));
    t.strictSame(
      await mgr.get(LEASE_TYPE_NA, parseIPv6('2001:db8::77')),
      makeLease6({
        address: parseIPv6('2001:db8::77'),
        duid: Buffer.from('01020304', 'hex'),
        iaid: 4294967295,
        validLifetime: 500,
        preferredLifetime: 300,
        cltt: 1_800_000_000,
        subnetId: 1,
        hostname: 'k6',
      }),
      'what Kea wrote is what we read',
    );
  });
}

// Daemons on a database real kea-admin db-init made, with real clients in a namespace pair: real
// kea-dhcp4 / kea-dhcp6 (Kea 2.2) serve a client first, then ours serve the same client on the same
// database - it keeps its address and the lease Kea wrote is extended in place (one row, later
// expire) - and a new client; real kea-admin lease-dump lists both leases with their clients.

const canServe =
  canUseNetns() &&
  existsSync('/usr/sbin/dhclient') &&
  existsSync('/usr/bin/socat') &&
  spawnSync('busybox', ['true']).status === 0;
const MAC1 = '02:00:00:00:0c:01';
const MAC2 = '02:00:00:00:0c:02';
const VALID = 600;

/** The daemon config of a family on the bridged database (the same for Kea and ours). */
function servingConfig(family: 4 | 6, b: Backend, name: string, dir: string, log: string) {
  const db = { ...leaseDatabase(b, name), port: b === 'pgsql' ? PG.port : MY.port };
  const loggers = [{ name: `kea-dhcp${family}`, severity: 'INFO', output_options: [{ output: log }] }];
  if (family === 4) {
    return {
      Dhcp4: {
        'interfaces-config': { interfaces: ['s0'] },
        'lease-database': db,
        'valid-lifetime': VALID,
        subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.100 - 192.0.2.150' }] }],
        loggers,
      },
    };
  }
  return {
    Dhcp6: {
      'interfaces-config': { interfaces: ['s0'] },
      'lease-database': db,
      'data-directory': dir,
      'server-id': { type: 'LLT', persist: false },
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
      loggers,
    },
  };
}

/** Runs the real or our daemon of a family in the server namespace until `fn` is done. */
function serving(
  t: Test,
  net: NetnsPair,
  which: 'kea' | 'ours',
  family: 4 | 6,
  b: Backend,
  name: string,
  fn: () => Promise<void>,
): Promise<void> {
  return servingIn(
    t,
    net,
    net.server,
    which,
    family,
    (dir, log) => servingConfig(family, b, name, dir, log),
    fn,
  );
}

/** busybox udhcpc on c0 until bound (no release at exit): the address it was given. */
function udhcpc(t: Test, net: NetnsPair, dir: string, label: string): string {
  const out = join(dir, `udhcpc-${label}.out`);
  const script = join(dir, `udhcpc-${label}.sh`);
  writeFileSync(script, `#!/bin/sh\necho "event=$1 ip=$ip" >> ${out}\nexit 0\n`, { mode: 0o755 });
  const r = net.run(
    net.client,
    'busybox',
    ['udhcpc', '-f', '-q', '-n', '-t', '10', '-T', '2', '-i', 'c0', '-s', script],
    { timeout: 40_000 },
  );
  t.equal(r.status, 0, `udhcpc (${label}) got a lease`);
  const line = readFileSync(out, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('event=bound'));
  return /ip=(\S+)/.exec(line ?? '')?.[1] ?? '';
}

/** dhclient -6 on c0 with this DUID until BOUND6 (fresh lease file): the address it was given. */
async function dhclient6(t: Test, net: NetnsPair, dir: string, duid: string, label: string): Promise<string> {
  const out = join(dir, `dhclient6-${label}.out`);
  const script = join(dir, `dhclient6-${label}.sh`);
  const leases = join(dir, `dhclient6-${label}.leases`);
  writeFileSync(script, `#!/bin/sh\necho "reason=$reason ip6=$new_ip6_address" >> ${out}\nexit 0\n`, {
    mode: 0o755,
  });
  writeFileSync(leases, `default-duid "${duid}";\n`);
  const args = ['-6', '-1', '-d', '-lf', leases, '-pf', join(dir, `d6-${label}.pid`), '-sf', script, 'c0'];
  const client = net.spawn(net.client, 'dhclient', args, { stdio: 'ignore' });
  try {
    const bound = await waitForFile(out, /reason=BOUND6 ip6=\S+/, 30_000);
    return /reason=BOUND6 ip6=(\S+)/.exec(bound)?.[1] ?? '';
  } catch (e) {
    t.fail(`dhclient -6 (${label}) was not bound: ${(e as Error).message}`);
    return '';
  } finally {
    client.kill('SIGKILL');
  }
}

/** dhclient's DUID string form ("\\000\\003..." octal escapes) of a DUID-LL for a MAC. */
function duidLL(mac: string): string {
  const bytes = [0, 3, 0, 1, ...mac.split(':').map((h) => Number.parseInt(h, 16))];
  return bytes.map((x) => `\\${x.toString(8).padStart(3, '0')}`).join('');
}

const EXPIRE = (b: Backend) =>
  b === 'pgsql' ? 'extract(epoch from expire)::bigint' : 'UNIX_TIMESTAMP(expire)';

for (const b of BACKENDS) {
  t.test(
    `${b}: a database real kea-admin made serves real Kea, then ours renews Kea's leases`,
    { skip: canServe ? false : 'needs root, ip netns, socat, udhcpc and dhclient', timeout: 180_000 },
    async (t) => {
      const name = b === 'pgsql' ? await scratchPgsql(t, 'kdaemons') : await scratchMysql(t, 'kdaemons');
      const init = admin('real', 'db-init', b, name);
      t.equal(init.status, 0, init.status === 0 ? 'real kea-admin db-init' : String(init.stderr));
      const dir = tempDir(t, 'kdc-');
      const net = await dbServingPair(
        t,
        b === 'pgsql' ? 'kdp' : 'kdm',
        MAC1,
        dir,
        b === 'pgsql' ? PG.port : MY.port,
      );
      const rows4 = () =>
        tableRows(
          b,
          name,
          `SELECT address, hwaddr, ${EXPIRE(b)}, valid_lifetime FROM lease4 ORDER BY address`,
        );
      const rows6 = () =>
        tableRows(b, name, `SELECT address, duid, ${EXPIRE(b)}, iaid FROM lease6 ORDER BY address`);
      const hex = (v: unknown) => Buffer.from(v as Uint8Array).toString('hex');

      // DHCPv4: Kea first, then ours for the same client and for a new one.
      let first = '';
      await serving(t, net, 'kea', 4, b, name, async () => {
        first = udhcpc(t, net, dir, 'kea');
      });
      const byKea = await rows4();
      t.equal(byKea.length, 1, 'real kea-dhcp4 stored one lease4 row');
      t.equal(formatIPv4(Number(byKea[0]?.[0])), first, 'for the address the client got');
      await new Promise((r) => setTimeout(r, 1100));
      let again = '';
      let second = '';
      await serving(t, net, 'ours', 4, b, name, async () => {
        again = udhcpc(t, net, dir, 'ours-same');
        net.run(net.client, 'ip', ['link', 'set', 'c0', 'address', MAC2]);
        second = udhcpc(t, net, dir, 'ours-new');
      });
      t.equal(again, first, "our kea-dhcp4 gave the client the address of Kea's lease");
      t.not(second, first, 'and a new client another one');
      const after = await rows4();
      t.equal(after.length, 2, 'two lease4 rows: the renewed one and the new one');
      const renewed = after.find((r) => formatIPv4(Number(r[0])) === first);
      t.equal(hex(renewed?.[1]), MAC1.replace(/:/g, ''), "Kea's row still holds its client");
      t.ok(
        Number(renewed?.[2]) > Number(byKea[0]?.[2]),
        `and its expire moved on (${byKea[0]?.[2]} -> ${renewed?.[2]})`,
      );
      const dump4 = join(dir, 'dump4.csv');
      const d4 = admin('real', 'lease-dump', b, name, ['-4', '-o', dump4, '-y']);
      t.equal(d4.status, 0, `real kea-admin lease-dump -4: ${d4.stderr}`);
      const csv4 = readFileSync(dump4, 'utf8');
      t.match(
        csv4,
        new RegExp(`^${first.replace(/\./g, '\\.')},${MAC1},`, 'm'),
        'the dump lists the renewed lease',
      );
      t.match(csv4, new RegExp(`^${second.replace(/\./g, '\\.')},${MAC2},`, 'm'), 'and the new one');

      // DHCPv6 the same way (clients told apart by their DUIDs).
      let six = '';
      await serving(t, net, 'kea', 6, b, name, async () => {
        six = await dhclient6(t, net, dir, duidLL(MAC1), 'kea');
      });
      const byKea6 = await rows6();
      t.equal(byKea6.length, 1, 'real kea-dhcp6 stored one lease6 row');
      t.equal(byKea6[0]?.[0], six, 'for the address the client got');
      await new Promise((r) => setTimeout(r, 1100));
      let six2 = '';
      let sixNew = '';
      await serving(t, net, 'ours', 6, b, name, async () => {
        six2 = await dhclient6(t, net, dir, duidLL(MAC1), 'ours-same');
        sixNew = await dhclient6(t, net, dir, duidLL(MAC2), 'ours-new');
      });
      t.equal(six2, six, "our kea-dhcp6 gave the client the address of Kea's lease");
      t.not(sixNew, six, 'and a new client another one');
      const after6 = await rows6();
      t.equal(after6.length, 2, 'two lease6 rows');
      const renewed6 = after6.find((r) => r[0] === six);
      t.ok(
        Number(renewed6?.[2]) > Number(byKea6[0]?.[2]),
        `Kea's lease6 row was extended (${byKea6[0]?.[2]} -> ${renewed6?.[2]})`,
      );
      const dump6 = join(dir, 'dump6.csv');
      const d6 = admin('real', 'lease-dump', b, name, ['-6', '-o', dump6, '-y']);
      t.equal(d6.status, 0, `real kea-admin lease-dump -6: ${d6.stderr}`);
      const csv6 = readFileSync(dump6, 'utf8');
      t.match(csv6, new RegExp(`^${six},00:03:00:01:${MAC1},`, 'm'), 'the v6 dump lists the renewed lease');
      t.match(csv6, new RegExp(`^${sixNew},00:03:00:01:${MAC2},`, 'm'), 'and the new one');
    },
  );
}
