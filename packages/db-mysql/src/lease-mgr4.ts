// DHCPv4 leases in Kea 2.2's MySQL lease4 table (addresses as INT UNSIGNED: address order is the key's).
import { type ClientLeases4, clientLeasesBy, type Lease4, type LeaseMgr4 } from '@kea-ts/dhcpsrv';
import { formatIPv4 } from '@kea-ts/util';
import { checkSchemaVersion, openHotPool, openPool } from './connection.js';
import {
  type LeaseMapping,
  MysqlLeaseMgrBase,
  type MysqlPools,
  openManager,
  TAKEN,
} from './lease-mgr-base.js';
import type { MysqlParams } from './options.js';
import { LEASE4_COLUMNS, type Lease4Row, lease4FromRow, lease4Params } from './rows.js';

const SELECT = `SELECT ${LEASE4_COLUMNS} FROM lease4`;
const STATS = 'SELECT subnet_id, 0 AS lease_type, state, leases FROM lease4_stat WHERE leases > 0';
const SQL = {
  insert:
    'INSERT INTO lease4 (address, hwaddr, client_id, valid_lifetime, expire, subnet_id, fqdn_fwd, fqdn_rev, ' +
    `hostname, state, user_context) VALUES (?, ?, ?, ?, FROM_UNIXTIME(?), ?, ?, ?, ?, ?, ?)${TAKEN}`,
  update:
    'UPDATE lease4 SET hwaddr = ?, client_id = ?, valid_lifetime = ?, expire = FROM_UNIXTIME(?), ' +
    'subnet_id = ?, fqdn_fwd = ?, fqdn_rev = ?, hostname = ?, state = ?, user_context = ? WHERE address = ?',
  delete: 'DELETE FROM lease4 WHERE address = ?',
  get: `${SELECT} WHERE address = ?`,
  byHwAddr: `${SELECT} WHERE hwaddr = ? ORDER BY address`,
  byHwAddrSubnet: `${SELECT} WHERE hwaddr = ? AND subnet_id = ? ORDER BY address`,
  byClientId: `${SELECT} WHERE client_id = ? ORDER BY address`,
  byClientIdSubnet: `${SELECT} WHERE client_id = ? AND subnet_id = ? ORDER BY address`,
  bySubnet: `${SELECT} WHERE subnet_id = ? ORDER BY address`,
  // The column compares case-insensitively (its collation); BINARY keeps memfile's exact match.
  byHostname: `${SELECT} WHERE hostname = ? AND BINARY hostname = BINARY ? ORDER BY address`,
  all: `${SELECT} ORDER BY address`,
  page: `${SELECT} WHERE address > ? ORDER BY address LIMIT ?`,
  expired: `${SELECT} WHERE state != 2 AND expire <= FROM_UNIXTIME(?) ORDER BY expire, address LIMIT ?`,
  deleteReclaimed: 'DELETE FROM lease4 WHERE state = 2 AND expire <= FROM_UNIXTIME(?)',
  stats: `${STATS} ORDER BY subnet_id, state`,
  statsSubnet: `${STATS} AND subnet_id = ? ORDER BY state`,
  wipe: 'DELETE FROM lease4 WHERE subnet_id = ?',
  count: 'SELECT count(*) AS n FROM lease4',
};

const MAP: LeaseMapping<Lease4, Lease4Row> = {
  sql: SQL,
  fromRow: lease4FromRow,
  params: lease4Params,
  key: (l) => l.address,
  describe: (l) => formatIPv4(l.address),
};

export class MysqlLeaseMgr4 extends MysqlLeaseMgrBase<Lease4, Lease4Row> implements LeaseMgr4 {
  readonly family = 4;

  private constructor(pools: MysqlPools, clock: () => number) {
    super(pools, clock, MAP, [SQL.page]);
  }

  /** Connects, checks the schema version (14.0) and counts the stored leases. */
  static open(params: MysqlParams, clock = () => Math.floor(Date.now() / 1000)): Promise<MysqlLeaseMgr4> {
    const pool = openPool(params);
    return openManager(
      pool,
      checkSchemaVersion,
      () => new MysqlLeaseMgr4({ pool, hotPool: openHotPool(params) }, clock),
    );
  }

  async get(address: number): Promise<Readonly<Lease4> | null> {
    return (await this.rows(SQL.get, [address]))[0] ?? null;
  }

  getByHwAddr(hwaddr: Uint8Array, subnetId?: number): Promise<readonly Readonly<Lease4>[]> {
    const hw = Buffer.from(hwaddr);
    return subnetId === undefined
      ? this.rows(SQL.byHwAddr, [hw])
      : this.rows(SQL.byHwAddrSubnet, [hw, subnetId]);
  }

  getByClientId(clientId: Uint8Array, subnetId?: number): Promise<readonly Readonly<Lease4>[]> {
    const id = Buffer.from(clientId);
    return subnetId === undefined
      ? this.rows(SQL.byClientId, [id])
      : this.rows(SQL.byClientIdSubnet, [id, subnetId]);
  }

  getPage(from: number | null, limit: number): Promise<readonly Readonly<Lease4>[]> {
    return this.rows(SQL.page, [from ?? -1, String(limit)]);
  }

  /** One statement instead of three round trips (one OR: no UNION on MySQL/MariaDB, see clientLeasesBy). */
  getClientLeases(
    hwaddr: Uint8Array | null,
    clientId: Uint8Array | null,
    address: number,
  ): Promise<ClientLeases4> {
    return clientLeasesBy(
      (sql, p) => this.rows(sql, p),
      SELECT,
      () => '?',
      hwaddr,
      clientId,
      address,
      false,
    );
  }
}
