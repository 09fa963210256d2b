// Opening a PostgreSQL lease database: Kea's parameters are checked, the schema version must be
// exactly 13.0 (as Kea requires), and a server that is not there fails the open with its reason.
import { randomBytes } from 'node:crypto';
import { makeLease4 } from '@kea-ts/dhcpsrv';
import pg from 'pg';
import t, { type Test } from 'tap';
import {
  createSchema,
  openPool,
  PgsqlLeaseMgr4,
  PgsqlLeaseMgr6,
  parsePgsqlParams,
  poolConfig,
} from '../src/index.js';

const SERVER = { host: '127.0.0.1', port: 5432, user: 'postgres' };

async function scratch(t: Test): Promise<string> {
  const name = `keats_open_${process.pid}_${randomBytes(3).toString('hex')}`;
  const c = new pg.Client({ ...SERVER, database: 'postgres' });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  t.teardown(async () => {
    const d = new pg.Client({ ...SERVER, database: 'postgres' });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await d.end();
  });
  return name;
}

t.test("Kea's lease-database keys", async (t) => {
  const p = parsePgsqlParams({
    name: 'kea',
    host: 'db',
    port: 5433,
    user: 'u',
    password: 'pw',
    'connect-timeout': 2,
  });
  t.match(poolConfig(p), {
    database: 'kea',
    host: 'db',
    port: 5433,
    user: 'u',
    password: 'pw',
    connectionTimeoutMillis: 2000,
  });
  t.match(poolConfig(parsePgsqlParams({ name: 'kea' })), {
    host: 'localhost',
    port: 5432,
    connectionTimeoutMillis: 5000,
  });
  t.throws(() => parsePgsqlParams({}), {
    code: 'KEA_ERR_PGSQL_CONFIG',
    message: "'name' is required for postgresql",
  });
  t.throws(() => parsePgsqlParams({ name: 'k', port: 70000 }), {
    message: "'port' must be an integer between 0 and 65535",
  });
  t.throws(() => parsePgsqlParams({ name: 'k', user: 5 }), { message: "'user' must be a string" });
  const tls = parsePgsqlParams({ name: 'k', 'trust-anchor': '/nonexistent/ca.pem' });
  t.throws(() => poolConfig(tls), { code: 'ENOENT' }, 'a trust anchor that cannot be read fails the open');
});

t.test('the schema version must be 13.0', async (t) => {
  const name = await scratch(t);
  await t.rejects(PgsqlLeaseMgr4.open({ ...SERVER, name }), {
    code: 'KEA_ERR_PGSQL_SCHEMA_VERSION',
    message: 'PostgreSQL schema version mismatch: need version: 13.0 found version: no schema',
  });
  const pool = openPool({ ...SERVER, name });
  t.teardown(() => pool.end());
  await createSchema(pool);
  const m = await PgsqlLeaseMgr6.open({ ...SERVER, name });
  await m.close();
  await pool.query('UPDATE schema_version SET version = 12');
  await t.rejects(PgsqlLeaseMgr4.open({ ...SERVER, name }), { message: /found version: 12\.0$/ });
});

t.test('a server that does not answer fails the open', async (t) => {
  await t.rejects(PgsqlLeaseMgr4.open({ ...SERVER, port: 1, name: 'kea' }), { code: 'ECONNREFUSED' });
});

t.test('connections the server drops are replaced on the next query', async (t) => {
  const name = await scratch(t);
  const admin = openPool({ ...SERVER, name });
  t.teardown(() => admin.end());
  await createSchema(admin);
  const m = await PgsqlLeaseMgr4.open({ ...SERVER, name });
  t.teardown(() => m.close());
  const lease = (i: number) =>
    makeLease4({ address: i, hwaddr: Buffer.from([2, 0, 0, 0, 0, i]), validLifetime: 60 });
  await Promise.all([1, 2, 3].map((i) => m.add(lease(i))));
  const killed = await admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [name],
  );
  t.ok(killed.rows.length >= 1, 'the manager had connections to lose');
  await new Promise((r) => setTimeout(r, 100));
  t.equal(await m.add(lease(4)), true);
  t.equal((await m.getAll()).length, 4);
});
