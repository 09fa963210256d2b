// Opening a MySQL lease database: Kea's parameters are checked, the schema version must be exactly
// 14.0 (as Kea requires), wrong credentials fail the open, and expiry past 2038 is refused as Kea does.
import { randomBytes } from 'node:crypto';
import { makeLease4 } from '@kea-ts/dhcpsrv';
import mysql from 'mysql2/promise';
import t, { type Test } from 'tap';
import { createSchema, MysqlLeaseMgr4, openPool, parseMysqlParams, poolOptions } from '../src/index.js';

const SERVER = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

async function scratch(t: Test): Promise<string> {
  const name = `keats_open_${process.pid}_${randomBytes(3).toString('hex')}`;
  const c = await mysql.createConnection(SERVER);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  t.teardown(async () => {
    const d = await mysql.createConnection(SERVER);
    await d.query(`DROP DATABASE IF EXISTS ${name}`);
    await d.end();
  });
  return name;
}

t.test("Kea's lease-database keys", async (t) => {
  const p = parseMysqlParams({
    name: 'kea',
    host: 'db',
    port: 3307,
    user: 'u',
    password: 'pw',
    'connect-timeout': 2,
  });
  t.match(poolOptions(p), {
    database: 'kea',
    host: 'db',
    port: 3307,
    user: 'u',
    password: 'pw',
    connectTimeout: 2000,
  });
  t.throws(() => parseMysqlParams({ host: 'x' }), {
    code: 'KEA_ERR_MYSQL_CONFIG',
    message: "'name' is required for mysql",
  });
  t.throws(() => parseMysqlParams({ name: 'k', 'connect-timeout': -1 }), {
    message: /'connect-timeout' must be an integer/,
  });
});

t.test('schema version, credentials and the 2038 limit', async (t) => {
  const name = await scratch(t);
  await t.rejects(MysqlLeaseMgr4.open({ ...SERVER, name }), {
    code: 'KEA_ERR_MYSQL_SCHEMA_VERSION',
    message: 'MySQL schema version mismatch: need version: 14.0 found version: no schema',
  });
  const pool = openPool({ ...SERVER, name });
  t.teardown(() => pool.end());
  await createSchema(pool);
  await t.rejects(MysqlLeaseMgr4.open({ ...SERVER, user: 'nobody_here', name }), {
    message: /^Access denied for user 'nobody_here'/,
  });
  const m = await MysqlLeaseMgr4.open({ ...SERVER, name });
  t.teardown(() => m.close());
  const far = makeLease4({
    address: 1,
    hwaddr: Buffer.from([1, 2, 3, 4, 5, 6]),
    cltt: 0x7fffff00,
    validLifetime: 0x1000,
  });
  await t.rejects(m.add(far), { code: 'KEA_ERR_MYSQL_EXPIRE_RANGE' });
  t.equal(await m.get(1), null, 'nothing stored');
  await pool.query('UPDATE schema_version SET minor = 1');
  await t.rejects(MysqlLeaseMgr4.open({ ...SERVER, name }), { message: /found version: 14\.1$/ });
});

t.test('connections the server drops are replaced on the next query', async (t) => {
  const name = await scratch(t);
  const admin = openPool({ ...SERVER, name, 'max-connections': 1 });
  t.teardown(() => admin.end());
  await createSchema(admin);
  const m = await MysqlLeaseMgr4.open({ ...SERVER, name });
  t.teardown(() => m.close());
  const lease = (i: number) =>
    makeLease4({ address: i, hwaddr: Buffer.from([2, 0, 0, 0, 0, i]), validLifetime: 60 });
  await Promise.all([1, 2, 3].map((i) => m.add(lease(i))));
  const [rows] = await admin.query<mysql.RowDataPacket[]>(
    'SELECT id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()',
    [name],
  );
  t.ok(rows.length >= 1, 'the manager had connections to lose');
  for (const r of rows) await admin.query(`KILL ${Number(r.id)}`);
  await new Promise((r) => setTimeout(r, 100));
  t.equal(await m.add(lease(4)), true);
  t.equal((await m.getAll()).length, 4);
});
