// Kea's lease-database / hosts-database parameters for type "mysql", turned into a mysql2 pool
// configuration. TLS keys map onto Node's TLS options.
import { readFileSync } from 'node:fs';
import type { PoolOptions } from 'mysql2/promise';
import { configError } from './errors.js';

export interface MysqlParams {
  name: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  /** Seconds, as Kea's connect-timeout. */
  'connect-timeout'?: number;
  'trust-anchor'?: string;
  'cert-file'?: string;
  'key-file'?: string;
  'cipher-list'?: string;
  /** Connections in the pool (ours, not Kea's: Kea opens one per thread). */
  'max-connections'?: number;
}

const TEXT_KEYS = [
  'host',
  'user',
  'password',
  'trust-anchor',
  'cert-file',
  'key-file',
  'cipher-list',
] as const;

/** Validates the Kea keys this backend reads (the caller has checked the rest of the map). */
export function parseMysqlParams(params: Record<string, unknown>): MysqlParams {
  const name = params.name;
  if (typeof name !== 'string' || name === '') throw configError("'name' is required for mysql");
  const out: MysqlParams = { name };
  for (const k of TEXT_KEYS) {
    const v = params[k];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw configError(`'${k}' must be a string`);
    out[k] = v;
  }
  for (const [k, max] of [
    ['port', 65535],
    ['connect-timeout', 0x7fffffff],
    ['max-connections', 1000],
  ] as const) {
    const v = params[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
      throw configError(`'${k}' must be an integer between 0 and ${max}`);
    }
    out[k] = v;
  }
  return out;
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
  if (p['trust-anchor'] !== undefined || p['cert-file'] !== undefined) {
    o.ssl = {
      rejectUnauthorized: p['trust-anchor'] !== undefined,
      ...(p['trust-anchor'] !== undefined ? { ca: readFileSync(p['trust-anchor']) } : {}),
      ...(p['cert-file'] !== undefined ? { cert: readFileSync(p['cert-file']) } : {}),
      ...(p['key-file'] !== undefined ? { key: readFileSync(p['key-file']) } : {}),
      ...(p['cipher-list'] !== undefined ? { ciphers: p['cipher-list'] } : {}),
    };
  }
  return o;
}
