// keactrl's command line: `keactrl <command> [-c file] [-s servers] [-f]` and `keactrl -v`. Options
// are parsed by yargs; the rules on top (one command, known server names, -f only with start) and the
// error texts are keactrl's own, printed in keactrl's "ERROR/keactrl:" style by the caller.
import yargs from 'yargs';
import { KEACTRL_ERR, KeactrlError } from './errors.js';
import { isServerKey, SERVER_KEYS, type ServerKey } from './servers.js';

export const COMMANDS = ['start', 'stop', 'reload', 'status', 'version'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** Default keactrl.conf of our /usr/local install (Kea's [sysconfdir]/kea/keactrl.conf). */
export const DEFAULT_KEACTRL_CONF = '/usr/local/etc/kea/keactrl.conf';

export type CliRequest =
  | { readonly kind: 'print-version' }
  | { readonly kind: 'help' }
  | {
      readonly kind: 'command';
      readonly command: CommandName;
      readonly ctrlConfig: string;
      readonly servers: readonly ServerKey[];
      /** -s named servers (not "all"). */
      readonly explicit: boolean;
      readonly foreground: boolean;
    };

export function usageText(program = 'keactrl'): string {
  return [
    `usage: ${program} <command> [-c|--ctrl-config keactrl-config-file] [-s|--server server[,server,...]]`,
    `       ${program} start -f|--foreground [...]   (stay in the foreground and restart crashed servers)`,
    `       ${program} -v|--version`,
    `commands: ${COMMANDS.join(' ')}`,
    `servers: all ${SERVER_KEYS.join(' ')}`,
  ].join('\n');
}

function usageError(message: string): KeactrlError {
  return new KeactrlError(KEACTRL_ERR.USAGE, message, true);
}

/** Splits and checks a -s value; "all" anywhere selects every server. */
export function parseServerList(value: string): { servers: ServerKey[]; explicit: boolean } {
  const names = value.split(',').filter((n) => n !== '');
  if (names.length === 0) throw usageError('servers not specified');
  for (const n of names) {
    if (n !== 'all' && !isServerKey(n)) throw usageError(`invalid server name: ${n}`);
  }
  if (names.includes('all')) return { servers: [...SERVER_KEYS], explicit: false };
  // Kea's order, whatever order the user typed them in.
  return { servers: SERVER_KEYS.filter((k) => names.includes(k)), explicit: true };
}

function single(value: unknown, option: string): string | undefined {
  if (value === undefined) return undefined;
  // A repeated option: the last one wins, as in most Unix tools.
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  if (typeof last !== 'string' || last === '') throw usageError(`${option} needs a value`);
  return last;
}

export function parseCommandLine(argv: readonly string[]): CliRequest {
  const parsed = yargs([...argv])
    // Off before our own -v/--version and -h/--help are declared, or yargs claims those names.
    .version(false)
    .help(false)
    .parserConfiguration({ 'camel-case-expansion': false, 'boolean-negation': false })
    .option('ctrl-config', { alias: 'c', type: 'string' })
    .option('server', { alias: 's', type: 'string' })
    .option('foreground', { alias: 'f', type: 'boolean' })
    .option('version', { alias: 'v', type: 'boolean' })
    .option('help', { alias: 'h', type: 'boolean' })
    .strictOptions()
    .exitProcess(false)
    .fail((msg, err) => {
      // yargs says "Unknown argument(s): x"; Kea's keactrl says "invalid option".
      const unknown = /^Unknown arguments?: (.*)$/.exec(msg ?? '');
      const named = unknown?.[1]
        ?.split(', ')
        .map((u) => (u.length === 1 ? `-${u}` : `--${u}`))
        .join(', ');
      throw usageError(named ? `invalid option: ${named}` : (err?.message ?? msg));
    })
    .parseSync();

  if (parsed.help) return { kind: 'help' };
  const positional = parsed._.map(String);
  if (parsed.version && positional.length === 0) return { kind: 'print-version' };
  if (positional.length === 0) throw usageError('missing command');
  const [command, ...extra] = positional;
  if (!(COMMANDS as readonly string[]).includes(command!)) throw usageError(`invalid command: ${command}`);
  if (extra.length > 0) throw usageError(`invalid option: ${extra[0]}`);
  if (parsed.version) throw usageError('invalid option: -v (use it alone: keactrl -v)');

  const ctrlConfig = single(parsed['ctrl-config'], '-c|--ctrl-config') ?? DEFAULT_KEACTRL_CONF;
  const serverArg = single(parsed.server, '-s|--server');
  const { servers, explicit } =
    serverArg === undefined ? { servers: [...SERVER_KEYS], explicit: false } : parseServerList(serverArg);
  const foreground = parsed.foreground === true;
  if (foreground && command !== 'start') throw usageError('-f|--foreground only goes with start');
  return { kind: 'command', command: command as CommandName, ctrlConfig, servers, explicit, foreground };
}
