// The memfile lease-database parameters (Kea's `lease-database` map with type "memfile") and
// their checks. Kea passes them around as strings; numbers and booleans are accepted too.
import { join } from 'node:path';
import { KeaError } from '@kea-ts/util';
import { KEA_ERR_DHCPSRV_BAD_PARAMETER } from '../errors.js';

export interface MemfileOptions {
  /** Lease file; default <dataDir>/kea-leases4.csv or kea-leases6.csv. */
  name?: string;
  /** false: leases live in memory only (no file). */
  persist?: boolean | string;
  /** Seconds between cleanups; 0 disables them. Default 3600. */
  'lfc-interval'?: number | string;
  /** Bad rows tolerated per file on load; 0 (default) = any number. */
  'max-row-errors'?: number | string;
  /** Kea's data directory, for the default file name. Default /var/lib/kea. */
  dataDir?: string;
  /** kea-lfc to run; the KEA_LFC_EXECUTABLE environment variable wins over it, as in Kea. */
  lfcExecutable?: string;
  /** fdatasync after each group write (Kea does not). */
  sync?: boolean;
  /** Unix seconds now; tests replace it. */
  clock?: () => number;
}

export interface ResolvedMemfileOptions {
  file: string | null;
  lfcInterval: number;
  maxRowErrors: number;
  lfcExecutable: string;
  sync: boolean;
  clock: () => number;
}

function uint32(value: number | string | undefined, name: string, dflt: number): number {
  if (value === undefined) return dflt;
  const n = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new KeaError(KEA_ERR_DHCPSRV_BAD_PARAMETER, `invalid value of the ${name} ${value} specified`);
  }
  return n;
}

export function resolveMemfileOptions(family: 4 | 6, o: MemfileOptions): ResolvedMemfileOptions {
  const persist = o.persist === undefined ? 'true' : String(o.persist);
  if (persist !== 'true' && persist !== 'false') {
    throw new KeaError(KEA_ERR_DHCPSRV_BAD_PARAMETER, `invalid value 'persist=${persist}'`);
  }
  const file =
    persist === 'false' ? null : (o.name ?? join(o.dataDir ?? '/var/lib/kea', `kea-leases${family}.csv`));
  return {
    file,
    lfcInterval: uint32(o['lfc-interval'], 'lfc-interval', 3600),
    maxRowErrors: uint32(o['max-row-errors'], 'max-row-errors', 0),
    lfcExecutable: process.env.KEA_LFC_EXECUTABLE ?? o.lfcExecutable ?? 'kea-lfc',
    sync: o.sync ?? false,
    clock: o.clock ?? (() => Math.floor(Date.now() / 1000)),
  };
}

/** The memfile keys of a parsed `lease-database` map, the ones a daemon hands to MemfileLeaseMgr.open. */
export function memfileOptionsOf(db: {
  name?: string | undefined;
  persist?: boolean | undefined;
  'lfc-interval'?: number | undefined;
  'max-row-errors'?: number | undefined;
}): MemfileOptions {
  return {
    ...(db.name !== undefined ? { name: db.name } : {}),
    ...(db.persist !== undefined ? { persist: db.persist } : {}),
    ...(db['lfc-interval'] !== undefined ? { 'lfc-interval': db['lfc-interval'] } : {}),
    ...(db['max-row-errors'] !== undefined ? { 'max-row-errors': db['max-row-errors'] } : {}),
  };
}
