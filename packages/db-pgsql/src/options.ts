// Kea's lease-database / hosts-database parameters for type "postgresql", turned into a pg pool
// configuration. TLS keys map onto Node's TLS options (pg verifies the server against the trust
// anchor when one is given).
import { readFileSync } from 'node:fs';
import type { PoolConfig } from 'pg';
import { configError } from './errors.js';

export interface PgsqlParams {
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

function str(params: Record<string, unknown>, key: string): string | undefined {
  const v = params[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw configError(`'${key}' must be a string`);
  return v;
}

function int(params: Record<string, unknown>, key: string, max: number): number | undefined {
  const v = params[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw configError(`'${key}' must be an integer between 0 and ${max}`);
  }
  return v;
}

/** Validates the Kea keys this backend reads (the caller has checked the rest of the map). */
export function parsePgsqlParams(params: Record<string, unknown>): PgsqlParams {
  const name = str(params, 'name');
  if (name === undefined || name === '') throw configError("'name' is required for postgresql");
  const out: PgsqlParams = { name };
  for (const k of [
    'host',
    'user',
    'password',
    'trust-anchor',
    'cert-file',
    'key-file',
    'cipher-list',
  ] as const) {
    const v = str(params, k);
    if (v !== undefined) out[k] = v;
  }
  const port = int(params, 'port', 65535);
  if (port !== undefined) out.port = port;
  const timeout = int(params, 'connect-timeout', 0x7fffffff);
  if (timeout !== undefined) out['connect-timeout'] = timeout;
  const max = int(params, 'max-connections', 1000);
  if (max !== undefined) out['max-connections'] = max;
  return out;
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
  if (p['trust-anchor'] !== undefined || p['cert-file'] !== undefined) {
    cfg.ssl = {
      rejectUnauthorized: p['trust-anchor'] !== undefined,
      ...(p['trust-anchor'] !== undefined ? { ca: readFileSync(p['trust-anchor']) } : {}),
      ...(p['cert-file'] !== undefined ? { cert: readFileSync(p['cert-file']) } : {}),
      ...(p['key-file'] !== undefined ? { key: readFileSync(p['key-file']) } : {}),
      ...(p['cipher-list'] !== undefined ? { ciphers: p['cipher-list'] } : {}),
    };
  }
  return cfg;
}
