// The lease manager's per-packet statements on pipelined connections, on the machine's PostgreSQL:
// writes issued together are committed in few transactions (the server's commit counter says how
// many), each with its own answer; a write that fails in a group fails alone and the others are
// stored; writes to one address apply in issue order; a writer connection the server ends fails
// what it had in flight with a connection error and the next write opens a new one.
import { randomBytes } from 'node:crypto';
import { type Lease4, makeLease4 } from '@kea-ts/dhcpsrv';
import pg from 'pg';
import t, { type Test } from 'tap';
import { pgConnectionLoss } from '../src/connection.js';
import { createSchema, openPool, PgsqlLeaseMgr4 } from '../src/index.js';

const SERVER = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const NOW = Math.floor(Date.now() / 1000);

async function scratch(t: Test): Promise<{ name: string; admin: pg.Pool }> {
  const name = `keats_pipe_${process.pid}_${randomBytes(3).toString('hex')}`;
  const c = new pg.Client({ ...SERVER, database: 'postgres' });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const admin = openPool({ ...SERVER, name });
  t.teardown(async () => {
    await admin.end();
    const d = new pg.Client({ ...SERVER, database: 'postgres' });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
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

async function commits(admin: pg.Pool, name: string): Promise<number> {
  // The statistics collector is asynchronous: take a fresh snapshot of it.
  await admin.query('SELECT pg_stat_clear_snapshot()');
  const r = await admin.query('SELECT xact_commit::int AS n FROM pg_stat_database WHERE datname = $1', [
    name,
  ]);
  return (r.rows[0] as { n: number }).n;
}

t.test('writes issued together commit in groups, each with its own answer', async (t) => {
  const { name, admin } = await scratch(t);
  const m = await PgsqlLeaseMgr4.open({ ...SERVER, name });
  t.teardown(() => m.close());
  await m.add(lease(0));
  const before = await commits(admin, name);
  const added = await Promise.all(Array.from({ length: 200 }, (_, i) => m.add(lease(i + 1))));
  t.equal(added.filter((a) => a).length, 200, 'every add answers true');
  const again = await Promise.all([m.add(lease(5)), m.add(lease(300)), m.add(lease(6))]);
  t.same(again, [false, true, false], 'an address already stored answers false, in its own place');
  // Give the statistics collector time to hear of the commits.
  await new Promise((r) => setTimeout(r, 700));
  const used = (await commits(admin, name)) - before;
  t.ok(used < 60, `203 writes in ${used} transactions (the few around them included)`);
  const rows = await admin.query('SELECT count(*)::int AS n FROM lease4');
  t.equal(rows.rows[0].n, 202, 'every lease is a row');
  const stat = await admin.query(
    'SELECT leases::int AS n FROM lease4_stat WHERE subnet_id = 1 AND state = 0',
  );
  t.equal(stat.rows[0].n, 202, "Kea's stat trigger counted each of them");
});

t.test('a write that fails in a group fails alone', async (t) => {
  const { name, admin } = await scratch(t);
  const m = await PgsqlLeaseMgr4.open({ ...SERVER, name });
  t.teardown(() => m.close());
  const writes = Array.from({ length: 20 }, (_, i) =>
    // hostname is VARCHAR(255) in Kea's schema: 300 characters are refused (22001).
    m.add(lease(i, i === 7 ? { hostname: 'h'.repeat(300) } : {})).then(
      (ok) => ({ ok }),
      (e: { code?: string }) => ({ error: e.code }),
    ),
  );
  const out = await Promise.all(writes);
  t.same(out[7], { error: '22001' }, 'the long hostname is refused with its SQLSTATE');
  t.same(
    out.filter((_, i) => i !== 7),
    Array.from({ length: 19 }, () => ({ ok: true })),
    'the other nineteen are stored',
  );
  const rows = await admin.query('SELECT count(*)::int AS n FROM lease4');
  t.equal(rows.rows[0].n, 19);
});

t.test('writes to one address apply in issue order', async (t) => {
  const { name, admin } = await scratch(t);
  const m = await PgsqlLeaseMgr4.open({ ...SERVER, name });
  t.teardown(() => m.close());
  const jobs: Promise<unknown>[] = [];
  for (let i = 0; i < 30; i++) {
    jobs.push(m.add(lease(i)));
    jobs.push(m.update(lease(i, { hostname: `h${i}.example.org` })));
    if (i % 3 === 0) jobs.push(m.delete(lease(i)));
  }
  await Promise.all(jobs);
  const rows = await admin.query('SELECT address::int AS a, hostname FROM lease4 ORDER BY address');
  t.equal(rows.rows.length, 20, 'every third lease deleted after its update');
  t.ok(
    rows.rows.every(
      (r: { a: number; hostname: string }) => r.hostname === `h${r.a - 0x0a000000}.example.org`,
    ),
    'each remaining lease has its update',
  );
});

t.test('a writer connection the server ends', async (t) => {
  const { name, admin } = await scratch(t);
  const m = await PgsqlLeaseMgr4.open({ ...SERVER, name });
  t.teardown(() => m.close());
  await m.add(lease(1));
  const killed = await admin.query(
    "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND query = 'COMMIT'",
    [name],
  );
  t.equal(killed.rows[0].n, 1, 'the writer (its last statement a COMMIT) is ended');
  const failed = await m.add(lease(2)).then(
    () => null,
    (e: unknown) => e,
  );
  t.ok(
    failed === null || pgConnectionLoss(failed) !== null,
    'a write on the ended connection fails as a loss',
  );
  t.equal(await m.add(lease(3)), true, 'the next write opens a new connection');
  t.equal(await m.add(lease(1)), false, 'and sees what the old one stored');
});
