// The six kea-admin commands for the SQL backends, with the lines Kea's kea-admin prints (users and
// scripts read them): progress on stdout, "ERROR/kea-admin: ..." for failures, and Kea's exit codes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AdminDb } from './admin-db.js';
import type { AdminArgs } from './cli.js';
import { connectMysql } from './mysql-admin.js';
import { connectPgsql } from './pgsql-admin.js';
import { uploadRows } from './upload-rows.js';

/** Our schema versions, the latest each backend knows. */
const LATEST = { pgsql: '13.0', mysql: '14.0' } as const;

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stdin is a terminal (Kea asks before overwriting a file only then). */
  interactive: boolean;
  ask(): Promise<string>;
}

export class AdminExit extends Error {
  constructor(
    readonly code: number,
    readonly showUsage = false,
  ) {
    super(`exit ${code}`);
  }
}

const error = (io: Io, text: string) => io.out(`ERROR/kea-admin: ${text}\n`);
const info = (io: Io, text: string) => io.out(`INFO/kea-admin: ${text}\n`);

function connect(args: AdminArgs): Promise<AdminDb> {
  return args.backend === 'pgsql' ? connectPgsql(args) : connectMysql(args);
}

/** Kea's status for a failed client call: psql exits 2 on a connection failure, mysql 1. */
const clientStatus = (args: AdminArgs) => (args.backend === 'pgsql' ? 2 : 1);

async function checkedVersion(args: AdminArgs, io: Io, db: AdminDb | null, cause?: unknown): Promise<string> {
  try {
    if (db === null) throw cause;
    return await db.version();
  } catch (e) {
    io.err(`${(e as Error).message}\n`);
    const sep = args.backend === 'mysql' ? '  ' : ' ';
    io.out(`Failed to get schema version, ${args.backend} status${sep}${clientStatus(args)}\n\n`);
    throw new AdminExit(clientStatus(args));
  }
}

async function overwriteAllowed(args: AdminArgs, io: Io, file: string): Promise<void> {
  if (!existsSync(file) || args.yes) return;
  io.out(`Output file, ${file}, exists and will be overwritten.\nDo you wish to continue? (y/N)\n`);
  let answer = 'N';
  if (io.interactive) answer = (await io.ask()).trim();
  else io.out('WARNING/kea-admin: Non-interactive tty detected. Assuming no.\n');
  if (answer !== 'y') {
    io.out(`${args.command} aborted by user.\n`);
    throw new AdminExit(1);
  }
}

async function withDb<T>(args: AdminArgs, io: Io, work: (db: AdminDb) => Promise<T>): Promise<T> {
  let db: AdminDb;
  try {
    db = await connect(args);
  } catch (e) {
    if (args.command === 'db-version' || args.command === 'db-upgrade')
      return checkedVersion(args, io, null, e) as T;
    io.err(`${(e as Error).message}\n`);
    error(io, `${args.command}: cannot connect to the ${args.backend} database ${args.name}`);
    throw new AdminExit(clientStatus(args));
  }
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function dbInit(args: AdminArgs, io: Io, db: AdminDb): Promise<void> {
  const latest = LATEST[db.backend];
  io.out('Checking if there is a database initialized already...\n');
  const tables = await db.tables();
  if (tables.length > 0) {
    io.out('\n');
    error(
      io,
      `Expected empty database ${args.name}. Aborting, the following tables are present:\n        ${tables.join('\n')}`,
    );
    throw new AdminExit(args.backend === 'pgsql' ? 2 : 1);
  }
  io.out(`Initializing database with the built-in ${db.backend} schema ${latest}\n`);
  await db.init();
  const version = await checkedVersion(args, io, db);
  io.out(
    `Database version reported after initialization: ${version}\n${args.backend === 'mysql' ? '\n' : ''}`,
  );
}

async function dbUpgrade(args: AdminArgs, io: Io, db: AdminDb): Promise<void> {
  const nl = args.backend === 'mysql' ? '\n' : '';
  const latest = LATEST[db.backend];
  const before = await checkedVersion(args, io, db);
  io.out(`Database version reported before upgrade: ${before}\n${nl}`);
  if (before !== latest) {
    error(
      io,
      `upgrade from schema ${before} is not supported yet: this kea-admin creates and keeps schema ${latest}`,
    );
    throw new AdminExit(1);
  }
  io.out(`The schema is already at the latest version (${before}).\n`);
  io.out(`Database version reported after upgrade: ${before}\n${nl}`);
}

async function leaseDump(args: AdminArgs, io: Io, db: AdminDb): Promise<void> {
  const family = args.family as 4 | 6;
  await checkedVersion(args, io, db);
  const file = args.output!;
  await overwriteAllowed(args, io, file);
  writeFileSync(file, await db.dump(family));
  if (args.backend === 'pgsql') io.out(`lease${family} successfully dumped to ${file}\n`);
  else info(io, `Successfully dumped lease${family} to ${file}.`);
}

async function leaseUpload(args: AdminArgs, io: Io, db: AdminDb): Promise<void> {
  const file = args.input!;
  const lines = readFileSync(file, 'latin1').split('\n').length - 1;
  if (lines <= 1) {
    error(io, 'CSV file has no leases');
    throw new AdminExit(1);
  }
  info(io, `Looking at ${lines} lines of CSV in ${file}...`);
  if (args.family === 0) {
    error(io, 'lease-upload: lease type -4 or -6 needs to be specified');
    throw new AdminExit(1, true);
  }
  const rows = uploadRows(file, args.family);
  info(io, `Reduced to ${rows.length + 1} lines in ${file}.`);
  await db.upload(args.family, rows);
  info(io, `Successfully updated table lease${args.family}.`);
}

/** Runs one SQL-backend command; throws AdminExit for a non-zero exit. */
export async function runCommand(args: AdminArgs, io: Io): Promise<void> {
  if (args.backend === 'memfile') {
    const what =
      args.command === 'stats-recount' ? null : args.command.startsWith('lease-') ? 'unsupported' : 'ni';
    if (what === null) return info(io, 'memfile does not keep lease statistics');
    // Real kea-admin 2.2 answers db-init/db-version/db-upgrade on memfile with these very words.
    error(io, what === 'ni' ? 'NOT IMPLEMENTED' : `${args.command} is not supported for memfile`);
    throw new AdminExit(1);
  }
  if (args.command === 'lease-dump') {
    if (args.family === 0) {
      error(io, 'lease-dump: lease type ( -4 or -6 ) needs to be specified');
      throw new AdminExit(1, true);
    }
    if (args.output === undefined) {
      error(io, 'you must specify an output file for lease-dump');
      throw new AdminExit(1, true);
    }
  }
  if (args.command === 'lease-upload' && args.input === undefined) {
    error(io, 'you must specify an input file with -i or --input for lease-upload');
    throw new AdminExit(1, true);
  }
  await withDb(args, io, async (db) => {
    switch (args.command) {
      case 'db-init':
        return dbInit(args, io, db);
      case 'db-version':
        io.out(`${await checkedVersion(args, io, db)}\n${args.backend === 'mysql' ? '\n' : ''}`);
        return;
      case 'db-upgrade':
        return dbUpgrade(args, io, db);
      case 'lease-dump':
        return leaseDump(args, io, db);
      case 'lease-upload':
        return leaseUpload(args, io, db);
      case 'stats-recount':
        io.out('Recount lease statistics from database\n');
        return db.recount();
    }
  });
}
