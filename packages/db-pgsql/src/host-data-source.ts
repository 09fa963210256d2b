// Kea 2.2's host tables on PostgreSQL (hosts-database type "postgresql"): the driver side of
// dhcpsrv's SqlHostDataSourceBase. The shared SQL's '?' parameters become $1, $2... once per text.
import { type HostRow, openSqlHostSource, SqlHostDataSourceBase, type SqlHostTx } from '@kea-ts/dhcpsrv';
import type pg from 'pg';
import { checkSchemaVersion, openPool, pgConnectionLoss } from './connection.js';
import type { PgsqlParams } from './options.js';

const UNIQUE_VIOLATION = '23505';
const numbered = new Map<string, string>();

function number(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    numbered.set(sql, text);
  }
  return text;
}

export class PgsqlHostDataSource extends SqlHostDataSourceBase {
  readonly type = 'postgresql';

  private constructor(
    private readonly pool: pg.Pool,
    readonly_: boolean,
  ) {
    super(readonly_);
  }

  /** Connects and checks the schema version (13.0), as Kea does when it opens a hosts database. */
  static open(params: PgsqlParams, readonly = false): Promise<PgsqlHostDataSource> {
    const pool = openPool(params);
    return openSqlHostSource(pool, checkSchemaVersion, () => new PgsqlHostDataSource(pool, readonly));
  }

  protected async select(sql: string, params: unknown[]): Promise<HostRow[]> {
    return (await this.pool.query<HostRow>(number(sql), params)).rows;
  }

  protected async run(sql: string, params: unknown[]): Promise<number> {
    return (await this.pool.query(number(sql), params)).rowCount ?? 0;
  }

  protected async transaction<T>(fn: (tx: SqlHostTx) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn({
        insertId: async (sql, params, idColumn) => {
          const r = await c.query(`${number(sql)} RETURNING ${idColumn}`, params);
          return Number(r.rows[0][idColumn]);
        },
        run: async (sql, params) => (await c.query(number(sql), params)).rowCount ?? 0,
      });
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  protected isDuplicate(e: unknown): boolean {
    return (e as { code?: string }).code === UNIQUE_VIOLATION;
  }

  protected connectionLoss(err: unknown): unknown[] | null {
    return pgConnectionLoss(err, 'host query');
  }

  protected reopenCheck(): Promise<void> {
    return checkSchemaVersion(this.pool);
  }

  protected end(): Promise<void> {
    return this.pool.end();
  }
}
