// The lease manager a `lease-database` map names: memfile, PostgreSQL or MySQL/MariaDB.
import { MysqlHostDataSource, MysqlLeaseMgr6, parseMysqlParams } from '@kea-ts/db-mysql';
import { PgsqlHostDataSource, PgsqlLeaseMgr6, parsePgsqlParams } from '@kea-ts/db-pgsql';
import {
  type Dhcp6Config,
  HostMgr,
  hostDatabases,
  type LeaseMgr6,
  MemfileLeaseMgr6,
  memfileOptionsOf,
} from '@kea-ts/dhcpsrv';

type LeaseDatabase = NonNullable<Dhcp6Config['section']['lease-database']>;

export function openLeaseMgr6(db: LeaseDatabase): Promise<LeaseMgr6> {
  // The SQL managers read their own keys (name, host, port, user, password, connect-timeout, TLS).
  if (db.type === 'postgresql') return PgsqlLeaseMgr6.open(parsePgsqlParams(db));
  if (db.type === 'mysql') return MysqlLeaseMgr6.open(parseMysqlParams(db));
  return MemfileLeaseMgr6.open(memfileOptionsOf(db));
}

/** The host databases of hosts-database(s), in order; null when none is configured. */
export function openHostMgr6(section: Dhcp6Config['section']): Promise<HostMgr | null> {
  return HostMgr.open(
    hostDatabases(section),
    {
      postgresql: (e, ro) => PgsqlHostDataSource.open(parsePgsqlParams(e), ro),
      mysql: (e, ro) => MysqlHostDataSource.open(parseMysqlParams(e), ro),
    },
    6,
  );
}
