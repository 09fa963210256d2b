// Reads one lease file into a lease table the way Kea's LeaseFileLoader does: rows in file order,
// the last row for an address wins, a row with valid_lifetime 0 erases the address, a bad row is
// logged and skipped until more than `maxErrors` (0: no limit) have been seen.
import { readFileSync } from 'node:fs';
import { getComponentLogger } from '@kea-ts/log';
import { isKeaError, KeaError } from '@kea-ts/util';
import { KEA_ERR_DHCPSRV_BAD_HEADER, KEA_ERR_DHCPSRV_TOO_MANY_ROW_ERRORS } from '../errors.js';
import { DHCPSRV_MESSAGES as M } from '../messages.js';
import { type CsvSchema, type FileLayout, fitRow, readHeader } from './csv.js';

const log = getComponentLogger('dhcpsrv');

/** How rows of one family become leases and back. */
export interface LeaseCodec<L> {
  readonly family: 4 | 6;
  readonly schema: CsvSchema;
  readonly version: readonly [number, number];
  parse(fields: string[]): L;
  format(lease: Readonly<L>, valid?: number): string;
  /** Throws KEA_ERR_DHCPSRV_BAD_LEASE when the row could not be loaded back. */
  check(lease: Readonly<L>): void;
}

/** Where loaded leases go: keyed by address, with Kea's insert/replace/erase. */
export interface LoadTarget<L> {
  /** A lease row with valid_lifetime > 0. */
  put(lease: L): void;
  /** A row with valid_lifetime 0: forget the address. */
  erase(lease: L): void;
}

export interface LoadResult {
  /** Undefined when the file held nothing at all (Kea then writes a header). */
  layout: FileLayout | undefined;
  /** Rows read, leases made, rows rejected (Kea's getReads/getReadLeases/getReadErrs). */
  reads: number;
  leases: number;
  errors: number;
}

export function loadLeaseFile<L extends { validLifetime: number }>(
  path: string,
  codec: LeaseCodec<L>,
  target: LoadTarget<L>,
  maxErrors: number,
): LoadResult {
  log.info(M.DHCPSRV_MEMFILE_LEASE_FILE_LOAD, path);
  const text = readFileSync(path, 'utf8');
  const result: LoadResult = { layout: undefined, reads: 0, leases: 0, errors: 0 };
  const schema = codec.schema;
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const line = text.slice(pos, end);
    pos = end + 1;
    if (line.length === 0) continue; // Kea skips blank lines
    if (result.layout === undefined) {
      result.layout = readHeader(schema, line, path);
      continue;
    }
    result.reads++;
    let lease: L;
    try {
      lease = codec.parse(fitRow(schema, result.layout, line.split(','), line));
    } catch (e) {
      if (!isKeaError(e)) throw e;
      result.errors++;
      log.error(M.DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR, result.reads, e.message);
      if (maxErrors > 0 && result.errors > maxErrors) {
        throw new KeaError(
          KEA_ERR_DHCPSRV_TOO_MANY_ROW_ERRORS,
          `exceeded maximum number of failures ${maxErrors} to read a lease from the lease file ${path}`,
        );
      }
      continue;
    }
    result.leases++;
    if (lease.validLifetime > 0) target.put(lease);
    else target.erase(lease);
  }
  if (result.layout !== undefined && result.layout.state !== 'current') {
    const current = codec.version.join('.');
    if (result.layout.state === 'needs-upgrade') log.warn(M.DHCPSRV_MEMFILE_NEEDS_UPGRADING, path, current);
    else log.warn(M.DHCPSRV_MEMFILE_NEEDS_DOWNGRADING, path, current);
  }
  return result;
}

export function isHeaderError(e: unknown): boolean {
  return isKeaError(e, KEA_ERR_DHCPSRV_BAD_HEADER);
}
