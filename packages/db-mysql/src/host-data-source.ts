// Kea 2.2's host tables on MySQL/MariaDB (hosts-database type "mysql"): the driver side of
// dhcpsrv's SqlHostDataSourceBase, prepared statements on a mysql2 pool.
import { type HostRow, openSqlHostSource, SqlHostDataSourceBase, type SqlHostTx } from '@kea-ts/dhcpsrv';
import type mysql from 'mysql2/promise';
import { checkSchemaVersion, mysqlConnectionLoss, openPool } from './connection.js';
import type { MysqlParams } from './options.js';

const ER_DUP_ENTRY = 1062;

export class MysqlHostDataSource extends SqlHostDataSourceBase {
  readonly type = 'mysql';

  private constructor(
    private readonly pool: mysql.Pool,
    readonly_: boolean,
  ) {
    super(readonly_);
  }

  /** Connects and checks the schema version (14.0), as Kea does when it opens a hosts database. */
  static open(params: MysqlParams, readonly = false): Promise<MysqlHostDataSource> {
    const pool = openPool(params);
    return openSqlHostSource(pool, checkSchemaVersion, () => new MysqlHostDataSource(pool, readonly));
  }

  protected async select(sql: string, params: unknown[]): Promise<HostRow[]> {
    const [rows] = await this.pool.execute<mysql.RowDataPacket[]>(sql, params as never);
    return rows as HostRow[];
  }

  protected async run(sql: string, params: unknown[]): Promise<number> {
    const [r] = await this.pool.execute<mysql.ResultSetHeader>(sql, params as never);
    return r.affectedRows;
  }

  protected async transaction<T>(fn: (tx: SqlHostTx) => Promise<T>): Promise<T> {
    const c = await this.pool.getConnection();
    try {
      await c.beginTransaction();
      const out = await fn({
        insertId: async (sql, params) => {
          const [r] = await c.execute<mysql.ResultSetHeader>(sql, params as never);
          return r.insertId;
        },
        run: async (sql, params) => {
          const [r] = await c.execute<mysql.ResultSetHeader>(sql, params as never);
          return r.affectedRows;
        },
      });
      await c.commit();
      return out;
    } catch (e) {
      await c.rollback().catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  protected isDuplicate(e: unknown): boolean {
    return (e as { errno?: number }).errno === ER_DUP_ENTRY;
  }

  protected connectionLoss(err: unknown): unknown[] | null {
    return mysqlConnectionLoss(err, 'host query');
  }

  protected reopenCheck(): Promise<void> {
    return checkSchemaVersion(this.pool);
  }

  protected end(): Promise<void> {
    return this.pool.end();
  }
}
