// Kea's lease-database / hosts-database parameters for type "mysql", turned into a mysql2 pool
// configuration. TLS keys map onto Node's TLS options.
import { parseSqlDbParams, type SqlDbParams, sqlTlsOptions } from '@kea-ts/dhcpsrv';
import type { PoolOptions } from 'mysql2/promise';
import { configError } from './errors.js';

export type MysqlParams = SqlDbParams;

/** Validates the Kea keys this backend reads (the caller has checked the rest of the map). */
export function parseMysqlParams(params: Record<string, unknown>): MysqlParams {
  const name = params.name;
  if (typeof name !== 'string' || name === '') throw configError("'name' is required for mysql");
  return parseSqlDbParams(params, name, configError);
}

export function poolOptions(p: MysqlParams): PoolOptions {
  const o: PoolOptions = {
    database: p.name,
    host: p.host ?? 'localhost',
    port: p.port ?? 3306,
    connectionLimit: p['max-connections'] ?? 8,
    // Kea's default connect-timeout is 5 seconds.
    connectTimeout: (p['connect-timeout'] ?? 5) * 1000,
    // An UPDATE that rewrites a row with the same values still "found" it: that is what update() asks.
    flags: ['FOUND_ROWS'],
  };
  if (p.user !== undefined) o.user = p.user;
  if (p.password !== undefined) o.password = p.password;
  const ssl = sqlTlsOptions(p);
  if (ssl !== undefined) o.ssl = ssl;
  return o;
}
