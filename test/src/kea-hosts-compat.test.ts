// Host reservations in PostgreSQL and MariaDB, both ways with real Kea 2.2: the same hosts are put by
// SQL (as Kea's ARM shows: hosts, dhcp4_options/dhcp6_options with the host scope, ipv6_reservations)
// into a database made by real `kea-admin db-init` and into one made by ours, and written by our host
// data source into a third one made by real kea-admin. Real kea-dhcp4/6 and ours, each with
// hosts-database on one of them (reached from a server namespace through socat) and memfile leases,
// serve udhcpc and dhclient -6 -N -P in a client namespace: every run gives the client the reserved
// address (and v6 prefix; outside the pools), hostname, boot fields and the host's options, the same
// answers from Kea and from ours. Needs root, ip netns, socat, busybox udhcpc and dhclient.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MysqlHostDataSource } from '@kea-ts/db-mysql';
import { PgsqlHostDataSource } from '@kea-ts/db-pgsql';
import { emptyHost, type HostRecord } from '@kea-ts/dhcpsrv';
import { parseIPv4 } from '@kea-ts/util';
import mysql from 'mysql2/promise';
import pg from 'pg';
import t, { type Test } from 'tap';
import { tempDir, waitForFile } from './lib/harness.js';
import { logIds } from './lib/log-lines.js';
import { canUseNetns, type NetnsPair } from './lib/netns.js';
import { MY, PG, scratchMysql, scratchPgsql } from './lib/scratch-db.js';
import { dbServingPair, servingIn } from './lib/serving.js';
import { admin, BACKENDS, type Backend } from './lib/sql-compat.js';

const canServe =
  canUseNetns() &&
  existsSync('/usr/sbin/kea-dhcp4') &&
  existsSync('/usr/sbin/dhclient') &&
  existsSync('/usr/bin/socat') &&
  spawnSync('busybox', ['true']).status === 0;

const MAC = '02:00:00:00:0c:31';
const MAC_HEX = MAC.replace(/:/g, '');

/** The hosts, by SQL as the ARM shows it for each backend. */
const HOSTS_SQL: Record<Backend, string[]> = {
  pgsql: [
    `INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, ipv4_address, hostname,
       dhcp4_next_server, dhcp4_server_hostname, dhcp4_boot_file_name)
     VALUES (DECODE('${MAC_HEX}', 'hex'), (SELECT type FROM host_identifier_type WHERE name = 'hw-address'), 1,
       ('192.0.2.77'::inet - '0.0.0.0'::inet), 'db-host', ('192.0.2.5'::inet - '0.0.0.0'::inet),
       'boot.example.org', 'pxe.efi')`,
    `INSERT INTO dhcp4_options (code, formatted_value, space, persistent, host_id, scope_id)
     VALUES (15, 'hosts.example.org', 'dhcp4', true, currval('hosts_host_id_seq'),
       (SELECT scope_id FROM dhcp_option_scope WHERE scope_name = 'host'))`,
    `INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp6_subnet_id, hostname)
     VALUES (DECODE('00030001${MAC_HEX}', 'hex'), (SELECT type FROM host_identifier_type WHERE name = 'duid'), 1,
       'db-host6')`,
    `INSERT INTO ipv6_reservations (address, prefix_len, type, dhcp6_iaid, host_id)
     VALUES ('2001:db8:1::77', 128, 0, NULL, currval('hosts_host_id_seq'))`,
    `INSERT INTO ipv6_reservations (address, prefix_len, type, dhcp6_iaid, host_id)
     VALUES ('2001:db8:9:100::', 56, 2, NULL, currval('hosts_host_id_seq'))`,
    `INSERT INTO dhcp6_options (code, formatted_value, space, persistent, host_id, scope_id)
     VALUES (23, '2001:db8:1::53', 'dhcp6', false, currval('hosts_host_id_seq'), 3)`,
  ],
  mysql: [
    `INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, ipv4_address, hostname,
       dhcp4_next_server, dhcp4_server_hostname, dhcp4_boot_file_name)
     VALUES (UNHEX('${MAC_HEX}'), (SELECT type FROM host_identifier_type WHERE name = 'hw-address'), 1,
       INET_ATON('192.0.2.77'), 'db-host', INET_ATON('192.0.2.5'), 'boot.example.org', 'pxe.efi')`,
    `INSERT INTO dhcp4_options (code, formatted_value, space, persistent, host_id, scope_id)
     VALUES (15, 'hosts.example.org', 'dhcp4', 1, LAST_INSERT_ID(),
       (SELECT scope_id FROM dhcp_option_scope WHERE scope_name = 'host'))`,
    `INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp6_subnet_id, hostname)
     VALUES (UNHEX('00030001${MAC_HEX}'), (SELECT type FROM host_identifier_type WHERE name = 'duid'), 1,
       'db-host6')`,
    'SET @host6 = LAST_INSERT_ID()',
    `INSERT INTO ipv6_reservations (address, prefix_len, type, dhcp6_iaid, host_id)
     VALUES ('2001:db8:1::77', 128, 0, NULL, @host6)`,
    `INSERT INTO ipv6_reservations (address, prefix_len, type, dhcp6_iaid, host_id)
     VALUES ('2001:db8:9:100::', 56, 2, NULL, @host6)`,
    `INSERT INTO dhcp6_options (code, formatted_value, space, persistent, host_id, scope_id)
     VALUES (23, '2001:db8:1::53', 'dhcp6', 0, @host6, 3)`,
  ],
};

/** The hosts of HOSTS_SQL as our host data sources write them. */
function sameHosts(): HostRecord[] {
  const option = (code: number, space: string, text: string, persistent: boolean) => ({
    code,
    space,
    formattedValue: text,
    value: null,
    persistent,
    clientClass: null,
    userContext: null,
  });
  const h4 = emptyHost('hw-address', Buffer.from(MAC_HEX, 'hex'));
  h4.ipv4SubnetId = 1;
  h4.ipv4Address = parseIPv4('192.0.2.77');
  h4.hostname = 'db-host';
  h4.nextServer = parseIPv4('192.0.2.5');
  h4.serverHostname = 'boot.example.org';
  h4.bootFileName = 'pxe.efi';
  h4.options4 = [option(15, 'dhcp4', 'hosts.example.org', true)];
  const h6 = emptyHost('duid', Buffer.from(`00030001${MAC_HEX}`, 'hex'));
  h6.ipv6SubnetId = 1;
  h6.hostname = 'db-host6';
  h6.reservations6 = [
    { type: 0, address: '2001:db8:1::77', prefixLen: 128, iaid: null },
    { type: 2, address: '2001:db8:9:100::', prefixLen: 56, iaid: null },
  ];
  h6.options6 = [option(23, 'dhcp6', '2001:db8:1::53', false)];
  return [h4, h6];
}

/** Runs the statements in order on one session. */
async function runSql(b: Backend, name: string, statements: string[]): Promise<void> {
  if (b === 'pgsql') {
    const c = new pg.Client({ ...PG, database: name });
    await c.connect();
    try {
      for (const s of statements) await c.query(s);
    } finally {
      await c.end();
    }
    return;
  }
  const c = await mysql.createConnection({ ...MY, database: name });
  try {
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

function hostsDatabase(b: Backend, name: string) {
  return b === 'pgsql'
    ? { type: 'postgresql', name, host: PG.host, port: PG.port, user: PG.user, readonly: true }
    : {
        type: 'mysql',
        name,
        host: MY.host,
        port: MY.port,
        user: MY.user,
        password: MY.password,
        readonly: true,
      };
}

function config(family: 4 | 6, b: Backend, name: string, dir: string, log: string) {
  const loggers = [{ name: `kea-dhcp${family}`, severity: 'INFO', output_options: [{ output: log }] }];
  const common = {
    'interfaces-config': { interfaces: ['s0'] },
    'lease-database': { type: 'memfile', persist: false },
    'hosts-database': hostsDatabase(b, name),
    'valid-lifetime': 600,
    loggers,
  };
  if (family === 4) {
    return {
      Dhcp4: {
        ...common,
        subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.100 - 192.0.2.150' }] }],
      },
    };
  }
  return {
    Dhcp6: {
      ...common,
      'data-directory': dir,
      'server-id': { type: 'LLT', persist: false },
      'preferred-lifetime': 300,
      subnet6: [
        {
          id: 1,
          subnet: '2001:db8:1::/64',
          interface: 's0',
          pools: [{ pool: '2001:db8:1::100 - 2001:db8:1::1ff' }],
          'pd-pools': [{ prefix: '2001:db8:8::', 'prefix-len': 48, 'delegated-len': 56 }],
        },
      ],
    },
  };
}

function serving<R>(
  t: Test,
  net: NetnsPair,
  which: 'kea' | 'ours',
  family: 4 | 6,
  b: Backend,
  name: string,
  fn: (log: string) => Promise<R>,
): Promise<R> {
  return servingIn(t, net, net.server, which, family, (dir, log) => config(family, b, name, dir, log), fn);
}

const V4_KEYS = ['ip', 'siaddr', 'sname', 'boot_file', 'domain', 'hostname'] as const;

/** busybox udhcpc on c0 until bound: what its script saw of the answer. */
function udhcpc(t: Test, net: NetnsPair, dir: string, label: string): Record<string, string> {
  const out = join(dir, `udhcpc-${label}.out`);
  const script = join(dir, `udhcpc-${label}.sh`);
  const fields = V4_KEYS.map((k) => `${k}=$${k}`).join('|');
  writeFileSync(script, `#!/bin/sh\n[ "$1" = bound ] && echo "${fields}" >> ${out}\nexit 0\n`, {
    mode: 0o755,
  });
  const r = net.run(
    net.client,
    'busybox',
    ['udhcpc', '-f', '-q', '-n', '-t', '10', '-T', '2', '-i', 'c0', '-s', script],
    {
      timeout: 40_000,
    },
  );
  t.equal(r.status, 0, `udhcpc (${label}) got a lease`);
  const line = existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n')[0]! : '';
  return Object.fromEntries(line.split('|').map((kv) => kv.split('=', 2) as [string, string]));
}

/** dhclient -6 -N -P with the DUID-LL of MAC until BOUND6: its address, prefix and name servers. */
async function dhclient6(
  t: Test,
  net: NetnsPair,
  dir: string,
  label: string,
): Promise<Record<string, string>> {
  const out = join(dir, `dhclient6-${label}.out`);
  const script = join(dir, `dhclient6-${label}.sh`);
  const leases = join(dir, `dhclient6-${label}.leases`);
  writeFileSync(
    script,
    `#!/bin/sh\n[ "$reason" = BOUND6 ] && echo "ip6=$new_ip6_address|pd=$new_ip6_prefix|dns=$new_dhcp6_name_servers" >> ${out}\nexit 0\n`,
    { mode: 0o755 },
  );
  const duid = [0, 3, 0, 1, ...MAC.split(':').map((h) => Number.parseInt(h, 16))];
  writeFileSync(
    leases,
    `default-duid "${duid.map((x) => `\\${x.toString(8).padStart(3, '0')}`).join('')}";\n`,
  );
  const args = [
    '-6',
    '-N',
    '-P',
    '-1',
    '-d',
    '-lf',
    leases,
    '-pf',
    join(dir, `d6-${label}.pid`),
    '-sf',
    script,
    'c0',
  ];
  const client = net.spawn(net.client, 'dhclient', args, { stdio: 'ignore' });
  try {
    // One BOUND6 run of the script per IA: the address's, then the prefix's; fields merged.
    await waitForFile(out, /^(?=[\s\S]*ip6=[^|\s]+\|)(?=[\s\S]*pd=[^|\s]+\|)/, 30_000);
    const text = readFileSync(out, 'utf8');
    const got: Record<string, string> = {};
    for (const line of text.trim().split('\n')) {
      for (const [k, v] of line.split('|').map((kv) => kv.split('=', 2) as [string, string]))
        if (v) got[k] = v;
    }
    return got;
  } catch (e) {
    t.fail(`dhclient -6 (${label}) was not bound: ${(e as Error).message}`);
    return {};
  } finally {
    client.kill('SIGKILL');
  }
}

for (const b of BACKENDS) {
  t.test(
    `${b}: hosts put by SQL serve real Kea and ours alike, on real kea-admin's schema and on ours`,
    { skip: canServe ? false : 'needs root, ip netns, socat, udhcpc and dhclient', timeout: 300_000 },
    async (t) => {
      const scratch = (p: string) => (b === 'pgsql' ? scratchPgsql(t, p) : scratchMysql(t, p));
      const realDb = await scratch('khreal');
      const ourDb = await scratch('khours');
      t.equal(admin('real', 'db-init', b, realDb).status, 0, 'real kea-admin db-init');
      t.equal(admin('ours', 'db-init', b, ourDb).status, 0, 'our kea-admin db-init');
      for (const db of [realDb, ourDb]) await runSql(b, db, HOSTS_SQL[b]);
      // The same hosts written by our host data source into a third database, made by real kea-admin.
      const writtenDb = await scratch('khwrit');
      t.equal(admin('real', 'db-init', b, writtenDb).status, 0, 'real kea-admin db-init (written)');
      const src = await (b === 'pgsql'
        ? PgsqlHostDataSource.open({ ...PG, name: writtenDb })
        : MysqlHostDataSource.open({ ...MY, name: writtenDb }));
      try {
        for (const h of sameHosts()) await src.add(h);
      } finally {
        await src.close();
      }
      const dir = tempDir(t, 'khc-');
      const net = await dbServingPair(
        t,
        b === 'pgsql' ? 'khp' : 'khm',
        MAC,
        dir,
        b === 'pgsql' ? PG.port : MY.port,
      );

      const runs: ['kea' | 'ours', string, string][] = [
        ['kea', realDb, 'kea-on-real'],
        ['ours', realDb, 'ours-on-real'],
        ['kea', ourDb, 'kea-on-ours'],
        ['ours', ourDb, 'ours-on-ours'],
        ['kea', writtenDb, 'kea-on-written'],
        ['ours', writtenDb, 'ours-on-written'],
      ];
      const want4 = {
        ip: '192.0.2.77',
        siaddr: '192.0.2.5',
        sname: 'boot.example.org',
        boot_file: 'pxe.efi',
        domain: 'hosts.example.org',
        hostname: 'db-host',
      };
      const got4: Record<string, Record<string, string>> = {};
      const logs: Record<string, string> = {};
      for (const [which, db, label] of runs) {
        got4[label] = await serving(t, net, which, 4, b, db, async (log) => {
          const got = udhcpc(t, net, dir, label);
          logs[label] = readFileSync(log, 'utf8');
          return got;
        });
        t.match(got4[label], want4, `${label}: the reserved address, hostname, boot fields and option 15`);
      }
      // Opening the hosts database is logged as Kea does: the same IDs, loggers and access string.
      const kind = b === 'pgsql' ? 'PGSQL' : 'MYSQL';
      for (const on of ['real', 'ours', 'written']) {
        for (const who of ['kea', 'ours']) {
          t.same(
            logIds(logs[`${who}-on-${on}`]!, /HOST_DB/),
            [
              `INFO kea-dhcp4.dhcpsrv DHCPSRV_${kind}_HOST_DB_READONLY`,
              `INFO kea-dhcp4.hosts DHCPSRV_${kind}_HOST_DB`,
            ],
            `${who}-on-${on}: the hosts database's opening lines`,
          );
        }
        const access = (log: string) => /_HOST_DB [^:]*: (.*)$/m.exec(log)?.[1];
        t.equal(
          access(logs[`ours-on-${on}`]!),
          access(logs[`kea-on-${on}`]!),
          `${on}: the same access string as Kea's`,
        );
      }
      t.same(got4['ours-on-real'], got4['kea-on-real'], 'ours answers as Kea on real kea-admin’s schema');
      t.same(got4['kea-on-ours'], got4['kea-on-real'], 'Kea answers the same on our schema');
      t.same(got4['ours-on-ours'], got4['kea-on-real'], 'and so do we');
      t.same(got4['kea-on-written'], got4['kea-on-real'], 'Kea reads the rows our host data source wrote');
      t.same(got4['ours-on-written'], got4['kea-on-real'], 'and so do we');

      const got6: Record<string, Record<string, string>> = {};
      for (const [which, db, label] of runs) {
        got6[label] = await serving(t, net, which, 6, b, db, () => dhclient6(t, net, dir, label));
        t.same(
          got6[label],
          { ip6: '2001:db8:1::77', pd: '2001:db8:9:100::/56', dns: '2001:db8:1::53' },
          `${label}: the reserved address and prefix and the host's dns-servers`,
        );
      }
    },
  );
}
