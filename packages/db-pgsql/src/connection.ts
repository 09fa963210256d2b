// The pool of connections and the schema: creation (db-init), version (db-version) and the check a
// lease manager makes before serving. BIGINT columns come back as numbers: every value Kea keeps in
// them (addresses, lifetimes, epoch seconds, subnet ids) fits in a double exactly.
import { accessText, reportPgsqlTls, reportPgsqlTlsConfigured } from '@kea-ts/dhcpsrv';
import { KeaError } from '@kea-ts/util';
import pg from 'pg';
import { KEA_ERR_PGSQL_SCHEMA_VERSION } from './errors.js';
import { type PgsqlParams, poolConfig } from './options.js';
import { PGSQL_CREATE_SCRIPT, PGSQL_SCHEMA_VERSION } from './schema-sql.js';

const INT8_OID = 20;
const int8 = (v: string): number => Number(v);
// pg asks for every column's parser on every result: one function, not a new closure each time.
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID ? int8 : pg.types.getTypeParser(oid, format as 'text')) as never,
};

/**
 * With TLS keys (pg then insists on TLS: a server without it is refused, and the server's
 * certificate is verified against trust-anchor), Kea's DHCPSRV_PGSQL_TLS_SUPPORT line once per
 * database, and for each new connection its cipher (debug) or an error if it is in clear text.
 */
export function openPool(params: PgsqlParams): pg.Pool {
  const cfg = poolConfig(params);
  const pool = new pg.Pool({ ...cfg, types });
  // An idle connection that dies (server restart) must not crash the process: the next query
  // gets a fresh connection or fails with its own error.
  pool.on('error', () => {});
  if (cfg.ssl !== undefined) {
    reportPgsqlTlsConfigured(accessText({ type: 'postgresql', ...params }));
    pool.on('connect', (c) => reportPgsqlTls(tlsCipher(c)));
  }
  return pool;
}

/** The cipher of a client's TLS session (pg swaps its socket for the TLS one), or null. */
function tlsCipher(c: unknown): string | null {
  const stream = (c as { connection?: { stream?: { getCipher?: () => { name: string } | undefined } } })
    .connection?.stream;
  return stream?.getCipher?.()?.name ?? null;
}

/** "major.minor" from schema_version, or null when the table is missing. */
export async function schemaVersion(pool: pg.Pool): Promise<[number, number] | null> {
  const r = await pool
    .query("SELECT version, minor FROM schema_version WHERE to_regclass('schema_version') IS NOT NULL")
    .catch((e: { code?: string }) => {
      if (e.code === '42P01') return null;
      throw e;
    });
  if (r === null || r.rows.length === 0) return null;
  const row = r.rows[0] as { version: number; minor: number | null };
  return [row.version, row.minor ?? 0];
}

/** Throws unless the database has exactly the schema version this backend speaks (as Kea does). */
export async function checkSchemaVersion(pool: pg.Pool): Promise<void> {
  const v = await schemaVersion(pool);
  const [maj, min] = PGSQL_SCHEMA_VERSION;
  if (v === null || v[0] !== maj || v[1] !== min) {
    const found = v === null ? 'no schema' : `${v[0]}.${v[1]}`;
    throw new KeaError(
      KEA_ERR_PGSQL_SCHEMA_VERSION,
      `PostgreSQL schema version mismatch: need version: ${maj}.${min} found version: ${found}`,
    );
  }
}

/** Creates the schema in an empty database, in one transaction. */
export async function createSchema(pool: pg.Pool): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query(PGSQL_CREATE_SCRIPT);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

/** SQLSTATE classes Kea takes for a lost connection: connection, resources, limits, operator, system. */
const LOSS_CLASSES = new Set(['08', '53', '54', '57', '58']);
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * The log arguments of DATABASE_PGSQL_FATAL_ERROR when err says the connection is gone, else null:
 * a SQLSTATE of one of Kea's classes, a socket error (ECONNREFUSED...), or pg's own words for a
 * connection that ended or could not be made (these carry no SQLSTATE, which Kea counts as lost).
 */
export function pgConnectionLoss(err: unknown, statement = 'lease query'): unknown[] | null {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(err);
  const lost = SQLSTATE.test(code)
    ? LOSS_CLASSES.has(code.slice(0, 2))
    : /^E[A-Z]+$/.test(code) ||
      /Connection terminated|connection error|timeout exceeded when trying to connect|not queryable/i.test(
        message,
      );
  return lost ? [statement, message, code === '' ? '<sqlstate null>' : code] : null;
}
