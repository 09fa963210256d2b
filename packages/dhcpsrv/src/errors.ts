// Coded errors of @kea-ts/dhcpsrv. A code is never reused for another failure.
import { KeaError } from '@kea-ts/util';

/** A lease file row that cannot become a lease (Kea logs DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR). */
export const KEA_ERR_DHCPSRV_BAD_ROW = 'KEA_ERR_DHCPSRV_BAD_ROW';
/** A lease file whose header is not a known schema version. */
export const KEA_ERR_DHCPSRV_BAD_HEADER = 'KEA_ERR_DHCPSRV_BAD_HEADER';
/** More bad rows than `max-row-errors` allows. */
export const KEA_ERR_DHCPSRV_TOO_MANY_ROW_ERRORS = 'KEA_ERR_DHCPSRV_TOO_MANY_ROW_ERRORS';
/** A lease the CSV format cannot hold (no hwaddr and no client id, no DUID). */
export const KEA_ERR_DHCPSRV_BAD_LEASE = 'KEA_ERR_DHCPSRV_BAD_LEASE';
/** update() of a lease that is not stored (Kea: NoSuchLease). */
export const KEA_ERR_DHCPSRV_NO_SUCH_LEASE = 'KEA_ERR_DHCPSRV_NO_SUCH_LEASE';
/** Loading refused while kea-lfc (named by <name>.pid) still runs (Kea: DbOpenError). */
export const KEA_ERR_DHCPSRV_LFC_RUNNING = 'KEA_ERR_DHCPSRV_LFC_RUNNING';
/** A lease-database parameter with a value memfile cannot use. */
export const KEA_ERR_DHCPSRV_BAD_PARAMETER = 'KEA_ERR_DHCPSRV_BAD_PARAMETER';
/** Writing rows to the lease file failed; the leases of that write are not durable. */
export const KEA_ERR_DHCPSRV_WRITE_FAILED = 'KEA_ERR_DHCPSRV_WRITE_FAILED';
/** A query on a database connection known to be down (Kea: DbConnectionUnusable). */
export const KEA_ERR_DHCPSRV_DB_UNUSABLE = 'KEA_ERR_DHCPSRV_DB_UNUSABLE';
/** The lease manager was used after close(). */
export const KEA_ERR_DHCPSRV_CLOSED = 'KEA_ERR_DHCPSRV_CLOSED';

export function badRow(message: string): KeaError {
  return new KeaError(KEA_ERR_DHCPSRV_BAD_ROW, message);
}

export function badLease(message: string): KeaError {
  return new KeaError(KEA_ERR_DHCPSRV_BAD_LEASE, message);
}

/** kea-lfc could not remove or rename a file while rotating. */
export const KEA_ERR_DHCPSRV_LFC_ROTATE = 'KEA_ERR_DHCPSRV_LFC_ROTATE';

/** A write to a hosts database configured read-only (Kea: ReadOnlyDb). */
export const KEA_ERR_DHCPSRV_HOSTS_READONLY = 'KEA_ERR_DHCPSRV_HOSTS_READONLY';
/** A host added twice for one identifier and subnet (Kea: DuplicateEntry). */
export const KEA_ERR_DHCPSRV_DUPLICATE_HOST = 'KEA_ERR_DHCPSRV_DUPLICATE_HOST';
