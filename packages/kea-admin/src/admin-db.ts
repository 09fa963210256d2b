// What kea-admin needs of a database, whichever server it is: the schema version, the tables, the
// schema itself, the lease dump as the server's own command-line client prints it (that is what
// Kea's kea-admin turns into CSV), the upload of memfile rows, and the statistics recount.

export interface AdminDb {
  readonly backend: 'pgsql' | 'mysql';
  /** "major.minor" from schema_version; throws when the table cannot be read. */
  version(): Promise<string>;
  tables(): Promise<string[]>;
  init(): Promise<void>;
  /** Header and rows of leaseNDumpHeader/leaseNDumpData, each line ending in a newline. */
  dump(family: 4 | 6): Promise<string>;
  /** Stores memfile rows (already escaped, as in the CSV) in one transaction: all or nothing. */
  upload(family: 4 | 6, rows: readonly string[][]): Promise<void>;
  /** Rebuilds lease4_stat and lease6_stat from the lease tables. */
  recount(): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectArgs {
  host: string;
  port: number | undefined;
  user: string;
  password: string;
  name: string;
}

/** Kea's stats-recount: states 0 and 1, from scratch, in one transaction per family. */
export const RECOUNT = [
  [
    'DELETE FROM lease4_stat',
    'INSERT INTO lease4_stat (subnet_id, state, leases) SELECT subnet_id, state, COUNT(*) FROM lease4 ' +
      'WHERE state = 0 OR state = 1 GROUP BY subnet_id, state',
  ],
  [
    'DELETE FROM lease6_stat',
    'INSERT INTO lease6_stat (subnet_id, lease_type, state, leases) SELECT subnet_id, lease_type, state, ' +
      'COUNT(*) FROM lease6 WHERE state = 0 OR state = 1 GROUP BY subnet_id, lease_type, state',
  ],
] as const;

/** Upload arguments: '' in a numeric column (v6 rows without a hardware address) becomes NULL. */
export function uploadValues(family: 4 | 6, row: readonly string[]): (string | null)[] {
  const text = family === 4 ? [0, 1, 2, 8, 10] : [0, 1, 11, 12, 14];
  return row.map((v, i) => (v === '' && !text.includes(i) ? null : v));
}
