// The rows lease-upload stores: the memfile file read as a server (and kea-lfc) reads it - the last
// row for an address wins and a row with valid_lifetime 0 removes it - then written back as the
// current memfile format, one field per procedure argument (commas stay escaped as '&#x2c').
import {
  LEASE4_CODEC,
  LEASE6_CODEC,
  type Lease4,
  type Lease6,
  type LeaseCodec,
  loadLeaseFile,
} from '@kea-ts/dhcpsrv';
import { formatIPv6 } from '@kea-ts/util';

function load<L extends { validLifetime: number }>(
  file: string,
  codec: LeaseCodec<L>,
  key: (l: L) => string | number,
): string[][] {
  const table = new Map<string | number, L>();
  loadLeaseFile(file, codec, { put: (l) => table.set(key(l), l), erase: (l) => table.delete(key(l)) }, 0);
  return [...table.values()].map((l) => codec.format(l).split(','));
}

export function uploadRows(file: string, family: 4 | 6): string[][] {
  return family === 4
    ? load<Lease4>(file, LEASE4_CODEC, (l) => l.address)
    : load<Lease6>(file, LEASE6_CODEC, (l) => formatIPv6(l.address));
}
