// The lease storage contract both servers program against; memfile implements it today, the SQL
// backends later. Every method is async: a write's promise settles only once the row is durable
// (memfile: written to the lease file), so a server sends its answer after that and never before.
// Leases handed out are read-only snapshots: change a copy and pass it to update().
import type { Lease4, Lease6, Lease6Type } from './lease.js';

/** Lease counts of one subnet, type and state (Kea's LeaseStatsRow). */
export interface LeaseStatsRow {
  subnetId: number;
  /** 0 NA, 1 TA, 2 PD for v6; 0 for v4. */
  type: number;
  state: number;
  count: number;
}

export interface LeaseMgrBase<L, A> {
  readonly family: 4 | 6;
  /** Kea's getType(): "memfile", "postgresql", "mysql". */
  readonly type: string;
  /** Stores a new lease; false (nothing written) when its address is taken. */
  add(lease: Readonly<L>): Promise<boolean>;
  /** Replaces the stored lease with the same address; KEA_ERR_DHCPSRV_NO_SUCH_LEASE if none. */
  update(lease: Readonly<L>): Promise<void>;
  /** Removes the lease with this lease's address; false when there was none. */
  delete(lease: Readonly<L>): Promise<boolean>;
  /** Leases expired at `now` (expire <= now) and not yet reclaimed, soonest first; 0 = no limit. */
  getExpired(limit: number, now?: number): Promise<readonly Readonly<L>[]>;
  /** Removes expired-reclaimed leases that expired more than `secs` ago; returns how many. */
  deleteExpiredReclaimed(secs: number, now?: number): Promise<number>;
  getBySubnet(subnetId: number): Promise<readonly Readonly<L>[]>;
  getByHostname(hostname: string): Promise<readonly Readonly<L>[]>;
  /** Every lease, in address order (lease4-get-all, lease6-get-all). */
  getAll(): Promise<readonly Readonly<L>[]>;
  /** Up to `limit` leases with addresses after `from` (null: from the start), in address order. */
  getPage(from: A | null, limit: number): Promise<readonly Readonly<L>[]>;
  /** Number of stored leases. */
  count(): number;
  /**
   * Counts per subnet, type and state for statistics and dashboards, as Kea's lease stats queries
   * report them: one row per non-zero count, ordered by subnet, then type, then state.
   */
  getStats(subnetId?: number): Promise<LeaseStatsRow[]>;
  /** Deletes every lease of a subnet (lease4-wipe / lease6-wipe); returns how many. */
  wipe(subnetId: number): Promise<number>;
  /** Settles once every write issued so far is durable. */
  commit(): Promise<void>;
  /** Finishes pending writes and stops background work (LFC timer). */
  close(): Promise<void>;
}

export interface LeaseMgr4 extends LeaseMgrBase<Lease4, number> {
  readonly family: 4;
  get(address: number): Promise<Readonly<Lease4> | null>;
  getByHwAddr(hwaddr: Uint8Array, subnetId?: number): Promise<readonly Readonly<Lease4>[]>;
  getByClientId(clientId: Uint8Array, subnetId?: number): Promise<readonly Readonly<Lease4>[]>;
  /**
   * getByHwAddr, getByClientId and get in one round trip, where a backend pays per round trip (SQL:
   * one statement); absent, the engine makes the calls one by one. A null or empty identity matches
   * nothing.
   */
  getClientLeases?(
    hwaddr: Uint8Array | null,
    clientId: Uint8Array | null,
    address: number,
  ): Promise<ClientLeases4>;
}

/** What LeaseMgr4.getClientLeases answers: the three look-ups' results, in their own orders. */
export interface ClientLeases4 {
  byHwAddr: readonly Readonly<Lease4>[];
  byClientId: readonly Readonly<Lease4>[];
  atAddress: Readonly<Lease4> | null;
}

function sameId(stored: Uint8Array | null, id: Uint8Array | null): boolean {
  return id !== null && id.length > 0 && stored !== null && Buffer.compare(stored, id) === 0;
}

const clientSql = new Map<string, string>();

/**
 * getClientLeases in one statement: a UNION ALL of the equality look-ups on hwaddr, client_id and
 * address that apply (an absent identity has no branch), in address order. Each branch is a plain
 * indexed equality: an OR of the three is planned as a scan of the whole table (PostgreSQL's
 * generic plans) once the table holds many '' client ids, as Kea's daemons write them. `select` is
 * "SELECT <columns> FROM lease4", `param(i)` the backend's i-th placeholder ($i or ?). With `union`
 * false the conditions are one OR instead (MySQL/MariaDB: it re-plans each execution, merging the
 * indexes; MariaDB 10.11 crashed once, signal 11 in create_tmp_table, running the UNION ALL as a
 * prepared statement under load, so MySQL does not use it).
 */
export async function clientLeasesBy(
  rows: (sql: string, params: unknown[]) => Promise<readonly Readonly<Lease4>[]>,
  select: string,
  param: (i: number) => string,
  hwaddr: Uint8Array | null,
  clientId: Uint8Array | null,
  address: number,
  union = true,
): Promise<ClientLeases4> {
  const hw = hwaddr !== null && hwaddr.length > 0 ? Buffer.from(hwaddr) : null;
  const id = clientId !== null && clientId.length > 0 ? Buffer.from(clientId) : null;
  const params: unknown[] = [];
  if (hw !== null) params.push(hw);
  if (id !== null) params.push(id);
  params.push(address);
  const key = `${union ? 'u' : 'o'}${hw !== null ? 'h' : ''}${id !== null ? 'c' : ''}${select}`;
  let sql = clientSql.get(key);
  if (sql === undefined) {
    const conditions: string[] = [];
    if (hw !== null) conditions.push(`hwaddr = ${param(conditions.length + 1)}`);
    if (id !== null) conditions.push(`client_id = ${param(conditions.length + 1)}`);
    conditions.push(`address = ${param(conditions.length + 1)}`);
    sql = union
      ? `${conditions.map((c) => `${select} WHERE ${c}`).join(' UNION ALL ')} ORDER BY address`
      : `${select} WHERE ${conditions.join(' OR ')} ORDER BY address`;
    clientSql.set(key, sql);
  }
  const out: ClientLeases4 = { byHwAddr: [], byClientId: [], atAddress: null };
  let last = -1;
  for (const l of await rows(sql, params)) {
    // A lease found by two branches comes twice, side by side.
    if (l.address === last) continue;
    last = l.address;
    if (sameId(l.hwaddr, hw)) (out.byHwAddr as Readonly<Lease4>[]).push(l);
    if (sameId(l.clientId, id)) (out.byClientId as Readonly<Lease4>[]).push(l);
    if (l.address === address) out.atAddress = l;
  }
  return out;
}

export interface LeaseMgr6 extends LeaseMgrBase<Lease6, Uint8Array> {
  readonly family: 6;
  /** Kea keys v6 leases by address alone; `type` must match too for a hit. */
  get(type: Lease6Type, address: Uint8Array): Promise<Readonly<Lease6> | null>;
  getByDuidIaid(
    type: Lease6Type,
    duid: Uint8Array,
    iaid: number,
    subnetId?: number,
  ): Promise<readonly Readonly<Lease6>[]>;
  getByDuid(duid: Uint8Array): Promise<readonly Readonly<Lease6>[]>;
}

/** What the servers hold: the manager of their family. */
export type LeaseMgr = LeaseMgr4 | LeaseMgr6;
