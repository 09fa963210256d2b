// Reads one lease file into a lease table the way Kea's LeaseFileLoader does: rows in file order,
// the last row for an address wins, a row with valid_lifetime 0 erases the address, a bad row is
// logged and skipped until more than `maxErrors` (0: no limit) have been seen.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
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

const CHUNK_BYTES = 1 << 20;

/**
 * The file's lines, read a megabyte at a time: reading a 200k-lease file whole left its text's
 * pages with the allocator long after the load, a resident cost for the daemon's whole life.
 */
function* fileLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      const text = rest + (n > 0 ? decoder.write(chunk.subarray(0, n)) : decoder.end());
      let pos = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', pos)) {
        yield text.slice(pos, end);
        pos = end + 1;
      }
      rest = text.slice(pos);
      if (n === 0) break;
    }
    if (rest.length > 0) yield rest;
  } finally {
    closeSync(fd);
  }
}

export function loadLeaseFile<L extends { validLifetime: number }>(
  path: string,
  codec: LeaseCodec<L>,
  target: LoadTarget<L>,
  maxErrors: number,
): LoadResult {
  log.info(M.DHCPSRV_MEMFILE_LEASE_FILE_LOAD, path);
  const result: LoadResult = { layout: undefined, reads: 0, leases: 0, errors: 0 };
  const schema = codec.schema;
  for (const line of fileLines(path)) {
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
