// Real kea-dhcp4 and kea-dhcp6 (Kea 2.2) on a PostgreSQL and a MariaDB database that our kea-admin
// initialised: they accept the schema, read the leases our lease managers wrote (lease4-get /
// lease6-get of the lease_cmds hook, over their control sockets), and what they write (lease4-add /
// lease6-add) or delete is what our managers then read. No network is involved.
import { join } from 'node:path';
import { LEASE_TYPE_NA, makeLease4, makeLease6 } from '@kea-ts/dhcpsrv';
import { parseIPv4, parseIPv6 } from '@kea-ts/util';
import t, { type Test } from 'tap';
import { command } from './lib/control.js';
import { startProgram, tempDir, writeJson } from './lib/harness.js';
import { MY, PG, scratchMysql, scratchPgsql } from './lib/scratch-db.js';
import { admin, BACKENDS, type Backend, LEASES4, LEASES6, open4, open6 } from './lib/sql-compat.js';

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
