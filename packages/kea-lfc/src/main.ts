// kea-lfc: the program. Exit status as Kea's: 1 for a bad command line, 0 otherwise (problems
// while cleaning up are logged and leave the files for the next run).
import { configureLoggers, initLogging, shutdownLogging } from '@kea-ts/log';
import { isKeaError } from '@kea-ts/util';
import { parseLfcArgs, USAGE, verboseEcho } from './cli.js';
import { KEA_ERR_LFC_USAGE } from './errors.js';
import { LFC_LOGGER, runLfc } from './lfc.js';
import { extendedVersion, LFC_VERSION } from './version.js';

function main(argv: string[]): number {
  let cmd: ReturnType<typeof parseLfcArgs>;
  try {
    cmd = parseLfcArgs(argv);
  } catch (e) {
    if (!isKeaError(e, KEA_ERR_LFC_USAGE)) throw e;
    process.stderr.write(`Usage error: ${e.message}\n${USAGE}\n`);
    process.stderr.write(`Service failed: ${e.message}\n`);
    return 1;
  }
  switch (cmd.kind) {
    case 'version':
      process.stdout.write(`${LFC_VERSION}\n`);
      return 0;
    case 'extended':
      process.stdout.write(`${extendedVersion()}\n`);
      return 0;
    case 'report':
      process.stdout.write(`${extendedVersion()}\n`);
      return 0;
    case 'help':
      process.stderr.write(`${USAGE}\n`);
      return 0;
  }
  const args = cmd.args;
  if (args.verbose) process.stdout.write(verboseEcho(args));
  initLogging(LFC_LOGGER);
  // Kea logs to the console with -d and to syslog otherwise; KEA_LOGGER_DESTINATION overrides.
  const output = args.verbose ? 'stdout' : (process.env.KEA_LOGGER_DESTINATION ?? 'syslog');
  try {
    configureLoggers([{ name: LFC_LOGGER, severity: 'INFO', output_options: [{ output }] }]);
  } catch {
    configureLoggers([{ name: LFC_LOGGER, severity: 'INFO', output_options: [{ output: 'stderr' }] }]);
  }
  runLfc(args);
  return 0;
}

const code = main(process.argv.slice(2));
await shutdownLogging();
process.exitCode = code;
