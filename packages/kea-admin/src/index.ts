// @kea-ts/kea-admin: Kea's database administration tool for PostgreSQL and MySQL lease databases.
export { type AdminArgs, type AdminCommand, parseAdminArgs, usageText } from './cli.js';
export { AdminExit, type Io, runCommand } from './commands.js';
export * from './errors.js';
export { KEA_ADMIN_VERSION } from './version.js';
