// Coded errors of the PostgreSQL backend. A code is never reused for another failure.
import { KeaError } from '@kea-ts/util';

/** A lease-database parameter is missing or has the wrong type. */
export const KEA_ERR_PGSQL_CONFIG = 'KEA_ERR_PGSQL_CONFIG';
/** The database's schema_version is not the one this backend speaks. */
export const KEA_ERR_PGSQL_SCHEMA_VERSION = 'KEA_ERR_PGSQL_SCHEMA_VERSION';

export function configError(message: string): KeaError {
  return new KeaError(KEA_ERR_PGSQL_CONFIG, message);
}
