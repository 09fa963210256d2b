// The lease manager's grouped writes on the machine's MariaDB: writes issued together travel as a
// few queries of BEGIN, statements and COMMIT (the queries the connection was given say so), each
// write with its own answer (a taken address answers false in its place); a write that fails in a group fails alone and the
// others are stored; writes to one address apply in issue order; a group connection the server
// kills fails its writes with a connection loss and the next write opens a new one.
import { randomBytes } from 'node:crypto';
import { type Lease4, makeLease4 } from '@kea-ts/dhcpsrv';
import mysql from 'mysql2/promise';
import t, { type Test } from 'tap';
import { mysqlConnectionLoss, openHotPool } from '../src/connection.js';
import { GroupWriter } from '../src/group-writer.js';
import { createSchema, MysqlLeaseMgr4, openPool } from '../src/index.js';

const SERVER = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };
const NOW = Math.floor(Date.now() / 1000);

async function scratch(t: Test): Promise<{ name: string; admin: mysql.Pool }> {
  const name = `keats_group_${process.pid}_${randomBytes(3).toString('hex')}`;
  const c = await mysql.createConnection(SERVER);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const admin = openPool({ ...SERVER, name });
  t.teardown(async () => {
    await admin.end();
    const d = await mysql.createConnection(SERVER);
    await d.query(`DROP DATABASE IF EXISTS ${name}`);
    await d.end();
  });
  await createSchema(admin);
  return { name, admin };
}

const lease = (i: number, extra: Partial<Lease4> = {}): Lease4 =>
  makeLease4({
    address: 0x0a000000 + i,
    hwaddr: Buffer.from([2, 0, 0, 0, i >> 8, i & 255]),
    validLifetime: 3600,
    cltt: NOW,
    subnetId: 1,
    ...extra,
  });

async function count(admin: mysql.Pool, sql: string): Promise<number> {
  const [rows] = await admin.query<mysql.RowDataPacket[]>(sql);
  return Number(rows[0]!.n);
}

t.test('writes issued together commit in groups, each with its own answer', async (t) => {
  const { name, admin } = await scratch(t);
  const m = await MysqlLeaseMgr4.open({ ...SERVER, name });
  t.teardown(() => m.close());
  await m.add(lease(0));
  const added = await Promise.all(Array.from({ length: 200 }, (_, i) => m.add(lease(i + 1))));
  t.equal(added.filter((a) => a).length, 200, 'every add answers true');
  const again = await Promise.all([m.add(lease(5)), m.add(lease(300)), m.add(lease(6))]);
  t.same(again, [false, true, false], 'an address already stored answers false, in its own place');
  t.equal(await count(admin, 'SELECT count(*) AS n FROM lease4'), 202, 'every lease is a row');
  t.equal(
    await count(admin, 'SELECT leases AS n FROM lease4_stat WHERE subnet_id = 1 AND state = 0'),
    202,
    "Kea's stat trigger counted each of them",
  );
});

t.test('a group is one query: BEGIN, its statements, COMMIT', async (t) => {
  const { name, admin } = await scratch(t);
  const hot = openHotPool({ ...SERVER, name });
  t.teardown(() => hot.end());
  const sent: string[] = [];
  hot.pool.on('connection', (c) => {
    const query = c.query.bind(c) as (...a: unknown[]) => unknown;
    (c as unknown as { query: unknown }).query = (...a: unknown[]) => {
      if (typeof a[0] === 'string') sent.push(a[0]);
      return query(...a);
    };
  });
  const w = new GroupWriter(hot.pool);
  const insert =
    'INSERT INTO lease4 (address, hwaddr, valid_lifetime, expire, subnet_id, fqdn_fwd, fqdn_rev, hostname, state) ' +
    "VALUES (?, ?, 3600, FROM_UNIXTIME(?), 1, 0, 0, 'it''s', 0)";
  const writes = Array.from({ length: 100 }, (_, i) =>
    w.write([insert, [0x0a000000 + i, Buffer.from([2, 0, 0, 0, 0, i]), NOW + 3600]]),
  );
  const answers = (await Promise.all(writes)) as { affectedRows: number }[];
  t.ok(
    answers.every((a) => a.affectedRows === 1),
    'each write gets its own result',
  );
  const groups = sent.filter((q) => q.startsWith('BEGIN;'));
  // The first write goes alone; the 99 issued behind it wait for it, then go as 64 and 35.
  t.same(
    groups.map((q) => q.split(';INSERT').length - 1),
    [64, 35],
    'two queries after the first write: 64 and 35 inserts',
  );
  t.ok(
    groups.every((q) => q.endsWith(';COMMIT')),
    'each ends with its COMMIT',
  );
  t.equal(
    await count(admin, "SELECT count(*) AS n FROM lease4 WHERE hostname = 'it''s'"),
    100,
    'all stored, quotes intact',
  );
});

t.test('a write that fails in a group fails alone', async (t) => {
  const { name, admin } = await scratch(t);
  const m = await MysqlLeaseMgr4.open({ ...SERVER, name });
  t.teardown(() => m.close());
  await m.add(lease(3));
  const writes = Array.from({ length: 20 }, (_, i) =>
    // hostname is VARCHAR(255) in Kea's schema: 300 characters are refused (strict mode, 1406).
    m.add(lease(i, i === 7 ? { hostname: 'h'.repeat(300) } : {})).then(
      (ok) => ({ ok }),
      (e: { errno?: number }) => ({ error: e.errno }),
    ),
  );
  const out = await Promise.all(writes);
  t.same(out[7], { error: 1406 }, 'the long hostname is refused with its error number');
  t.same(out[3], { ok: false }, 'the address stored before answers false');
  t.same(
    out.filter((_, i) => i !== 7 && i !== 3),
    Array.from({ length: 18 }, () => ({ ok: true })),
    'the other eighteen are stored',
  );
  t.equal(await count(admin, 'SELECT count(*) AS n FROM lease4'), 19);
});

t.test('writes to one address apply in issue order', async (t) => {
  const { name, admin } = await scratch(t);
  const m = await MysqlLeaseMgr4.open({ ...SERVER, name });
  t.teardown(() => m.close());
  const jobs: Promise<unknown>[] = [];
  for (let i = 0; i < 30; i++) {
    jobs.push(m.add(lease(i)));
    jobs.push(m.update(lease(i, { hostname: `h${i}.example.org` })));
    if (i % 3 === 0) jobs.push(m.delete(lease(i)));
  }
  await Promise.all(jobs);
  const [rows] = await admin.query<mysql.RowDataPacket[]>(
    'SELECT address, hostname FROM lease4 ORDER BY address',
  );
  t.equal(rows.length, 20, 'every third lease deleted after its update');
  t.ok(
    rows.every((r) => r.hostname === `h${Number(r.address) - 0x0a000000}.example.org`),
    'each remaining lease has its update',
  );
});

t.test('a group connection the server kills', async (t) => {
  const { name, admin } = await scratch(t);
  const m = await MysqlLeaseMgr4.open({ ...SERVER, name });
  t.teardown(() => m.close());
  await Promise.all([m.add(lease(1)), m.add(lease(2))]);
  const [procs] = await admin.query<mysql.RowDataPacket[]>(
    'SELECT id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()',
    [name],
  );
  for (const p of procs) await admin.query(`KILL ${Number(p.id)}`);
  t.ok(procs.length >= 1, 'the lease manager connections are killed');
  const failed = await m.add(lease(3)).then(
    () => null,
    (e: unknown) => e,
  );
  t.ok(
    failed === null || mysqlConnectionLoss(failed) !== null,
    'a write on a killed connection fails as a loss',
  );
  t.equal(await m.add(lease(4)), true, 'the next write opens a new connection');
  t.equal(await m.add(lease(1)), false, 'and sees what the old one stored');
});
