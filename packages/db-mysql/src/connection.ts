// The pool of connections and the schema: creation (db-init), version (db-version) and the check a
// lease manager makes before serving. Sessions run in UTC so FROM_UNIXTIME/UNIX_TIMESTAMP convert
// expire times without daylight-saving ambiguity; TIMESTAMP columns store UTC whatever the zone.
import { reportMysqlTls } from '@kea-ts/dhcpsrv';
import { KeaError } from '@kea-ts/util';
import mysql from 'mysql2/promise';
import { KEA_ERR_MYSQL_SCHEMA_VERSION } from './errors.js';
import { type MysqlParams, poolOptions } from './options.js';
import { MYSQL_CREATE_STATEMENTS, MYSQL_SCHEMA_VERSION } from './schema-sql.js';

/** Connections a lease manager's ReadLanes hold (with the GroupWriter's one, the hot pool's size). */
export const READ_LANES = 8;

/** True when mysql2 says the connection can no longer serve (its fatal error is set). */
export function broken(conn: unknown): boolean {
  return (conn as { _fatalError?: unknown })._fatalError != null;
}

export function openPool(params: MysqlParams): mysql.Pool {
  return prepared(mysql.createPool(poolOptions(params)), params);
}

/**
 * The connections of a lease manager's per-packet statements (same settings, several statements in
 * one query): its ReadLanes hold READ_LANES of them, its GroupWriter takes the one left per group.
 */
export function openHotPool(params: MysqlParams): mysql.Pool {
  const pool = prepared(
    mysql.createPool({ ...poolOptions(params), connectionLimit: READ_LANES + 1, multipleStatements: true }),
    params,
  );
  // The writer's groups carry their values escaped with backslashes (mysql2's format), which a
  // server-wide NO_BACKSLASH_ESCAPES would read otherwise.
  pool.pool.on('connection', (c) =>
    c.query("SET SESSION sql_mode = REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', '')"),
  );
  return pool;
}

/** Each new connection of the pool in UTC, and its TLS cipher reported when TLS is configured. */
function prepared(pool: mysql.Pool, params: MysqlParams): mysql.Pool {
  const tls = poolOptions(params).ssl !== undefined;
  pool.pool.on('connection', (c) => {
    c.query("SET time_zone = '+00:00'");
    if (tls) reportMysqlTls(tlsCipher(c));
  });
  return pool;
}

/** The cipher of a connection's TLS session (mysql2 swaps its socket for the TLS one), or null. */
function tlsCipher(c: unknown): string | null {
  const stream = (c as { stream?: { getCipher?: () => { name: string } | undefined } }).stream;
  return stream?.getCipher?.()?.name ?? null;
}

/** [major, minor] from schema_version, or null when the table is missing. */
export async function schemaVersion(pool: mysql.Pool): Promise<[number, number] | null> {
  try {
    const [rows] = await pool.query<mysql.RowDataPacket[]>('SELECT version, minor FROM schema_version');
    if (rows.length === 0) return null;
    return [rows[0]!.version as number, (rows[0]!.minor as number | null) ?? 0];
  } catch (e) {
    if ((e as { code?: string }).code === 'ER_NO_SUCH_TABLE') return null;
    throw e;
  }
}

/** Throws unless the database has exactly the schema version this backend speaks (as Kea does). */
export async function checkSchemaVersion(pool: mysql.Pool): Promise<void> {
  const v = await schemaVersion(pool);
  const [maj, min] = MYSQL_SCHEMA_VERSION;
  if (v === null || v[0] !== maj || v[1] !== min) {
    const found = v === null ? 'no schema' : `${v[0]}.${v[1]}`;
    throw new KeaError(
      KEA_ERR_MYSQL_SCHEMA_VERSION,
      `MySQL schema version mismatch: need version: ${maj}.${min} found version: ${found}`,
    );
  }
}

/**
 * Creates the schema in an empty database. MySQL commits DDL as it goes, so a failure part-way
 * leaves what was made; db-init refuses a non-empty database, as Kea's does.
 */
export async function createSchema(pool: mysql.Pool): Promise<void> {
  const c = await pool.getConnection();
  try {
    for (const sql of MYSQL_CREATE_STATEMENTS) await c.query(sql);
  } finally {
    c.release();
  }
}

/**
 * Server and client error numbers Kea takes for a lost connection: server shutdown (1053), connection
 * killed (1927), can't connect (2002, 2003), server gone (2006), lost during query (2013).
 */
const LOSS_ERRNOS = new Set([1053, 1927, 2002, 2003, 2006, 2013]);

/**
 * The log arguments of DATABASE_MYSQL_FATAL_ERROR when err says the connection is gone, else null:
 * one of those numbers, a fatal driver error, or a socket error (ECONNREFUSED...).
 */
export function mysqlConnectionLoss(err: unknown, statement = 'lease query'): unknown[] | null {
  const e = err as { code?: unknown; errno?: unknown; fatal?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const errno = typeof e.errno === 'number' ? e.errno : 0;
  const lost =
    e.fatal === true ||
    LOSS_ERRNOS.has(errno) ||
    /^E[A-Z]+$/.test(code) ||
    code === 'PROTOCOL_CONNECTION_LOST';
  if (!lost) return null;
  const message = typeof e.message === 'string' ? e.message : String(err);
  return ['mysql_stmt_execute', statement, message, errno > 0 ? errno : code];
}
