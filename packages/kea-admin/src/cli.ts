// kea-admin's command line: COMMAND BACKEND [options], read in order as Kea's script reads it
// (the last of a repeated option wins; -p without a value means an empty password when stdin is not
// a terminal). Defaults are Kea's: host localhost, user/password/name keatest.
import { usageError } from './errors.js';

export const COMMANDS = [
  'db-init',
  'db-version',
  'db-upgrade',
  'lease-dump',
  'lease-upload',
  'stats-recount',
] as const;
export const BACKENDS = ['memfile', 'mysql', 'pgsql'] as const;

export interface AdminArgs {
  command: (typeof COMMANDS)[number];
  backend: (typeof BACKENDS)[number];
  host: string;
  port: number | undefined;
  user: string;
  password: string;
  name: string;
  family: 0 | 4 | 6;
  input: string | undefined;
  output: string | undefined;
  yes: boolean;
  /** Set when -p was given, so KEA_ADMIN_DB_PASSWORD is not consulted. */
  passwordGiven: boolean;
}

export type AdminCommand = { kind: 'version' } | { kind: 'run'; args: AdminArgs };

const VALUE_OPTIONS: Record<string, string> = {
  '-h': 'host',
  '--host': 'host',
  '-P': 'port',
  '--port': 'port',
  '-u': 'user',
  '--user': 'user',
  '-n': 'name',
  '--name': 'name',
  '-d': 'directory',
  '--directory': 'directory',
  '-i': 'input',
  '--input': 'input',
  '-o': 'output',
  '--output': 'output',
  '-x': 'extra',
  '--extra': 'extra',
};

export function parseAdminArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): AdminCommand {
  const command = argv[0];
  if (command === undefined || command === '') throw usageError('missing command');
  if (command === '-v' || command === '--version') return { kind: 'version' };
  if (!(COMMANDS as readonly string[]).includes(command)) throw usageError(`invalid command: ${command}`);
  const backend = argv[1];
  if (backend === undefined || backend === '') throw usageError('missing backend');
  if (!(BACKENDS as readonly string[]).includes(backend)) throw usageError(`invalid backend: ${backend}`);
  const args: AdminArgs = {
    command: command as AdminArgs['command'],
    backend: backend as AdminArgs['backend'],
    host: 'localhost',
    port: undefined,
    user: 'keatest',
    password: 'keatest',
    name: 'keatest',
    family: 0,
    input: undefined,
    output: undefined,
    yes: false,
    passwordGiven: false,
  };
  for (let i = 2; i < argv.length; i++) {
    const opt = argv[i]!;
    const key = VALUE_OPTIONS[opt];
    if (key !== undefined) {
      const value = argv[++i];
      const short = opt.startsWith('--')
        ? Object.keys(VALUE_OPTIONS).find((k) => VALUE_OPTIONS[k] === key)!
        : opt;
      const long = `--${key}`;
      if (value === undefined || (value === '' && key !== 'port')) {
        throw usageError(`${short} or ${long} requires a parameter`);
      }
      if (key === 'port') {
        const port = Number(value);
        if (!/^\d+$/.test(value) || port > 65535) throw usageError(`invalid port: ${value}`);
        args.port = port;
      } else if (key === 'directory' || key === 'extra') {
        // Kea's upgrade-script folder and extra client arguments mean nothing here.
        throw usageError(`not supported yet: ${short}`);
      } else {
        (args as unknown as Record<string, string>)[key] = value;
      }
      continue;
    }
    switch (opt) {
      case '-p':
      case '--password':
        args.passwordGiven = true;
        args.password = i + 1 < argv.length ? argv[++i]! : '';
        break;
      case '-4':
      case '-6': {
        const f = opt === '-4' ? 4 : 6;
        if (args.family !== 0 && args.family !== f) throw usageError('you may not specify both -4 and -6');
        args.family = f;
        break;
      }
      case '-y':
      case '--yes':
        args.yes = true;
        break;
      default:
        throw usageError(`invalid option: ${opt}`);
    }
  }
  if (!args.passwordGiven && env.KEA_ADMIN_DB_PASSWORD !== undefined)
    args.password = env.KEA_ADMIN_DB_PASSWORD;
  return { kind: 'run', args };
}

/** The help text printed after a usage error (our wording; the same commands and options as Kea's). */
export function usageText(program: string, version: string): string {
  return `
kea-admin ${version}

Administers the lease databases of a Kea installation.

Usage: ${program} COMMAND BACKEND [parameters]

COMMAND is one of:
 - db-init: creates the schema in an empty database.
 - db-version: prints the schema version of a database.
 - db-upgrade: brings a database's schema to the latest version.
 - lease-dump: writes the leases of a database to a memfile CSV file.
 - lease-upload: stores the leases of a memfile CSV file in a database.
 - stats-recount: recomputes the lease statistics tables.

BACKEND is one of: memfile|mysql|pgsql

PARAMETERS:
 -h or --host hostname - database server to connect to (default localhost)
 -P or --port port - TCP port of the database server
 -u or --user name - user name for the database connection
 -p or --password [password] - password for the database connection
 -n or --name database - name of the database
 -v or --version - prints the kea-admin version and exits
 For lease-dump and lease-upload:
     -4 for DHCPv4 leases, -6 for DHCPv6 leases
     -i or --input file - the CSV file to upload
     -o or --output file - the CSV file to write
     -y or --yes - overwrite an existing output file without asking
`;
}
