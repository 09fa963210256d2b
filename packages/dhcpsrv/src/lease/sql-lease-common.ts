// What the SQL lease backends (db-pgsql, db-mysql) share and is not SQL: the lease manager both
// families build on, the count a process keeps, the open sequence, and the Kea lease-database
// keys they read. Each backend keeps its own SQL text, driver calls and row conversion; the
// backends are peers and may not import each other, so their common ground lives here.
import { readFileSync } from 'node:fs';
import type { JsonMap } from '@kea-ts/cc';
import { KeaError } from '@kea-ts/util';
import { KEA_ERR_DHCPSRV_NO_SUCH_LEASE } from '../errors.js';
import {
  ConnectionWatch,
  type DbLossHandler,
  type DbReconnectParams,
  dbUnusable,
  ON_FAIL_ACTIONS,
  type OnFailAction,
} from './db-reconnect.js';
import { parseKeaJsonMap } from './kea-json.js';
import type { LeaseStatsRow } from './lease-mgr.js';

/** The statements both families have, in the backend's own SQL. */
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
  /** The primary key parameter of a lease. */
  key(lease: Readonly<L>): unknown;
  describe(lease: Readonly<L>): string;
}

/** A user_context column: NULL and '' both mean none (Kea's daemons write ''). */
export function userContextFromText(text: string | null): JsonMap | null {
  return text === null || text === '' ? null : parseKeaJsonMap(text);
}

/** A row of a lease4_stat/lease6_stat query, as the driver returns it. */
export interface SqlStatsRow {
  subnet_id: number;
  lease_type: number;
  state: number;
  leases: number | string;
}

/**
 * One family's lease manager over one SQL pool. Each write is one autocommitted statement, so a
 * write's promise settles once the server has committed it; the primary key decides who owns an
 * address. A backend supplies the driver calls and how its SQL takes a few parameters.
 * Once a server watches the connection (watchConnection), a driver error that is a connection
 * loss (the backend tells which) marks the manager down: every query fails at once with
 * KEA_ERR_DHCPSRV_DB_UNUSABLE until the recovery finds the database back.
 */
export abstract class SqlLeaseMgrBase<L, R, P extends { end(): Promise<void> }> {
  abstract readonly type: 'postgresql' | 'mysql';
  abstract readonly family: 4 | 6;
  private known = 0;
  private readonly db: P;
  private conn: ConnectionWatch | null = null;
  /** Set by openSqlLeaseMgr: the check a reopened connection must pass. */
  private reopenCheck: ((pool: P) => Promise<void>) | null = null;

  protected constructor(
    pool: P,
    protected readonly clock: () => number,
    protected readonly map: LeaseMapping<L, R>,
  ) {
    this.db = pool;
  }

  /** The pool; while the connection is known to be down, using it fails at once. */
  get pool(): P {
    if (this.conn?.lost) throw dbUnusable();
    return this.db;
  }

  /** True while the connection is known to be down. */
  get connectionLost(): boolean {
    return this.conn?.lost ?? false;
  }

  /** The log arguments of the backend's fatal-error message when err is a connection loss, else null. */
  protected abstract connectionLoss(err: unknown): unknown[] | null;

  /**
   * For a driver call's rejection: a connection loss (first one: logged, recovery started) becomes
   * KEA_ERR_DHCPSRV_DB_UNUSABLE; an SQL error passes unchanged.
   */
  protected readonly failed = (err: unknown): never => {
    if (this.conn === null) throw err;
    return this.conn.failed(err);
  };

  /** Used by openSqlLeaseMgr. */
  setReopenCheck(check: (pool: P) => Promise<void>): void {
    this.reopenCheck = check;
  }

  /**
   * Watches the connection with Kea's recovery parameters, telling `handler` at each step;
   * a second call replaces them (the retry count starts afresh).
   */
  watchConnection(params: DbReconnectParams, handler: DbLossHandler): void {
    this.conn ??= new ConnectionWatch(this.type, 'LEASE', (err) => this.connectionLoss(err));
    const check = this.reopenCheck ?? (async () => {});
    this.conn.watch(params, handler, this.family, () => check(this.db));
  }

  /** Runs a query and converts its rows. */
  protected abstract rows(sql: string, params: unknown[]): Promise<L[]>;
  /** Runs a write and answers how many rows it touched. */
  protected abstract run(sql: string, params: unknown[]): Promise<number>;
  /** Inserts a lease and answers how many rows it added (0 when the address is taken). */
  protected abstract insert(params: unknown[]): Promise<number>;
  /** The parameters of the update statement, from the mapping's params. */
  protected abstract updateParams(params: unknown[]): unknown[];
  /** The LIMIT parameter for a limit, where 0 means no limit. */
  protected abstract limitParam(limit: number): unknown;
  /** The parameters of the by-hostname statement. */
  protected abstract hostnameParams(hostname: string): unknown[];
  /** The number the count statement answers. */
  protected abstract queryCount(): Promise<number>;
  /** The rows of the stats statement, or of the per-subnet one. */
  protected abstract statsRows(subnetId?: number): Promise<SqlStatsRow[]>;

  async add(lease: Readonly<L>): Promise<boolean> {
    const n = await this.insert(this.map.params(lease));
    this.known += n;
    return n === 1;
  }

  async update(lease: Readonly<L>): Promise<void> {
    if ((await this.run(this.map.sql.update, this.updateParams(this.map.params(lease)))) !== 1) {
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
    return this.rows(this.map.sql.expired, [now, this.limitParam(limit)]);
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
    return this.rows(this.map.sql.byHostname, this.hostnameParams(hostname));
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
    this.known = await this.queryCount();
    return this.known;
  }

  /** From the stat tables the triggers keep for states 0 and 1 (Kea's statistics source). */
  async getStats(subnetId?: number): Promise<LeaseStatsRow[]> {
    return (await this.statsRows(subnetId)).map((x) => ({
      subnetId: x.subnet_id,
      type: x.lease_type,
      state: x.state,
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
    this.conn?.close();
    await this.db.end();
  }
}

/** How a backend lends, uses and takes back one connection of its driver's pool (callbacks). */
export interface SqlLender<C, Q, R> {
  acquire(done: (err: unknown, conn: C | undefined) => void): void;
  run(conn: C, query: Q, done: (err: unknown, result: R) => void): void;
  /** True while the connection can serve another query (after a query, failed or not). */
  usable(conn: C): boolean;
  /** Gives the connection back to the pool; `broken` (then the error) when it may not serve again. */
  release(conn: C, broken: unknown): void;
}

interface SqlJob<Q, R> {
  query: Q;
  resolve(r: R): void;
  reject(e: unknown): void;
}

/**
 * A lease manager's queries on its pool, at most `max` at once. While queries wait, a connection
 * that finishes one goes straight to the next: no release to the pool and fresh acquire per
 * query, whose timers, listeners and ticks cost the drivers more than the query's own work.
 * With nothing waiting it goes back to the pool, which keeps idle connections as it does for any
 * other user (and drops one that dies idle). A connection that can no longer serve is handed back
 * as broken, so the pool drops it.
 */
export class SqlQueryQueue<C, Q, R> {
  private readonly waiting: SqlJob<Q, R>[] = [];
  private head = 0;
  private active = 0;

  constructor(
    private readonly lender: SqlLender<C, Q, R>,
    private readonly max: number,
  ) {}

  query(query: Q): Promise<R> {
    return new Promise((resolve, reject) => {
      const job: SqlJob<Q, R> = { query, resolve, reject };
      if (this.active < this.max) this.acquire(job);
      else this.waiting.push(job);
    });
  }

  private acquire(job: SqlJob<Q, R>): void {
    this.active++;
    this.lender.acquire((err, conn) => {
      if (err || conn === undefined) {
        this.active--;
        job.reject(err);
        this.next();
        return;
      }
      this.run(conn, job);
    });
  }

  private run(conn: C, job: SqlJob<Q, R>): void {
    this.lender.run(conn, job.query, (err, res) => {
      if (err) job.reject(err);
      else job.resolve(res);
      const usable = this.lender.usable(conn);
      const next = usable ? this.take() : undefined;
      if (next !== undefined) {
        this.run(conn, next);
        return;
      }
      this.active--;
      this.lender.release(conn, usable ? undefined : (err ?? true));
      this.next();
    });
  }

  private take(): SqlJob<Q, R> | undefined {
    if (this.head === this.waiting.length) return undefined;
    const job = this.waiting[this.head++]!;
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
    }
    return job;
  }

  private next(): void {
    const job = this.take();
    if (job !== undefined) this.acquire(job);
  }
}

/** Opens a pool, checks the schema and counts the rows, closing the pool if any of it fails. */
export async function openSqlLeaseMgr<
  P extends { end(): Promise<void> },
  M extends { countRows(): Promise<number>; setReopenCheck(check: (pool: P) => Promise<void>): void },
>(pool: P, check: (pool: P) => Promise<void>, make: () => M): Promise<M> {
  try {
    await check(pool);
    const mgr = make();
    mgr.setReopenCheck(check);
    await mgr.countRows();
    return mgr;
  } catch (e) {
    await pool.end();
    throw e;
  }
}

export type { DbReconnectParams };

/** Kea's lease-database keys an SQL backend reads. */
export interface SqlDbParams extends DbReconnectParams {
  name: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  /** Seconds, as Kea's connect-timeout. */
  'connect-timeout'?: number;
  'trust-anchor'?: string;
  'cert-file'?: string;
  'key-file'?: string;
  'cipher-list'?: string;
  /** Connections in the pool (ours, not Kea's: Kea opens one per thread). */
  'max-connections'?: number;
}

const TEXT_KEYS = [
  'host',
  'user',
  'password',
  'trust-anchor',
  'cert-file',
  'key-file',
  'cipher-list',
] as const;
const INT_KEYS = [
  ['port', 65535],
  ['connect-timeout', 0x7fffffff],
  ['max-connections', 1000],
  ['max-reconnect-tries', 0xffffffff],
  ['reconnect-wait-time', 0xffffffff],
] as const;

/**
 * Validates the keys after 'name' (which the backend has checked, in its own words), failing with
 * the backend's own error. The caller has checked the rest of the map.
 */
export function parseSqlDbParams(
  params: Record<string, unknown>,
  name: string,
  fail: (message: string) => KeaError,
): SqlDbParams {
  const out: SqlDbParams = { name };
  for (const k of TEXT_KEYS) {
    const v = params[k];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw fail(`'${k}' must be a string`);
    out[k] = v;
  }
  for (const [k, max] of INT_KEYS) {
    const v = params[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
      throw fail(`'${k}' must be an integer between 0 and ${max}`);
    }
    out[k] = v;
  }
  const onFail = params['on-fail'];
  if (onFail !== undefined) {
    if (typeof onFail !== 'string' || !ON_FAIL_ACTIONS.includes(onFail as OnFailAction)) {
      throw fail(`unsupported value '${String(onFail)}' for on-fail`);
    }
    out['on-fail'] = onFail as OnFailAction;
  }
  return out;
}

/** Node TLS options from the TLS keys, or undefined when neither trust anchor nor cert is given. */
export function sqlTlsOptions(
  p: SqlDbParams,
): { rejectUnauthorized: boolean; ca?: Buffer; cert?: Buffer; key?: Buffer; ciphers?: string } | undefined {
  if (p['trust-anchor'] === undefined && p['cert-file'] === undefined) return undefined;
  return {
    rejectUnauthorized: p['trust-anchor'] !== undefined,
    ...(p['trust-anchor'] !== undefined ? { ca: readFileSync(p['trust-anchor']) } : {}),
    ...(p['cert-file'] !== undefined ? { cert: readFileSync(p['cert-file']) } : {}),
    ...(p['key-file'] !== undefined ? { key: readFileSync(p['key-file']) } : {}),
    ...(p['cipher-list'] !== undefined ? { ciphers: p['cipher-list'] } : {}),
  };
}
