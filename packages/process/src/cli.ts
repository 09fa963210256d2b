// The command line every program shares with Kea's: -c file, -t file, -d, -v, -V, -W, and -p / -P for
// the DHCP daemons. Parsed with yargs, configured to Kea's getopt habits (short flags, no extras).
import yargs from 'yargs';

export type CliAction =
  | { kind: 'run'; configFile: string; verbose: boolean; serverPort?: number; clientPort?: number }
  | { kind: 'test'; configFile: string; verbose: boolean; serverPort?: number; clientPort?: number }
  | { kind: 'version' }
  | { kind: 'extended-version' }
  | { kind: 'build-report' }
  | { kind: 'usage'; error: string };

export function usageText(binary: string, dhcpPorts: boolean): string {
  const ports = dhcpPorts ? ' [-p number] [-P number]' : '';
  const lines = [
    `Usage: ${binary} -[v|V|W] [-d] [-{c|t} cfgfile]${ports}`,
    '  -v: print version number and exit',
    '  -V: print extended version and exit',
    '  -W: display the configuration report and exit',
    '  -d: debug mode with extra verbosity (former -v)',
    '  -c file: specify configuration file',
    '  -t file: check the configuration file syntax and exit',
  ];
  if (dhcpPorts) {
    lines.push('  -p number: specify non-standard server port number 1-65535 (useful for testing only)');
    lines.push('  -P number: specify non-standard client port number 1-65535 (useful for testing only)');
  }
  return lines.join('\n');
}

function port(value: unknown, flag: string): number {
  // Decimal digits only, as Kea's lexical_cast<int> takes them: Number() would also accept '0x43', '1e2'
  // and ' 67'.
  const text = String(value);
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new Error(`port specified with -${flag} must be a number in range 1-65535, got '${String(value)}'`);
  }
  return n;
}

export function parseCli(argv: readonly string[], dhcpPorts: boolean): CliAction {
  let failure: string | null = null;
  const parser = yargs([...argv])
    .help(false)
    .version(false)
    .strict()
    .parserConfiguration({
      'short-option-groups': true,
      'camel-case-expansion': false,
      'unknown-options-as-args': false,
    })
    .option('c', { type: 'string', requiresArg: true })
    .option('t', { type: 'string', requiresArg: true })
    .option('d', { type: 'boolean' })
    .option('v', { type: 'boolean' })
    .option('V', { type: 'boolean' })
    .option('W', { type: 'boolean' })
    .fail((msg: string | null, err: Error | null) => {
      failure = msg ?? err?.message ?? 'invalid command line';
    })
    .exitProcess(false);
  if (dhcpPorts) {
    parser
      .option('p', { type: 'string', requiresArg: true })
      .option('P', { type: 'string', requiresArg: true });
  }
  const args = parser.parseSync() as Record<string, unknown>;
  if (failure) return { kind: 'usage', error: failure };
  const positional = (args._ as unknown[]) ?? [];
  if (positional.length > 0)
    return { kind: 'usage', error: `extraneous command line information: ${positional.join(' ')}` };
  if (args.v) return { kind: 'version' };
  if (args.V) return { kind: 'extended-version' };
  if (args.W) return { kind: 'build-report' };
  const verbose = Boolean(args.d);
  let serverPort: number | undefined;
  let clientPort: number | undefined;
  try {
    if (args.p !== undefined) serverPort = port(args.p, 'p');
    if (args.P !== undefined) clientPort = port(args.P, 'P');
  } catch (err) {
    return { kind: 'usage', error: (err as Error).message };
  }
  const c = args.c as string | undefined;
  const t = args.t as string | undefined;
  if (c !== undefined && t !== undefined)
    return { kind: 'usage', error: 'only one of -c and -t may be given' };
  const ports = { ...(serverPort ? { serverPort } : {}), ...(clientPort ? { clientPort } : {}) };
  if (t !== undefined) return { kind: 'test', configFile: t, verbose, ...ports };
  if (c !== undefined) return { kind: 'run', configFile: c, verbose, ...ports };
  return { kind: 'usage', error: 'configuration file not specified (use -c file or -t file)' };
}
