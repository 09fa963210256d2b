// The PostgreSQL driver side of the v4 and v6 lease managers (the rest is dhcpsrv's SqlLeaseMgrBase):
// named statements. The per-packet ones (look-ups of a client or an address, a lease's insert, update
// and delete) go on the PgPipeline, writes committed in groups; the bulk ones (whole tables, pages,
// expired leases, statistics) on a pg pool. An insert that loses the address to another row adds
// nothing (ON CONFLICT DO NOTHING), which is the "taken" answer.
import {
  dbUnusable,
  type LeaseMapping,
  SqlLeaseMgrBase,
  type SqlLender,
  SqlQueryQueue,
  type SqlStatsRow,
} from '@kea-ts/dhcpsrv';
import type pg from 'pg';
import { pgConnectionLoss } from './connection.js';
import { PgPipeline } from './pipeline.js';

export { type LeaseMapping, openSqlLeaseMgr as openManager } from '@kea-ts/dhcpsrv';

const UNIQUE_VIOLATION = '23505';

// Named statements are parsed and planned once per connection, as Kea prepares all of its own.
const statementNames = new Map<string, string>();

function named(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `kea_ts_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

const ignore = (): void => {};

/** Reader connections of the pipeline (one more writes): the server's reads then use two cores. */
const PIPELINE_READERS = 2;

/** pg's pool as a SqlQueryQueue lends it. */
function pgLender(pool: pg.Pool): SqlLender<pg.PoolClient, pg.QueryConfig | string, pg.QueryResult> {
  return {
    acquire: (done) =>
      pool.connect((err, client) => {
        // A connection that dies between queries must not throw from its emitter.
        client?.on('error', ignore);
        done(err, client);
      }),
    run: (client, q, done) => client.query(q, done),
    usable: (client) => (client as unknown as { _queryable?: boolean })._queryable !== false,
    release: (client, broken) => {
      client.removeListener('error', ignore);
      client.release(broken === undefined ? undefined : broken instanceof Error ? broken : true);
    },
  };
}

export abstract class PgsqlLeaseMgrBase<L, R extends pg.QueryResultRow> extends SqlLeaseMgrBase<
  L,
  R,
  pg.Pool
> {
  readonly type = 'postgresql';
  private readonly queue: SqlQueryQueue<pg.PoolClient, pg.QueryConfig | string, pg.QueryResult>;
  /** The per-packet statements (looked up by their text); the rest go through the pool. */
  private readonly pipeline: PgPipeline;
  private readonly bulk: Set<string>;

  protected constructor(pool: pg.Pool, clock: () => number, map: LeaseMapping<L, R>, bulk: string[]) {
    super(pool, clock, map);
    this.queue = new SqlQueryQueue(
      pgLender(pool),
      (pool as unknown as { options: { max: number } }).options.max,
    );
    this.pipeline = new PgPipeline(pool, PIPELINE_READERS);
    const s = map.sql;
    this.bulk = new Set([s.all, s.bySubnet, s.byHostname, s.expired, s.deleteReclaimed, s.wipe, ...bulk]);
  }

  /** A query on the pool; while the connection is known to be down it fails at once. */
  private async query<T extends pg.QueryResultRow>(cfg: pg.QueryConfig | string): Promise<pg.QueryResult<T>> {
    if (this.connectionLost) throw dbUnusable();
    return (await this.queue.query(cfg)) as pg.QueryResult<T>;
  }

  protected connectionLoss(err: unknown): unknown[] | null {
    return pgConnectionLoss(err);
  }

  protected async rows(sql: string, params: unknown[]): Promise<L[]> {
    const q = named(sql, params);
    if (this.connectionLost) throw dbUnusable();
    const r = await (this.bulk.has(sql) ? this.queue.query(q) : this.pipeline.read(q)).catch(this.failed);
    return (r.rows as R[]).map(this.map.fromRow);
  }

  protected async run(sql: string, params: unknown[]): Promise<number> {
    const q = named(sql, params);
    if (this.connectionLost) throw dbUnusable();
    const r = await (this.bulk.has(sql) ? this.queue.query(q) : this.pipeline.write(q)).catch(this.failed);
    return r.rowCount ?? 0;
  }

  override async close(): Promise<void> {
    await this.pipeline.end();
    await super.close();
  }

  protected async insert(params: unknown[]): Promise<number> {
    try {
      return await this.run(this.map.sql.insert, params);
    } catch (e) {
      // ON CONFLICT leaves a unique violation only to the stat triggers: Kea's own schema counts a
      // subnet's first lease by UPDATE, then INSERT when nothing was updated, so two first leases
      // at once make one of them fail. The statement rolled back; now the stat row is there.
      if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
      return this.run(this.map.sql.insert, params);
    }
  }

  protected updateParams(params: unknown[]): unknown[] {
    return params;
  }

  protected limitParam(limit: number): unknown {
    return limit === 0 ? null : limit;
  }

  protected hostnameParams(hostname: string): unknown[] {
    return [hostname];
  }

  protected async queryCount(): Promise<number> {
    const r = await this.query<{ n: number }>(this.map.sql.count).catch(this.failed);
    return r.rows[0]!.n;
  }

  protected async statsRows(subnetId?: number): Promise<SqlStatsRow[]> {
    const r = await (subnetId === undefined
      ? this.query<SqlStatsRow>(this.map.sql.stats)
      : this.query<SqlStatsRow>(named(this.map.sql.statsSubnet, [subnetId]))
    ).catch(this.failed);
    return r.rows;
  }
}
