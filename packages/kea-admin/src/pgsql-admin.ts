// kea-admin on PostgreSQL: one connection, values read back as the server's text (what psql
// prints), so a dump is byte-for-byte what `psql -t -A -F ,` makes of the same functions.
import { createSchema, openPool, type PgsqlParams } from '@kea-ts/db-pgsql';
import { type AdminDb, type ConnectArgs, RECOUNT, uploadValues } from './admin-db.js';

const RAW = { getTypeParser: () => (v: string) => v } as never;

export async function connectPgsql(a: ConnectArgs): Promise<AdminDb> {
  const params: PgsqlParams = { name: a.name, host: a.host, user: a.user, password: a.password };
  if (a.port !== undefined) params.port = a.port;
  const pool = openPool({ ...params, 'max-connections': 1 });
  const c = await pool.connect().catch(async (e) => {
    await pool.end();
    throw e;
  });
  c.release();
  const rows = async (sql: string, values: unknown[] = []) =>
    (await pool.query({ text: sql, values, types: RAW, rowMode: 'array' })).rows as (string | null)[][];
  const transaction = async (statements: () => Promise<void>) => {
    await pool.query('BEGIN');
    try {
      await statements();
      await pool.query('COMMIT');
    } catch (e) {
      await pool.query('ROLLBACK').catch(() => {});
      throw e;
    }
  };
  return {
    backend: 'pgsql',
    async version() {
      const r = await rows("SELECT version || '.' || minor FROM schema_version");
      return r.map((x) => x[0] ?? '').join('\n');
    },
    async tables() {
      const r = await rows(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' " +
          "AND c.relkind IN ('r', 'v', 'm', 'S', 'f', 'p') ORDER BY 1",
      );
      return r.map((x) => x[0]!);
    },
    init: () => createSchema(pool),
    async dump(family) {
      const header = await rows(`SELECT * FROM lease${family}DumpHeader()`);
      const data = await rows(`SELECT * FROM lease${family}DumpData()`);
      return [...header, ...data].map((r) => `${r.map((v) => v ?? '').join(',')}\n`).join('');
    },
    upload: (family, csvRows) =>
      transaction(async () => {
        const args = family === 4 ? 11 : 17;
        const marks = Array.from({ length: args }, (_, i) => `$${i + 1}`).join(', ');
        for (const row of csvRows) {
          const values = uploadValues(family, row);
          // The table keeps iaid as a signed INT; memfile writes the unsigned 32 bits.
          if (family === 6 && values[7] !== null) values[7] = String(Number(values[7]) | 0);
          await pool.query({ text: `SELECT lease${family}Upload(${marks})`, values });
        }
      }),
    async recount() {
      for (const family of RECOUNT) {
        await transaction(async () => {
          for (const sql of family) await pool.query(sql);
        });
      }
    },
    close: () => pool.end(),
  };
}
