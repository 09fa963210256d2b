// The work of one kea-lfc run, as Kea's LFCController does it: load the previous file and the
// copy (newest row per address wins, valid_lifetime 0 erases; nothing else is dropped, not even
// expired or reclaimed leases), write the survivors in address order to the output file, rename
// it to the finish file; then rotate: remove previous and copy, rename finish to previous.
import { appendFileSync, existsSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { KeaError } from '@kea-ts/util';
import { KEA_ERR_DHCPSRV_LFC_ROTATE } from '../errors.js';
import type { Lease4, Lease6 } from '../lease/lease.js';
import { readHeader } from './csv.js';
import { type LeaseCodec, type LoadResult, loadLeaseFile } from './lease-file-loader.js';
import { LEASE4_CODEC } from './memfile4.js';
import { LEASE6_CODEC } from './memfile6.js';

/** kea-lfc gives up on a file after this many bad rows (Kea's MAX_LEASE_ERRORS). */
export const LFC_MAX_ROW_ERRORS = 100;

export interface LfcFiles {
  previous: string;
  copy: string;
  output: string;
  finish: string;
}

export interface LfcStats {
  read: { leases: number; attempts: number; errors: number };
  write: { leases: number; attempts: number; errors: number };
}

function compact<L extends { validLifetime: number }>(
  codec: LeaseCodec<L>,
  key: (l: L) => number | string,
  compare: (a: L, b: L) => number,
  files: LfcFiles,
): LfcStats {
  const table = new Map<number | string, L>();
  const target = { put: (l: L) => table.set(key(l), l), erase: (l: L) => table.delete(key(l)) };
  const results: LoadResult[] = [];
  for (const path of [files.previous, files.copy]) {
    if (existsSync(path)) results.push(loadLeaseFile(path, codec, target, LFC_MAX_ROW_ERRORS));
  }
  const leases = [...table.values()].sort(compare);
  const rows: string[] = [];
  for (const l of leases) {
    codec.check(l);
    rows.push(`${codec.format(l)}\n`);
  }
  // Kea opens an existing non-empty output file (left by a run that died) and appends to it.
  let existing = 0;
  try {
    existing = statSync(files.output).size;
  } catch {
    // none
  }
  if (existing > 0) {
    const first = readFileSync(files.output, 'utf8').split('\n', 1)[0] ?? '';
    readHeader(codec.schema, first, files.output);
    appendFileSync(files.output, rows.join(''));
  } else {
    appendFileSync(files.output, `${codec.schema.header}\n${rows.join('')}`);
  }
  renameSync(files.output, files.finish);
  const sum = (f: (r: LoadResult) => number) => results.reduce((a, r) => a + f(r), 0);
  return {
    read: { leases: sum((r) => r.leases), attempts: sum((r) => r.reads), errors: sum((r) => r.errors) },
    write: { leases: rows.length, attempts: rows.length, errors: 0 },
  };
}

/** Kea's processLeases<>(): throws (a KeaError or a file system error) when it cannot finish. */
export function lfcProcessLeases(family: 4 | 6, files: LfcFiles): LfcStats {
  if (family === 4) {
    return compact<Lease4>(
      LEASE4_CODEC,
      (l) => l.address,
      (a, b) => a.address - b.address,
      files,
    );
  }
  return compact<Lease6>(
    LEASE6_CODEC,
    (l) => l.address.toString('latin1'),
    (a, b) => Buffer.compare(a.address, b.address),
    files,
  );
}

function removeIfThere(path: string, what: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new KeaError(
        KEA_ERR_DHCPSRV_LFC_ROTATE,
        `Unable to delete ${what} file '${path}' error: ${(e as Error).message}`,
      );
    }
  }
}

/** Kea's fileRotate(): the finish file becomes the new previous file. */
export function lfcRotateFiles(files: LfcFiles): void {
  removeIfThere(files.previous, 'previous');
  removeIfThere(files.copy, 'copy');
  renameSync(files.finish, files.previous);
}
