// Private database servers for tests that stop and start the database: a PostgreSQL cluster
// (initdb/pg_ctl as the postgres user) or a MariaDB instance (mariadb-install-db + mariadbd) in a
// temp dir, on their own port and UNIX socket, optionally inside a network namespace (then their
// 127.0.0.1:<port> is the namespace's, for a daemon running there). The machine's shared servers
// (5432, 3306) are never touched. The test reaches its instance over the UNIX socket (sockets are
// files: they work across namespaces). Stopped and removed at teardown, whatever happened.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { programEnv, type Teardown } from './harness.js';

const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface PrivateDb {
  readonly kind: 'pgsql' | 'mysql';
  /** TCP port on 127.0.0.1 (of the namespace, when there is one). */
  readonly port: number;
  /** Starts the server (again); resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops the server (a fast shutdown: sessions are ended); resolves once it is down. */
  stop(): Promise<void>;
  /** Runs SQL as the superuser over the UNIX socket; rows as arrays. */
  query(sql: string, database?: string): Promise<unknown[][]>;
  /** The server's own log so far. */
  log(): string;
}

export interface PrivateDbOptions {
  port: number;
  /** Network namespace to run the server in. */
  ns?: string;
  /** Server TLS files (PEM). */
  tls?: { ca: string; cert: string; key: string };
  /**
   * Refuse TCP connections without TLS (MariaDB: require_secure_transport; PostgreSQL: hostssl
   * lines only in pg_hba.conf).
   */
  requireTls?: boolean;
  /** PostgreSQL only: TCP clients must present a certificate signed by the CA (clientcert=verify-ca). */
  clientCert?: boolean;
}

export function canRunPrivateDbs(): boolean {
  return (
    process.getuid?.() === 0 &&
    existsSync(join(PG_BIN, 'initdb')) &&
    existsSync('/usr/sbin/mariadbd') &&
    existsSync('/usr/bin/mariadb-install-db')
  );
}

function inNs(ns: string | undefined, argv: string[]): string[] {
  return ns === undefined ? argv : ['ip', 'netns', 'exec', ns, ...argv];
}

function run(argv: string[]): void {
  const r = spawnSync('env', ['-u', 'NODE_OPTIONS', ...argv], {
    encoding: 'utf8',
    env: programEnv(),
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
}

async function waitUntil(what: string, ok: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A PostgreSQL 15 cluster with trust authentication, user postgres; with tls, ssl=on with those
 * files (copied for the postgres user), and with requireTls only hostssl lines for TCP.
 */
export async function privatePgsql(t: Teardown, o: PrivateDbOptions): Promise<PrivateDb> {
  const dir = mkdtempSync(join(tmpdir(), 'kea-pgpriv-'));
  chownSync(dir, uid('postgres'), gid('postgres'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const asPg = (argv: string[]) => inNs(o.ns, ['runuser', '-u', 'postgres', '--', ...argv]);
  run(asPg([join(PG_BIN, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']));
  let opts = `-p ${o.port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  if (o.tls) {
    const files = { ca: 'ca.pem', cert: 'server.pem', key: 'server-key.pem' } as const;
    for (const k of ['ca', 'cert', 'key'] as const) {
      const to = join(dir, files[k]);
      copyFileSync(o.tls[k], to);
      chownSync(to, uid('postgres'), gid('postgres'));
      chmodSync(to, 0o600);
    }
    opts += ` -c ssl=on -c ssl_ca_file=${join(dir, files.ca)} -c ssl_cert_file=${join(dir, files.cert)}`;
    opts += ` -c ssl_key_file=${join(dir, files.key)}`;
  }
  if (o.requireTls) {
    const hba = `local all all trust\nhostssl all all 127.0.0.1/32 trust${o.clientCert ? ' clientcert=verify-ca' : ''}\n`;
    writeFileSync(join(data, 'pg_hba.conf'), hba);
  }
  let up = false;
  const db: PrivateDb = {
    kind: 'pgsql',
    port: o.port,
    async start() {
      run(asPg([join(PG_BIN, 'pg_ctl'), '-D', data, '-l', logFile, '-w', '-o', opts, 'start']));
      up = true;
    },
    async stop() {
      run(asPg([join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']));
      up = false;
    },
    async query(sql, database = 'postgres') {
      const c = new pg.Client({ host: dir, port: o.port, user: 'postgres', database });
      await c.connect();
      try {
        return (await c.query({ text: sql, rowMode: 'array' })).rows;
      } finally {
        await c.end();
      }
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
  };
  t.teardown(() => {
    if (up) spawnSync('env', asPg([join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']));
    rmSync(dir, { recursive: true, force: true });
  });
  await db.start();
  return db;
}

/** A MariaDB instance, root without password (from localhost and 127.0.0.1), TLS when files are given. */
export async function privateMysql(t: Teardown, o: PrivateDbOptions): Promise<PrivateDb> {
  const dir = mkdtempSync(join(tmpdir(), 'kea-mypriv-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'mysqld.sock');
  const logFile = join(dir, 'server.log');
  mkdirSync(data);
  run([
    'mariadb-install-db',
    '--no-defaults',
    `--datadir=${data}`,
    '--user=root',
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
  ]);
  const args = [
    '/usr/sbin/mariadbd',
    '--no-defaults',
    `--datadir=${data}`,
    `--socket=${socket}`,
    `--port=${o.port}`,
    '--bind-address=127.0.0.1',
    '--user=root',
    '--skip-log-bin',
    '--innodb-buffer-pool-size=32M',
    '--innodb-flush-log-at-trx-commit=2',
    `--pid-file=${join(dir, 'mysqld.pid')}`,
    `--log-error=${logFile}`,
    ...(o.tls ? [`--ssl-ca=${o.tls.ca}`, `--ssl-cert=${o.tls.cert}`, `--ssl-key=${o.tls.key}`] : []),
    ...(o.requireTls ? ['--require-secure-transport=ON'] : []),
  ];
  let child: ChildProcess | null = null;
  const ping = async () => {
    try {
      const c = await mysql.createConnection({ socketPath: socket, user: 'root' });
      await c.end();
      return true;
    } catch {
      return false;
    }
  };
  const db: PrivateDb = {
    kind: 'mysql',
    port: o.port,
    async start() {
      const out = openSync(join(dir, 'stdout.log'), 'a');
      child = spawn('env', ['-u', 'NODE_OPTIONS', ...inNs(o.ns, args)], {
        env: programEnv(),
        stdio: ['ignore', out, out],
      });
      const c = child;
      await waitUntil('mariadbd', async () => {
        if (c.exitCode !== null) throw new Error(`mariadbd exited: ${db.log()}`);
        return ping();
      });
    },
    async stop() {
      const c = child;
      if (c === null) return;
      child = null;
      const exited = new Promise<void>((r) => {
        if (c.exitCode !== null) r();
        else c.once('exit', () => r());
      });
      // SIGTERM to mariadbd itself (the child is env / ip netns exec, which exec into it).
      c.kill('SIGTERM');
      await exited;
    },
    async query(sql, database) {
      const c = await mysql.createConnection({
        socketPath: socket,
        user: 'root',
        ...(database ? { database } : {}),
      });
      try {
        const [rows] = await c.query({ sql, rowsAsArray: true });
        return rows as unknown[][];
      } finally {
        await c.end();
      }
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
  };
  t.teardown(async () => {
    const c = child;
    if (c !== null && c.exitCode === null) {
      const exited = new Promise<void>((r) => c.once('exit', () => r()));
      c.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  await db.start();
  return db;
}

function uid(user: string): number {
  return Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
}

function gid(user: string): number {
  return Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
}
