// @kea-ts/db-pgsql: Kea 2.2-compatible PostgreSQL lease storage (schema 13.0) on the pg driver.
export { checkSchemaVersion, createSchema, openPool, schemaVersion } from './connection.js';
export * from './errors.js';
export { PgsqlHostDataSource } from './host-data-source.js';
export { PgsqlLeaseMgr4 } from './lease-mgr4.js';
export { PgsqlLeaseMgr6 } from './lease-mgr6.js';
export { type PgsqlParams, parsePgsqlParams, poolConfig } from './options.js';
export { PGSQL_CREATE_SCRIPT, PGSQL_SCHEMA_VERSION } from './schema-sql.js';
