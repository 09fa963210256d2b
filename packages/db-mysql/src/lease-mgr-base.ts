// The MySQL driver side of the v4 and v6 lease managers (the rest is dhcpsrv's SqlLeaseMgrBase):
// prepared statements. The per-packet reads go on ReadLanes, the per-packet writes on a GroupWriter
// (committed in groups), both on the hot pool; the bulk statements (whole tables, pages, expired
// leases, statistics) on a mysql2 pool, autocommitted. A duplicate-key error is the "taken" answer
// to an insert; any other error is thrown.
import {
  dbUnusable,
  type LeaseMapping,
  SqlLeaseMgrBase,
  type SqlLender,
  SqlQueryQueue,
  type SqlStatsRow,
} from '@kea-ts/dhcpsrv';
import type { Pool as CorePool, PoolConnection as CorePoolConnection } from 'mysql2';
import type mysql from 'mysql2/promise';
import { broken, mysqlConnectionLoss } from './connection.js';
import { GroupWriter, type Statement, TAKEN_VARIABLE, type WriteResult } from './group-writer.js';
import { ReadLanes } from './read-lanes.js';

export { type LeaseMapping, openSqlLeaseMgr as openManager } from '@kea-ts/dhcpsrv';

const ER_DUP_ENTRY = 1062;
/** LIMIT for "no limit". */
const ALL = 0xffffffff;

type Answer = mysql.RowDataPacket[] | mysql.ResultSetHeader;

/**
 * mysql2's pool, on its callback side (its promise side adds a promise and a captured stack to
 * every query), as a SqlQueryQueue lends it: prepared statements (execute).
 */
function mysqlLender(pool: CorePool): SqlLender<CorePoolConnection, Statement, Answer> {
  return {
    acquire: (done) => pool.getConnection(done),
    run: (conn, [sql, params], done) =>
      conn.execute(sql, params as never, (err, rows) => done(err, rows as Answer)),
    // A fatal error ends the connection (mysql2 then drops it from the pool).
    usable: (conn) => !broken(conn),
    release: (conn, broken) => (broken === undefined ? conn.release() : conn.destroy()),
  };
}

/** The lease manager's pool, and the connections of its per-packet statements (openHotPool). */
export interface MysqlPools {
  pool: mysql.Pool;
  hotPool: mysql.Pool;
}

/**
 * How each insert statement ends: an address already stored keeps its row (the update changes
 * nothing, so the stat triggers count nothing) and the session variable says it was taken (the
 * GroupWriter reads it back; a trigger would undo LAST_INSERT_ID(expr), not a variable).
 */
export const TAKEN = ` ON DUPLICATE KEY UPDATE subnet_id = IF((${TAKEN_VARIABLE} := 1), subnet_id, subnet_id)`;

export abstract class MysqlLeaseMgrBase<L, R> extends SqlLeaseMgrBase<L, R, mysql.Pool> {
  readonly type = 'mysql';
  private readonly queue: SqlQueryQueue<CorePoolConnection, Statement, Answer>;
  /** Inserts, updates and deletes of single leases (the rest of the writes go through the queue). */
  private readonly writer: GroupWriter;
  /** The per-packet reads (the statements not in `bulk`). */
  private readonly reader: ReadLanes;
  private readonly hotPool: mysql.Pool;
  private readonly bulk: Set<string>;

  protected constructor(pools: MysqlPools, clock: () => number, map: LeaseMapping<L, R>, bulk: string[]) {
    super(pools.pool, clock, map);
    const core = pools.pool.pool as unknown as CorePool & { config: { connectionLimit: number } };
    this.queue = new SqlQueryQueue(mysqlLender(core), core.config.connectionLimit);
    this.hotPool = pools.hotPool;
    this.writer = new GroupWriter(pools.hotPool.pool);
    this.reader = new ReadLanes(pools.hotPool.pool);
    const s = map.sql;
    this.bulk = new Set([s.all, s.bySubnet, s.byHostname, s.expired, s.deleteReclaimed, s.wipe, ...bulk]);
  }

  override async close(): Promise<void> {
    await this.hotPool.end();
    await super.close();
  }

  /** A prepared statement on the pool; while the connection is known to be down it fails at once. */
  private async execute<T extends Answer>(sql: string, params: unknown[]): Promise<T> {
    if (this.connectionLost) throw dbUnusable();
    return (await this.queue.query([sql, params])) as T;
  }

  protected connectionLoss(err: unknown): unknown[] | null {
    return mysqlConnectionLoss(err);
  }

  protected async rows(sql: string, params: unknown[]): Promise<L[]> {
    let rows: mysql.RowDataPacket[];
    if (this.bulk.has(sql)) {
      rows = await this.execute<mysql.RowDataPacket[]>(sql, params).catch(this.failed);
    } else {
      if (this.connectionLost) throw dbUnusable();
      rows = (await this.reader.read([sql, params]).catch(this.failed)) as mysql.RowDataPacket[];
    }
    return rows.map((r) => this.map.fromRow(r as R));
  }

  protected async run(sql: string, params: unknown[]): Promise<number> {
    if (!this.bulk.has(sql)) {
      if (this.connectionLost) throw dbUnusable();
      const r = (await this.writer.write([sql, params]).catch(this.failed)) as WriteResult;
      return r.affectedRows;
    }
    const r = await this.execute<mysql.ResultSetHeader>(sql, params).catch(this.failed);
    return r.affectedRows;
  }

  /** The insert statements end in TAKEN: a row already at the address answers taken, not an error. */
  protected async insert(params: unknown[]): Promise<number> {
    for (let tries = 0; ; tries++) {
      try {
        if (this.connectionLost) throw dbUnusable();
        const r = (await this.writer.write([this.map.sql.insert, params]).catch(this.failed)) as WriteResult;
        return r.taken ? 0 : 1;
      } catch (e) {
        if ((e as { errno?: number }).errno !== ER_DUP_ENTRY || tries > 0) throw e;
        // Kea's own schema: two first leases of a subnet raced in the stat trigger's
        // UPDATE-then-INSERT; the statement rolled back, a second try stores it.
      }
    }
  }

  /** The update statement takes the key last. */
  protected updateParams([key, ...rest]: unknown[]): unknown[] {
    return [...rest, key];
  }

  protected limitParam(limit: number): unknown {
    return String(limit === 0 ? ALL : limit);
  }

  /** Once for the collation's (indexed) match, once for the exact one. */
  protected hostnameParams(hostname: string): unknown[] {
    return [hostname, hostname];
  }

  protected async queryCount(): Promise<number> {
    const rows = await this.execute<mysql.RowDataPacket[]>(this.map.sql.count, []).catch(this.failed);
    return Number(rows[0]!.n);
  }

  protected async statsRows(subnetId?: number): Promise<SqlStatsRow[]> {
    const rows = await (subnetId === undefined
      ? this.execute<mysql.RowDataPacket[]>(this.map.sql.stats, [])
      : this.execute<mysql.RowDataPacket[]>(this.map.sql.statsSubnet, [subnetId])
    ).catch(this.failed);
    return rows as SqlStatsRow[];
  }
}
