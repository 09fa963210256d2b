// DHCPv4 leases in Kea 2.2's lease4 table (addresses as BIGINT, so address order is the index's).
import { type ClientLeases4, clientLeasesBy, type Lease4, type LeaseMgr4 } from '@kea-ts/dhcpsrv';
import { formatIPv4 } from '@kea-ts/util';
import type pg from 'pg';
import { checkSchemaVersion, openPool } from './connection.js';
import { type LeaseMapping, openManager, PgsqlLeaseMgrBase } from './lease-mgr-base.js';
import type { PgsqlParams } from './options.js';
import { LEASE4_COLUMNS, type Lease4Row, lease4FromRow, lease4Params } from './rows.js';

const SELECT = `SELECT ${LEASE4_COLUMNS} FROM lease4`;
const STATS = 'SELECT subnet_id, 0 AS lease_type, state, leases FROM lease4_stat WHERE leases > 0';
const SQL = {
  insert:
    'INSERT INTO lease4 (address, hwaddr, client_id, valid_lifetime, expire, subnet_id, fqdn_fwd, fqdn_rev, ' +
    'hostname, state, user_context) VALUES ($1, $2, $3, $4, to_timestamp($5), $6, $7, $8, $9, $10, $11) ' +
    'ON CONFLICT (address) DO NOTHING',
  update:
    'UPDATE lease4 SET hwaddr = $2, client_id = $3, valid_lifetime = $4, expire = to_timestamp($5), ' +
    'subnet_id = $6, fqdn_fwd = $7, fqdn_rev = $8, hostname = $9, state = $10, user_context = $11 WHERE address = $1',
  delete: 'DELETE FROM lease4 WHERE address = $1',
  get: `${SELECT} WHERE address = $1`,
  byHwAddr: `${SELECT} WHERE hwaddr = $1 ORDER BY address`,
  byHwAddrSubnet: `${SELECT} WHERE hwaddr = $1 AND subnet_id = $2 ORDER BY address`,
  byClientId: `${SELECT} WHERE client_id = $1 ORDER BY address`,
  byClientIdSubnet: `${SELECT} WHERE client_id = $1 AND subnet_id = $2 ORDER BY address`,
  bySubnet: `${SELECT} WHERE subnet_id = $1 ORDER BY address`,
  // The lower() term lets Kea's lease4_by_hostname index serve; the second keeps memfile's exact match.
  byHostname: `${SELECT} WHERE lower(hostname) = lower($1) AND hostname = $1 ORDER BY address`,
  all: `${SELECT} ORDER BY address`,
  page: `${SELECT} WHERE address > $1 ORDER BY address LIMIT $2`,
  expired: `${SELECT} WHERE state != 2 AND expire <= to_timestamp($1) ORDER BY expire, address LIMIT $2`,
  deleteReclaimed: 'DELETE FROM lease4 WHERE state = 2 AND expire <= to_timestamp($1)',
  stats: `${STATS} ORDER BY subnet_id, state`,
  statsSubnet: `${STATS} AND subnet_id = $1 ORDER BY state`,
  wipe: 'DELETE FROM lease4 WHERE subnet_id = $1',
  count: 'SELECT count(*)::BIGINT AS n FROM lease4',
};

const MAP: LeaseMapping<Lease4, Lease4Row> = {
  sql: SQL,
  fromRow: lease4FromRow,
  params: lease4Params,
  key: (l) => l.address,
  describe: (l) => formatIPv4(l.address),
};

export class PgsqlLeaseMgr4 extends PgsqlLeaseMgrBase<Lease4, Lease4Row> implements LeaseMgr4 {
  readonly family = 4;

  private constructor(pool: pg.Pool, clock: () => number) {
    super(pool, clock, MAP, [SQL.page]);
  }

  /** Connects, checks the schema version (13.0) and counts the stored leases. */
  static open(params: PgsqlParams, clock = () => Math.floor(Date.now() / 1000)): Promise<PgsqlLeaseMgr4> {
    const pool = openPool(params);
    return openManager(pool, checkSchemaVersion, () => new PgsqlLeaseMgr4(pool, clock));
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
    return this.rows(SQL.page, [from ?? -1, limit]);
  }

  /** One statement instead of three round trips. */
  getClientLeases(
    hwaddr: Uint8Array | null,
    clientId: Uint8Array | null,
    address: number,
  ): Promise<ClientLeases4> {
    return clientLeasesBy(
      (sql, p) => this.rows(sql, p),
      SELECT,
      (i) => `$${i}`,
      hwaddr,
      clientId,
      address,
    );
  }
}
