// DHCPv6 leases in Kea 2.2's MySQL lease6 table, keyed (as in Kea) by the address text alone;
// address order comes from our invisible, indexed address_order column (INET6_ATON of the text)
// where our db-init made the schema, and from INET6_ATON itself on a schema Kea's db-init made.
import type { Lease6, Lease6Type, LeaseMgr6 } from '@kea-ts/dhcpsrv';
import { formatIPv6 } from '@kea-ts/util';
import type mysql from 'mysql2/promise';
import { checkSchemaVersion, openHotPool, openPool } from './connection.js';
import {
  type LeaseMapping,
  MysqlLeaseMgrBase,
  type MysqlPools,
  openManager,
  TAKEN,
} from './lease-mgr-base.js';
import type { MysqlParams } from './options.js';
import { LEASE6_COLUMNS, type Lease6Row, lease6FromRow, lease6Params } from './rows.js';

const SELECT = `SELECT ${LEASE6_COLUMNS} FROM lease6`;
const STATS = 'SELECT subnet_id, lease_type, state, leases FROM lease6_stat WHERE leases > 0';
/** The statements, with `order` the expression that sorts by address. */
function statements(order: string) {
  const ORDER = `ORDER BY ${order}`;
  return {
    insert:
      'INSERT INTO lease6 (address, duid, valid_lifetime, expire, subnet_id, pref_lifetime, lease_type, iaid, ' +
      'prefix_len, fqdn_fwd, fqdn_rev, hostname, hwaddr, hwtype, hwaddr_source, state, user_context) VALUES ' +
      `(?, ?, ?, FROM_UNIXTIME(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)${TAKEN}`,
    update:
      'UPDATE lease6 SET duid = ?, valid_lifetime = ?, expire = FROM_UNIXTIME(?), subnet_id = ?, ' +
      'pref_lifetime = ?, lease_type = ?, iaid = ?, prefix_len = ?, fqdn_fwd = ?, fqdn_rev = ?, ' +
      'hostname = ?, hwaddr = ?, hwtype = ?, hwaddr_source = ?, state = ?, user_context = ? WHERE address = ?',
    delete: 'DELETE FROM lease6 WHERE address = ?',
    get: `${SELECT} WHERE address = ? AND lease_type = ?`,
    byDuidIaid: `${SELECT} WHERE duid = ? AND iaid = ? AND lease_type = ? ${ORDER}`,
    byDuidIaidSubnet: `${SELECT} WHERE duid = ? AND iaid = ? AND lease_type = ? AND subnet_id = ? ${ORDER}`,
    byDuid: `${SELECT} WHERE duid = ? ${ORDER}`,
    bySubnet: `${SELECT} WHERE subnet_id = ? ${ORDER}`,
    byHostname: `${SELECT} WHERE hostname = ? AND BINARY hostname = BINARY ? ${ORDER}`,
    all: `${SELECT} ${ORDER}`,
    pageFirst: `${SELECT} ${ORDER} LIMIT ?`,
    page: `${SELECT} WHERE ${order} > INET6_ATON(?) ${ORDER} LIMIT ?`,
    expired: `${SELECT} WHERE state != 2 AND expire <= FROM_UNIXTIME(?) ORDER BY expire, ${order} LIMIT ?`,
    deleteReclaimed: 'DELETE FROM lease6 WHERE state = 2 AND expire <= FROM_UNIXTIME(?)',
    stats: `${STATS} ORDER BY subnet_id, lease_type, state`,
    statsSubnet: `${STATS} AND subnet_id = ? ORDER BY lease_type, state`,
    wipe: 'DELETE FROM lease6 WHERE subnet_id = ?',
    count: 'SELECT count(*) AS n FROM lease6',
  };
}
type Statements = ReturnType<typeof statements>;

const mapping = (sql: Statements): LeaseMapping<Lease6, Lease6Row> => ({
  sql,
  fromRow: lease6FromRow,
  params: lease6Params,
  key: (l) => formatIPv6(l.address),
  describe: (l) => formatIPv6(l.address),
});

async function hasOrderColumn(pool: mysql.Pool): Promise<boolean> {
  const [rows] = await pool.query<mysql.RowDataPacket[]>("SHOW COLUMNS FROM lease6 LIKE 'address_order'");
  return rows.length === 1;
}

export class MysqlLeaseMgr6 extends MysqlLeaseMgrBase<Lease6, Lease6Row> implements LeaseMgr6 {
  readonly family = 6;

  private constructor(
    pools: MysqlPools,
    clock: () => number,
    private readonly sql: Statements,
  ) {
    super(pools, clock, mapping(sql), [sql.page, sql.pageFirst]);
  }

  /** Connects, checks the schema version (14.0) and counts the stored leases. */
  static open(params: MysqlParams, clock = () => Math.floor(Date.now() / 1000)): Promise<MysqlLeaseMgr6> {
    const pool = openPool(params);
    let order = 'INET6_ATON(address)';
    const check = async (p: mysql.Pool) => {
      await checkSchemaVersion(p);
      if (await hasOrderColumn(p)) order = 'address_order';
    };
    return openManager(
      pool,
      check,
      () => new MysqlLeaseMgr6({ pool, hotPool: openHotPool(params) }, clock, statements(order)),
    );
  }

  async get(type: Lease6Type, address: Uint8Array): Promise<Readonly<Lease6> | null> {
    return (await this.rows(this.sql.get, [formatIPv6(address), type]))[0] ?? null;
  }

  getByDuidIaid(
    type: Lease6Type,
    duid: Uint8Array,
    iaid: number,
    subnetId?: number,
  ): Promise<readonly Readonly<Lease6>[]> {
    const d = Buffer.from(duid);
    return subnetId === undefined
      ? this.rows(this.sql.byDuidIaid, [d, iaid, type])
      : this.rows(this.sql.byDuidIaidSubnet, [d, iaid, type, subnetId]);
  }

  getByDuid(duid: Uint8Array): Promise<readonly Readonly<Lease6>[]> {
    return this.rows(this.sql.byDuid, [Buffer.from(duid)]);
  }

  getPage(from: Uint8Array | null, limit: number): Promise<readonly Readonly<Lease6>[]> {
    return from === null
      ? this.rows(this.sql.pageFirst, [String(limit)])
      : this.rows(this.sql.page, [formatIPv6(from), String(limit)]);
  }
}
