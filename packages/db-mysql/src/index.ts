// @kea-ts/db-mysql: Kea 2.2-compatible MySQL/MariaDB lease storage (schema 14.0) on the mysql2 driver.
export { checkSchemaVersion, createSchema, openPool, schemaVersion } from './connection.js';
export * from './errors.js';
export { MysqlHostDataSource } from './host-data-source.js';
export { MysqlLeaseMgr4 } from './lease-mgr4.js';
export { MysqlLeaseMgr6 } from './lease-mgr6.js';
export { type MysqlParams, parseMysqlParams, poolOptions } from './options.js';
export { MYSQL_CREATE_STATEMENTS, MYSQL_SCHEMA_VERSION } from './schema-sql.js';
