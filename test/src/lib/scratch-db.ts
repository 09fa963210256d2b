// Scratch databases on the machine's PostgreSQL (127.0.0.1:5432, user postgres) and MariaDB
// (127.0.0.1:3306, root, no password): each made with a unique name and dropped at teardown.
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { Teardown } from './harness.js';

export const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };
export const MY = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Creates an empty PostgreSQL database and drops it (with its connections) at teardown. */
export async function scratchPgsql(t: Teardown, prefix = 'keats'): Promise<string> {
  const name = uniqueName(prefix);
  const admin = new pg.Client({ ...PG, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  t.teardown(async () => {
    const c = new pg.Client({ ...PG, database: 'postgres' });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return name;
}

/** Creates an empty MariaDB database and drops it at teardown. */
export async function scratchMysql(t: Teardown, prefix = 'keats'): Promise<string> {
  const name = uniqueName(prefix);
  const c = await mysql.createConnection(MY);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  t.teardown(async () => {
    const d = await mysql.createConnection(MY);
    await d.query(`DROP DATABASE IF EXISTS ${name}`);
    await d.end();
  });
  return name;
}
