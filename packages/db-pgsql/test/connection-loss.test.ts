// Which driver errors count as a lost connection (Kea: SQLSTATE classes 08, 53, 54, 57, 58 or no
// SQLSTATE at all), on real errors from the machine's PostgreSQL: a syntax error and a duplicate
// key are not, a session ended by the server (57P01) and a refused connection are.
import pg from 'pg';
import t from 'tap';
import { pgConnectionLoss } from '../src/connection.js';

const SERVER = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

async function errorOf(run: (c: pg.Client) => Promise<unknown>): Promise<unknown> {
  const c = new pg.Client(SERVER);
  c.on('error', () => {});
  await c.connect();
  try {
    await run(c);
    return null;
  } catch (e) {
    return e;
  } finally {
    await c.end().catch(() => {});
  }
}

t.test('SQL errors are not a connection loss', async (t) => {
  const syntax = await errorOf((c) => c.query('SELEC 1'));
  t.equal((syntax as { code: string }).code, '42601');
  t.equal(pgConnectionLoss(syntax), null, 'syntax error');
  const dup = await errorOf(async (c) => {
    await c.query('CREATE TEMP TABLE t (a int PRIMARY KEY)');
    await c.query('INSERT INTO t VALUES (1), (1)');
  });
  t.equal(pgConnectionLoss(dup), null, 'duplicate key (23505)');
});

t.test('a session the server ends and a refused connection are', async (t) => {
  const ended = await errorOf((c) => c.query('SELECT pg_terminate_backend(pg_backend_pid())'));
  const report = pgConnectionLoss(ended);
  t.ok(report, 'terminated session');
  t.equal(report?.[2], '57P01', 'with its SQLSTATE in the log arguments');
  const c = new pg.Client({ ...SERVER, port: 1 });
  const refused = await c.connect().then(
    () => null,
    (e: unknown) => e,
  );
  t.equal(pgConnectionLoss(refused)?.[2], 'ECONNREFUSED', 'a refused connection (no SQLSTATE)');
});
