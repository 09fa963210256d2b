// DHCPv6 leases in Kea 2.2's lease6 table, keyed (as in Kea) by the address text alone. Kea 2.2
// keeps addresses as text, so address order is asked of PostgreSQL through a cast to inet, and iaid
// as a signed INT holding the 32 bits.
import type { Lease6, Lease6Type, LeaseMgr6 } from '@kea-ts/dhcpsrv';
import { formatIPv6 } from '@kea-ts/util';
import type pg from 'pg';
import { checkSchemaVersion, openPool } from './connection.js';
import { type LeaseMapping, openManager, PgsqlLeaseMgrBase } from './lease-mgr-base.js';
import type { PgsqlParams } from './options.js';
import { LEASE6_COLUMNS, type Lease6Row, lease6FromRow, lease6Params } from './rows.js';

const SELECT = `SELECT ${LEASE6_COLUMNS} FROM lease6`;
const ORDER = 'ORDER BY address::inet';
const STATS = 'SELECT subnet_id, lease_type, state, leases FROM lease6_stat WHERE leases > 0';
const SQL = {
  insert:
    'INSERT INTO lease6 (address, duid, valid_lifetime, expire, subnet_id, pref_lifetime, lease_type, iaid, ' +
    'prefix_len, fqdn_fwd, fqdn_rev, hostname, hwaddr, hwtype, hwaddr_source, state, user_context) VALUES ' +
    '($1, $2, $3, to_timestamp($4), $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ' +
    'ON CONFLICT (address) DO NOTHING',
  update:
    'UPDATE lease6 SET duid = $2, valid_lifetime = $3, expire = to_timestamp($4), subnet_id = $5, ' +
    'pref_lifetime = $6, lease_type = $7, iaid = $8, prefix_len = $9, fqdn_fwd = $10, fqdn_rev = $11, ' +
    'hostname = $12, hwaddr = $13, hwtype = $14, hwaddr_source = $15, state = $16, user_context = $17 ' +
    'WHERE address = $1',
  delete: 'DELETE FROM lease6 WHERE address = $1',
  get: `${SELECT} WHERE address = $1 AND lease_type = $2`,
  byDuidIaid: `${SELECT} WHERE duid = $1 AND iaid = $2 AND lease_type = $3 ${ORDER}`,
  byDuidIaidSubnet: `${SELECT} WHERE duid = $1 AND iaid = $2 AND lease_type = $3 AND subnet_id = $4 ${ORDER}`,
  byDuid: `${SELECT} WHERE duid = $1 ${ORDER}`,
  bySubnet: `${SELECT} WHERE subnet_id = $1 ${ORDER}`,
  byHostname: `${SELECT} WHERE lower(hostname) = lower($1) AND hostname = $1 ${ORDER}`,
  all: `${SELECT} ${ORDER}`,
  // Two statements rather than one with "$1 IS NULL OR": a prepared plan then keeps the index.
  pageFirst: `${SELECT} ${ORDER} LIMIT $1`,
  page: `${SELECT} WHERE address::inet > $1::inet ${ORDER} LIMIT $2`,
  expired: `${SELECT} WHERE state != 2 AND expire <= to_timestamp($1) ORDER BY expire, address::inet LIMIT $2`,
  deleteReclaimed: 'DELETE FROM lease6 WHERE state = 2 AND expire <= to_timestamp($1)',
  stats: `${STATS} ORDER BY subnet_id, lease_type, state`,
  statsSubnet: `${STATS} AND subnet_id = $1 ORDER BY lease_type, state`,
  wipe: 'DELETE FROM lease6 WHERE subnet_id = $1',
  count: 'SELECT count(*)::BIGINT AS n FROM lease6',
};

const MAP: LeaseMapping<Lease6, Lease6Row> = {
  sql: SQL,
  fromRow: lease6FromRow,
  params: lease6Params,
  key: (l) => formatIPv6(l.address),
  describe: (l) => formatIPv6(l.address),
};

export class PgsqlLeaseMgr6 extends PgsqlLeaseMgrBase<Lease6, Lease6Row> implements LeaseMgr6 {
  readonly family = 6;

  private constructor(pool: pg.Pool, clock: () => number) {
    super(pool, clock, MAP, [SQL.page, SQL.pageFirst]);
  }

  /** Connects, checks the schema version (13.0) and counts the stored leases. */
  static open(params: PgsqlParams, clock = () => Math.floor(Date.now() / 1000)): Promise<PgsqlLeaseMgr6> {
    const pool = openPool(params);
    return openManager(pool, checkSchemaVersion, () => new PgsqlLeaseMgr6(pool, clock));
  }

  async get(type: Lease6Type, address: Uint8Array): Promise<Readonly<Lease6> | null> {
    return (await this.rows(SQL.get, [formatIPv6(address), type]))[0] ?? null;
  }

  getByDuidIaid(
    type: Lease6Type,
    duid: Uint8Array,
    iaid: number,
    subnetId?: number,
  ): Promise<readonly Readonly<Lease6>[]> {
    const d = Buffer.from(duid);
    return subnetId === undefined
      ? this.rows(SQL.byDuidIaid, [d, iaid | 0, type])
      : this.rows(SQL.byDuidIaidSubnet, [d, iaid | 0, type, subnetId]);
  }

  getByDuid(duid: Uint8Array): Promise<readonly Readonly<Lease6>[]> {
    return this.rows(SQL.byDuid, [Buffer.from(duid)]);
  }

  getPage(from: Uint8Array | null, limit: number): Promise<readonly Readonly<Lease6>[]> {
    return from === null ? this.rows(SQL.pageFirst, [limit]) : this.rows(SQL.page, [formatIPv6(from), limit]);
  }
}
