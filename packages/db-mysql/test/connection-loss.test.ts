// Which driver errors count as a lost connection (Kea: server gone or lost, can't connect, server
// shutdown, connection killed), on real errors from the machine's MariaDB: a syntax error and a
// missing table are not, a session killed by the server and a refused connection are.
import mysql from 'mysql2/promise';
import t from 'tap';
import { mysqlConnectionLoss } from '../src/connection.js';

const SERVER = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

async function errorOf(run: (c: mysql.Connection) => Promise<unknown>): Promise<unknown> {
  const c = await mysql.createConnection(SERVER);
  c.on('error', () => {});
  try {
    await run(c);
    return null;
  } catch (e) {
    return e;
  } finally {
    c.destroy();
  }
}

t.test('SQL errors are not a connection loss', async (t) => {
  const syntax = await errorOf((c) => c.query('SELEC 1'));
  t.equal((syntax as { errno: number }).errno, 1064);
  t.equal(mysqlConnectionLoss(syntax), null, 'syntax error');
  const missing = await errorOf((c) => c.query('SELECT * FROM keats_no_such_db_at_all.t'));
  t.equal((missing as { errno: number }).errno, 1146);
  t.equal(mysqlConnectionLoss(missing), null, 'no such table');
});

t.test('a session the server kills and a refused connection are', async (t) => {
  const killed = await errorOf((c) => c.query('KILL CONNECTION CONNECTION_ID()'));
  t.ok(mysqlConnectionLoss(killed), `killed session (${(killed as Error).message})`);
  const refused = await mysql.createConnection({ ...SERVER, port: 1 }).then(
    () => null,
    (e: unknown) => e,
  );
  t.ok(mysqlConnectionLoss(refused), 'ECONNREFUSED');
});
