// Coded errors of the MySQL backend. A code is never reused for another failure.
import { KeaError } from '@kea-ts/util';

/** A lease-database parameter is missing or has the wrong type. */
export const KEA_ERR_MYSQL_CONFIG = 'KEA_ERR_MYSQL_CONFIG';
/** The database's schema_version is not the one this backend speaks. */
export const KEA_ERR_MYSQL_SCHEMA_VERSION = 'KEA_ERR_MYSQL_SCHEMA_VERSION';

export function configError(message: string): KeaError {
  return new KeaError(KEA_ERR_MYSQL_CONFIG, message);
}
/** A lease expires after 2038-01-19, past what a MySQL TIMESTAMP holds (Kea refuses it too). */
export const KEA_ERR_MYSQL_EXPIRE_RANGE = 'KEA_ERR_MYSQL_EXPIRE_RANGE';
