// What the v4 and v6 MySQL lease managers share: the pool, the statements every family has, and
// the count this process keeps. Each write is one autocommitted prepared statement, so a write's
// promise settles once InnoDB has committed it; the primary key decides who owns an address (a
// duplicate-key error is the "taken" answer, any other error is thrown).
import { KEA_ERR_DHCPSRV_NO_SUCH_LEASE, type LeaseStatsRow } from '@kea-ts/dhcpsrv';
import { KeaError } from '@kea-ts/util';
import type mysql from 'mysql2/promise';

/** The statements both families have, in the family's own SQL. Update takes the key last. */
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
  /** Key first, then the other columns in insert order. */
  params(lease: Readonly<L>): unknown[];
  key(lease: Readonly<L>): unknown;
  describe(lease: Readonly<L>): string;
}

const ER_DUP_ENTRY = 1062;
/** LIMIT for "no limit". */
const ALL = 0xffffffff;

export abstract class MysqlLeaseMgrBase<L, R> {
  readonly type = 'mysql';
  private known = 0;

  protected constructor(
    readonly pool: mysql.Pool,
    protected readonly clock: () => number,
    private readonly map: LeaseMapping<L, R>,
  ) {}

  protected async rows(sql: string, params: unknown[]): Promise<L[]> {
    const [rows] = await this.pool.execute<mysql.RowDataPacket[]>(sql, params as never);
    return rows.map((r) => this.map.fromRow(r as R));
  }

  private async run(sql: string, params: unknown[]): Promise<number> {
    const [r] = await this.pool.execute<mysql.ResultSetHeader>(sql, params as never);
    return r.affectedRows;
  }

  async add(lease: Readonly<L>): Promise<boolean> {
    try {
      await this.run(this.map.sql.insert, this.map.params(lease));
    } catch (e) {
      if ((e as { errno?: number }).errno === ER_DUP_ENTRY) return false;
      throw e;
    }
    this.known++;
    return true;
  }

  async update(lease: Readonly<L>): Promise<void> {
    const [key, ...rest] = this.map.params(lease);
    if ((await this.run(this.map.sql.update, [...rest, key])) !== 1) {
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
    return this.rows(this.map.sql.expired, [now, String(limit === 0 ? ALL : limit)]);
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
    return this.rows(this.map.sql.byHostname, [hostname, hostname]);
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
    const [rows] = await this.pool.query<mysql.RowDataPacket[]>(this.map.sql.count);
    this.known = Number(rows[0]!.n);
    return this.known;
  }

  /** From the stat tables the triggers keep for states 0 and 1 (Kea's statistics source). */
  async getStats(subnetId?: number): Promise<LeaseStatsRow[]> {
    const [rows] =
      subnetId === undefined
        ? await this.pool.query<mysql.RowDataPacket[]>(this.map.sql.stats)
        : await this.pool.execute<mysql.RowDataPacket[]>(this.map.sql.statsSubnet, [subnetId]);
    return rows.map((x) => ({
      subnetId: x.subnet_id as number,
      type: x.lease_type as number,
      state: x.state as number,
      count: Number(x.leases),
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
  pool: mysql.Pool,
  check: (pool: mysql.Pool) => Promise<void>,
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
