// kea-lfc's command line, parsed as Kea's getopt(":46dhvVWp:x:i:o:c:f:") does: flags may be
// bundled (-4d), an option's value may be attached (-pfile) or follow, and no operands remain.
import { usageError } from './errors.js';

export interface LfcArgs {
  family: 4 | 6;
  pidFile: string;
  previous: string;
  copy: string;
  output: string;
  finish: string;
  config: string;
  verbose: boolean;
}

/** What the command line asks for: a run, or one of the informational exits. */
export type LfcCommand =
  | { kind: 'run'; args: LfcArgs }
  | { kind: 'version' | 'extended' | 'report' | 'help' };

const WITH_VALUE = new Set(['p', 'x', 'i', 'o', 'c', 'f']);

export function parseLfcArgs(argv: readonly string[]): LfcCommand {
  let family: 0 | 4 | 6 = 0;
  let verbose = false;
  const values: Record<string, string> = {};
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.length < 2 || arg[0] !== '-') break; // getopt stops at the first operand (POSIXLY)
    for (let k = 1; k < arg.length; k++) {
      const ch = arg[k]!;
      if (WITH_VALUE.has(ch)) {
        let value = arg.slice(k + 1);
        if (value === '') {
          if (i + 1 >= argv.length) throw usageError('Missing option argument');
          value = argv[++i]!;
        }
        values[ch] = value;
        break;
      }
      switch (ch) {
        case '4':
          family = 4;
          break;
        case '6':
          family = 6;
          break;
        case 'd':
          verbose = true;
          break;
        case 'v':
          return { kind: 'version' };
        case 'V':
          return { kind: 'extended' };
        case 'W':
          return { kind: 'report' };
        case 'h':
          return { kind: 'help' };
        default:
          throw usageError('Unknown argument');
      }
    }
  }
  if (i < argv.length) throw usageError('Extraneous parameters.');
  if (family === 0) throw usageError('DHCP version required');
  const need: [string, string][] = [
    ['p', 'PID file not specified'],
    ['x', 'Previous file not specified'],
    ['i', 'Copy file not specified'],
    ['o', 'Output file not specified'],
    ['f', 'Finish file not specified'],
    ['c', 'Config file not specified'],
  ];
  for (const [k, msg] of need) if (!values[k]) throw usageError(msg);
  return {
    kind: 'run',
    args: {
      family,
      pidFile: values.p!,
      previous: values.x!,
      copy: values.i!,
      output: values.o!,
      finish: values.f!,
      config: values.c!,
      verbose,
    },
  };
}

export const USAGE = `Usage: kea-lfc
 [-4|-6] -p file -x file -i file -o file -f file -c file
   -4 or -6 clean a set of v4 or v6 lease files
   -p <file>: PID file
   -x <file>: previous or ex lease file
   -i <file>: copy of lease file
   -o <file>: output lease file
   -f <file>: finish file
   -c <file>: configuration file
   -v: print version number and exit
   -V: print extended version information and exit
   -d: optional, verbose output 
   -h: print this message 
`;

/** The echo Kea prints with -d before starting. */
export function verboseEcho(a: LfcArgs): string {
  return (
    `Protocol version:    DHCPv${a.family}\n` +
    `Previous or ex lease file: ${a.previous}\n` +
    `Copy lease file:           ${a.copy}\n` +
    `Output lease file:         ${a.output}\n` +
    `Finish file:               ${a.finish}\n` +
    `Config file:               ${a.config}\n` +
    `PID file:                  ${a.pidFile}\n\n`
  );
}
