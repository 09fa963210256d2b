// The lease manager a `lease-database` map names: memfile, PostgreSQL or MySQL/MariaDB.
import { MysqlLeaseMgr6, parseMysqlParams } from '@kea-ts/db-mysql';
import { PgsqlLeaseMgr6, parsePgsqlParams } from '@kea-ts/db-pgsql';
import { type Dhcp6Config, type LeaseMgr6, MemfileLeaseMgr6, memfileOptionsOf } from '@kea-ts/dhcpsrv';

type LeaseDatabase = NonNullable<Dhcp6Config['section']['lease-database']>;

export function openLeaseMgr6(db: LeaseDatabase): Promise<LeaseMgr6> {
  // The SQL managers read their own keys (name, host, port, user, password, connect-timeout, TLS).
  if (db.type === 'postgresql') return PgsqlLeaseMgr6.open(parsePgsqlParams(db));
  if (db.type === 'mysql') return MysqlLeaseMgr6.open(parseMysqlParams(db));
  return MemfileLeaseMgr6.open(memfileOptionsOf(db));
}
