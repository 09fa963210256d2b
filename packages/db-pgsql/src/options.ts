// Kea's lease-database / hosts-database parameters for type "postgresql", turned into a pg pool
// configuration. TLS keys map onto Node's TLS options (pg verifies the server against the trust
// anchor when one is given).
import { parseSqlDbParams, type SqlDbParams, sqlTlsOptions } from '@kea-ts/dhcpsrv';
import type { PoolConfig } from 'pg';
import { configError } from './errors.js';

export type PgsqlParams = SqlDbParams;

/** Validates the Kea keys this backend reads (the caller has checked the rest of the map). */
export function parsePgsqlParams(params: Record<string, unknown>): PgsqlParams {
  const name = params.name;
  if (name !== undefined && typeof name !== 'string') throw configError("'name' must be a string");
  if (name === undefined || name === '') throw configError("'name' is required for postgresql");
  return parseSqlDbParams(params, name, configError);
}

export function poolConfig(p: PgsqlParams): PoolConfig {
  const cfg: PoolConfig = {
    database: p.name,
    host: p.host ?? 'localhost',
    port: p.port ?? 5432,
    max: p['max-connections'] ?? 8,
    // Kea's default connect-timeout is 5 seconds.
    connectionTimeoutMillis: (p['connect-timeout'] ?? 5) * 1000,
  };
  if (p.user !== undefined) cfg.user = p.user;
  if (p.password !== undefined) cfg.password = p.password;
  const ssl = sqlTlsOptions(p);
  if (ssl !== undefined) cfg.ssl = ssl;
  return cfg;
}
