// What the SQL host data sources (db-pgsql, db-mysql) share: Kea's host tables read with one joined
// query per lookup (hosts, the family's host options, and for v6 the reservations), the rows folded
// into host records, and adds/deletes as Kea does them (one transaction; options and reservations
// go with their host by the foreign keys' cascade). The SQL is written once with '?' parameters; a
// backend supplies the driver calls (the PostgreSQL one numbers the parameters). Once a server
// watches its connection (watchConnection), a lost connection makes every query fail at once until
// the recovery (lease/db-reconnect.ts, the one the lease backends use) finds the database back, with
// Kea's DHCPSRV_<PGSQL|MYSQL>_HOST_DB_RECONNECT_* lines.
import { KeaError } from '@kea-ts/util';
import type { IdentifierType } from '../cfg/types.js';
import { KEA_ERR_DHCPSRV_DUPLICATE_HOST, KEA_ERR_DHCPSRV_HOSTS_READONLY } from '../errors.js';
import {
  ConnectionWatch,
  type DbLossHandler,
  type DbReconnectParams,
  dbUnusable,
} from '../lease/db-reconnect.js';
import { keaJsonText } from '../lease/kea-json.js';
import { userContextFromText } from '../lease/sql-lease-common.js';
import {
  emptyHost,
  type HostDataSource,
  type HostRecord,
  IDENTIFIER_BY_CODE,
  IDENTIFIER_CODES,
  type StoredOption,
  type StoredReservation6,
} from './host-source.js';

/** dhcp_option_scope.scope_id of host options. */
const SCOPE_HOST = 3;

const HOST_COLUMNS =
  'h.host_id, h.dhcp_identifier, h.dhcp_identifier_type, h.dhcp4_subnet_id, h.dhcp6_subnet_id, ' +
  'h.ipv4_address, h.hostname, h.dhcp4_client_classes, h.dhcp6_client_classes, h.dhcp4_next_server, ' +
  'h.dhcp4_server_hostname, h.dhcp4_boot_file_name, h.user_context, h.auth_key';
const OPTION_COLUMNS =
  'o.option_id AS o_id, o.code AS o_code, o.value AS o_value, o.formatted_value AS o_formatted, ' +
  'o.space AS o_space, o.persistent AS o_persistent, o.dhcp_client_class AS o_class, o.user_context AS o_context';
const RESERVATION_COLUMNS =
  'r.reservation_id AS r_id, r.address AS r_address, r.prefix_len AS r_len, r.type AS r_type, r.dhcp6_iaid AS r_iaid';

function selectFrom(family: 4 | 6, where: string): string {
  const options = `LEFT JOIN dhcp${family}_options o ON o.host_id = h.host_id AND o.scope_id = ${SCOPE_HOST}`;
  if (family === 4) {
    return `SELECT ${HOST_COLUMNS}, ${OPTION_COLUMNS} FROM hosts h ${options} WHERE ${where} ORDER BY h.host_id, o.option_id`;
  }
  return (
    `SELECT ${HOST_COLUMNS}, ${OPTION_COLUMNS}, ${RESERVATION_COLUMNS} FROM hosts h ${options} ` +
    `LEFT JOIN ipv6_reservations r ON r.host_id = h.host_id WHERE ${where} ORDER BY h.host_id, o.option_id, r.reservation_id`
  );
}

const BY_ID = 'h.dhcp_identifier_type = ? AND h.dhcp_identifier = ?';
const SQL = {
  get4: selectFrom(4, `${BY_ID} AND h.dhcp4_subnet_id = ?`),
  get6: selectFrom(6, `${BY_ID} AND h.dhcp6_subnet_id = ?`),
  byAddress4: selectFrom(4, 'h.ipv4_address = ? AND h.dhcp4_subnet_id = ?'),
  byAddress6: selectFrom(
    6,
    'h.dhcp6_subnet_id = ? AND h.host_id IN (SELECT host_id FROM ipv6_reservations WHERE address = ? AND prefix_len = ?)',
  ),
  all4: selectFrom(4, `${BY_ID} AND h.dhcp4_subnet_id IS NOT NULL`),
  all6: selectFrom(6, `${BY_ID} AND h.dhcp6_subnet_id IS NOT NULL`),
  hostname4: selectFrom(4, 'lower(h.hostname) = lower(?)'),
  hostname6: selectFrom(6, 'lower(h.hostname) = lower(?)'),
  insertHost:
    'INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, dhcp6_subnet_id, ipv4_address, ' +
    'hostname, dhcp4_client_classes, dhcp6_client_classes, dhcp4_next_server, dhcp4_server_hostname, ' +
    'dhcp4_boot_file_name, user_context, auth_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  insertOption: (family: 4 | 6) =>
    `INSERT INTO dhcp${family}_options (code, value, formatted_value, space, persistent, dhcp_client_class, ` +
    `host_id, scope_id, user_context) VALUES (?, ?, ?, ?, ?, ?, ?, ${SCOPE_HOST}, ?)`,
  insertReservation:
    'INSERT INTO ipv6_reservations (address, prefix_len, type, dhcp6_iaid, host_id) VALUES (?, ?, ?, ?, ?)',
  del: (family: 4 | 6) =>
    `DELETE FROM hosts WHERE dhcp${family}_subnet_id = ? AND dhcp_identifier_type = ? AND dhcp_identifier = ?`,
};

/** A row of the joined queries as both drivers return it (numbers for integer columns). */
export interface HostRow {
  host_id: number;
  dhcp_identifier: Buffer;
  dhcp_identifier_type: number;
  dhcp4_subnet_id: number | null;
  dhcp6_subnet_id: number | null;
  ipv4_address: number | null;
  hostname: string | null;
  dhcp4_client_classes: string | null;
  dhcp6_client_classes: string | null;
  dhcp4_next_server: number | null;
  dhcp4_server_hostname: string | null;
  dhcp4_boot_file_name: string | null;
  user_context: string | null;
  auth_key: string | null;
  o_id: number | null;
  o_code: number | null;
  o_value: Buffer | null;
  o_formatted: string | null;
  o_space: string | null;
  o_persistent: boolean | number | null;
  o_class: string | null;
  o_context: string | null;
  r_id?: number | null;
  r_address?: string | null;
  r_len?: number | null;
  r_type?: number | null;
  r_iaid?: number | null;
}

/** Statements inside one transaction. */
export interface SqlHostTx {
  /** Runs an insert and answers the new row's id (idColumn names it). */
  insertId(sql: string, params: unknown[], idColumn: string): Promise<number>;
  run(sql: string, params: unknown[]): Promise<number>;
}

/** Kea's comma-separated client class list ('' and NULL are none). */
function classList(text: string | null): string[] {
  if (text === null) return [];
  return text
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

function hostFromRow(r: HostRow): HostRecord {
  const type = IDENTIFIER_BY_CODE[r.dhcp_identifier_type];
  if (type === undefined) throw new Error(`unknown dhcp_identifier_type ${r.dhcp_identifier_type}`);
  const h = emptyHost(type, Buffer.from(r.dhcp_identifier));
  h.ipv4SubnetId = r.dhcp4_subnet_id;
  h.ipv6SubnetId = r.dhcp6_subnet_id;
  h.ipv4Address = r.ipv4_address ?? 0;
  h.hostname = r.hostname ?? '';
  h.dhcp4ClientClasses = classList(r.dhcp4_client_classes);
  h.dhcp6ClientClasses = classList(r.dhcp6_client_classes);
  h.nextServer = r.dhcp4_next_server ?? 0;
  h.serverHostname = r.dhcp4_server_hostname ?? '';
  h.bootFileName = r.dhcp4_boot_file_name ?? '';
  h.userContext = userContextFromText(r.user_context);
  h.authKey = r.auth_key ?? '';
  return h;
}

function optionFromRow(r: HostRow, family: 4 | 6): StoredOption {
  return {
    code: r.o_code!,
    space: r.o_space === null || r.o_space === '' ? `dhcp${family}` : r.o_space,
    formattedValue: r.o_formatted,
    value: r.o_value === null ? null : Buffer.from(r.o_value),
    persistent: Boolean(r.o_persistent),
    clientClass: r.o_class,
    userContext: userContextFromText(r.o_context),
  };
}

/** Folds the joined rows (ordered by host_id) into host records. */
export function foldHostRows(rows: readonly HostRow[], family: 4 | 6): HostRecord[] {
  const out: HostRecord[] = [];
  let host: HostRecord | null = null;
  let hostId = -1;
  const seenOptions = new Set<number>();
  const seenReservations = new Set<number>();
  for (const r of rows) {
    if (host === null || r.host_id !== hostId) {
      host = hostFromRow(r);
      hostId = r.host_id;
      out.push(host);
      seenOptions.clear();
      seenReservations.clear();
    }
    if (r.o_id !== null && !seenOptions.has(r.o_id)) {
      seenOptions.add(r.o_id);
      (family === 4 ? host.options4 : host.options6).push(optionFromRow(r, family));
    }
    if (r.r_id !== undefined && r.r_id !== null && !seenReservations.has(r.r_id)) {
      seenReservations.add(r.r_id);
      const res: StoredReservation6 = {
        type: r.r_type === 2 ? 2 : 0,
        address: r.r_address!,
        prefixLen: r.r_len ?? 128,
        iaid: r.r_iaid ?? null,
      };
      host.reservations6.push(res);
    }
  }
  return out;
}

const orNull = (s: string) => (s === '' ? null : s);

/**
 * One SQL host data source over a pool. A backend supplies the driver calls; everything Kea's
 * tables mean is here.
 */
export abstract class SqlHostDataSourceBase implements HostDataSource {
  abstract readonly type: 'postgresql' | 'mysql';
  private conn: ConnectionWatch | null = null;

  protected constructor(readonly readonly: boolean) {}

  /** The log arguments of the backend's fatal-error message when err is a connection loss, else null. */
  protected abstract connectionLoss(err: unknown): unknown[] | null;
  /** What a reopened connection must pass (the schema version check of open). */
  protected abstract reopenCheck(): Promise<void>;

  /** True while the connection is known to be down. */
  get connectionLost(): boolean {
    return this.conn?.lost ?? false;
  }

  /**
   * Watches the connection with Kea's recovery keys of this hosts-database entry, telling `handler`
   * at each step (the handler the lease database has: the same on-fail and db-connection origin).
   */
  watchConnection(params: DbReconnectParams, handler: DbLossHandler, family: 4 | 6): void {
    this.conn ??= new ConnectionWatch(this.type, 'HOST', (err) => this.connectionLoss(err));
    this.conn.watch(params, handler, family, () => this.reopenCheck());
  }

  /** Runs a driver call unless the connection is known down; a connection loss becomes DB_UNUSABLE. */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    const conn = this.conn;
    if (conn === null) return call();
    if (conn.lost) throw dbUnusable();
    return call().catch(conn.failed);
  }

  private rows(sql: string, params: unknown[]): Promise<HostRow[]> {
    return this.guard(() => this.select(sql, params));
  }

  /** Runs a query with '?' parameters and answers its rows. */
  protected abstract select(sql: string, params: unknown[]): Promise<HostRow[]>;
  /** Runs a write with '?' parameters and answers how many rows it touched. */
  protected abstract run(sql: string, params: unknown[]): Promise<number>;
  /** Runs `fn` in one transaction, rolled back if it throws. */
  protected abstract transaction<T>(fn: (tx: SqlHostTx) => Promise<T>): Promise<T>;
  /** Whether a driver error is a unique-key violation. */
  protected abstract isDuplicate(e: unknown): boolean;
  /** Ends the pool. */
  protected abstract end(): Promise<void>;

  async close(): Promise<void> {
    this.conn?.close();
    await this.end();
  }

  private async one(sql: string, params: unknown[], family: 4 | 6): Promise<HostRecord | null> {
    return foldHostRows(await this.rows(sql, params), family)[0] ?? null;
  }

  get4(subnetId: number, type: IdentifierType, id: Buffer): Promise<HostRecord | null> {
    return this.one(SQL.get4, [IDENTIFIER_CODES[type], id, subnetId], 4);
  }

  get6(subnetId: number, type: IdentifierType, id: Buffer): Promise<HostRecord | null> {
    return this.one(SQL.get6, [IDENTIFIER_CODES[type], id, subnetId], 6);
  }

  async getAll4ByAddress(subnetId: number, address: number): Promise<HostRecord[]> {
    return foldHostRows(await this.rows(SQL.byAddress4, [address, subnetId]), 4);
  }

  async getAll6ByAddress(subnetId: number, address: string, prefixLen: number): Promise<HostRecord[]> {
    return foldHostRows(await this.rows(SQL.byAddress6, [subnetId, address, prefixLen]), 6);
  }

  async getAll4(type: IdentifierType, id: Buffer): Promise<HostRecord[]> {
    return foldHostRows(await this.rows(SQL.all4, [IDENTIFIER_CODES[type], id]), 4);
  }

  async getAll6(type: IdentifierType, id: Buffer): Promise<HostRecord[]> {
    return foldHostRows(await this.rows(SQL.all6, [IDENTIFIER_CODES[type], id]), 6);
  }

  /** Both families' data of each host: v4 options from one query, v6 ones and reservations from the other. */
  async getAllByHostname(hostname: string): Promise<HostRecord[]> {
    const [v4, v6] = await Promise.all([
      this.rows(SQL.hostname4, [hostname]),
      this.rows(SQL.hostname6, [hostname]),
    ]);
    const hosts = foldHostRows(v4, 4);
    const six = foldHostRows(v6, 6);
    for (let i = 0; i < hosts.length; i++) {
      hosts[i]!.options6 = six[i]?.options6 ?? [];
      hosts[i]!.reservations6 = six[i]?.reservations6 ?? [];
    }
    return hosts;
  }

  private writable(): void {
    if (this.readonly) {
      throw new KeaError(KEA_ERR_DHCPSRV_HOSTS_READONLY, `the ${this.type} hosts database is read-only`);
    }
  }

  async add(host: HostRecord): Promise<void> {
    this.writable();
    try {
      await this.guard(() =>
        this.transaction(async (tx) => {
          const id = await tx.insertId(
            SQL.insertHost,
            [
              host.identifier,
              IDENTIFIER_CODES[host.identifierType],
              host.ipv4SubnetId,
              host.ipv6SubnetId,
              host.ipv4Address === 0 ? null : host.ipv4Address,
              orNull(host.hostname),
              orNull(host.dhcp4ClientClasses.join(',')),
              orNull(host.dhcp6ClientClasses.join(',')),
              host.nextServer === 0 ? null : host.nextServer,
              orNull(host.serverHostname),
              orNull(host.bootFileName),
              host.userContext === null ? null : keaJsonText(host.userContext),
              orNull(host.authKey),
            ],
            'host_id',
          );
          for (const [family, list] of [
            [4, host.options4],
            [6, host.options6],
          ] as const) {
            for (const o of list) {
              await tx.run(SQL.insertOption(family), [
                o.code,
                o.value,
                o.formattedValue,
                o.space,
                o.persistent ? 1 : 0,
                o.clientClass,
                id,
                o.userContext === null ? null : keaJsonText(o.userContext),
              ]);
            }
          }
          for (const r of host.reservations6) {
            await tx.run(SQL.insertReservation, [r.address, r.prefixLen, r.type, r.iaid, id]);
          }
        }),
      );
    } catch (e) {
      if (this.isDuplicate(e)) {
        throw new KeaError(
          KEA_ERR_DHCPSRV_DUPLICATE_HOST,
          `a host with ${host.identifierType} ${host.identifier.toString('hex')} is already in that subnet`,
        );
      }
      throw e;
    }
  }

  async del(family: 4 | 6, subnetId: number, type: IdentifierType, id: Buffer): Promise<boolean> {
    this.writable();
    const n = await this.guard(() => this.run(SQL.del(family), [subnetId, IDENTIFIER_CODES[type], id]));
    return n > 0;
  }
}

/** Checks the schema on a new pool before a source uses it, closing the pool if the check fails. */
export async function openSqlHostSource<P extends { end(): Promise<void> }, S>(
  pool: P,
  check: (pool: P) => Promise<void>,
  make: () => S,
): Promise<S> {
  try {
    await check(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return make();
}
