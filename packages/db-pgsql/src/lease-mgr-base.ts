// What the v4 and v6 PostgreSQL lease managers share: the pool, the statements every family has,
// and the count this process keeps. Each write is one autocommitted statement, so a write's promise
// settles once PostgreSQL has committed it; the primary key decides who owns an address.
import { KEA_ERR_DHCPSRV_NO_SUCH_LEASE, type LeaseStatsRow } from '@kea-ts/dhcpsrv';
import { KeaError } from '@kea-ts/util';
import type pg from 'pg';

/** The statements both families have, in the family's own SQL. */
export interface CommonSql {
  insert: string;
  update: string;
  delete: string;
  bySubnet: string;
  byHostname: string;
  all: string;
  expired: string;
  deleteReclaimed: string;
  stats: string;
  statsSubnet: string;
  wipe: string;
  count: string;
}

export interface LeaseMapping<L, R> {
  sql: CommonSql;
  fromRow(row: R): L;
  params(lease: Readonly<L>): unknown[];
  /** The primary key parameter of a lease. */
  key(lease: Readonly<L>): unknown;
  describe(lease: Readonly<L>): string;
}

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

export abstract class PgsqlLeaseMgrBase<L, R extends pg.QueryResultRow> {
  readonly type = 'postgresql';
  private known = 0;

  protected constructor(
    readonly pool: pg.Pool,
    protected readonly clock: () => number,
    private readonly map: LeaseMapping<L, R>,
  ) {}

  protected async rows(sql: string, params: unknown[]): Promise<L[]> {
    const r = await this.pool.query<R>(named(sql, params));
    return r.rows.map(this.map.fromRow);
  }

  private async run(sql: string, params: unknown[]): Promise<number> {
    const r = await this.pool.query(named(sql, params));
    return r.rowCount ?? 0;
  }

  async add(lease: Readonly<L>): Promise<boolean> {
    const n = await this.run(this.map.sql.insert, this.map.params(lease));
    this.known += n;
    return n === 1;
  }

  async update(lease: Readonly<L>): Promise<void> {
    if ((await this.run(this.map.sql.update, this.map.params(lease))) !== 1) {
      throw new KeaError(
        KEA_ERR_DHCPSRV_NO_SUCH_LEASE,
        `failed to update the lease with address ${this.map.describe(lease)} - no such lease`,
      );
    }
  }

  async delete(lease: Readonly<L>): Promise<boolean> {
    const n = await this.run(this.map.sql.delete, [this.map.key(lease)]);
    this.known -= n;
    return n === 1;
  }

  getExpired(limit: number, now = this.clock()): Promise<readonly Readonly<L>[]> {
    return this.rows(this.map.sql.expired, [now, limit === 0 ? null : limit]);
  }

  async deleteExpiredReclaimed(secs: number, now = this.clock()): Promise<number> {
    const n = await this.run(this.map.sql.deleteReclaimed, [now - secs]);
    this.known -= n;
    return n;
  }

  getBySubnet(subnetId: number): Promise<readonly Readonly<L>[]> {
    return this.rows(this.map.sql.bySubnet, [subnetId]);
  }

  getByHostname(hostname: string): Promise<readonly Readonly<L>[]> {
    return this.rows(this.map.sql.byHostname, [hostname]);
  }

  getAll(): Promise<readonly Readonly<L>[]> {
    return this.rows(this.map.sql.all, []);
  }

  /** The count as this process last saw it (open, plus its own adds and deletes). */
  count(): number {
    return this.known;
  }

  /** Counts the rows now (other servers' writes included) and remembers the answer. */
  async countRows(): Promise<number> {
    const r = await this.pool.query<{ n: number }>(this.map.sql.count);
    this.known = r.rows[0]!.n;
    return this.known;
  }

  /** From the stat tables the triggers keep for states 0 and 1 (Kea's statistics source). */
  async getStats(subnetId?: number): Promise<LeaseStatsRow[]> {
    const r =
      subnetId === undefined
        ? await this.pool.query(this.map.sql.stats)
        : await this.pool.query(named(this.map.sql.statsSubnet, [subnetId]));
    return r.rows.map((x: { subnet_id: number; lease_type: number; state: number; leases: number }) => ({
      subnetId: x.subnet_id,
      type: x.lease_type,
      state: x.state,
      count: x.leases,
    }));
  }

  async wipe(subnetId: number): Promise<number> {
    const n = await this.run(this.map.sql.wipe, [subnetId]);
    this.known -= n;
    return n;
  }

  /** Nothing is pending once a write's promise has settled. */
  async commit(): Promise<void> {}

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Opens a pool, checks the schema and counts the rows, closing the pool if any of it fails. */
export async function openManager<M extends { countRows(): Promise<number> }>(
  pool: pg.Pool,
  check: (pool: pg.Pool) => Promise<void>,
  make: () => M,
): Promise<M> {
  try {
    await check(pool);
    const mgr = make();
    await mgr.countRows();
    return mgr;
  } catch (e) {
    await pool.end();
    throw e;
  }
}
