// kea-admin on MySQL/MariaDB: one connection, values read back as the server's text and printed as
// `mysql -N -B` prints them (NULL as the word, tab/newline/backslash/NUL escaped), then joined with
// commas as Kea's kea-admin does with tr.
import { createSchema, type MysqlParams, openPool } from '@kea-ts/db-mysql';
import type mysql from 'mysql2/promise';
import { type AdminDb, type ConnectArgs, RECOUNT, uploadValues } from './admin-db.js';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\0': '\\0' };

function batchField(v: string | null): string {
  return v === null ? 'NULL' : v.replace(/[\\\t\n\0]/g, (c) => ESCAPES[c]!);
}

export async function connectMysql(a: ConnectArgs): Promise<AdminDb> {
  const params: MysqlParams = { name: a.name, host: a.host, user: a.user, password: a.password };
  if (a.port !== undefined) params.port = a.port;
  const pool = openPool({ ...params, 'max-connections': 1 });
  const c = await pool.getConnection().catch(async (e) => {
    await pool.end();
    throw e;
  });
  c.release();
  const text = async (sql: string): Promise<(string | null)[][]> => {
    const [result] = await pool.query({
      sql,
      rowsAsArray: true,
      typeCast: (field: { string(): string | null }) => field.string(),
    } as mysql.QueryOptions);
    // CALL answers [rows, status]; a plain SELECT answers rows (each an array).
    const sets = result as unknown as unknown[];
    const isCall = sets.length > 0 && !Array.isArray(sets[sets.length - 1]);
    const rows = isCall ? sets[0] : sets;
    return rows as (string | null)[][];
  };
  const transaction = async (work: (conn: mysql.PoolConnection) => Promise<void>) => {
    const conn = await pool.getConnection();
    try {
      await conn.beginTransaction();
      await work(conn);
      await conn.commit();
    } catch (e) {
      await conn.rollback().catch(() => {});
      throw e;
    } finally {
      conn.release();
    }
  };
  return {
    backend: 'mysql',
    async version() {
      const r = await text("SELECT CONCAT_WS('.', version, minor) FROM schema_version");
      return r.map((x) => batchField(x[0] ?? null)).join('\n');
    },
    async tables() {
      return (await text('SHOW TABLES')).map((x) => x[0]!);
    },
    init: () => createSchema(pool),
    async dump(family) {
      const header = await text(`CALL lease${family}DumpHeader()`);
      const data = await text(`CALL lease${family}DumpData()`);
      return [...header, ...data].map((r) => `${r.map(batchField).join(',')}\n`).join('');
    },
    upload: (family, csvRows) =>
      transaction(async (conn) => {
        const marks = Array.from({ length: family === 4 ? 11 : 17 }, () => '?').join(', ');
        for (const row of csvRows) {
          await conn.query(`CALL lease${family}Upload(${marks})`, uploadValues(family, row));
        }
      }),
    async recount() {
      for (const family of RECOUNT) {
        await transaction(async (conn) => {
          for (const sql of family) await conn.query(sql);
        });
      }
    },
    close: () => pool.end(),
  };
}
