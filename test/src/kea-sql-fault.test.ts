// The lease database goes away under perfdhcp load and comes back: our kea-dhcp4 and kea-dhcp6, each on a
// private PostgreSQL cluster and a private MariaDB instance (lib/private-db.ts, run inside the
// server namespace; the machine's shared servers are never touched), stopped and started with
// their own tools. With on-fail stop-retry-exit the service is disabled while the database is down
// (Kea's log lines, packets dropped as "globally disabled"), served again after it returns, in the
// same process; every address the client side saw in an ACK/REPLY (tcpdump) is a row of the
// database. Then the exhausted tries: real Kea 2.2's kea-dhcp4 and ours side by side on one database
// log the same lines and exit alike, max-reconnect-tries 0 exits at the loss, serve-retry-continue
// stays up. The hosts database (leases in memfile) stopped and started the same way, under real
// Kea 2.2's kea-dhcp4 and under ours (the same log ids; ours also on MariaDB, and kea-dhcp6 on
// PostgreSQL): a client whose reservation is in it gets nothing
// meanwhile (DHCPSRV_*_HOST_DB_RECONNECT_* lines), then its reserved address, in the same process. TLS to MariaDB and to PostgreSQL (ssl=on, hostssl only,
// clientcert=verify-ca), for the lease and the hosts database: a server that refuses insecure
// transport accepts the daemon with the TLS keys (pg_stat_ssl / Ssl_accepts, the cipher of
// cipher-list, the client certificate), refuses it without them, and another CA, a missing client
// certificate or (PostgreSQL) a server without TLS are refused with a clear error.
// Needs root, iproute2, perfdhcp, tcpdump, kea-dhcp4, PostgreSQL 15 and MariaDB server binaries (~150 s).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MYSQL_CREATE_STATEMENTS } from '@kea-ts/db-mysql';
import { PGSQL_CREATE_SCRIPT } from '@kea-ts/db-pgsql';
import t, { type Test } from 'tap';
import { command, statistic } from './lib/control.js';
import { options, v6Text } from './lib/dhcp6-packets.js';
import { bin, makeCerts, type RunningDaemon, startProgram, tempDir, writeJson } from './lib/harness.js';
import { logIds } from './lib/log-lines.js';
import { canUseNetns, type NetnsPair, netnsPair } from './lib/netns.js';
import { dhcp4AckedAddresses, udp6Payloads } from './lib/pcap.js';
import { canRunPrivateDbs, type PrivateDb, privateMysql, privatePgsql } from './lib/private-db.js';

const canRun =
  canUseNetns() &&
  canRunPrivateDbs() &&
  existsSync('/usr/sbin/perfdhcp') &&
  spawnSync('tcpdump', ['--version']).status === 0;

const REAL_KEA_DHCP4 = '/usr/sbin/kea-dhcp4';
const PG_PORT = 25432;
const MY_PORT = 23306;
const MY_TLS_PORT = 23307;
const PG_TLS_PORT = 25433;
const PG_PLAIN_PORT = 25434;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let dbCounter = 0;

/** A fresh database with Kea's schema on the private server; its lease-database map. */
async function keaDatabase(db: PrivateDb, extra: Record<string, unknown> = {}) {
  const name = `kea_fault_${dbCounter++}`;
  await db.query(`CREATE DATABASE ${name}`);
  if (db.kind === 'pgsql') await db.query(PGSQL_CREATE_SCRIPT, name);
  else for (const sql of MYSQL_CREATE_STATEMENTS) await db.query(sql, name);
  const map =
    db.kind === 'pgsql'
      ? { type: 'postgresql', name, host: '127.0.0.1', port: db.port, user: 'postgres' }
      : { type: 'mysql', name, host: '127.0.0.1', port: db.port, user: 'root', password: '' };
  return { name, map: { ...map, 'connect-timeout': 2, ...extra } };
}

/** IA_NA addresses with a non-zero valid lifetime in the REPLYs of a capture. */
function repliedAddresses(pcap: Buffer): string[] {
  const out: string[] = [];
  for (const msg of udp6Payloads(pcap)) {
    if (msg[0] !== 7) continue;
    for (const [code, raw] of options(msg)) {
      if (code !== 3) continue;
      for (const [sub, subRaw] of options(raw, 16)) {
        const s = subRaw.subarray(4);
        if (sub === 5 && s.length >= 24 && s.readUInt32BE(20) > 0) out.push(v6Text(s.subarray(0, 16)));
      }
    }
  }
  return out;
}

interface Scenario {
  family: 4 | 6;
  db: PrivateDb;
  leaseDb: Record<string, unknown>;
  /** Debug logging of bad-packets (the per-packet drop lines). */
  packetDrops?: boolean;
  /** Debug logging of the dhcpsrv logger (DHCPSRV_MYSQL_TLS_CIPHER). */
  traceDhcpsrv?: boolean;
  /** A hosts-database map (v4: the pool then starts at 10.0.1.0, reservations go below it). */
  hostsDb?: Record<string, unknown>;
  /** Another kea-dhcp4 than ours (real Kea 2.2's). */
  program?: string;
}

interface Daemon {
  daemon: RunningDaemon;
  sock: string;
  log: () => string;
  waitLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

async function startDaemon(t: Test, net: NetnsPair, s: Scenario): Promise<Daemon> {
  const dir = tempDir(t, 'ksf-');
  const sock = join(dir, `kea${s.family}.sock`);
  const logFile = join(dir, 'kea.log');
  const v = `kea-dhcp${s.family}`;
  const loggers = [
    { name: v, severity: 'INFO', output_options: [{ output: logFile }] },
    ...(s.packetDrops
      ? [
          {
            name: `${v}.bad-packets`,
            severity: 'DEBUG',
            debuglevel: 15,
            output_options: [{ output: logFile }],
          },
        ]
      : []),
    ...(s.traceDhcpsrv
      ? [{ name: `${v}.dhcpsrv`, severity: 'DEBUG', debuglevel: 40, output_options: [{ output: logFile }] }]
      : []),
  ];
  const common = {
    'interfaces-config': { interfaces: ['s0'], ...(s.family === 4 ? { 'dhcp-socket-type': 'udp' } : {}) },
    'control-socket': { 'socket-type': 'unix', 'socket-name': sock },
    'lease-database': s.leaseDb,
    ...(s.hostsDb ? { 'hosts-database': s.hostsDb } : {}),
    'valid-lifetime': 4000,
    loggers,
  };
  const conf =
    s.family === 4
      ? {
          Dhcp4: {
            ...common,
            subnet4: [
              {
                id: 1,
                subnet: '10.0.0.0/8',
                relay: { 'ip-addresses': ['192.0.2.2'] },
                pools: [{ pool: `${s.hostsDb ? '10.0.1.0' : '10.0.0.1'} - 10.255.255.254` }],
              },
            ],
          },
        }
      : {
          Dhcp6: {
            ...common,
            'data-directory': dir,
            'preferred-lifetime': 3000,
            subnet6: [
              {
                id: 1,
                subnet: '2001:db8:1::/64',
                interface: 's0',
                pools: [{ pool: '2001:db8:1::1:0 - 2001:db8:1::ffff:ffff' }],
              },
            ],
          },
        };
  const path = writeJson(join(dir, `${v}.conf`), conf);
  const daemon = startProgram(t, ...net.argv(net.server, s.program ?? bin(v), ['-c', path]), {
    KEA_PIDFILE_DIR: dir,
    KEA_LOCKFILE_DIR: dir,
  });
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const waitLog = async (pattern: RegExp, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(log())) {
      if (Date.now() > deadline) throw new Error(`no ${pattern} in the log after ${timeoutMs} ms:\n${log()}`);
      if (daemon.child.exitCode !== null && !pattern.test(log()))
        throw new Error(
          `daemon exited (${daemon.child.exitCode}) before ${pattern}:\n${log()}\n${daemon.output()}`,
        );
      await sleep(100);
    }
  };
  await waitLog(new RegExp(`DHCP${s.family}_STARTED`));
  return { daemon, sock, log, waitLog };
}

/**
 * perfdhcp at `rate` exchanges a second; with `base` ('mac=...' for v4, 'duid=...' for v6): one
 * client, that identifier, again and again.
 */
function perfdhcp(net: NetnsPair, family: 4 | 6, rate: number, seconds: number, base?: string) {
  const clients = base === undefined ? ['-R', '1000000'] : ['-R', '1', '-b', base];
  const args =
    family === 4
      ? ['-4', '-l', '192.0.2.2', '-r', String(rate), ...clients, '-p', String(seconds), '-d', '1']
      : ['-6', '-l', 'c0', '-e', 'address-only', '-r', String(rate), ...clients, '-p', String(seconds)];
  return net.start(net.client, 'perfdhcp', [
    ...args,
    '-W',
    '1000000',
    ...(family === 4 ? ['192.0.2.1'] : []),
  ]);
}

/** Every address of `acked` that is not a row of lease4 / lease6 (at most 20). */
async function missingRows(db: PrivateDb, name: string, family: 4 | 6, acked: string[]): Promise<string[]> {
  const sql =
    family === 4
      ? 'SELECT address FROM lease4'
      : db.kind === 'pgsql'
        ? 'SELECT address::text FROM lease6'
        : 'SELECT address FROM lease6';
  const rows = await db.query(sql, name);
  const stored = new Set(
    rows.map((r) => {
      const a = r[0];
      if (family === 6) return String(a);
      const n = Number(a);
      return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    }),
  );
  return [...new Set(acked)].filter((a) => !stored.has(a)).slice(0, 20);
}

/**
 * The database is stopped under load and started again: the daemon disables the service, logs
 * Kea's lines, recovers in the same process and serves again; every answered lease is stored.
 */
async function outageUnderLoad(t: Test, net: NetnsPair, db: PrivateDb, family: 4 | 6): Promise<void> {
  const v = `DHCP${family}`;
  const tag = db.kind === 'pgsql' ? 'PGSQL' : 'MYSQL';
  const { name, map } = await keaDatabase(db, { 'max-reconnect-tries': 100, 'reconnect-wait-time': 500 });
  const d = await startDaemon(t, net, { family, db, leaseDb: map, packetDrops: true });
  const pid = ((await command(d.sock, { command: 'status-get' })).arguments as { pid: number }).pid;

  const pcap = join(tempDir(t, 'ksf-cap-'), 'answers.pcap');
  const tcpdump = await net.capture(
    net.client,
    'c0',
    pcap,
    family === 4 ? 'udp and src host 192.0.2.1' : 'udp and src port 547',
  );
  const answered = () => (family === 4 ? dhcp4AckedAddresses : repliedAddresses)(readFileSync(pcap));
  const perf = perfdhcp(net, family, 150, 40);
  try {
    await sleep(3000);
    const before = answered().length;
    t.ok(before > 50, `${before} answers with the database up`);

    await db.stop();
    const stopped = Date.now();
    await d.waitLog(new RegExp(`${v}_DB_RECONNECT_LOST_CONNECTION`));
    t.comment(`loss seen ${Date.now() - stopped} ms after the server was down`);
    await d.waitLog(new RegExp(`DHCPSRV_${tag}_LEASE_DB_RECONNECT_ATTEMPT_SCHEDULE`));
    // Answers sent before the loss was seen may reach the capture file late (tcpdump hands packets
    // over in blocks, after up to a second when traffic stops); after that, nothing.
    await sleep(2000);
    const atLoss = answered().length;
    // dhcp-enable (origin user) answers as Kea 2.2 does but cannot lift the db-connection origin,
    // and that origin is not one a command may use.
    const enable = await command(d.sock, { command: 'dhcp-enable' });
    t.same([enable.result, enable.text], [0, 'DHCP service successfully enabled'], 'dhcp-enable answers');
    const byDb = await command(d.sock, { command: 'dhcp-enable', arguments: { origin: 'db-connection' } });
    t.same(
      [byDb.result, byDb.text],
      [1, "invalid value used for 'origin' parameter: db-connection"],
      'origin db-connection is refused',
    );
    await sleep(2000);
    const down = answered().length;
    t.equal(down, atLoss, `no answer while the database is down (${down - before} after the stop)`);
    const st = await command(d.sock, { command: 'status-get' });
    t.equal(st.result, 0, 'the daemon answers commands while the database is down');
    t.match(
      d.log(),
      new RegExp(`${v}_PACKET_DROP_0008|${v}_PACKET_DROP_DHCP_DISABLED`),
      'packets are dropped because the service is disabled',
    );

    await db.start();
    const started = Date.now();
    await d.waitLog(new RegExp(`${v}_DB_RECONNECT_SUCCEEDED`), 30_000);
    const back = Date.now() - started;
    // The next try comes at most reconnect-wait-time (500 ms) later; the rest is margin for a busy machine.
    t.ok(back < 5000, `recovered ${back} ms after the server was up again`);
    const tries = d
      .log()
      .split('\n')
      .filter((l) => l.includes(`DHCPSRV_${tag}_LEASE_DB_RECONNECT_ATTEMPT_FAILED`))
      .map((l) => Date.parse(l.slice(0, 23).replace(' ', 'T')));
    const gaps = tries.slice(1).map((x, i) => x - tries[i]!);
    t.ok(
      tries.length >= 5 && gaps.every((g) => g >= 450),
      `${tries.length} failed tries, one every reconnect-wait-time (gaps ${Math.min(...gaps)}..${Math.max(...gaps)} ms)`,
    );
    // 50 more answers (a third of a second of the offered load), within 10 s on a busy machine.
    let after = answered().length;
    for (const until = Date.now() + 10_000; after <= down + 50 && Date.now() < until; ) {
      await sleep(250);
      after = answered().length;
    }
    t.ok(after > down + 50, `served again after the database returned (${after - down} more answers)`);
    if (after <= down + 50) t.comment(d.log().split('\n').slice(-80).join('\n'));
    const again = await command(d.sock, { command: 'status-get' });
    t.equal((again.arguments as { pid: number }).pid, pid, 'same process (no restart)');
  } finally {
    perf.child.kill('SIGKILL');
    await perf.exited;
    tcpdump.child.kill('SIGINT');
    await tcpdump.exited;
  }
  const acked = answered();
  t.same(
    await missingRows(db, name, family, acked),
    [],
    `every one of the ${new Set(acked).size} answered addresses is a ${family === 4 ? 'lease4' : 'lease6'} row`,
  );
  const ids = logIds(
    d.log(),
    /^(DATABASE_\w+_FATAL_ERROR|DHCPSRV_\w+_LEASE_DB_RECONNECT_\w+|DHCP[46]_DB_RECONNECT_\w+)$/,
  );
  const dbTag = db.kind === 'pgsql' ? 'PGSQL' : 'MYSQL';
  const fam = `kea-dhcp${family}`;
  t.same(
    ids,
    [
      `ERROR ${fam}.database DATABASE_${dbTag}_FATAL_ERROR`,
      `ERROR ${fam}.dhcpsrv DHCPSRV_${dbTag}_LEASE_DB_RECONNECT_ATTEMPT_FAILED`,
      `INFO ${fam}.dhcp${family} ${v}_DB_RECONNECT_LOST_CONNECTION`,
      `INFO ${fam}.dhcp${family} ${v}_DB_RECONNECT_SUCCEEDED`,
      `INFO ${fam}.dhcpsrv DHCPSRV_${dbTag}_LEASE_DB_RECONNECT_ATTEMPT_SCHEDULE`,
    ].sort(),
    "Kea's log lines, severities and loggers",
  );
  const drops = await statistic(d.sock, 'pkt4-receive-drop'.replace('4', String(family)));
  t.ok((drops ?? 0) > 0, `pkt${family}-receive-drop counts the dropped packets (${drops})`);
  await d.daemon.stop();
}

/** A v4 reservation of `address` for `mac` in subnet 1, by SQL as Kea's ARM shows it. */
async function reserve(db: PrivateDb, name: string, mac: string, address: string): Promise<void> {
  const hex = mac.replace(/:/g, '');
  await db.query(
    db.kind === 'pgsql'
      ? `INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, ipv4_address)
         VALUES (DECODE('${hex}', 'hex'), 0, 1, ('${address}'::inet - '0.0.0.0'::inet))`
      : `INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, ipv4_address)
         VALUES (UNHEX('${hex}'), 0, 1, INET_ATON('${address}'))`,
    name,
  );
}

/** A v6 reservation of `address` for the DUID (hex) in subnet 1, by SQL as Kea's ARM shows it. */
async function reserve6(db: PrivateDb, name: string, duid: string, address: string): Promise<void> {
  const id = db.kind === 'pgsql' ? `DECODE('${duid}', 'hex')` : `UNHEX('${duid}')`;
  await db.query(
    `INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp6_subnet_id) VALUES (${id}, 1, 1)`,
    name,
  );
  await db.query(
    `INSERT INTO ipv6_reservations (address, prefix_len, type, dhcp6_iaid, host_id)
     SELECT '${address}', 128, 0, NULL, host_id FROM hosts WHERE dhcp_identifier = ${id}`,
    name,
  );
}

const MAC_A = '02:00:00:00:0a:01';
const MAC_B = '02:00:00:00:0a:02';
/** Two clients with their reservations (outside the pools, so only the hosts database gives them). */
const HOST_CLIENTS = {
  4: [
    { base: `mac=${MAC_A}`, address: '10.0.0.77' },
    { base: `mac=${MAC_B}`, address: '10.0.0.78' },
  ],
  6: [
    { base: 'duid=000300010200000a0001', address: '2001:db8:1::77' },
    { base: 'duid=000300010200000a0002', address: '2001:db8:1::78' },
  ],
} as const;

/**
 * The hosts database is stopped and started again (leases in memfile): a client whose reservation is
 * in it gets nothing while it is down (service disabled, Kea's lines), then its reserved address
 * after the recovery, in the same process. The ids of the lines it logged.
 */
async function hostsOutage(
  t: Test,
  net: NetnsPair,
  db: PrivateDb,
  family: 4 | 6,
  program?: string,
): Promise<string[]> {
  const tag = db.kind === 'pgsql' ? 'PGSQL' : 'MYSQL';
  const v = `DHCP${family}`;
  const fam = `kea-dhcp${family}`;
  const { name, map } = await keaDatabase(db, { 'max-reconnect-tries': 100, 'reconnect-wait-time': 500 });
  const [a, b] = HOST_CLIENTS[family];
  for (const c of [a, b]) {
    if (family === 4) await reserve(db, name, c.base.slice(4), c.address);
    else await reserve6(db, name, c.base.slice(5), c.address);
  }
  const d = await startDaemon(t, net, {
    family,
    db,
    leaseDb: { type: 'memfile', persist: false },
    hostsDb: map,
    packetDrops: true,
    ...(program ? { program } : {}),
  });
  const pid = ((await command(d.sock, { command: 'status-get' })).arguments as { pid: number }).pid;
  const pcap = join(tempDir(t, 'ksf-hcap-'), 'answers.pcap');
  const filter = family === 4 ? 'udp and src host 192.0.2.1' : 'udp and src port 547';
  const tcpdump = await net.capture(net.client, 'c0', pcap, filter);
  const acked = () => new Set((family === 4 ? dhcp4AckedAddresses : repliedAddresses)(readFileSync(pcap)));
  let perf: ReturnType<typeof perfdhcp> | null = null;
  try {
    await perfdhcp(net, family, 5, 3, a.base).exited;
    t.same([...acked()], [a.address], 'with the database up, the reserved address');

    await db.stop();
    perf = perfdhcp(net, family, 5, 40, b.base);
    await d.waitLog(new RegExp(`${v}_DB_RECONNECT_LOST_CONNECTION`));
    await d.waitLog(new RegExp(`DHCPSRV_${tag}_HOST_DB_RECONNECT_ATTEMPT_SCHEDULE`));
    await sleep(1500);
    t.notOk(acked().has(b.address), 'nothing for the second client while the database is down');
    t.match(
      d.log(),
      new RegExp(`${v}_PACKET_DROP_0008|${v}_PACKET_DROP_DHCP_DISABLED`),
      'the service is disabled',
    );

    await db.start();
    const started = Date.now();
    await d.waitLog(new RegExp(`${v}_DB_RECONNECT_SUCCEEDED`), 30_000);
    t.ok(Date.now() - started < 5000, `recovered ${Date.now() - started} ms after the server was up again`);
    for (const until = Date.now() + 10_000; !acked().has(b.address) && Date.now() < until; ) await sleep(250);
    t.ok(acked().has(b.address), "the second client's reserved address once the database is back");
    const again = await command(d.sock, { command: 'status-get' });
    t.equal((again.arguments as { pid: number }).pid, pid, 'same process (no restart)');
  } finally {
    perf?.child.kill('SIGKILL');
    await perf?.exited;
    tcpdump.child.kill('SIGINT');
    await tcpdump.exited;
  }
  const ids = logIds(
    d.log(),
    /^(DATABASE_\w+_FATAL_ERROR|DHCPSRV_\w+_DB_RECONNECT_\w+|DHCP[46]_DB_RECONNECT_\w+)$/,
  );
  t.same(
    ids,
    [
      `ERROR ${fam}.database DATABASE_${tag}_FATAL_ERROR`,
      `ERROR ${fam}.dhcpsrv DHCPSRV_${tag}_HOST_DB_RECONNECT_ATTEMPT_FAILED`,
      `INFO ${fam}.dhcp${family} ${v}_DB_RECONNECT_LOST_CONNECTION`,
      `INFO ${fam}.dhcp${family} ${v}_DB_RECONNECT_SUCCEEDED`,
      `INFO ${fam}.dhcpsrv DHCPSRV_${tag}_HOST_DB_RECONNECT_ATTEMPT_SCHEDULE`,
    ].sort(),
    "Kea's log lines (the host backends' ids), severities and loggers",
  );
  await d.daemon.stop();
  return ids;
}

t.test(
  'the lease database lost and recovered under perfdhcp load',
  {
    skip: canRun ? false : 'needs root, ip netns, perfdhcp, tcpdump, PostgreSQL 15 and MariaDB',
    timeout: 240_000,
  },
  async (t) => {
    const net = await netnsPair(t, 'ksf', { ipv6: true });
    const pgdb = await privatePgsql(t, { port: PG_PORT, ns: net.server });
    const mydb = await privateMysql(t, { port: MY_PORT, ns: net.server });

    await t.test('PostgreSQL, kea-dhcp4', (t) => outageUnderLoad(t, net, pgdb, 4));
    await t.test('MariaDB, kea-dhcp4', (t) => outageUnderLoad(t, net, mydb, 4));
    await t.test('PostgreSQL, kea-dhcp6', (t) => outageUnderLoad(t, net, pgdb, 6));
    await t.test('MariaDB, kea-dhcp6', (t) => outageUnderLoad(t, net, mydb, 6));
    let realHostIds: string[] | null = null;
    await t.test(
      'hosts database on PostgreSQL, real Kea 2.2 (the oracle)',
      { skip: existsSync(REAL_KEA_DHCP4) ? false : 'needs kea-dhcp4 from Debian' },
      async (t) => {
        realHostIds = await hostsOutage(t, net, pgdb, 4, REAL_KEA_DHCP4);
      },
    );
    await t.test('hosts database on PostgreSQL, kea-dhcp4', async (t) => {
      const ids = await hostsOutage(t, net, pgdb, 4);
      if (realHostIds !== null)
        t.same(ids, realHostIds, 'the same message ids, severities and loggers as real Kea 2.2');
    });
    await t.test('hosts database on MariaDB, kea-dhcp4', async (t) => {
      await hostsOutage(t, net, mydb, 4);
    });
    await t.test('hosts database on PostgreSQL, kea-dhcp6', async (t) => {
      await hostsOutage(t, net, pgdb, 6);
    });

    /**
     * A daemon on a fresh database under light load, the database stopped; `check` runs while it is
     * down. The database is started again whatever happens.
     */
    const lossWithoutRecovery = async (
      t: Test,
      db: PrivateDb,
      family: 4 | 6,
      recovery: Record<string, unknown>,
      check: (d: Daemon) => Promise<void>,
    ) => {
      const { map } = await keaDatabase(db, recovery);
      const d = await startDaemon(t, net, { family, db, leaseDb: map, packetDrops: true });
      const perf = perfdhcp(net, family, 20, 15);
      try {
        await sleep(1000);
        await db.stop();
        await check(d);
      } finally {
        perf.child.kill('SIGKILL');
        await perf.exited;
        await db.start();
      }
    };

    await t.test(
      'the tries run out: the same log lines and exit status as real Kea 2.2',
      { skip: existsSync(REAL_KEA_DHCP4) ? false : 'needs kea-dhcp4 from Debian' },
      async (t) => {
        // No traffic: the reclaim timer's query (every second) is what finds the database gone.
        const { map } = await keaDatabase(pgdb, { 'max-reconnect-tries': 3, 'reconnect-wait-time': 300 });
        const dir = tempDir(t, 'ksf-oracle-');
        const run = (name: string, program: string) => {
          const log = join(dir, `${name}.log`);
          const conf = writeJson(join(dir, `${name}.conf`), {
            Dhcp4: {
              'interfaces-config': { interfaces: [] },
              'control-socket': { 'socket-type': 'unix', 'socket-name': join(dir, `${name}.sock`) },
              'lease-database': map,
              'expired-leases-processing': { 'reclaim-timer-wait-time': 1 },
              subnet4: [{ id: 1, subnet: '192.0.2.0/24' }],
              loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: log }] }],
            },
          });
          const env = { KEA_PIDFILE_DIR: join(dir, name), KEA_LOCKFILE_DIR: join(dir, name) };
          mkdirSync(env.KEA_PIDFILE_DIR);
          const daemon = startProgram(t, ...net.argv(net.server, program, ['-c', conf]), env);
          return { daemon, log: () => (existsSync(log) ? readFileSync(log, 'utf8') : '') };
        };
        const real = run('real', REAL_KEA_DHCP4);
        const ours = run('ours', bin('kea-dhcp4'));
        for (const d of [real, ours]) {
          for (let i = 0; !/DHCP4_STARTED/.test(d.log()); i++) {
            if (i > 200) throw new Error(`not started:\n${d.log()}\n${d.daemon.output()}`);
            await sleep(100);
          }
        }
        await sleep(1500);
        try {
          await pgdb.stop();
          await Promise.all([real.daemon.exited, ours.daemon.exited]);
        } finally {
          await pgdb.start();
        }
        t.equal(ours.daemon.child.exitCode, real.daemon.child.exitCode, 'exit status as real Kea (1)');
        const ids =
          /^(DATABASE_PGSQL_FATAL_ERROR|DHCPSRV_PGSQL_LEASE_DB_RECONNECT_\w+|DHCP4_DB_RECONNECT_\w+)$/;
        t.same(
          logIds(ours.log(), ids),
          logIds(real.log(), ids),
          'the same message ids, severities and loggers',
        );
        const count = (log: string, id: string) => log.split('\n').filter((l) => l.includes(id)).length;
        for (const id of [
          'RECONNECT_ATTEMPT_FAILED',
          'RECONNECT_ATTEMPT_SCHEDULE',
          'DB_RECONNECT_LOST_CONNECTION',
        ]) {
          t.equal(count(ours.log(), id), count(real.log(), id), `${id}: as many as real Kea`);
        }
        const schedule = (log: string) =>
          [...log.matchAll(/scheduling attempt (\d+ of \d+)/g)].map((m) => m[1]);
        t.same(schedule(ours.log()), schedule(real.log()), 'the same attempt numbering (2 of 3, 3 of 3)');
      },
    );

    await t.test('stop-retry-exit: the tries run out and the daemon exits', (t) =>
      lossWithoutRecovery(t, pgdb, 4, { 'max-reconnect-tries': 2, 'reconnect-wait-time': 200 }, async (d) => {
        await d.waitLog(/DHCP4_DB_RECONNECT_FAILED/);
        await d.daemon.exited;
        t.equal(d.daemon.child.exitCode, 1, 'kea-dhcp4 exited with status 1');
        t.same(
          logIds(d.log(), /^(DHCPSRV_PGSQL_LEASE_DB_RECONNECT_FAILED|DHCP4_DB_RECONNECT_FAILED)$/),
          [
            'ERROR kea-dhcp4.dhcpsrv DHCPSRV_PGSQL_LEASE_DB_RECONNECT_FAILED',
            'INFO kea-dhcp4.dhcp4 DHCP4_DB_RECONNECT_FAILED',
          ],
          'the tries are exhausted, then the process ends',
        );
        t.match(d.log(), /scheduling attempt 2 of 2 in 200 milliseconds/, 'the second try is scheduled');
        t.notMatch(d.log(), /scheduling attempt 3/, 'and no third');
      }),
    );

    await t.test('max-reconnect-tries 0 (the default): the daemon exits at the loss', (t) =>
      lossWithoutRecovery(t, mydb, 4, {}, async (d) => {
        await d.waitLog(/DHCP4_DB_RECONNECT_DISABLED/);
        await d.daemon.exited;
        t.equal(d.daemon.child.exitCode, 1, 'kea-dhcp4 exited with status 1');
        t.match(
          d.log(),
          /INFO +\[kea-dhcp4\.dhcp4\/\d+\.\d+\] DHCP4_DB_RECONNECT_DISABLED database reconnect is disabled: max-reconnect-tries 0, reconnect-wait-time 0/,
          'logged as Kea 2.2 does (INFO, kea-dhcp4.dhcp4)',
        );
        t.notMatch(d.log(), /RECONNECT_ATTEMPT/, 'no reconnect attempt');
      }),
    );

    await t.test('serve-retry-continue: the tries run out and the daemon keeps running', (t) =>
      lossWithoutRecovery(
        t,
        pgdb,
        6,
        { 'max-reconnect-tries': 2, 'reconnect-wait-time': 200, 'on-fail': 'serve-retry-continue' },
        async (d) => {
          await d.waitLog(/DHCP6_DB_RECONNECT_FAILED/);
          await sleep(1500);
          t.equal(d.daemon.child.exitCode, null, 'kea-dhcp6 is still running');
          const st = await command(d.sock, { command: 'status-get' });
          t.equal(st.result, 0, 'and answers status-get');
          t.notMatch(d.log(), /DHCP6_PACKET_DROP_DHCP_DISABLED/, 'the service was never disabled');
          const drops = (await statistic(d.sock, 'pkt6-receive-drop')) ?? 0;
          t.ok(drops > 0, `packets are dropped, not answered (pkt6-receive-drop ${drops})`);
          await d.daemon.stop();
        },
      ),
    );
  },
);

t.test(
  'TLS to MariaDB: trust-anchor, cert-file, key-file, cipher-list',
  { skip: canRun ? false : 'needs root, ip netns, MariaDB', timeout: 90_000 },
  async (t) => {
    const net = await netnsPair(t, 'kst');
    const certDir = tempDir(t, 'ksf-tls-');
    const certs = makeCerts(join(certDir, 'good'));
    const other = makeCerts(join(certDir, 'other'));
    const db = await privateMysql(t, {
      port: MY_TLS_PORT,
      ns: net.server,
      tls: { ca: certs.ca, cert: certs.server, key: certs.serverKey },
      requireTls: true,
    });
    const tls = (ca: string) => ({
      'trust-anchor': ca,
      'cert-file': certs.client,
      'key-file': certs.clientKey,
      // Not the suite either side prefers (TLS_AES_256_GCM_SHA384): the session shows the list is used.
      'cipher-list': 'TLS_CHACHA20_POLY1305_SHA256:ECDHE-RSA-CHACHA20-POLY1305',
    });
    const accepts = async () => Number((await db.query("SHOW GLOBAL STATUS LIKE 'Ssl_accepts'"))[0]?.[1]);

    const { map } = await keaDatabase(db, tls(certs.ca));
    await reserve(db, map.name, MAC_A, '10.0.0.77');
    const before = await accepts();
    // The same database serves the leases and (its host tables) the reservations: two pools, both TLS.
    const d = await startDaemon(t, net, { family: 4, db, leaseDb: map, hostsDb: map, traceDhcpsrv: true });
    t.ok((await accepts()) > before, 'the daemon connected with a TLS handshake');
    const cipher = /DHCPSRV_MYSQL_TLS_CIPHER TLS cipher: (\S+)/.exec(d.log())?.[1];
    t.match(
      cipher,
      /^(TLS_CHACHA20_POLY1305_SHA256|ECDHE-RSA-CHACHA20-POLY1305)$/,
      `the daemon logs the cipher of its connection, one of cipher-list (${cipher})`,
    );
    t.notMatch(d.log(), /DHCPSRV_MYSQL_NO_TLS/, 'and never a clear-text connection');
    const perf = perfdhcp(net, 4, 50, 3);
    await perf.exited;
    const rows = Number((await db.query('SELECT count(*) FROM lease4', map.name))[0]?.[0]);
    t.ok(rows > 0, `leases written over TLS to a server that refuses insecure transport (${rows} rows)`);
    await perfdhcp(net, 4, 5, 2, `mac=${MAC_A}`).exited;
    t.same(
      await db.query(
        `SELECT INET_NTOA(address), HEX(hwaddr) FROM lease4 WHERE address = INET_ATON('10.0.0.77')`,
        map.name,
      ),
      [['10.0.0.77', MAC_A.replace(/:/g, '').toUpperCase()]],
      'the reservation read from the hosts database over TLS (outside the pool) is leased to its client',
    );
    t.ok(
      d
        .log()
        .split('\n')
        .filter((l) => l.includes('DHCPSRV_MYSQL_TLS_CIPHER')).length >= 2,
      'a TLS cipher logged for the lease connections and the hosts ones',
    );
    await d.daemon.stop();

    const { map: plain } = await keaDatabase(db);
    const refused = await startFailing(t, net, plain);
    t.match(refused, /lease database: .*Access denied/, 'without the TLS keys the server refuses the daemon');
    const hostsRefused = await startFailing(t, net, { type: 'memfile', persist: false }, plain);
    t.match(hostsRefused, /hosts database: .*Access denied/, 'and a hosts database without them too');

    const { map: wrong } = await keaDatabase(db, tls(other.ca));
    const bad = await startFailing(t, net, wrong);
    t.match(
      bad,
      /lease database: .*(certificate|self.signed|unable to verify)/i,
      'another CA: a clear error',
    );
  },
);

t.test(
  'TLS to PostgreSQL (ours: Kea 2.2 has none): trust-anchor, cert-file, key-file, cipher-list',
  { skip: canRun ? false : 'needs root, ip netns, PostgreSQL 15', timeout: 90_000 },
  async (t) => {
    const net = await netnsPair(t, 'kpt');
    const certDir = tempDir(t, 'ksf-pgtls-');
    const certs = makeCerts(join(certDir, 'good'));
    const other = makeCerts(join(certDir, 'other'));
    // TCP only with TLS (hostssl lines) and a client certificate signed by the CA.
    const db = await privatePgsql(t, {
      port: PG_TLS_PORT,
      ns: net.server,
      tls: { ca: certs.ca, cert: certs.server, key: certs.serverKey },
      requireTls: true,
      clientCert: true,
    });
    const tls = (ca: string, client = true) => ({
      'trust-anchor': ca,
      ...(client ? { 'cert-file': certs.client, 'key-file': certs.clientKey } : {}),
      'cipher-list': 'TLS_CHACHA20_POLY1305_SHA256:ECDHE-RSA-CHACHA20-POLY1305',
    });

    const { map } = await keaDatabase(db, tls(certs.ca));
    await reserve(db, map.name, MAC_A, '10.0.0.77');
    const d = await startDaemon(t, net, { family: 4, db, leaseDb: map, hostsDb: map, traceDhcpsrv: true });
    await perfdhcp(net, 4, 5, 2, `mac=${MAC_A}`).exited;
    const sessions = (await db.query(
      `SELECT s.ssl, s.cipher, s.client_dn FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid
       WHERE a.datname = '${map.name}'`,
    )) as [boolean, string | null, string | null][];
    t.ok(sessions.length > 0, `the daemon's connections are in pg_stat_activity (${sessions.length})`);
    t.ok(
      sessions.every(([ssl]) => ssl === true),
      'every one of them is TLS (pg_stat_ssl.ssl)',
    );
    t.ok(
      sessions.every(([, cipher]) => cipher === 'TLS_CHACHA20_POLY1305_SHA256'),
      `with a cipher of cipher-list (${sessions.map(([, c]) => c).join(', ')})`,
    );
    t.ok(
      sessions.every(([, , dn]) => dn !== null && dn !== ''),
      `and the client certificate of cert-file (${sessions[0]?.[2]})`,
    );
    t.same(
      await db.query(
        `SELECT host('0.0.0.0'::inet + address), encode(hwaddr, 'hex') FROM lease4
         WHERE address = ('10.0.0.77'::inet - '0.0.0.0'::inet)`,
        map.name,
      ),
      [['10.0.0.77', MAC_A.replace(/:/g, '')]],
      'the reservation read over TLS (outside the pool) is leased to its client, the lease written over TLS',
    );
    t.same(
      logIds(d.log(), /^DHCPSRV_PGSQL_(TLS_SUPPORT|NO_TLS)$/),
      ['INFO kea-dhcp4.dhcpsrv DHCPSRV_PGSQL_TLS_SUPPORT'],
      "Kea's line (Kea 2.2 built with PostgreSQL TLS); never a clear-text connection",
    );
    t.equal(
      d
        .log()
        .split('\n')
        .filter((l) => l.includes('DHCPSRV_PGSQL_TLS_SUPPORT')).length,
      1,
      'once per process, as Kea logs it',
    );
    t.match(
      d.log(),
      /DHCPSRV_PGSQL_TLS_CIPHER TLS cipher: TLS_CHACHA20_POLY1305_SHA256/,
      'the cipher of each new connection (debug)',
    );
    t.match(
      d.log(),
      new RegExp(`DHCPSRV_PGSQL_TLS_SUPPORT Attempt to configure TLS: .*name=${map.name} .*trust-anchor=`),
      'with the access string',
    );
    await d.daemon.stop();

    const { map: plain } = await keaDatabase(db);
    t.match(
      await startFailing(t, net, plain),
      /lease database: .*no pg_hba\.conf entry .*no encryption/,
      'without the TLS keys the server refuses the daemon',
    );
    const { map: noCert } = await keaDatabase(db, tls(certs.ca, false));
    t.match(
      await startFailing(t, net, noCert),
      /lease database: .*certificate/i,
      'without cert-file a server that wants a client certificate refuses it',
    );
    const { map: wrong } = await keaDatabase(db, tls(other.ca));
    t.match(
      await startFailing(t, net, wrong),
      /lease database: .*(self.signed|unable to verify|certificate)/i,
      'another CA: a clear error',
    );
    t.match(
      await startFailing(t, net, { type: 'memfile', persist: false }, wrong),
      /hosts database: .*(self.signed|unable to verify|certificate)/i,
      'the same for a hosts database',
    );
    const clear = await privatePgsql(t, { port: PG_PLAIN_PORT, ns: net.server });
    const { map: keysToClear } = await keaDatabase(clear, tls(certs.ca));
    t.match(
      await startFailing(t, net, keysToClear),
      /lease database: .*does not support SSL/,
      'TLS keys and a server without TLS: refused',
    );
  },
);

/** Starts a daemon that must fail to open a database (the lease one, or the hosts one); its output. */
async function startFailing(
  t: Test,
  net: NetnsPair,
  leaseDb: Record<string, unknown>,
  hostsDb?: Record<string, unknown>,
): Promise<string> {
  const dir = tempDir(t, 'ksf-fail-');
  const path = writeJson(join(dir, 'kea-dhcp4.conf'), {
    Dhcp4: {
      'interfaces-config': { interfaces: ['s0'], 'dhcp-socket-type': 'udp' },
      'lease-database': leaseDb,
      ...(hostsDb ? { 'hosts-database': hostsDb } : {}),
      subnet4: [{ id: 1, subnet: '192.0.2.0/24' }],
      loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stdout' }] }],
    },
  });
  const d = startProgram(t, ...net.argv(net.server, bin('kea-dhcp4'), ['-c', path]), {
    KEA_PIDFILE_DIR: dir,
  });
  await d.exited;
  t.equal(d.child.exitCode, 1, 'the daemon exits with status 1');
  return d.output();
}
