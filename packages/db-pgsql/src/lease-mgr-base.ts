// The PostgreSQL driver side of the v4 and v6 lease managers (the rest is dhcpsrv's SqlLeaseMgrBase):
// named statements on a pg pool. An insert that loses the address to another row adds nothing
// (ON CONFLICT DO NOTHING), which is the "taken" answer.
import { SqlLeaseMgrBase, type SqlStatsRow } from '@kea-ts/dhcpsrv';
import type pg from 'pg';
import { pgConnectionLoss } from './connection.js';

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

export abstract class PgsqlLeaseMgrBase<L, R extends pg.QueryResultRow> extends SqlLeaseMgrBase<
  L,
  R,
  pg.Pool
> {
  readonly type = 'postgresql';

  protected connectionLoss(err: unknown): unknown[] | null {
    return pgConnectionLoss(err);
  }

  protected async rows(sql: string, params: unknown[]): Promise<L[]> {
    const r = await this.pool.query<R>(named(sql, params)).catch(this.failed);
    return r.rows.map(this.map.fromRow);
  }

  protected async run(sql: string, params: unknown[]): Promise<number> {
    const r = await this.pool.query(named(sql, params)).catch(this.failed);
    return r.rowCount ?? 0;
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
    const r = await this.pool.query<{ n: number }>(this.map.sql.count).catch(this.failed);
    return r.rows[0]!.n;
  }

  protected async statsRows(subnetId?: number): Promise<SqlStatsRow[]> {
    const r = await (subnetId === undefined
      ? this.pool.query<SqlStatsRow>(this.map.sql.stats)
      : this.pool.query<SqlStatsRow>(named(this.map.sql.statsSubnet, [subnetId]))
    ).catch(this.failed);
    return r.rows;
  }
}
